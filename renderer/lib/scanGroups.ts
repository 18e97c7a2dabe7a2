/**
 * The scan's targets as people look at them: one line for the whole scan, and the targets
 * grouped by AWS account (its regions done of total, each failing region with its error), the
 * accounts that need attention first. Pure, no React.
 */
import type { ScanStatus, TargetProgress } from '../../shared/inventory';
import { formatCount, plural } from './format';
import { permissionsFailed, scanPhases, type ScanPhases } from './inventory';

/** One failure in a region: which view and which phase, and what AWS or the network said. */
export interface RegionFailure {
  view: TargetProgress['view'];
  phase: 'listing' | 'permissions';
  message: string;
  code: string | null;
}

export type RegionState = 'failed' | 'running' | 'queued' | 'done' | 'cancelled';

export interface RegionStatus {
  region: string;
  state: RegionState;
  /** AMIs listed in the region (both views). */
  found: number;
  /** Owned AMIs whose launch permissions are not read yet. */
  permissionsPending: number;
  failures: RegionFailure[];
}

/**
 * One failure as it reads across an account's regions: AWS refusing an account says the same
 * in every region, so the regions are listed once with the words once (the region taken out).
 */
export interface AccountProblem {
  phase: RegionFailure['phase'];
  views: Array<TargetProgress['view']>;
  regions: string[];
  message: string;
  code: string | null;
  /** Permissions phase: the AMIs of these regions still pending. */
  permissionsPending: number;
}

function commonPrefix(texts: readonly string[]): string {
  let end = 0;
  const first = texts[0]!;
  while (end < first.length && texts.every((t) => t[end] === first[end])) end++;
  if (end === first.length) return first;
  // Whole words only: back to the last space or slash ("…(1234)/eu-west-1").
  return first.slice(0, Math.max(first.lastIndexOf(' ', end - 1), first.lastIndexOf('/', end - 1)) + 1);
}

function commonSuffix(texts: readonly string[]): string {
  let len = 0;
  const first = texts[0]!;
  while (len < first.length && texts.every((t) => t.length > len && t[t.length - 1 - len] === first[first.length - 1 - len])) len++;
  const suffix = first.slice(first.length - len);
  // From a boundary: "-1: ec2:X" (two regions ending alike) starts at ": ec2:X".
  const at = suffix.search(/[\s:;,.]/);
  return at < 0 ? '' : suffix.slice(at);
}

/**
 * The words of failures that differ only where they name the region ("…(1234) · Europe
 * (Ireland) eu-west-1: ec2:X" in each region), with that part taken out; null when they differ
 * elsewhere too.
 */
