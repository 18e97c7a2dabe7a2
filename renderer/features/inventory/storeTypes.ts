/** The inventory slice: the offline grid of every AMI, scans, the public catalogue. */
import type { AppError } from '../../../shared/errors';
import type { ChannelInput, ChannelOutput, InventorySummary } from '../../../shared/contract';
import type { AmiRow } from '../../../shared/ami-rows';
import type { InventoryColumn, InventoryFilter, InventoryRow, ScanStatus, ScanTarget, TargetPermissionsUpdate } from '../../../shared/inventory';
import type { InventorySort } from '../../lib/inventory';
import type { AmiSummary } from '../../../shared/model';
import type { CostView } from './costView';
import type { StoredAmiUsage } from '../../../shared/contract/usage';

/** A usage check under way or just over: account-regions read of those to read, and how it ended. */
export interface UsageCheck {
  state: 'idle' | 'running' | 'done' | 'error';
  done: number;
  total: number;
  error: AppError | null;
}

/** Main area: one account's images, every account's inventory (or a public catalogue search), the share matrix, the audit log, Image Builder, or Clean-up. */
export type Mode = 'accounts' | 'inventory' | 'matrix' | 'audit' | 'builder' | 'cleanup';
export type CatalogueScope = 'public' | 'marketplace' | 'amazon';

export interface CatalogueState {
  scope: CatalogueScope;
  name: string;
  owner: string;
  /** Which account/region the results came from. */
  account: string | null;
  region: string | null;
  images: AmiSummary[];
  nextToken: string | null;
  loading: boolean;
  error: AppError | null;
  searched: boolean;
}

export interface InventorySlice {
  mode: Mode;
  setMode(mode: Mode): void;
  /** Listings per scan target ("account|region|view"); `inventory` folds them into one row per AMI. */
  inventoryByTarget: ReadonlyMap<string, readonly InventoryRow[]>;
  inventory: AmiRow[];
  inventoryStatus: 'idle' | 'loading' | 'ready' | 'error';
  inventoryError: AppError | null;
  inventorySummary: InventorySummary | null;
  loadInventory(): Promise<void>;
  /** A target finished: its rows replace what it held. */
  applyTargetRows(payload: { scanId: string; target: ScanTarget; rows: InventoryRow[] }): void;
  /** Launch permissions read for some of a target's rows: those rows change (the rest of the target as it is). */
  applyTargetPermissions(payload: { scanId: string; target: ScanTarget; permissions: TargetPermissionsUpdate[] }): void;
  scan: ScanStatus | null;
  scanError: AppError | null;
  /** The scan's line above the current place (progress, Cancel, Retry). */
  scanPanelOpen: boolean;
  setScanPanelOpen(open: boolean): void;
  /** Its details popover: the targets by account, failures first. */
  scanDetailsOpen: boolean;
  setScanDetailsOpen(open: boolean): void;
  /** A scan that ended with failures says so in a toast, until dismissed. */
  scanToast: { scanId: string; failed: number; accounts: string[] } | null;
  dismissScanToast(): void;
  applyScanProgress(status: ScanStatus): void;
  /**
   * Scans every account. A rescan keeps the launch permissions of AMIs unchanged since they were
   * read (within a day); `rereadPermissions` reads every AMI's again (shares changed outside the app);
   * `accounts` and `regions` narrow it (a retry of the failures).
   */
  startScan(options?: { rereadPermissions?: boolean; accounts?: string[]; regions?: string[] }): Promise<void>;
  cancelScan(): Promise<void>;
  filter: InventoryFilter;
  setFilter(update: InventoryFilter | ((current: InventoryFilter) => InventoryFilter)): void;
  inventorySort: InventorySort;
  setInventorySort(sort: InventorySort): void;
  visibleColumns: InventoryColumn[];
  setVisibleColumns(columns: InventoryColumn[]): void;
  /** Key of the selected inventory row (the AMI's owner, region and image id). */
  selectedRowKey: string | null;
  selectRow(key: string | null): void;
  openRow(key: string): void;
  /** Writes the CSV; the family pattern in force goes with it, so the file's families are the grid's. */
  exportInventory(input: Omit<ChannelInput<'inventory:export'>, 'familyPattern'>): Promise<ChannelOutput<'inventory:export'>>;
  /** The user's family pattern (shared/family.ts); '' means the built-in rules. Remembered between launches. */
  familyPattern: string;
  /** Takes a pattern already checked (compileFamilyPattern). */
  setFamilyPattern(pattern: string): void;
  /** What the inventory body shows under the filters: the AMIs, or their cost totals. */
  inventoryPane: 'amis' | 'costs';
  setInventoryPane(pane: 'amis' | 'costs'): void;
  costView: CostView;
  setCostView(patch: Partial<CostView>): void;
  /** Each owned AMI's last usage check by usageKey (owner account entry, region, image id), from `usage:stored`. */
  usage: ReadonlyMap<string, StoredAmiUsage>;
  loadUsage(): Promise<void>;
  usageCheck: UsageCheck;
  /** Checks where the owned AMIs of these accounts and regions (default: all) are used, then shows the In use column. */
  checkUsage(scope: { accounts?: string[]; regions?: string[] }): Promise<void>;
  applyUsageProgress(progress: { done: number; total: number }): void;
}

/** The public catalogue (public & community, Marketplace, Amazon), beside the inventory grid. */
export interface CatalogueSlice {
  /** Public & community, Marketplace, Amazon: searched live for the active account and region. */
  catalogueTab: CatalogueScope | null;
  setCatalogueTab(scope: CatalogueScope | null): void;
  catalogue: CatalogueState;
  /** How catalogue results are ordered: within what is loaded, since AWS pages come in no order. */
  catalogueSort: InventorySort;
  setCatalogueSort(sort: InventorySort): void;
  setCatalogueQuery(query: { name?: string; owner?: string }): void;
  searchCatalogue(more?: boolean): Promise<void>;
  /** Selection and detail in a catalogue tab (by image id; the region is the search's). */
  selectCatalogueImage(imageId: string | null): void;
  openCatalogueImage(imageId: string): void;
}
