/**
 * Applying a clean-up: deregistering with the snapshots no remaining AMI uses (apply.ts), the
 * Recycle Bin (recycle-bin.ts), orphaned snapshots (orphans.ts). Every change names its
 * production accounts first, is audited per AMI or snapshot, and reports per item; each
 * account-region is read once, a few at a time. Serves `cleanup:*` (see serve.ts).
 */
import { plural } from '../../../shared/words';
import { DeleteSnapshotCommand, DescribeImagesCommand, RestoreImageFromRecycleBinCommand, RestoreSnapshotFromRecycleBinCommand, ListSnapshotsInRecycleBinCommand, type Snapshot } from '@aws-sdk/client-ec2';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import type { OrphanSnapshot, RecycleBinCoverage, RecycleBinImage, SnapshotDeleteResult } from '../../../shared/cleanup';
import { AppError, placeLabel, type AppErrorShape } from '../../../shared/errors';
import { accountError, placeError, type CoreContext, type Located } from '../context';
import type { InventoryReflector } from '../inventory/reflect-change';
import type { InventoryStore } from '../inventory/store';
import { mapLimited } from '../map-limited';
import { requireConfirmations } from '../production-guard';
import type { AuditBook } from '../sharing/audit-book';
import { auditPlace, withAuditNote } from '../sharing/audit-log';
import { applyGroup } from './apply';
import { findOrphans, ownSnapshots, type Place } from './orphans';
import { coverageOf, createRegionRule, readBinImages, readRules } from './recycle-bin';
import { imageNamedBy } from './snapshot-origin';

export interface CleanupDeps {
  aws: Pick<CoreContext, 'read' | 'write' | 'pool' | 'active'>;
  accounts: Pick<CoreContext, 'require' | 'actingPath' | 'workspace' | 'knownAs'>;
  events: Pick<CoreContext, 'emit'>;
  audit: AuditBook;
  reflect: InventoryReflector;
  inventory: InventoryStore;
}

/** Account-regions worked on at once. */
const PLACES_AT_ONCE = 4;
/** Account-regions read at once (reads only). */
const READS_AT_ONCE = 8;
/** Audit entries looked through for the snapshots an AMI being restored was deregistered with. */
const RESTORE_AUDIT_LOOKBACK = 5000;


