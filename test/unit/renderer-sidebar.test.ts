/**
 * The sidebar's tree: what the filter keeps (name, alias, the 12-digit id with or without dashes
 * or spaces, the client's name; a client whose name matches keeps all its accounts), folded
 * clients and their memory per workspace, what each key does to the focused row, and the tree
 * as rendered markup (one tab stop, tree semantics, the data-testids the e2e specs use); and
 * the quick switcher over many accounts, which lists the best fifty and says how many more match.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../shared/model';
import type { AtlasState } from '../../renderer/store';
import { accountSummary } from './renderer-fixtures';
import './scripted-bridge';

const tree = await import('../../renderer/lib/sidebarTree');
const { useAtlas } = await import('../../renderer/store');
const { Sidebar } = await import('../../renderer/shell/Sidebar');
const { QuickSwitcher, ACCOUNT_LIMIT } = await import('../../renderer/shell/QuickSwitcher');

const { buildTree, parseSidebarQuery, treeKeyAction, OTHER_GROUP } = tree;

const workspace: Workspace = {
  clients: [
    { id: 'acme', name: 'Acme Corp', color: '#f00', production: false },
    { id: 'globex', name: 'Globex', color: '#0f0', production: true },
    { id: 'empty', name: 'Empty Inc', color: '#00f', production: false },
  ],
  accounts: [
    accountSummary('a-prod', { name: 'acme-production', clientId: 'acme', alias: 'acme-prod-main', awsAccountId: '111122223333', production: true }),
    accountSummary('a-dev', { name: 'acme-dev', clientId: 'acme', awsAccountId: '111122224444' }),
    accountSummary('g-prod', { name: 'globex-prod', clientId: 'globex', awsAccountId: '999988887777' }),
    accountSummary('g-data', { name: 'data-lake', clientId: 'globex', alias: 'lake', awsAccountId: '555566667777' }),
    accountSummary('orphan', { name: 'stray', clientId: 'gone', awsAccountId: null }),
  ],
  demo: false,
  userAccountCount: 5,
  keychain: { available: true, reason: null, sessionOnly: false },
};

const none = new Set<string>();
/** The accounts the filter keeps, by id, in sidebar order. */
const kept = (query: string) =>
  buildTree(workspace, { collapsed: none, query: parseSidebarQuery(query) })
    .rows.filter((r) => r.kind === 'account')
    .map((r) => (r.kind === 'account' ? r.account.id : ''));
const shape = (rows: ReturnType<typeof buildTree>['rows']) => rows.map((r) => (r.kind === 'client' ? `${r.expanded ? '▾' : '▸'}${r.groupId}` : `  ${r.account.id}`));

describe('the filter', () => {
  it('keeps everything without a query, and says nothing is filtered', () => {
    expect(parseSidebarQuery('   ')).toBeNull();
    const all = buildTree(workspace, { collapsed: none, query: null });
    expect(all.shownAccounts).toBe(5);
    expect(all.totalAccounts).toBe(5);
    // Clients without accounts are not drawn; accounts of a missing client come last.
    expect(shape(all.rows)).toEqual(['▾acme', '  a-prod', '  a-dev', '▾globex', '  g-prod', '  g-data', `▾${OTHER_GROUP}`, '  orphan']);
  });

  it('matches account names and aliases, in any case', () => {
    expect(kept('DEV')).toEqual(['a-dev']);
    expect(kept('prod-main')).toEqual(['a-prod']);
    expect(kept('lake')).toEqual(['g-data']);
    expect(kept('stray')).toEqual(['orphan']);
  });

  it('matches the 12-digit id with or without dashes and spaces, whole or in part', () => {
    expect(kept('111122223333')).toEqual(['a-prod']);
    expect(kept('1111-2222-3333')).toEqual(['a-prod']);
    expect(kept('1111 2222 3333')).toEqual(['a-prod']);
    expect(kept('1111-2222')).toEqual(['a-prod', 'a-dev']);
    expect(kept('2224444')).toEqual(['a-dev']);
    expect(kept('7777')).toEqual(['g-prod', 'g-data']);
    // Digits that run across the dashes count as one run only when typed as one.
    expect(kept('3333 1111')).toEqual([]);
  });

  it('shows every account of a client whose name matches', () => {
    expect(kept('globex')).toEqual(['g-prod', 'g-data']);
    expect(kept('acme corp')).toEqual(['a-prod', 'a-dev']);
    expect(kept('other accounts')).toEqual(['orphan']);
  });

  it('needs every word somewhere: the client and the account together narrow', () => {
    expect(kept('acme prod')).toEqual(['a-prod']);
    expect(kept('globex lake')).toEqual(['g-data']);
    expect(kept('acme lake')).toEqual([]);
  });

  it('counts what it keeps, and drops clients with nothing kept', () => {
    const result = buildTree(workspace, { collapsed: none, query: parseSidebarQuery('prod') });
    expect(result.shownAccounts).toBe(2);
    expect(shape(result.rows)).toEqual(['▾acme', '  a-prod', '▾globex', '  g-prod']);
    const acme = result.rows[0]!;
    expect(acme.kind === 'client' && [acme.shown, acme.total]).toEqual([1, 2]);
  });

  it('keeps nothing for a query nothing matches', () => {
    const result = buildTree(workspace, { collapsed: none, query: parseSidebarQuery('zzz') });
    expect(result.rows).toEqual([]);
    expect(result.shownAccounts).toBe(0);
  });
});

