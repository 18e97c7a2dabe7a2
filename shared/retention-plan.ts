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

/**
 * One family namer per pattern, kept between plans: naming 160,000 families is most of a plan's
 * work, and a plan is made again and again over the same names as rules are tried.
 */
const namers = new Map<string, (name: string) => string>();
function namerFor(pattern: string | null): (name: string) => string {
  const key = pattern?.trim() ?? '';
  let namer = namers.get(key);
  if (!namer) {
    if (namers.size >= 4) namers.clear();
    namers.set(key, (namer = familyNamer(key)));
  }
  return namer;
}

/** The stored answer for a row: by image id (unique in practice), checked against account and region. */
function usageIndex(usage: Iterable<PlanUsage>): (row: AmiRow) => PlanUsage | undefined {
  const byImage = new Map<string, PlanUsage>();
  const others = new Map<string, PlanUsage>();
  for (const u of usage) {
    const first = byImage.get(u.imageId);
    if (!first) byImage.set(u.imageId, u);
    else others.set(`${u.account}|${u.region}|${u.imageId}`, u);
  }
  return (row) => {
    const u = byImage.get(row.imageId);
    if (u && u.account === row.account && u.region === row.region) return u;
    return u ? others.get(`${row.account}|${row.region}|${row.imageId}`) : undefined;
  };
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
  const usageOf = usageIndex(usage);
  const family = namerFor(rules.familyPattern);
  const scope = {
    clients: new Set(rules.scope.clients),
    accounts: new Set(rules.scope.accounts),
    regions: new Set(rules.scope.regions),
  };
  // Tag key → the rules naming it (value null: any value), in the order given.
  const excluded = new Map<string, Array<{ rule: string; value: string | null }>>();
  for (const rule of rules.excludeTags) {
    const { key, value } = parseExcludeTag(rule);
    const list = excluded.get(key);
    if (list) list.push({ rule, value });
    else excluded.set(key, [{ rule, value }]);
  }
  /** The first rule (in the order given) that a tag of the row matches, or null. */
  const excludedBy = (row: AmiRow): string | null => {
    let first: string | null = null;
    let at = Infinity;
    for (const t of row.tags) {
      const list = excluded.get(t.key);
      if (!list) continue;
      for (const e of list) {
        if (e.value !== null && e.value !== t.value) continue;
        const i = rules.excludeTags.indexOf(e.rule);
        if (i < at) {
          at = i;
          first = e.rule;
        }
      }
    }
    return first;
  };

  // Owned AMIs in scope, grouped by family in each owner account and region (maps, not joined
  // keys: 160,000 rows should not make 160,000 strings).
  const groups = new Map<PlanAccount, Map<string, Map<string, Looked[]>>>();
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
    let regions = groups.get(account);
    if (!regions) groups.set(account, (regions = new Map()));
    let families = regions.get(row.region);
    if (!families) regions.set(row.region, (families = new Map()));
    const group = families.get(looked.family);
    if (group) group.push(looked);
    else families.set(looked.family, [looked]);
  }

  // Why kept, counted: a kind, or "tag:<rule>".
  const kept = new Map<string, number>();
  const keep = (why: string): void => {
    kept.set(why, (kept.get(why) ?? 0) + 1);
  };

  const candidates: Array<PlanCandidate & { created: number }> = [];
  const judge = (looked: Looked, rank: number): void => {
    const { row, account } = looked;
    if (excluded.size > 0 && row.tags.length > 0) {
      const tagged = excludedBy(row);
      if (tagged !== null) return keep(`tag:${tagged}`);
    }
    // Every rule is checked before any reason is written: most AMIs are kept, and their words are never needed.
    if (rules.keepNewest !== null && rank < rules.keepNewest) return keep('newest');
    let age: number | null = null;
    if (rules.olderThanDays !== null) {
      age = Number.isNaN(looked.created) ? null : Math.max(0, Math.floor((nowMs - looked.created) / DAY_MS));
      if (age === null) return keep('no-date');
      if (age <= rules.olderThanDays) return keep('young');
    }
    let since: number | null = null;
    if (rules.notLaunchedDays !== null) {
      since = daysSince(row.lastLaunchedTime, nowMs);
      if (since !== null && since <= rules.notLaunchedDays) return keep('launched');
    }
    if (rules.notSharedOutsideClient) {
      if (row.public || row.launchPermission === 'public') return keep('public');
      if (row.launchPermission === null) return keep('sharing-unknown');
      if (row.sharedWith.length > 0) {
        const inClient = clientAwsIds.get(account.clientId ?? `account:${account.id}`);
        let outside = false;
        for (const entity of row.sharedWith) {
          if (entity.startsWith('arn:')) return keep('organization');
          if (!inClient?.has(entity)) outside = true;
        }
        if (outside) return keep('outside');
      }
    }
    const stored = usageOf(row);
    if (rules.notInUse) {
      if (!stored) return keep('not-checked');
      if (stored.inUse === 'yes') return keep('in-use');
      if (stored.inUse === 'unknown') return keep('use-unknown');
    }

    const reasons: string[] = [];
    if (rules.keepNewest !== null) reasons.push(`${ordinal(rank + 1)} newest of family ${looked.family} in ${account.name} / ${row.region} (keeping ${rules.keepNewest})`);
    if (age !== null) reasons.push(`older than ${rules.olderThanDays} days: created ${dayOf(row.creationDate!)}, ${daysAgo(age)}`);
    if (rules.notLaunchedDays !== null) {
      reasons.push(since === null ? 'never launched' : `not launched for ${rules.notLaunchedDays} days: last launched ${dayOf(row.lastLaunchedTime!)}, ${daysAgo(since)}`);
    }
    if (rules.notSharedOutsideClient) reasons.push(row.sharedWith.length === 0 ? 'not shared' : `shared only within ${account.clientName ?? account.name}`);
    if (rules.notInUse && stored) reasons.push(`unused at the last check (${dayOf(stored.analyzedAt)})`);
    // No rule at all picks nothing: a plan removes only what some rule asked for.
    if (reasons.length === 0) return keep('no-rule');
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
  };
  for (const regions of groups.values())
    for (const families of regions.values())
      for (const group of families.values()) {
        if (rules.keepNewest !== null && group.length > 1) group.sort(newestFirst);
        for (let rank = 0; rank < group.length; rank++) judge(group[rank]!, rank);
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

  const keptList: PlanKept[] = [...kept]
    .map(([key, count]) => ({ why: (key.startsWith('tag:') ? { kind: 'tag', rule: key.slice(4) } : { kind: key }) as KeptWhy, count }))
    .sort((a, b) => KEPT_ORDER.indexOf(a.why.kind) - KEPT_ORDER.indexOf(b.why.kind) || cmp(keptWords(a.why, rules), keptWords(b.why, rules)))
    .map(({ why, count }) => ({ kind: why.kind, reason: keptWords(why, rules), count }));

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