function groupByPlace<T extends { account: string; region: string }>(items: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = `${item.account}|${item.region}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.values()];
}

const asAppError = (error: unknown, record: Located['account'], region: string, action: string): AppError =>
  error instanceof AppError ? error : accountError(error, record, region, action);

export class CleanupService {
  constructor(protected readonly deps: CleanupDeps) {}

  /** Deregisters each AMI with the snapshots no other AMI uses; per-AMI results in the order asked. */
  async apply({ images, confirmations, runId }: ChannelParsedInput<'cleanup:apply'>): Promise<ChannelOutput<'cleanup:apply'>> {
    const { accounts, events } = this.deps;
    const unique = [...new Map(images.map((r) => [`${r.account}|${r.region}|${r.imageId}`, r])).values()];
    requireConfirmations(accounts, unique.map((r) => r.account), confirmations, 'deregistering its AMIs and deleting their snapshots');
    let done = 0;
    const tick = () => {
      done++;
      if (runId) events.emit('cleanup:progress', { runId, done, total: unique.length });
    };
    const perGroup = await mapLimited(groupByPlace(unique), PLACES_AT_ONCE, (refs) => applyGroup(this.deps, refs[0]!.account, refs[0]!.region, refs, tick));
    const byRef = new Map(perGroup.flat().map((r) => [`${r.ref.account}|${r.ref.region}|${r.ref.imageId}`, r]));
    const results = unique.map((r) => byRef.get(`${r.account}|${r.region}|${r.imageId}`)!);
    events.emit('images:changed', {
      images: results.filter((r) => r.outcome === 'deregistered').map((r) => r.ref),
      auditIds: results.flatMap((r) => (r.auditId ? [r.auditId] : [])),
    });
    return results;
  }

  /** Per account-region: what its Recycle Bin keeps, and the AMIs it holds. */
  async recycleBin({ places }: ChannelParsedInput<'cleanup:recycleBin'>): Promise<ChannelOutput<'cleanup:recycleBin'>> {
    const unique = [...new Map(places.map((p) => [`${p.account}|${p.region}`, p])).values()];
    const read = await mapLimited(unique, READS_AT_ONCE, (p) => this.readPlace(p.account, p.region));
    return { coverage: read.map((r) => r.coverage), images: read.flatMap((r) => r.images) };
  }

  /** A Region-level rule for AMIs (and, when asked, one for snapshots), then the place's coverage. */
  async createRule({ account, region, retentionDays, snapshotsToo, confirmations }: ChannelParsedInput<'cleanup:createRule'>): Promise<ChannelOutput<'cleanup:createRule'>> {
    const { accounts, aws } = this.deps;
    requireConfirmations(accounts, [account], confirmations, 'adding a Recycle Bin rule');
    const located = accounts.require(account);
    const record = located.account;
    const log = this.deps.audit.logFor(located.source);
    const acting = accounts.actingPath(account);
    const what = `Recycle Bin rule: every deregistered AMI kept ${plural(retentionDays, 'day')}${snapshotsToo ? ', and every deleted EBS snapshot' : ''}.`;
    const entry = { ...auditPlace('recycle-bin-rule', account, record, acting, region), imageId: '', imageName: '', snapshotIds: [] };
    try {
      await aws.write(account, region, 'rbin:CreateRule', async (path) => {
        const rbin = aws.pool.rbin(path, region);
        const wrap = (error: unknown) => placeError(error, path, region, 'rbin:CreateRule');
        await createRegionRule(rbin, 'EC2_IMAGE', retentionDays).catch((error: unknown) => {
          throw wrap(error);
        });
        // Snapshots at least as long as the AMIs, or an AMI would outlive what it needs to come back.
        if (snapshotsToo) {
          await createRegionRule(rbin, 'EBS_SNAPSHOT', retentionDays).catch((error: unknown) => {
            throw wrap(error);
          });
        }
      });
    } catch (error) {
      const appError = asAppError(error, record, region, 'rbin:CreateRule');
      log.record({ ...entry, outcome: 'failed', error: appError.message, detail: what });
      throw appError;
    }
    log.record({ ...entry, outcome: 'ok', error: null, detail: what });
    return (await this.readPlace(account, region)).coverage;
  }

  /**
   * Brings an AMI back from the Recycle Bin: its snapshots first (those the bin holds whose
   * description names it), then the AMI, which is then read and put back in the inventory.
   */
  async restore({ account, region, imageId, confirmations }: ChannelParsedInput<'cleanup:restore'>): Promise<ChannelOutput<'cleanup:restore'>> {
    const { accounts, aws, reflect, events } = this.deps;
    requireConfirmations(accounts, [account], confirmations, 'restoring an AMI from the Recycle Bin');
    const located = accounts.require(account);
    const record = located.account;
    const where = placeLabel(record.name, record.awsAccountId, region);
    const log = this.deps.audit.logFor(located.source);
    const acting = accounts.actingPath(account);
    const place = { account, accountName: record.name, region };
    let name = imageId;
    const restoredSnapshots: string[] = [];
    const entry = () => ({ ...auditPlace('restore', account, record, acting, region), imageId, imageName: name, snapshotIds: restoredSnapshots });
    try {
      const held = await aws.read(account, region, 'ec2:ListImagesInRecycleBin', (path) =>
        readBinImages(aws.pool.ec2(path, region), place, [imageId]).catch((error: unknown) => {
          throw placeError(error, path, region, 'ec2:ListImagesInRecycleBin');
        }),
      );
      const binned = held.find((i) => i.imageId === imageId);
      if (!binned) {
        throw new AppError({
          code: 'NOT_FOUND',
          message: `${imageId} is not in the Recycle Bin of ${where}: restored already, or its retention has passed.`,
          retryable: false,
          details: { account, accountName: record.name, ...(record.awsAccountId ? { awsAccountId: record.awsAccountId } : {}), region, action: 'ec2:ListImagesInRecycleBin' },
        });
      }
      name = binned.name;
      const image = await aws.write(account, region, 'ec2:RestoreImageFromRecycleBin', async (path) => {
        const ec2 = aws.pool.ec2(path, region);
        const wrap = (action: string) => (error: unknown) => {
          throw placeError(error, path, region, action);
        };
        const snapshots = await listBinSnapshots(ec2).catch(wrap('ec2:ListSnapshotsInRecycleBin'));
        // Its snapshots: those whose description names it, and those the app deleted with it (any description).
        const deletedWithIt = new Set(
          log
            .list(RESTORE_AUDIT_LOOKBACK)
            .filter((e) => e.action === 'deregister' && e.outcome === 'ok' && e.imageId === imageId && e.region === region && e.account === account)
            .flatMap((e) => e.snapshotIds),
        );
        for (const s of snapshots.filter((s) => imageNamedBy(s.description) === imageId || deletedWithIt.has(s.snapshotId))) {
          await ec2.send(new RestoreSnapshotFromRecycleBinCommand({ SnapshotId: s.snapshotId })).catch(wrap('ec2:RestoreSnapshotFromRecycleBin'));
          restoredSnapshots.push(s.snapshotId);
        }
        await ec2.send(new RestoreImageFromRecycleBinCommand({ ImageId: imageId })).catch(wrap('ec2:RestoreImageFromRecycleBin'));
        const out = await ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] })).catch(wrap('ec2:DescribeImages'));
        return { image: out.Images?.[0] ?? null, awsAccountId: path.awsAccountId };
      });
      if (image.image) reflect.added({ account, region, view: 'owned' }, image.image, image.awsAccountId ?? record.awsAccountId);
      const state = image.image?.State ?? 'unknown';
      const message = `Restored ${name} (${imageId}) in ${where}${restoredSnapshots.length > 0 ? `, after its ${restoredSnapshots.length === 1 ? 'snapshot' : plural(restoredSnapshots.length, 'snapshot')} ${restoredSnapshots.join(', ')}` : ''}: it is ${state} again and back in the inventory. Who it was shared with is not restored: share it again if needed.`;
      const logged = log.record({ ...entry(), outcome: 'ok', error: null, detail: message });
      events.emit('images:changed', { images: [{ account, region, imageId }], auditIds: logged.id ? [logged.id] : [] });
      return { message: withAuditNote(message, logged), auditId: logged.id };
    } catch (error) {
      const appError = asAppError(error, record, region, 'ec2:RestoreImageFromRecycleBin');
      const message = restoredSnapshots.length > 0 ? `${appError.message} (${plural(restoredSnapshots.length, 'snapshot')} restored before it failed: ${restoredSnapshots.join(', ')}.)` : appError.message;
      log.record({ ...entry(), outcome: 'failed', error: message, detail: null });
      throw new AppError({ ...appError.toShape(), message });
    }
  }

  /** Snapshots made for AMIs that no longer exist, in the accounts and regions asked (default: all, where scanned). */
  async orphans({ accounts: wanted, regions }: ChannelParsedInput<'cleanup:orphans'>): Promise<ChannelOutput<'cleanup:orphans'>> {
    const { accounts, aws, inventory } = this.deps;
    const workspace = accounts.workspace();
    const chosen = workspace.accounts.filter((a) => !wanted || wanted.includes(a.id));
    const scanned = new Map<string, Set<string>>();
    for (const target of inventory.cacheFor(aws.active()).targets()) {
      if (target.view !== 'owned') continue;
      scanned.set(target.account, (scanned.get(target.account) ?? new Set()).add(target.region));
    }
    const places: Place[] = chosen.flatMap((a) => {
      const where = regions ?? [...new Set([a.defaultRegion, ...a.favoriteRegions, ...(scanned.get(a.id) ?? [])])].sort();
      return where.map((region) => ({ account: a.id, accountName: a.name, region }));
    });
    const read = await mapLimited(places, READS_AT_ONCE, async (place): Promise<OrphanSnapshot[] | AppError> => {
      try {
        return await aws.read(place.account, place.region, 'ec2:DescribeSnapshots', (path) =>
          findOrphans(aws.pool.ec2(path, place.region), place, (error, action) => placeError(error, path, place.region, action)),
        );
      } catch (error) {
        const located = accounts.require(place.account);
        return asAppError(error, located.account, place.region, 'ec2:DescribeSnapshots');
      }
    });
    const failures = read.filter((r): r is AppError => r instanceof AppError);
    // Nothing read at all is an error, not an empty list.
    if (failures.length > 0 && failures.length === read.length) throw failures[0]!;
    return { snapshots: read.flatMap((r) => (r instanceof AppError ? [] : r)), unread: failures.map((f) => f.toShape()) };
  }

  /** Deletes each snapshot (through the account's acting path); per-snapshot results in the order asked. */
  async deleteSnapshots({ snapshots, confirmations, runId }: ChannelParsedInput<'cleanup:deleteSnapshots'>): Promise<ChannelOutput<'cleanup:deleteSnapshots'>> {
    const { accounts, events } = this.deps;
    const unique = [...new Map(snapshots.map((s) => [`${s.account}|${s.region}|${s.snapshotId}`, s])).values()];
    requireConfirmations(accounts, unique.map((s) => s.account), confirmations, 'deleting its snapshots');
    let done = 0;
    const tick = () => {
      done++;
      if (runId) events.emit('cleanup:progress', { runId, done, total: unique.length });
    };
    const perGroup = await mapLimited(groupByPlace(unique), PLACES_AT_ONCE, (group) => this.deleteGroup(group[0]!.account, group[0]!.region, group.map((g) => g.snapshotId), tick));
    const byKey = new Map(perGroup.flat().map((r) => [`${r.account}|${r.region}|${r.snapshotId}`, r]));
    const results = unique.map((s) => byKey.get(`${s.account}|${s.region}|${s.snapshotId}`)!);
    events.emit('images:changed', { images: [], auditIds: results.flatMap((r) => (r.auditId ? [r.auditId] : [])) });
    return results;
  }

  private async deleteGroup(account: string, region: string, snapshotIds: readonly string[], tick: () => void): Promise<SnapshotDeleteResult[]> {
    const { accounts, aws, audit } = this.deps;
    let located: Located;
    try {
      located = accounts.require(account);
    } catch (error) {
      const shape: AppErrorShape = error instanceof AppError ? error.toShape() : { code: 'INTERNAL', message: String(error), retryable: false };
      return snapshotIds.map((snapshotId) => {
        tick();
        return { account, accountName: '', region, snapshotId, outcome: 'failed', message: shape.message, error: shape, auditId: null };
      });
    }
    const record = located.account;
    const log = audit.logFor(located.source);
    const acting = accounts.actingPath(account);
    const where = placeLabel(record.name, record.awsAccountId, region);
    // Read once for the words (size, the AMI it was made for); a failed read only loses those.
    const seen = new Map<string, Snapshot>();
    try {
      const read = await aws.read(account, region, 'ec2:DescribeSnapshots', (path) => ownSnapshots(aws.pool.ec2(path, region), (error, action) => placeError(error, path, region, action), snapshotIds));
      for (const s of read) if (s.SnapshotId) seen.set(s.SnapshotId, s);
    } catch {
      // Each deletion below still says what AWS answers for it.
    }
    const results: SnapshotDeleteResult[] = [];
    for (const snapshotId of snapshotIds) {
      const snapshot = seen.get(snapshotId);
      const madeFor = imageNamedBy(snapshot?.Description);
      const entry = {
        ...auditPlace('delete-snapshot', account, record, acting, region),
        imageId: madeFor ?? '',
        imageName: madeFor ? `${madeFor} (no longer registered)` : '',
        snapshotIds: [snapshotId],
      };
      try {
        await aws.write(account, region, 'ec2:DeleteSnapshot', (path) =>
          aws.pool
            .ec2(path, region)
            .send(new DeleteSnapshotCommand({ SnapshotId: snapshotId }))
            .catch((error: unknown) => {
              throw placeError(error, path, region, 'ec2:DeleteSnapshot');
            }),
        );
        const size = snapshot?.VolumeSize;
        const message = `Deleted ${snapshotId}${size !== undefined ? ` (${size} GiB)` : ''} in ${where}${madeFor ? `, made for ${madeFor}` : ''}.`;
        const logged = log.record({ ...entry, outcome: 'ok', error: null, detail: message });
        results.push({ account, accountName: record.name, region, snapshotId, outcome: 'deleted', message: withAuditNote(message, logged), error: null, auditId: logged.id });
      } catch (error) {
        const appError = inUseInWords(asAppError(error, record, region, 'ec2:DeleteSnapshot'), snapshotId, where);
        const logged = log.record({ ...entry, outcome: 'failed', error: appError.message, detail: null });
        results.push({ account, accountName: record.name, region, snapshotId, outcome: 'failed', message: withAuditNote(appError.message, logged), error: appError.toShape(), auditId: logged.id });
      }
      tick();
    }
    return results;
  }

  private async readPlace(account: string, region: string): Promise<{ coverage: RecycleBinCoverage; images: RecycleBinImage[] }> {
    const { accounts, aws } = this.deps;
    let located: Located;
    try {
      located = accounts.require(account);
    } catch (error) {
      const message = error instanceof AppError ? error.message : String(error);
      return { coverage: { account, accountName: '', region, imageRetentionDays: null, snapshotRetentionDays: null, taggedRules: [], error: message }, images: [] };
    }
    const record = located.account;
    const place = { account, accountName: record.name, region };
    const errors: string[] = [];
    let coverage: RecycleBinCoverage = { ...place, imageRetentionDays: null, snapshotRetentionDays: null, taggedRules: [], error: null };
    try {
      const rules = await aws.read(account, region, 'rbin:ListRules', (path) =>
        readRules(aws.pool.rbin(path, region)).catch((error: unknown) => {
          throw placeError(error, path, region, 'rbin:ListRules');
        }),
      );
      coverage = coverageOf(place, rules);
    } catch (error) {
      errors.push(`Its Recycle Bin rules could not be read: ${asAppError(error, record, region, 'rbin:ListRules').message}`);
    }
    let images: RecycleBinImage[] = [];
    try {
      images = await aws.read(account, region, 'ec2:ListImagesInRecycleBin', (path) =>
        readBinImages(aws.pool.ec2(path, region), place).catch((error: unknown) => {
          throw placeError(error, path, region, 'ec2:ListImagesInRecycleBin');
        }),
      );
    } catch (error) {
      errors.push(`The AMIs in its Recycle Bin could not be listed: ${asAppError(error, record, region, 'ec2:ListImagesInRecycleBin').message}`);
    }
    return { coverage: { ...coverage, error: errors.length > 0 ? errors.join(' ') : null }, images };
  }
}

async function listBinSnapshots(ec2: ReturnType<CoreContext['pool']['ec2']>): Promise<Array<{ snapshotId: string; description: string | null }>> {
  const out: Array<{ snapshotId: string; description: string | null }> = [];
  let nextToken: string | undefined;
  do {
    const page = await ec2.send(new ListSnapshotsInRecycleBinCommand({ MaxResults: 1000, ...(nextToken ? { NextToken: nextToken } : {}) }));
    for (const s of page.Snapshots ?? []) if (s.SnapshotId) out.push({ snapshotId: s.SnapshotId, description: s.Description ?? null });
    nextToken = page.NextToken;
  } while (nextToken);
  return out;
}

/** InvalidSnapshot.InUse, said as what to do about it. */
function inUseInWords(error: AppError, snapshotId: string, where: string): AppError {
  if (error.details?.awsCode !== 'InvalidSnapshot.InUse') return error;
  const user = /in use by (ami-[0-9a-f]+)/.exec(error.message)?.[1];
  return new AppError({
    ...error.toShape(),
    code: 'CONFLICT',
    message: `${snapshotId} in ${where} is still used by ${user ?? 'a registered AMI'}: deregister that AMI first, or keep the snapshot.`,
  });
}
