/**
 * The sidebar's tree of clients and accounts, as flat rows a virtualized list can draw: which
 * accounts a filter keeps, which clients are collapsed (remembered per workspace), and what a
 * key does to the focused row. Pure, so it is tested without a page.
 */
import type { AccountSummary, Client, Workspace } from '../../shared/model';
import { groupAccounts } from './workspace';

/** The collapse key of the group of accounts whose client is missing from the workspace. */
export const OTHER_GROUP = '~other';

export interface ClientTreeRow {
  kind: 'client';
  /** Unique among rows: `c:` and the client's id (or OTHER_GROUP). */
  key: string;
  /** The client's id, or OTHER_GROUP. */
  groupId: string;
  client: Client | null;
  /** Accounts the client has, and how many of them the filter keeps. */
  total: number;
  shown: number;
  expanded: boolean;
  /** 1-based place among the shown clients, and how many are shown (aria-posinset/-setsize). */
  position: number;
  siblings: number;
}

export interface AccountTreeRow {
  kind: 'account';
  key: string;
  account: AccountSummary;
  /** The row index of the account's client. */
  parent: number;
  clientProduction: boolean;
  position: number;
  siblings: number;
}

export type TreeRow = ClientTreeRow | AccountTreeRow;

export const rowKey = {
  client: (groupId: string) => `c:${groupId}`,
  account: (accountId: string) => `a:${accountId}`,
};

/** A filter, parsed once per keystroke. */
export interface SidebarQuery {
  /** Lower-cased words; every one must match the account or its client. */
  words: string[];
  /**
   * When the query is only digits, dashes and spaces ("1234-5678", "1234 5678 9012"): those
   * digits, compared as one run with the 12-digit account id.
   */
  digits: string | null;
}

export function parseSidebarQuery(text: string): SidebarQuery | null {
  const trimmed = text.trim().toLowerCase();
  if (!trimmed) return null;
  const compact = trimmed.replace(/[\s-]+/g, '');
  return {
    words: trimmed.split(/\s+/).filter(Boolean),
    digits: /^\d+$/.test(compact) ? compact : null,
  };
}

/** What one account is searched by, lower-cased once per workspace. */
interface AccountText {
  name: string;
  alias: string;
  id: string;
}

/** Per workspace: each account's search text (cached, so a keystroke only compares strings). */
const textCache = new WeakMap<AccountSummary, AccountText>();

function accountText(account: AccountSummary): AccountText {
  let text = textCache.get(account);
  if (!text) {
    text = { name: account.name.toLowerCase(), alias: account.alias?.toLowerCase() ?? '', id: account.awsAccountId ?? '' };
    textCache.set(account, text);
  }
  return text;
}

function wordMatchesAccount(word: string, text: AccountText, ids: boolean): boolean {
  if (text.name.includes(word) || (text.alias && text.alias.includes(word))) return true;
  if (!ids || !text.id) return false;
  const digits = word.replace(/-/g, '');
  return /^\d+$/.test(digits) && text.id.includes(digits);
}

/**
 * Whether the filter keeps an account. A client whose name holds every word keeps all its
 * accounts; otherwise every word must be in the account's name, alias or id, or in its
 * client's name ("acme prod" → Acme's prod accounts). A query of digits (dashes and spaces
 * allowed) is compared with the account id as one run.
 */
export function accountMatches(query: SidebarQuery, account: AccountSummary, clientName: string): boolean {
  const text = accountText(account);
  if (query.digits !== null && text.id.includes(query.digits)) return true;
  const client = clientName.toLowerCase();
  // A query of digits is an id as a whole ("1234 5678" is not two pieces of one); its words may
  // still be in a name ("web 2").
  const ids = query.digits === null;
  return query.words.every((word) => client.includes(word) || wordMatchesAccount(word, text, ids));
}

export function clientMatches(query: SidebarQuery, clientName: string): boolean {
  const client = clientName.toLowerCase();
  return query.words.every((word) => client.includes(word));
}

export interface TreeOptions {
  /** Collapse keys (client ids, or OTHER_GROUP) of collapsed clients. */
  collapsed: ReadonlySet<string>;
  query: SidebarQuery | null;
}

export interface Tree {
  rows: TreeRow[];
  /** Accounts the filter keeps (all of them without a filter). */
  shownAccounts: number;
  totalAccounts: number;
}

export const groupId = (client: Client | null): string => client?.id ?? OTHER_GROUP;

/**
 * The rows to draw: each client that has accounts (and, with a filter, a kept account),
 * followed by its kept accounts unless it is collapsed. The caller decides what "collapsed"
 * means while filtering (see the Sidebar: a filter opens every client it keeps).
 */
