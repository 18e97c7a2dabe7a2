/**
 * Matching and ranking for the quick switcher (Ctrl/Cmd+K). Every word of the query must match
 * the account somewhere: its name, alias, client, 12-digit id (with or without dashes), or a
 * region it can use ("acme prod eu-west" → Acme's prod account, in eu-west-1). The same query
 * also finds AMIs of the offline inventory by id or name (`searchAmis`). Pure.
 */
import type { AmiRow } from '../../shared/ami-rows';
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

/** How many AMIs the switcher lists at most: enough to pick from, few enough to read. */
export const AMI_RESULT_LIMIT = 8;

/** How well an AMI matches, best first. */
export const AMI_TIER = { exactId: 0, idPrefix: 1, namePrefix: 2, substring: 3 } as const;

export interface AmiQuery {
  /** 'id' when the query holds "ami-…" (or a pasted ARN): image ids are compared, names are not. */
  kind: 'id' | 'name';
  /** id: the "ami-…" part, lower-cased. name: the words, lower-cased, each of which must be in the name. */
  words: readonly string[];
  /** A run of hex digits that may be part of an image id ("0abc12"), compared as a substring of ids. */
  hex: string | null;
}

export interface AmiSearch {
  /** The best matches, best first: tier, then newest, then by name. */
  rows: AmiRow[];
  /** How many AMIs matched in all (the list shows the first `limit`). */
  total: number;
  query: AmiQuery | null;
}

/** Reads a query as an AMI search; null when it is too short to mean anything. */
export function parseAmiQuery(query: string): AmiQuery | null {
  const q = query.trim().toLowerCase();
  const id = /ami-[0-9a-f]*/.exec(q)?.[0];
  if (id !== undefined) return id.length > 'ami-'.length ? { kind: 'id', words: [id], hex: null } : null;
  if (q.length < 2) return null;
  const words = q.split(/\s+/).filter(Boolean);
  const hex = words.length === 1 && /^[0-9a-f]{6,17}$/.test(q) ? q : null;
  return { kind: 'name', words, hex };
}

/** A full-length id (17 hex digits) is no other id's prefix: once found, the search is over. */
const FULL_ID_LENGTH = 'ami-'.length + 17;

// Lower-cased names per inventory array (arrays are replaced, never mutated): made once, so a
// keystroke compares strings without making 100,000 new ones.
const lowerNames = new WeakMap<readonly AmiRow[], string[]>();

function lowerNamesOf(rows: readonly AmiRow[]): string[] {
  let names = lowerNames.get(rows);
  if (!names) lowerNames.set(rows, (names = rows.map((r) => r.name.toLowerCase())));
  return names;
}

function idTier(imageId: string, id: string): number | null {
  if (imageId === id) return AMI_TIER.exactId;
  if (imageId.startsWith(id)) return AMI_TIER.idPrefix;
  return null;
}

function nameTier(name: string, imageId: string, query: AmiQuery): number | null {
  let all = true;
  for (const word of query.words) {
    if (!name.includes(word)) {
      all = false;
      break;
    }
  }
  if (all) return name.startsWith(query.words[0]!) ? AMI_TIER.namePrefix : AMI_TIER.substring;
  if (query.hex && imageId.includes(query.hex)) return AMI_TIER.substring;
  return null;
}

/** Within a tier the newest image first (a name search usually wants the latest build), then A→Z. */
function compareAmis(a: { row: AmiRow; tier: number }, b: { row: AmiRow; tier: number }): number {
  if (a.tier !== b.tier) return a.tier - b.tier;
  const da = a.row.creationDate ?? '';
  const db = b.row.creationDate ?? '';
  if (da !== db) return da < db ? 1 : -1;
  if (a.row.name !== b.row.name) return a.row.name < b.row.name ? -1 : 1;
  return a.row.key < b.row.key ? -1 : a.row.key > b.row.key ? 1 : 0;
}

/**
 * Finds AMIs of the offline inventory by id or name. One pass over the rows keeping only the best
 * `limit` (no sort of everything), so a keystroke stays cheap over 100,000 rows.
 */
export function searchAmis(rows: readonly AmiRow[], query: string, limit = AMI_RESULT_LIMIT): AmiSearch {
  const parsed = parseAmiQuery(query);
  if (!parsed || limit <= 0) return { rows: [], total: 0, query: parsed };
  const id = parsed.kind === 'id' ? parsed.words[0]! : null;
  const names = id === null ? lowerNamesOf(rows) : null;
  const best: Array<{ row: AmiRow; tier: number }> = [];
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const tier = id !== null ? idTier(row.imageId, id) : nameTier(names![i]!, row.imageId, parsed);
    if (tier === null) continue;
    total++;
    if (tier === AMI_TIER.exactId && id!.length === FULL_ID_LENGTH) return { rows: [row], total: 1, query: parsed };
    const hit = { row, tier };
    if (best.length === limit && compareAmis(hit, best[limit - 1]!) >= 0) continue;
    let at = best.length;
    while (at > 0 && compareAmis(hit, best[at - 1]!) < 0) at--;
    best.splice(at, 0, hit);
    if (best.length > limit) best.pop();
  }
  return { rows: best.map((b) => b.row), total, query: parsed };
}
