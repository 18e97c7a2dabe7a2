/**
 * The retention plan: which owned AMIs a set of rules picks for clean-up, and why, in words. One
 * pure function over the merged inventory rows, the stored usage answers and the workspace's
 * names, so the app, the CLI and the benchmark agree on the same inputs.
 *
 * Rules are combined: an AMI is a candidate only when every rule set agrees. An AMI that is kept
 * is counted once, under the first rule that keeps it in this order: an excluding tag, the newest
 * N of its family, its age, its last launch, its sharing, its use — so "use unknown: 12" counts
 * the AMIs that every other rule would have picked.
 */
import type { AmiRow } from './ami-rows';
import type { UsageState } from './contract/usage';
import { familyNamer } from './family';
import { monthlyCostOf } from './inventory';
import { EBS_SNAPSHOT_PRICES_AS_OF } from './pricing/ebs-snapshots';
import type { PlanCandidate, PlanKept, RetentionPlan, RetentionRules } from './retention';

/** One of our accounts, with its client, as the plan names them. */
export interface PlanAccount {
  id: string;
  name: string;
  awsAccountId: string | null;
  clientId: string | null;
  clientName: string | null;
}

/** The last usage answer for one owned AMI (see usage:stored). */
export interface PlanUsage {
  account: string;
  region: string;
  imageId: string;
  inUse: UsageState;
  analyzedAt: string;
}

export interface PlanInputs {
  /** AMI rows (one per AMI, see ami-rows.ts); only those one of `accounts` owns are looked at. */
  rows: Iterable<AmiRow>;
  usage: Iterable<PlanUsage>;
  accounts: readonly PlanAccount[];
  rules: RetentionRules;
  now: Date;
}

const DAY_MS = 86_400_000;

/** "1st", "2nd", "3rd", "4th", "11th", "22nd". */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** Whole days from an ISO time to now, or null when there is no (valid) time. */
function daysSince(time: string | null, now: number): number | null {
  if (!time) return null;
  const ms = now - Date.parse(time);
  return Number.isFinite(ms) ? Math.max(0, Math.floor(ms / DAY_MS)) : null;
}

const dayOf = (time: string) => time.slice(0, 10);
const daysAgo = (n: number) => (n === 1 ? '1 day ago' : `${n} days ago`);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `key` or `key=value`, split at the first "=". */
export function parseExcludeTag(rule: string): { key: string; value: string | null } {
  const at = rule.indexOf('=');
  return at < 0 ? { key: rule, value: null } : { key: rule.slice(0, at), value: rule.slice(at + 1) };
}

/** Why AMIs were kept, in the order they are counted (see the file's comment). */
type KeptWhy =
  | { kind: 'tag'; rule: string }
  | { kind: 'newest' }
  | { kind: 'young' }
  | { kind: 'no-date' }
  | { kind: 'launched' }
  | { kind: 'public' }
  | { kind: 'organization' }
  | { kind: 'outside' }
  | { kind: 'sharing-unknown' }
  | { kind: 'in-use' }
  | { kind: 'use-unknown' }
  | { kind: 'not-checked' }
  | { kind: 'no-rule' };

const KEPT_ORDER: ReadonlyArray<KeptWhy['kind']> = ['tag', 'newest', 'young', 'no-date', 'launched', 'public', 'organization', 'outside', 'sharing-unknown', 'in-use', 'use-unknown', 'not-checked', 'no-rule'];

function keptWords(why: KeptWhy, rules: RetentionRules): string {
  switch (why.kind) {
    case 'tag':
      return `tagged ${why.rule} (excluded)`;
    case 'newest':
      return `newest ${rules.keepNewest} of their family`;
    case 'young':
      return `created within ${rules.olderThanDays} days`;
    case 'no-date':
      return 'creation date not known';
    case 'launched':
      return `launched within ${rules.notLaunchedDays} days`;
    case 'public':
      return 'public';
    case 'organization':
      return 'shared with an organization or OU';
    case 'outside':
      return 'shared with an account outside their client';
    case 'sharing-unknown':
      return 'who may launch them is not known';
    case 'in-use':
      return 'in use at the last check';
    case 'use-unknown':
      return 'use unknown at the last check (a place they could be used in could not be read)';
    case 'not-checked':
      return 'use not checked yet';
    case 'no-rule':
      return 'no rule picks them';
  }
}

