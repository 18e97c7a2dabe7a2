/**
 * The inventory service: scan accounts × regions into the offline cache, read it back (summary,
 * pages), export it as CSV. Serves `inventory:*`; the CLI uses `scanFinished` and `exportTo`.
 *
 * One scan runs at a time: asking for another while one runs answers the running scan's
 * status (the caller follows it through `inventory:progress`), so a double click or a second
 * window never doubles the load on AWS.
 */
import type { Writable } from 'node:stream';
import { AppError } from '../../../shared/errors';
import type { ChannelParsedInput } from '../../../shared/contract';
import type { InventoryFilter, ScanStatus, ScanTarget } from '../../../shared/inventory';
import type { ImageView } from '../../../shared/model';
import type { CoreContext } from '../context';
import { asStorageError } from '../db/storage-errors';
import type { InventoryCache, PermissionsBatch } from './cache';
import { awsScanOps } from './aws-ops';
import { writeInventoryCsv } from './csv';
import { defaultExportName, exportCsvFile } from './export-file';
import { DEFAULT_SCAN_LIMITS, InventoryScan, scanPacer, snapshot, type ScanLimits } from './scanner';
import { cachedAmis, targetsAcross, type InventoryStore } from './store';
import { namesFrom, permissionsPending, type AmiRow, type InventoryNames } from '../../../shared/ami-rows';
import { withUsage } from '../../../shared/inventory';
import { usageMarks } from '../usage/store';
import { compileFamilyPattern } from '../../../shared/family';
import { channels } from '../../../shared/contract/inventory';
import { serve, type ServedHandlers, type ServiceOf } from '../serve';


export interface InventoryOptions {
  store: InventoryStore;
  /** Asks where to save an export; null when the user cancelled. */
  chooseSavePath?: (defaultName: string) => Promise<string | null>;
  limits?: Partial<ScanLimits>;
  /** Where failures no caller is waiting for go (logged, and said to the user). */
  onFault?: (what: string, error: unknown) => void;
}

export type ExportInput = ChannelParsedInput<'inventory:export'>;

export interface InventoryService {
  handlers: ServedHandlers<typeof channels>;
  /** Resolves with the final status of the running scan (null when none runs). */
  scanFinished(): Promise<ScanStatus | null>;
  /** The export's bytes to any stream (the CLI writes to stdout or a file). */
  exportTo(out: Writable, input: ExportInput, endOutput?: boolean): Promise<number>;
  cancelAll(): void;
}

const ALL_VIEWS: ImageView[] = ['owned', 'shared'];