function sharedWords(byRegion: ReadonlyMap<string, string>): string | null {
  const texts = [...byRegion.values()];
  const prefix = commonPrefix(texts);
  const suffix = commonSuffix(texts.map((t) => t.slice(prefix.length)));
  for (const [region, text] of byRegion) if (!text.slice(prefix.length, text.length - suffix.length).includes(region)) return null;
  const head = prefix.replace(/[\s·/,(–—-]+$/, '');
  const tail = suffix.trimStart();
  if (!head || !tail) return head || tail;
  return /^[:;,.]/.test(tail) ? head + tail : `${head} ${tail}`;
}

interface Failure extends RegionFailure {
  region: string;
  pending: number;
}

function problemOf(list: readonly Failure[], message: string): AccountProblem {
  const regions = [...new Set(list.map((f) => f.region))];
  const pendingByRegion = new Map(list.map((f) => [f.region, f.pending]));
  return {
    phase: list[0]!.phase,
    views: [...new Set(list.map((f) => f.view))],
    regions,
    message,
    code: list[0]!.code,
    permissionsPending: list[0]!.phase === 'permissions' ? regions.reduce((n, r) => n + (pendingByRegion.get(r) ?? 0), 0) : 0,
  };
}

/** The account's failures: one per phase and error code when they differ only by region, in the order of its regions. */
export function accountProblems(regions: readonly RegionStatus[]): AccountProblem[] {
  const groups = new Map<string, Failure[]>();
  for (const region of regions) {
    for (const f of region.failures) {
      const key = `${f.phase}|${f.code ?? ''}`;
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      list.push({ ...f, region: region.region, pending: region.permissionsPending });
    }
  }
  const problems: AccountProblem[] = [];
  for (const list of groups.values()) {
    const byRegion = new Map<string, string>();
    let sameInRegion = true;
    for (const f of list) {
      const seen = byRegion.get(f.region);
      if (seen !== undefined && seen !== f.message) sameInRegion = false;
      byRegion.set(f.region, f.message);
    }
    const words = byRegion.size === 1 && sameInRegion ? list[0]!.message : sameInRegion ? sharedWords(byRegion) : null;
    if (words !== null) {
      problems.push(problemOf(list, words));
      continue;
    }
    // Different words: one problem per wording.
    const byMessage = new Map<string, Failure[]>();
    for (const f of list) {
      let same = byMessage.get(f.message);
      if (!same) byMessage.set(f.message, (same = []));
      same.push(f);
    }
    for (const [message, same] of byMessage) problems.push(problemOf(same, message));
  }
  return problems;
}

/** Failures first, then accounts still being read, then those done. */
export type AccountStatus = 'failed' | 'active' | 'done';

export interface AccountGroup {
  account: string;
  name: string;
  status: AccountStatus;
  regionsDone: number;
  regionsTotal: number;
  regionsFailed: number;
  found: number;
  permissionsPending: number;
  /** Failing regions first, then those being read, queued, done; by name within. */
  regions: RegionStatus[];
  /** The failures, the same words across regions said once. */
  problems: AccountProblem[];
}

const REGION_ORDER: Record<RegionState, number> = { failed: 0, running: 1, queued: 2, cancelled: 3, done: 4 };
const ACCOUNT_ORDER: Record<AccountStatus, number> = { failed: 0, active: 1, done: 2 };

function regionState(targets: readonly TargetProgress[], failures: number, scanning: boolean): RegionState {
  if (failures > 0) return 'failed';
  if (targets.some((t) => t.state === 'running')) return 'running';
  // Listed, its launch permissions still being read by the running scan.
  if (scanning && targets.some((t) => t.state === 'done' && (t.permissions?.pending ?? 0) > 0)) return 'running';
  if (targets.some((t) => t.state === 'queued')) return targets.some((t) => t.state === 'done') ? 'running' : 'queued';
  if (targets.some((t) => t.state === 'cancelled')) return 'cancelled';
  return 'done';
}

function failuresOf(t: TargetProgress): RegionFailure[] {
  const out: RegionFailure[] = [];
  if (t.state === 'failed') out.push({ view: t.view, phase: 'listing', message: t.error ?? 'The listing failed.', code: t.errorCode });
  if (permissionsFailed(t)) out.push({ view: t.view, phase: 'permissions', message: t.permissions!.error!, code: t.permissions!.errorCode });
  return out;
}

/**
 * The targets by account. `scanning`: a scan is running, so a listed target whose launch
 * permissions are still unread is in progress rather than done.
 */
export function groupTargetsByAccount(targets: readonly TargetProgress[], nameOf: (account: string) => string, scanning: boolean): AccountGroup[] {
  const byAccount = new Map<string, Map<string, TargetProgress[]>>();
  for (const t of targets) {
    let regions = byAccount.get(t.account);
    if (!regions) byAccount.set(t.account, (regions = new Map()));
    let list = regions.get(t.region);
    if (!list) regions.set(t.region, (list = []));
    list.push(t);
  }
  const groups: AccountGroup[] = [];
  for (const [account, regionMap] of byAccount) {
    const regions: RegionStatus[] = [];
    for (const [region, list] of regionMap) {
      const failures = list.flatMap(failuresOf);
      regions.push({
        region,
        state: regionState(list, failures.length, scanning),
        found: list.reduce((n, t) => n + t.count, 0),
        permissionsPending: list.reduce((n, t) => n + Math.min(t.permissions?.pending ?? 0, t.count), 0),
        failures,
      });
    }
    regions.sort((a, b) => REGION_ORDER[a.state] - REGION_ORDER[b.state] || a.region.localeCompare(b.region));
    const regionsFailed = regions.filter((r) => r.state === 'failed').length;
    const active = regions.some((r) => r.state === 'running' || r.state === 'queued');
    groups.push({
      account,
      name: nameOf(account),
      status: regionsFailed > 0 ? 'failed' : active ? 'active' : 'done',
      regionsDone: regions.filter((r) => r.state === 'done').length,
      regionsTotal: regions.length,
      regionsFailed,
      found: regions.reduce((n, r) => n + r.found, 0),
      permissionsPending: regions.reduce((n, r) => n + r.permissionsPending, 0),
      regions,
      problems: accountProblems(regions),
    });
  }
  return groups.sort((a, b) => ACCOUNT_ORDER[a.status] - ACCOUNT_ORDER[b.status] || a.name.localeCompare(b.name) || a.account.localeCompare(b.account));
}

/** What a retry of the failures scans: the failing accounts in the regions that failed. */
export function retryScope(targets: readonly TargetProgress[]): { accounts: string[]; regions: string[] } | null {
  const failing = targets.filter((t) => t.state === 'failed' || permissionsFailed(t));
  if (failing.length === 0) return null;
  return { accounts: [...new Set(failing.map((t) => t.account))], regions: [...new Set(failing.map((t) => t.region))] };
}

/** The scan in one line, its bar's value, and what failed. */
export interface ScanLine {
  state: 'running' | 'done' | 'cancelled' | 'idle';
  phase: ScanPhases['phase'];
  text: string;
  /** The bar: how far the phase under way is (listing, then permissions). */
  value: number;
  max: number;
  /** Targets whose listing failed plus those whose launch permissions could not be read. */
  failed: number;
  /** Time left in ms, once enough is done to tell. */
  leftMs: number | null;
  phases: ScanPhases;
}

/** Below this share of the work done, or this long in, a time left would be a guess. */
const ESTIMATE_MIN_SHARE = 0.05;
const ESTIMATE_MIN_MS = 3_000;

/** Time left at the pace so far: elapsed × (left / done). */
export function estimateLeftMs(done: number, total: number, startedAt: string | null, now: number): number | null {
  if (!startedAt || total <= 0 || done <= 0 || done >= total) return null;
  const elapsed = now - Date.parse(startedAt);
  if (!Number.isFinite(elapsed) || elapsed < ESTIMATE_MIN_MS || done / total < ESTIMATE_MIN_SHARE) return null;
  return Math.round((elapsed * (total - done)) / done);
}

/** "about 3 min left", "under a minute left", "about 1 h 20 min left". */
export function formatLeft(ms: number): string {
  if (ms < 60_000) return 'under a minute left';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `about ${minutes} min left`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `about ${h} h${m ? ` ${m} min` : ''} left`;
}

export function scanLine(targets: readonly TargetProgress[], scan: Pick<ScanStatus, 'state' | 'listedAt' | 'startedAt'> | null, now: number): ScanLine {
  const phases = scanPhases(targets, scan);
  const failed = phases.listingFailed + targets.filter((t) => t.state !== 'failed' && permissionsFailed(t)).length;
  const failedWords = failed > 0 ? ` · ${formatCount(failed)} failed` : '';
  const state = scan ? scan.state : targets.length > 0 ? 'done' : 'idle';
  if (phases.phase === 'listing') {
    return {
      state,
      phase: phases.phase,
      text: `Scanning ${formatCount(phases.listed)} of ${plural(phases.targets, 'target')}${failedWords}`,
      value: phases.listed,
      max: phases.targets,
      failed,
      leftMs: estimateLeftMs(phases.listed, phases.targets, scan?.startedAt ?? null, now),
      phases,
    };
  }
  if (phases.phase === 'permissions') {
    return {
      state,
      phase: phases.phase,
      text: `Grid complete · reading launch permissions: ${formatCount(phases.permissionsRead)} of ${plural(phases.permissionsTotal, 'AMI')}${failedWords}`,
      value: phases.permissionsRead,
      max: phases.permissionsTotal,
      failed,
      leftMs: estimateLeftMs(phases.permissionsRead, phases.permissionsTotal, scan?.listedAt ?? null, now),
      phases,
    };
  }
  const pending = phases.permissionsPending > 0 ? ` · permissions pending for ${plural(phases.permissionsPending, 'AMI')}` : '';
  const text =
    state === 'idle'
      ? 'No scan yet'
      : state === 'cancelled'
        ? `Scan cancelled: ${formatCount(phases.listed)} of ${plural(phases.targets, 'target')} listed${failedWords}${pending}`
        : `Scanned ${plural(phases.targets, 'target')}${failedWords}${pending}`;
  return { state, phase: phases.phase, text, value: phases.listed, max: phases.targets, failed, leftMs: null, phases };
}
