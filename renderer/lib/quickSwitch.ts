/**
 * Matching and ranking for the quick switcher (Ctrl/Cmd+K). Every word of the query must match
 * the account somewhere: its name, alias, client, 12-digit id (with or without dashes), or a
 * region it can use ("acme prod eu-west" → Acme's prod account, in eu-west-1). Pure.
 */
import type { AccountSummary, RegionInfo, Workspace } from '../../shared/model';
import { scoreToken } from './fuzzy';
import { KNOWN_REGIONS, regionsMatching } from './regions';
import { orderedAccounts } from './workspace';

export interface SwitchCandidate {
  account: AccountSummary;
  clientName: string | null;
  /** Regions this account can use, best first (favourites, last used, default, then A→Z). */
  regions: readonly string[];
}

export interface SwitchMatch {
  account: AccountSummary;
  clientName: string | null;
  /** The region a query word named, when one did. */
  region: string | null;
  score: number;
  recent: boolean;
}

/** A region word counts this much, whichever account it is for: it selects, it does not rank. */
const REGION_SCORE = 50;
/** A recent account leads only if it matches about as well as the best; a weak hit waits its turn. */
const RECENT_MIN_SHARE = 0.6;

const FIELD_WEIGHTS = { name: 1, alias: 0.95, client: 0.85 } as const;

export function parseSwitchQuery(query: string): string[] {
  return query.trim().toLowerCase().split(/[\s,]+/).filter(Boolean);
}

/** Scores one word against an account's id: full id, its start, or a run of at least four digits. */
function scoreAccountId(token: string, awsAccountId: string | null): number {
  if (!awsAccountId) return 0;
  const digits = token.replace(/[-\s]/g, '');
  if (!/^\d{3,12}$/.test(digits)) return 0;
  if (digits === awsAccountId) return 100;
  if (awsAccountId.startsWith(digits)) return 90;
  if (digits.length >= 4 && awsAccountId.includes(digits)) return 70;
  return 0;
}

export function scoreAccountWord(token: string, candidate: Pick<SwitchCandidate, 'account' | 'clientName'>): number {
  const { account, clientName } = candidate;
  return Math.max(
    scoreAccountId(token, account.awsAccountId),
    scoreToken(token, account.name) * FIELD_WEIGHTS.name,
    account.alias ? scoreToken(token, account.alias) * FIELD_WEIGHTS.alias : 0,
    clientName ? scoreToken(token, clientName) * FIELD_WEIGHTS.client : 0,
  );
}

/** Scores a candidate against every word; null when some word matches nothing. */
export function matchCandidate(tokens: readonly string[], candidate: SwitchCandidate): { score: number; region: string | null } | null {
  let score = 0;
  let region: string | null = null;
  for (const token of tokens) {
    const text = scoreAccountWord(token, candidate);
    const regions = regionsMatching(token, candidate.regions);
    if (regions.length > 0) {
      region = regions[0] ?? null; // candidate.regions is ordered best first
      score += Math.max(text, REGION_SCORE);
    } else if (text > 0) {
      score += text;
    } else {
      return null;
    }
  }
  return { score, region };
}

/**
 * With an empty query: recent accounts (newest first), then every other account in sidebar
 * order. With a query: recent accounts that match well, by score, then the other matches by
 * score; ties keep sidebar order so the list never shuffles between keystrokes.
 */
export function rankSwitch(candidates: readonly SwitchCandidate[], query: string, recent: readonly string[]): SwitchMatch[] {
  const tokens = parseSwitchQuery(query);
  const recentRank = new Map(recent.map((id, i) => [id, i]));
  const matches: Array<SwitchMatch & { order: number }> = [];
  candidates.forEach((candidate, order) => {
    const m = tokens.length === 0 ? { score: 0, region: null } : matchCandidate(tokens, candidate);
    if (!m) return;
    matches.push({ ...candidate, ...m, recent: recentRank.has(candidate.account.id), order });
  });
  const best = matches.reduce((max, m) => Math.max(max, m.score), 0);
  const leads = (m: SwitchMatch) => m.recent && m.score >= best * RECENT_MIN_SHARE;
  matches.sort((a, b) => {
    const la = leads(a);
    const lb = leads(b);
    if (la !== lb) return la ? -1 : 1;
    if (b.score !== a.score) return b.score - a.score;
    if (la && lb) return recentRank.get(a.account.id)! - recentRank.get(b.account.id)!;
    return a.order - b.order;
  });
  return matches.map(({ order: _order, ...m }) => ({ ...m, recent: leads(m) }));
}

/**
 * Which row starts highlighted. With an empty query the current account is usually first
 * (it is the most recent), so the previous one is pre-selected: Ctrl+K, Enter flips between two.
 */
export function initialActiveIndex(matches: readonly SwitchMatch[], query: string, currentAccountId: string | null): number {
  if (matches.length === 0) return -1;
  if (!query.trim() && matches.length > 1 && matches[0]?.account.id === currentAccountId) return 1;
  return 0;
}

/**
 * The regions each account can use, best first: favourites, the region used last, the default,
 * then the account's enabled regions (or the common AWS regions until its list is known).
 */
export function switchCandidates(
  workspace: Workspace,
  regionsByAccount: Readonly<Record<string, { regions: readonly RegionInfo[] } | undefined>>,
  lastRegionByAccount: Readonly<Record<string, string>>,
): SwitchCandidate[] {
  const clients = new Map(workspace.clients.map((c) => [c.id, c.name]));
  return orderedAccounts(workspace).map((account) => {
    const loaded = regionsByAccount[account.id]?.regions;
    const usable = loaded && loaded.length > 0 ? loaded.filter((r) => r.enabled).map((r) => r.name) : [...KNOWN_REGIONS];
    const usableSet = new Set(usable);
    const preferred = [...account.favoriteRegions, lastRegionByAccount[account.id], account.defaultRegion].filter(
      (r): r is string => !!r && (usableSet.has(r) || !loaded?.length),
    );
    const regions = [...new Set([...preferred, ...[...usable].sort((a, b) => a.localeCompare(b))])];
    return { account, clientName: clients.get(account.clientId) ?? null, regions };
  });
}