export function buildTree(workspace: Workspace, { collapsed, query }: TreeOptions): Tree {
  const groups = groupAccounts(workspace);
  const kept: { client: Client | null; total: number; accounts: AccountSummary[] }[] = [];
  let shownAccounts = 0;
  for (const { client, accounts } of groups) {
    const name = client?.name ?? 'Other accounts';
    const accountsShown = !query || clientMatches(query, name) ? accounts : accounts.filter((a) => accountMatches(query, a, name));
    if (accountsShown.length === 0) continue;
    kept.push({ client, total: accounts.length, accounts: accountsShown });
    shownAccounts += accountsShown.length;
  }
  const rows: TreeRow[] = [];
  kept.forEach(({ client, total, accounts }, i) => {
    const id = groupId(client);
    const expanded = !collapsed.has(id);
    const parent = rows.length;
    rows.push({ kind: 'client', key: rowKey.client(id), groupId: id, client, total, shown: accounts.length, expanded, position: i + 1, siblings: kept.length });
    if (!expanded) return;
    accounts.forEach((account, j) => {
      rows.push({
        kind: 'account',
        key: rowKey.account(account.id),
        account,
        parent,
        clientProduction: client?.production ?? false,
        position: j + 1,
        siblings: accounts.length,
      });
    });
  });
  return { rows, shownAccounts, totalAccounts: workspace.accounts.length };
}

/** The row index of an account; -1 when it is not drawn (filtered out, or its client folded). */
export function indexOfAccount(rows: readonly TreeRow[], accountId: string): number {
  return rows.findIndex((r) => r.kind === 'account' && r.account.id === accountId);
}

/** What a key does to the tree, given the focused row. */
export type TreeAction =
  | { type: 'focus'; index: number }
  | { type: 'expand'; index: number; expanded: boolean }
  | { type: 'choose'; index: number }
  | null;

/**
 * The tree's keys, as the WAI-ARIA tree pattern has them: Up/Down move, Home/End go to the
 * ends, Page keys move by `pageSize` rows, Right opens a client (or enters it when open), Left
 * closes it (or goes from an account to its client), Enter and Space switch to an account or
 * open/close a client. Anything else is not the tree's (null).
 */
export function treeKeyAction(rows: readonly TreeRow[], index: number, key: string, pageSize: number): TreeAction {
  const last = rows.length - 1;
  if (last < 0) return null;
  const at = Math.min(Math.max(index, 0), last);
  const row = rows[at]!;
  const focus = (to: number): TreeAction => ({ type: 'focus', index: Math.min(Math.max(to, 0), last) });
  switch (key) {
    case 'ArrowDown':
      return focus(index < 0 ? 0 : at + 1);
    case 'ArrowUp':
      return focus(index < 0 ? 0 : at - 1);
    case 'Home':
      return focus(0);
    case 'End':
      return focus(last);
    case 'PageDown':
      return focus(at + Math.max(1, pageSize));
    case 'PageUp':
      return focus(at - Math.max(1, pageSize));
    case 'ArrowRight':
      if (row.kind !== 'client') return null;
      if (!row.expanded) return { type: 'expand', index: at, expanded: true };
      return rows[at + 1]?.kind === 'account' ? focus(at + 1) : null;
    case 'ArrowLeft':
      if (row.kind === 'account') return focus(row.parent);
      return row.expanded ? { type: 'expand', index: at, expanded: false } : null;
    case 'Enter':
    case ' ':
      return row.kind === 'account' ? { type: 'choose', index: at } : { type: 'expand', index: at, expanded: !row.expanded };
    default:
      return null;
  }
}

/** A key that types into the filter from the tree: one printable character, no Ctrl/Cmd/Alt ('/' stays the AMI search's). */
export function isFilterCharacter(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): boolean {
  return event.key.length === 1 && event.key !== ' ' && event.key !== '/' && !event.ctrlKey && !event.metaKey && !event.altKey;
}

// --- Collapsed clients, remembered per workspace (the user's and the demo's are apart) ---

const KEY = 'atlas.sidebar.v1';
/** Bounds on what is read back, so a damaged entry cannot make start-up slow. */
const MAX_IDS = 2_000;
const MAX_ID_LENGTH = 64;

export interface SidebarPrefs {
  collapsed: { user: string[]; demo: string[] };
}

const emptyPrefs = (): SidebarPrefs => ({ collapsed: { user: [], demo: [] } });

function idList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const ids = value.filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_ID_LENGTH);
  return [...new Set(ids)].slice(0, MAX_IDS);
}

/** Accepts only the expected shape, like the other prefs: anything else is "nothing collapsed". */
export function parseSidebarPrefs(raw: string | null): SidebarPrefs {
  if (!raw) return emptyPrefs();
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return emptyPrefs();
    const collapsed = (value as Record<string, unknown>).collapsed;
    if (typeof collapsed !== 'object' || collapsed === null) return emptyPrefs();
    const c = collapsed as Record<string, unknown>;
    return { collapsed: { user: idList(c.user), demo: idList(c.demo) } };
  } catch {
    return emptyPrefs();
  }
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function loadCollapsed(demo: boolean): Set<string> {
  const prefs = parseSidebarPrefs(storage()?.getItem(KEY) ?? null);
  return new Set(demo ? prefs.collapsed.demo : prefs.collapsed.user);
}

export function saveCollapsed(demo: boolean, collapsed: ReadonlySet<string>): void {
  const store = storage();
  if (!store) return;
  const prefs = parseSidebarPrefs(store.getItem(KEY));
  const ids = [...collapsed].slice(0, MAX_IDS);
  const next: SidebarPrefs = { collapsed: demo ? { ...prefs.collapsed, demo: ids } : { ...prefs.collapsed, user: ids } };
  try {
    store.setItem(KEY, JSON.stringify(next));
  } catch {
    // Remembering is a nicety: a full or disabled storage only means clients open expanded.
  }
}