export function inventoryService(ctx: CoreContext, options: InventoryOptions): InventoryService {
  /** "acme-prod/eu-west-1 (owned)": a target as people read it. */
  const placeOf = (target: ScanTarget) => `${ctx.find(target.account)?.account.name ?? 'an account no longer in the workspace'}/${target.region} (${target.view})`;
  const { store } = options;
  const limits: ScanLimits = { ...DEFAULT_SCAN_LIMITS, ...options.limits };
  const ops = awsScanOps(ctx);
  // One pacer for every scan of this app: EC2's buckets do not refill because a new scan started.
  const pacer = scanPacer(limits);
  let running: { scan: InventoryScan; done: Promise<ScanStatus> } | null = null;

  const cacheOf = (account: string) => {
    const located = ctx.find(account);
    return located ? store.cacheFor(located.source) : null;
  };
  const caches = () => store.cachesOf([ctx.active()]);
  // Accounts and owners by name, from the open workspace, and families by the user's pattern, for
  // the filter's search text, the family facet and the CSV.
  const names = (familyPattern: string | null | undefined) => {
    const checked = compileFamilyPattern(familyPattern);
    if (!checked.ok) throw new AppError({ code: 'VALIDATION', message: `The family pattern cannot be used. ${checked.error}`, retryable: false });
    // Usage rides on the names, as in the grid: the In use filter and column export what is seen.
    // An export names each AMI's family once: nothing is remembered past the row (see familyNamer).
    return withUsage(namesFrom(ctx.active().registry.listAccounts(), familyPattern, 'last'), usageMarks(ctx.active().registry.db));
  };
  const rowsFor = (filter: InventoryFilter | null, n: InventoryNames) => cachedAmis(caches(), filter, n);

  const exportTo = async (out: Writable, input: ExportInput, endOutput = true) => {
    const n = names(input.familyPattern);
    return writeInventoryCsv(rowsFor(input.filter, n), { columns: input.columns, bom: input.bom, names: n }, out, endOutput);
  };

  // The channels' service (see serve.ts): `inventory:scan` → scan(), …
  const service: ServiceOf<typeof channels> = {
    scan: async (input) => {
      if (running) return snapshot(running.scan.status);
      // Each AWS account once, however many paths reach it.
      const accounts = input.accounts ?? ctx.active().registry.listAccounts().map((a) => a.id);
      for (const account of accounts) ctx.require(account);
      const scan = new InventoryScan(
        {
          accounts: [...new Set(accounts)],
          views: input.views ?? ALL_VIEWS,
          ...(input.regions ? { regions: [...new Set(input.regions)] } : {}),
          ...(input.permissionsMaxAgeHours !== undefined ? { permissionsMaxAgeMs: input.permissionsMaxAgeHours * 3_600_000 } : {}),
        },
        ops,
        {
          progress: (status) => ctx.emit('inventory:progress', status),
          targetDone: (target, rows, scannedAt, permissionsReadAt) => {
            try {
              cacheOf(target.account)?.replaceTarget(target, rows, scannedAt, permissionsReadAt);
            } catch (error) {
              // The target fails with what to do (disk full, data folder in use); its previous rows stay.
              throw asStorageError(error, `saving ${placeOf(target)} in the inventory`);
            }
            ctx.emit('inventory:targetRows', { scanId: scan.status.scanId, target, rows });
          },
          knownPermissions: (target) => cacheOf(target.account)?.knownPermissions(target) ?? new Map(),
          permissionsRead: (batches, readAt) => {
            // One transaction per workspace the targets' accounts belong to (all of them, almost always).
            const byCache = new Map<InventoryCache, PermissionsBatch[]>();
            for (const batch of batches) {
              const cache = cacheOf(batch.target.account);
              if (!cache) continue;
              const some = byCache.get(cache);
              if (some) some.push(batch);
              else byCache.set(cache, [batch]);
            }
            for (const [cache, some] of byCache) {
              try {
                cache.setPermissions(some, readAt);
              } catch (error) {
                const places = placeOf(some[0]!.target) + (some.length > 1 ? ` and ${some.length - 1} more account-regions` : '');
                throw asStorageError(error, `saving the launch permissions of ${places} in the inventory`);
              }
              // Only what changed: resending the target's rows for every batch cost more than the reads.
              for (const { target, updates } of some) {
                ctx.emit('inventory:targetPermissions', { scanId: scan.status.scanId, target, permissions: updates });
              }
            }
          },
          permissionsFailed: (target, failure) => {
            try {
              cacheOf(target.account)?.markPermissionsFailed(target, failure);
            } catch (error) {
              throw asStorageError(error, `recording that the launch permissions of ${placeOf(target)} could not be read`);
            }
          },
          targetFailed: (target, failure, at) => {
            try {
              cacheOf(target.account)?.markFailed(target, failure, at);
            } catch (error) {
              throw asStorageError(error, `recording that ${placeOf(target)} failed`);
            }
          },
        },
        limits,
        pacer,
      );
      const current = {
        scan,
        done: scan
          .run()
          .catch((error: unknown) => {
            // Targets settle their own failures; anything else is a bug, reported and not left unhandled.
            options.onFault?.('the inventory scan', error);
            scan.cancel();
            return scan.status;
          })
          .finally(() => {
            if (running === current) running = null;
          }),
      };
      running = current;
      return snapshot(scan.status);
    },

    cancel: async ({ scanId }) => {
      if (!running || running.scan.status.scanId !== scanId) return null;
      running.scan.cancel();
      return snapshot(await running.done);
    },

    summary: async () => {
      const all = caches();
      const targets = all.flatMap((c) => c.targets());
      const holding = targets.filter((t) => t.count > 0 && t.scannedAt !== null).map((t) => t.scannedAt!);
      return {
        total: all.reduce((n, c) => n + c.total(), 0),
        targets,
        asOf: holding.length > 0 ? holding.reduce((a, b) => (a < b ? a : b)) : null,
        running: running ? snapshot(running.scan.status) : null,
      };
    },

    rows: async ({ targets }) => targetsAcross(caches(), targets),

    export: async (input) => {
      if (!options.chooseSavePath) {
        throw new AppError({ code: 'INTERNAL', message: 'This host cannot ask where to save a file.', retryable: false });
      }
      // Checked before the save dialog: a pattern that cannot be used should not cost a file choice.
      const n = names(input.familyPattern);
      const file = await options.chooseSavePath(defaultExportName());
      if (file === null) return { path: null, rows: 0, permissionsPending: 0 };
      // Rows whose permissions a running scan has not read yet are exported as pending, and counted for the user.
      let permissionsPendingCount = 0;
      const counted = function* (rows: Iterable<AmiRow>) {
        for (const row of rows) {
          if (permissionsPending(row)) permissionsPendingCount += 1;
          yield row;
        }
      };
      const rows = await exportCsvFile(file, counted(rowsFor(input.filter, n)), { columns: input.columns, bom: input.bom, names: n });
      return { path: file, rows, permissionsPending: permissionsPendingCount };
    },
  };
  const handlers = serve(channels, service);

  return {
    handlers,
    scanFinished: async () => (running ? running.done : null),
    exportTo,
    cancelAll: () => running?.scan.cancel(),
  };
}
