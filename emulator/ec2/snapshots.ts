/**
 * DescribeSnapshots. Without SnapshotId, Owner or RestorableBy the caller gets every snapshot
 * it may use: its own, public ones, and ones with a create-volume permission for its account.
 * Owner scopes by owner (`self`, `amazon`, ids); RestorableBy by permission (`self` = own or
 * shared with the caller, `all` = public, an id = shared with that id). MaxResults is 5…1000
 * (larger values are cut to 1000, as AWS does) and cannot be combined with SnapshotId.
 */
import { invalidParameterCombination } from '../protocol/errors';
import { itemList } from '../protocol/xml';
import type { ServiceCall } from '../service';
import { isPublicSnapshot, type AccountRecord, type SnapshotRecord } from '../world/model';
import { hasExplicitVolumePermission, isVisibleSnapshot, ownsSnapshot } from '../world/visibility';
import { compileFilters, type FilterTable } from './filters';
import { checkSnapshotId, isAccountId, malformedUserId, snapshotsNotFound } from './ids';
import { byId, questionFingerprint, readMaxResults, takePage } from './paging';
import { ec2Document } from './response';
import { snapshotItem } from './serialize';

export const SNAPSHOT_FILTERS: FilterTable<SnapshotRecord> = {
  fields: {
    description: (s) => s.description,
    encrypted: (s) => s.encrypted,
    'kms-key-id': (s) => s.kmsKeyId,
    'owner-alias': (s) => s.ownerAlias,
    'owner-id': (s) => s.ownerId,
    progress: (s) => s.progress,
    'snapshot-id': (s) => s.snapshotId,
    'start-time': (s) => s.startTime,
    status: (s) => s.state,
    'storage-tier': (s) => s.storageTier,
    'volume-id': (s) => s.volumeId,
    'volume-size': (s) => s.volumeSize,
  },
  tags: (s) => s.tags,
};

function ownerScope(owners: string[], caller: AccountRecord): ((s: SnapshotRecord) => boolean) | null {
  if (owners.length === 0) return null;
  const ids = new Set<string>();
  const aliases = new Set<string>();
  for (const owner of owners) {
    if (owner === 'self') ids.add(caller.accountId);
    else if (owner === 'amazon') aliases.add(owner);
    else if (isAccountId(owner)) ids.add(owner);
    else throw malformedUserId(owner);
  }
  return (s) => ids.has(s.ownerId) || (s.ownerAlias !== null && aliases.has(s.ownerAlias));
}

function restorableScope(users: string[], caller: AccountRecord): ((s: SnapshotRecord) => boolean) | null {
  if (users.length === 0) return null;
  const tests = users.map((user): ((s: SnapshotRecord) => boolean) => {
    if (user === 'all') return isPublicSnapshot;
    if (user === 'self' || user === caller.accountId) {
      return (s) => ownsSnapshot(caller, s) || hasExplicitVolumePermission(caller.accountId, s);
    }
    if (isAccountId(user)) return (s) => hasExplicitVolumePermission(user, s);
    throw malformedUserId(user);
  });
  return (s) => tests.some((t) => t(s));
}

export function describeSnapshots(call: ServiceCall): string {
  const { world, caller, region, params } = call;
  const snapshotIds = params.list('SnapshotId');
  if (snapshotIds.length > 0 && params.string('MaxResults') !== undefined) {
    throw invalidParameterCombination('The parameter SnapshotIds cannot be used with the parameter MaxResults');
  }
  const maxResults = readMaxResults(params, 5, 1000, true);
  snapshotIds.forEach(checkSnapshotId);
  const byOwner = ownerScope(params.list('Owner'), caller);
  const byRestorable = restorableScope(params.list('RestorableBy'), caller);
  const filter = compileFilters(params.filters(), SNAPSHOT_FILTERS);

  let candidates: readonly SnapshotRecord[];
  if (snapshotIds.length > 0) {
    const unique = [...new Set(snapshotIds)];
    const found = unique.map((id) => world.snapshot(region, id));
    const missing = unique.filter((_, i) => {
      const snapshot = found[i];
      return snapshot === undefined || !isVisibleSnapshot(caller, snapshot);
    });
    if (missing.length > 0) throw snapshotsNotFound(missing);
    candidates = found.filter((s): s is SnapshotRecord => s !== undefined);
  } else {
    candidates = world.snapshotsIn(region);
  }

  const matching = candidates
    .filter(
      (s) =>
        isVisibleSnapshot(caller, s) &&
        (byOwner === null || byOwner(s)) &&
        (byRestorable === null || byRestorable(s)) &&
        filter(s),
    )
    .sort(byId((s) => s.snapshotId));
  const page = takePage(matching, (s) => s.snapshotId, {
    maxResults,
    nextToken: params.string('NextToken'),
    fingerprint: questionFingerprint(caller.accountId, region, params, ['NextToken', 'MaxResults']),
  });
  return ec2Document('DescribeSnapshots', call.requestId, [
    itemList(
      'snapshotSet',
      page.items.map(snapshotItem),
    ),
    ...(page.nextToken ? [{ name: 'nextToken', value: page.nextToken }] : []),
  ]);
}