describe('folded clients', () => {
  it('draw the client row without its accounts', () => {
    const rows = buildTree(workspace, { collapsed: new Set(['acme']), query: null }).rows;
    expect(shape(rows)).toEqual(['▸acme', '▾globex', '  g-prod', '  g-data', `▾${OTHER_GROUP}`, '  orphan']);
    // Tree semantics: levels, positions and parents.
    const gData = rows[3]!;
    expect(gData.kind === 'account' && [gData.parent, gData.position, gData.siblings]).toEqual([1, 2, 2]);
    const globex = rows[1]!;
    expect(globex.kind === 'client' && [globex.position, globex.siblings]).toEqual([2, 3]);
  });

  it('are remembered per workspace, and a damaged entry folds nothing', () => {
    const store = new Map<string, string>();
    (globalThis as { localStorage?: unknown }).localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    try {
      tree.saveCollapsed(false, new Set(['acme', 'globex']));
      tree.saveCollapsed(true, new Set(['demo-client']));
      expect([...tree.loadCollapsed(false)]).toEqual(['acme', 'globex']);
      expect([...tree.loadCollapsed(true)]).toEqual(['demo-client']);
      tree.saveCollapsed(false, new Set());
      expect([...tree.loadCollapsed(false)]).toEqual([]);
      expect([...tree.loadCollapsed(true)]).toEqual(['demo-client']);
    } finally {
      delete (globalThis as { localStorage?: unknown }).localStorage;
    }
    expect(tree.parseSidebarPrefs('not json')).toEqual({ collapsed: { user: [], demo: [] } });
    expect(tree.parseSidebarPrefs('{"collapsed":{"user":["a",7,"a","' + 'x'.repeat(65) + '"],"demo":"b"}}')).toEqual({ collapsed: { user: ['a'], demo: [] } });
  });
});

describe('keys in the tree', () => {
  const rows = buildTree(workspace, { collapsed: new Set(['globex']), query: null }).rows;
  // ▾acme, a-prod, a-dev, ▸globex, ▾other, orphan
  const key = (index: number, name: string, pageSize = 3) => treeKeyAction(rows, index, name, pageSize);

  it('Up and Down move one row and stop at the ends; Home and End go to them', () => {
    expect(key(0, 'ArrowDown')).toEqual({ type: 'focus', index: 1 });
    expect(key(2, 'ArrowDown')).toEqual({ type: 'focus', index: 3 });
    expect(key(5, 'ArrowDown')).toEqual({ type: 'focus', index: 5 });
    expect(key(0, 'ArrowUp')).toEqual({ type: 'focus', index: 0 });
    expect(key(3, 'ArrowUp')).toEqual({ type: 'focus', index: 2 });
    expect(key(3, 'Home')).toEqual({ type: 'focus', index: 0 });
    expect(key(0, 'End')).toEqual({ type: 'focus', index: 5 });
    expect(key(-1, 'ArrowDown')).toEqual({ type: 'focus', index: 0 });
  });

  it('Page keys move a page, within the rows', () => {
    expect(key(0, 'PageDown')).toEqual({ type: 'focus', index: 3 });
    expect(key(4, 'PageDown')).toEqual({ type: 'focus', index: 5 });
    expect(key(4, 'PageUp')).toEqual({ type: 'focus', index: 1 });
  });

  it('Right opens a folded client, then enters it; Left closes it, or goes from an account to its client', () => {
    expect(key(3, 'ArrowRight')).toEqual({ type: 'expand', index: 3, expanded: true });
    expect(key(0, 'ArrowRight')).toEqual({ type: 'focus', index: 1 });
    expect(key(1, 'ArrowRight')).toBeNull();
    expect(key(0, 'ArrowLeft')).toEqual({ type: 'expand', index: 0, expanded: false });
    expect(key(2, 'ArrowLeft')).toEqual({ type: 'focus', index: 0 });
    expect(key(5, 'ArrowLeft')).toEqual({ type: 'focus', index: 4 });
    expect(key(3, 'ArrowLeft')).toBeNull();
  });

  it('Enter and Space switch to an account, and open or close a client', () => {
    expect(key(1, 'Enter')).toEqual({ type: 'choose', index: 1 });
    expect(key(2, ' ')).toEqual({ type: 'choose', index: 2 });
    expect(key(3, 'Enter')).toEqual({ type: 'expand', index: 3, expanded: true });
    expect(key(0, ' ')).toEqual({ type: 'expand', index: 0, expanded: false });
  });

  it('leaves other keys alone, and does nothing in an empty tree', () => {
    expect(key(0, 'Tab')).toBeNull();
    expect(key(0, 'a')).toBeNull();
    expect(treeKeyAction([], 0, 'ArrowDown', 3)).toBeNull();
  });

  it('sends printable characters to the filter, but not "/" (the AMI search) or shortcuts', () => {
    const ev = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, ...mods });
    expect(tree.isFilterCharacter(ev('a'))).toBe(true);
    expect(tree.isFilterCharacter(ev('7'))).toBe(true);
    expect(tree.isFilterCharacter(ev('/'))).toBe(false);
    expect(tree.isFilterCharacter(ev(' '))).toBe(false);
    expect(tree.isFilterCharacter(ev('ArrowDown'))).toBe(false);
    expect(tree.isFilterCharacter(ev('k', { ctrlKey: true }))).toBe(false);
  });
});