interface Looked {
  row: AmiRow;
  account: PlanAccount;
  family: string;
  /** Creation time in ms; NaN when not known. */
  created: number;
}

/**
 * Newest first: a later creation date first, an unknown one before every known one (it cannot
 * be shown to be old), then by image id so ties always fall the same way.
 */
function newestFirst(a: Looked, b: Looked): number {
  const an = Number.isNaN(a.created);
  const bn = Number.isNaN(b.created);
  if (an !== bn) return an ? -1 : 1;
  if (!an && a.created !== b.created) return b.created - a.created;
  return cmp(a.row.imageId, b.row.imageId);
}

export function planRetention({ rows, usage, accounts, rules, now }: PlanInputs): RetentionPlan {
  const nowMs = now.getTime();
  const byId = new Map(accounts.map((a) => [a.id, a]));
  // The 12-digit ids of each client's accounts: sharing within them stays inside the client.
  const clientAwsIds = new Map<string, Set<string>>();
  for (const a of accounts) {
    if (!a.awsAccountId) continue;
    const key = a.clientId ?? `account:${a.id}`;
    let ids = clientAwsIds.get(key);
    if (!ids) clientAwsIds.set(key, (ids = new Set()));
    ids.add(a.awsAccountId);
  }
  const usageOf = new Map<string, PlanUsage>();
  for (const u of usage) usageOf.set(`${u.account}|${u.region}|${u.imageId}`, u);
  const family = familyNamer(rules.familyPattern);
  const scope = {
    clients: new Set(rules.scope.clients),
    accounts: new Set(rules.scope.accounts),
    regions: new Set(rules.scope.regions),
  };
  const excludes = rules.excludeTags.map((rule) => ({ rule, ...parseExcludeTag(rule) }));

  // Owned AMIs in scope, grouped by family in each owner account and region.
  const groups = new Map<string, Looked[]>();
  let considered = 0;
  for (const row of rows) {
    if (row.view !== 'owned') continue;
    const account = byId.get(row.account);
    if (!account) continue;
    if (scope.accounts.size > 0 && !scope.accounts.has(account.id)) continue;
    if (scope.clients.size > 0 && (account.clientId === null || !scope.clients.has(account.clientId))) continue;
    if (scope.regions.size > 0 && !scope.regions.has(row.region)) continue;
    considered++;
    const looked: Looked = { row, account, family: family(row.name), created: row.creationDate ? Date.parse(row.creationDate) : NaN };
    const key = `${account.id}\u0000${row.region}\u0000${looked.family}`;
    const group = groups.get(key);
    if (group) group.push(looked);
    else groups.set(key, [looked]);
  }

  const kept = new Map<string, { why: KeptWhy; count: number }>();
  const keep = (why: KeptWhy) => {
    const key = why.kind === 'tag' ? `tag:${why.rule}` : why.kind;
    const entry = kept.get(key);
    if (entry) entry.count++;
    else kept.set(key, { why, count: 1 });
  };

  const candidates: Array<PlanCandidate & { created: number }> = [];
  for (const group of groups.values()) {
    if (rules.keepNewest !== null) group.sort(newestFirst);
    group.forEach((looked, rank) => {
      const { row, account } = looked;
      const reasons: string[] = [];

      const tagged = excludes.find((e) => row.tags.some((t) => t.key === e.key && (e.value === null || t.value === e.value)));
      if (tagged) return keep({ kind: 'tag', rule: tagged.rule });

      if (rules.keepNewest !== null) {
        if (rank < rules.keepNewest) return keep({ kind: 'newest' });
        reasons.push(`${ordinal(rank + 1)} newest of family ${looked.family} in ${account.name} / ${row.region} (keeping ${rules.keepNewest})`);
      }

      if (rules.olderThanDays !== null) {
        const age = daysSince(row.creationDate, nowMs);
        if (age === null) return keep({ kind: 'no-date' });
        if (age <= rules.olderThanDays) return keep({ kind: 'young' });
        reasons.push(`older than ${rules.olderThanDays} days: created ${dayOf(row.creationDate!)}, ${daysAgo(age)}`);
      }

      if (rules.notLaunchedDays !== null) {
        const since = daysSince(row.lastLaunchedTime, nowMs);
        if (since === null) reasons.push('never launched');
        else if (since <= rules.notLaunchedDays) return keep({ kind: 'launched' });
        else reasons.push(`not launched for ${rules.notLaunchedDays} days: last launched ${dayOf(row.lastLaunchedTime!)}, ${daysAgo(since)}`);
      }

      if (rules.notSharedOutsideClient) {
        if (row.public || row.launchPermission === 'public') return keep({ kind: 'public' });
        if (row.sharedWith.some((entity) => entity.startsWith('arn:'))) return keep({ kind: 'organization' });
        if (row.launchPermission === null) return keep({ kind: 'sharing-unknown' });
        const inClient = clientAwsIds.get(account.clientId ?? `account:${account.id}`) ?? new Set<string>();
        if (row.sharedWith.some((id) => !inClient.has(id))) return keep({ kind: 'outside' });
        const within = account.clientName ?? account.name;
        reasons.push(row.sharedWith.length === 0 ? 'not shared' : `shared only within ${within}`);
      }

      const stored = usageOf.get(`${row.account}|${row.region}|${row.imageId}`);
      if (rules.notInUse) {
        if (!stored) return keep({ kind: 'not-checked' });
        if (stored.inUse === 'yes') return keep({ kind: 'in-use' });
        if (stored.inUse === 'unknown') return keep({ kind: 'use-unknown' });
        reasons.push(`unused at the last check (${dayOf(stored.analyzedAt)})`);
      }

      // No rule at all picks nothing: a plan removes only what some rule asked for.
      if (reasons.length === 0) return keep({ kind: 'no-rule' });
      candidates.push({
        account: account.id,
        accountName: account.name,
        awsAccountId: account.awsAccountId,
        clientName: account.clientName,
        region: row.region,
        imageId: row.imageId,
        name: row.name,
        family: looked.family,
        creationDate: row.creationDate,
        lastLaunchedTime: row.lastLaunchedTime,
        inUse: stored?.inUse ?? 'not-checked',
        snapshotIds: row.snapshotIds,
        snapshotSizeGiB: row.snapshotSizeGiB,
        monthlyCost: monthlyCostOf(row),
        reasons,
        created: looked.created,
      });
    });
  }

  candidates.sort(
    (a, b) =>
      cmp(a.clientName ?? '', b.clientName ?? '') ||
      cmp(a.accountName, b.accountName) ||
      cmp(a.account, b.account) ||
      cmp(a.region, b.region) ||
      cmp(a.family, b.family) ||
      // Oldest first within a family; an unknown date last.
      (Number.isNaN(a.created) ? (Number.isNaN(b.created) ? 0 : 1) : Number.isNaN(b.created) ? -1 : a.created - b.created) ||
      cmp(a.imageId, b.imageId),
  );

  let totalSizeGiB = 0;
  let totalMonthlyCost = 0;
  const out: PlanCandidate[] = candidates.map(({ created: _created, ...candidate }) => {
    totalSizeGiB += candidate.snapshotSizeGiB ?? 0;
    totalMonthlyCost += candidate.monthlyCost ?? 0;
    return candidate;
  });

  const keptList: PlanKept[] = [...kept.values()]
    .sort((a, b) => KEPT_ORDER.indexOf(a.why.kind) - KEPT_ORDER.indexOf(b.why.kind) || cmp(keptWords(a.why, rules), keptWords(b.why, rules)))
    .map(({ why, count }) => ({ reason: keptWords(why, rules), count }));

  return {
    rules,
    at: now.toISOString(),
    candidates: out,
    considered,
    kept: keptList,
    totalSizeGiB,
    totalMonthlyCost,
    pricesAsOf: EBS_SNAPSHOT_PRICES_AS_OF,
  };
}
