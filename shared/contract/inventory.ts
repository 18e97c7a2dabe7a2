/** The offline inventory: scanning every account and region, reading it back in pages, exporting it as CSV. */
import { z } from 'zod';
import { INVENTORY_COLUMNS, type InventoryPage, type InventoryPageBytes, type InventoryRow, type ScanStatus, type ScanTarget, type TargetProgress, type TargetPermissionsUpdate } from '../inventory';
import { id, region, common, output, event } from './fields';
import { FAMILY_PATTERN_MAX } from '../family';

export const schemas = {
  inventoryScan: z.strictObject({
    /** Default: every account of the workspace. */
    accounts: z.array(id).max(1000).optional(),
    /** Default: each account's enabled regions. */
    regions: z.array(region).max(64).optional(),
    views: z.array(z.enum(['owned', 'shared'])).min(1).max(2).optional(),
    /** Launch permissions read longer ago are read again even for unchanged AMIs; 0 reads all (default: a day). */
    permissionsMaxAgeHours: z.number().min(0).max(8760).optional(),
  }),
  scanRef: z.strictObject({ scanId: id }),
  inventoryRows: z.strictObject({
    /** Whole targets, so a page is never split by a scan that writes while it loads. */
    targets: z
      .array(z.strictObject({ account: id, region, view: z.enum(['owned', 'shared']) }))
      .min(1)
      .max(5000),
  }),
  inventoryExport: z.strictObject({
    columns: z.array(z.enum(INVENTORY_COLUMNS)).min(1).max(INVENTORY_COLUMNS.length),
    /** null exports the whole inventory. */
    filter: z
      .strictObject({
        text: z.string().max(500),
        regions: z.array(z.string().max(32)).max(64),
        platforms: z.array(z.string().max(100)).max(100),
        architectures: z.array(z.string().max(32)).max(10),
        launchPermissions: z.array(z.enum(['private', 'shared', 'organization', 'public'])).max(4),
        rootDeviceTypes: z.array(z.string().max(32)).max(4),
        states: z.array(z.string().max(32)).max(20),
        accounts: z.array(id).max(1000),
        owners: z.array(z.string().max(64)).max(1000),
        /** Absent from callers that predate the family facet: none chosen. */
        families: z.array(z.string().max(256)).max(1000).default([]),
        views: z.array(z.enum(['owned', 'shared'])).max(2),
        deprecated: z.enum(['any', 'yes', 'no']),
        encrypted: z.enum(['any', 'yes', 'no']),
        tags: z.array(z.string().max(300)).max(50),
        /** Absent from callers that predate usage checks: none chosen. */
        inUse: z.array(z.enum(['yes', 'no', 'unknown'])).max(3).default([]),
      })
      .nullable(),
    /** A byte-order mark so Excel reads UTF-8. */
    bom: z.boolean(),
    /** The user's family pattern (shared/family.ts), for the family column and facet; absent or empty: the built-in rules. */
    familyPattern: z.string().max(FAMILY_PATTERN_MAX).nullable().optional(),
  }),
} as const;

export interface InventorySummary {
  total: number;
  /** Every target's last scan (whether it worked, when, how many rows). */
  targets: TargetProgress[];
  /** The oldest scan time among the targets that hold rows: "as of". */
  asOf: string | null;
  /** The scan running now, if any. */
  running: ScanStatus | null;
}

export const channels = {
  'inventory:scan': { input: schemas.inventoryScan, output: output<ScanStatus>() },
  'inventory:cancel': { input: schemas.scanRef, output: output<ScanStatus | null>() },
  'inventory:summary': { input: common.empty, output: output<InventorySummary>() },
  /** The core answers with the page's JSON text; what reaches the renderer is its UTF-8 bytes (electron/ipc/wire.ts). */
  'inventory:rows': { input: schemas.inventoryRows, output: output<InventoryPage | InventoryPageBytes>() },
  /** Streams the rows to a file the user picks in the native save dialog (main decides the path). */
  'inventory:export': { input: schemas.inventoryExport, output: output<{ path: string | null; rows: number; permissionsPending: number }>() },
} as const;

export const events = {
  /** Scan progress: per target and overall. */
  'inventory:progress': event<ScanStatus>(),
  /** A target finished: its rows replace whatever the inventory held for it. */
  'inventory:targetRows': event<{ scanId: string; target: ScanTarget; rows: InventoryRow[] }>(),
  /** A scan's second phase read some of a listed target's launch permissions: only those rows change (an image gone meanwhile is dropped). */
  'inventory:targetPermissions': event<{ scanId: string; target: ScanTarget; permissions: TargetPermissionsUpdate[] }>(),
} as const;