describe('the sidebar as rendered', () => {
  beforeEach(() => {
    useAtlas.setState({ workspace, accountId: 'a-dev', mode: 'accounts', sso: {} } as Partial<AtlasState>);
  });

  function render(): string {
    Object.assign(useAtlas.getInitialState(), useAtlas.getState());
    return renderToStaticMarkup(createElement(Sidebar));
  }

  it('is one tree with one tab stop: the active account', () => {
    const html = render();
    expect(html).toContain('role="tree"');
    expect(html.match(/role="treeitem"/g)).toHaveLength(8);
    expect(html.match(/tabindex="0"/g)).toHaveLength(1);
    expect(html).toMatch(/<div[^>]*role="treeitem"[^>]*aria-current="true"[^>]*tabindex="0"[^>]*data-account-id="a-dev"/);
    // Clients: level 1 with aria-expanded; accounts: level 2; settings buttons are no tab stops.
    expect(html).toMatch(/data-testid="client-row" data-client-id="acme"/);
    expect(html).toMatch(/role="treeitem" aria-level="1" aria-posinset="1" aria-setsize="3" aria-expanded="true"/);
    expect(html.match(/aria-level="2"/g)).toHaveLength(5);
    expect(html).toContain('aria-label="Settings for acme-dev"');
    expect(html).not.toMatch(/aria-label="Settings for [^"]*"[^>]*tabindex="0"/);
    expect(html).toMatch(/data-testid="account-item" data-account-id="a-prod" data-health="ok"/);
  });

  it('offers the filter and says how many accounts it filters', () => {
    const html = render();
    expect(html).toContain('aria-label="Filter clients and accounts"');
    expect(html).toContain('placeholder="Filter 5 accounts"');
    expect(html).toContain('aria-label="Add account"');
  });
});

describe('the quick switcher over many accounts', () => {
  it('lists the first fifty and says how many more match', () => {
    const many: Workspace = {
      ...workspace,
      accounts: Array.from({ length: 120 }, (_, i) => accountSummary(`acct-${i}`, { name: `account-${i}`, clientId: i % 2 ? 'acme' : 'globex', awsAccountId: String(100000000000 + i) })),
    };
    useAtlas.setState({ workspace: many, accountId: 'acct-0', recentAccounts: [], inventory: [], regionsByAccount: {} } as Partial<AtlasState>);
    Object.assign(useAtlas.getInitialState(), useAtlas.getState());
    const html = renderToStaticMarkup(createElement(QuickSwitcher, { onClose: () => {} }));
    expect(ACCOUNT_LIMIT).toBe(50);
    expect(html.match(/data-testid="quick-switcher-option"/g)).toHaveLength(50);
    expect(html).toContain('All accounts · first 50 of 120');
    expect(html).toContain('70 more accounts match: type more of a name, client or account id to narrow the list.');
  });
});
