import { useCallback, useId, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range, type Rect, type Virtualizer } from '@tanstack/react-virtual';
import type { Workspace } from '../../shared/model';
import { useAtlas } from '../store';
import { ClientDot } from '../components/ClientDot';
import { Icon } from '../components/Icon';
import { formatAccountId, formatCount } from '../lib/format';
import { accountTarget, clientTarget } from '../lib/shareTargets';
import { findAccount } from '../lib/workspace';
import { HEALTH_WORDING, pathsInWords } from '../lib/accounts';
import {
  buildTree,
  groupId,
  indexOfAccount,
  isFilterCharacter,
  loadCollapsed,
  parseSidebarQuery,
  rowKey,
  saveCollapsed,
  treeKeyAction,
  type AccountTreeRow,
  type ClientTreeRow,
  type TreeRow,
} from '../lib/sidebarTree';
import { BuilderEntry } from '../features/builder/BuilderEntry';
import { CleanupEntry } from '../features/cleanup/CleanupEntry';
import { MatrixEntry } from '../features/sharing/MatrixEntry';
import { ModeEntry } from '../components/ModeEntry';
import { useShareDrop } from '../features/sharing/useShareDrop';
import { IdentityLine, PathWarning } from '../features/accounts/AccountIdentity';
import { HealthDot } from '../components/HealthDot';

/** Row heights in px; fixed, so the virtualizer never has to measure (the CSS says the same). */
const CLIENT_HEIGHT = 28;
const ACCOUNT_HEIGHT = 34;
/** Space above every client but the first, so groups read as groups. */
const GROUP_GAP = 6;

const rowHeight = (row: TreeRow | undefined, index: number): number =>
  row?.kind === 'client' ? CLIENT_HEIGHT + (index > 0 ? GROUP_GAP : 0) : ACCOUNT_HEIGHT;

/**
 * The tree's size, from a ResizeObserver only (it reports after layout, when reading the size
 * is free). The library's default also reads it at once while React commits, which forces a
 * layout of the whole page in the middle of the app's first render.
 */
function observeTreeRect(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: Rect) => void): (() => void) | undefined {
  const element = instance.scrollElement;
  if (!element || typeof ResizeObserver === 'undefined') return undefined;
  const observer = new ResizeObserver(() => cb({ width: element.clientWidth, height: element.clientHeight }));
  observer.observe(element);
  return () => observer.disconnect();
}

/**
 * Clients and their accounts, as one tree: a tab stop of its own (the focused row; arrows move
 * inside it), with a filter box above it and only the rows in view in the DOM, so 500 accounts
 * in 50 clients cost what 20 do. Clients fold (remembered per workspace); the active account is
 * marked, and scrolled into view and its client opened whenever it changes (Ctrl+K included).
 * Accounts and client rows are drop targets for dragged AMIs (a client means all its accounts).
 * Settings open from the "⋯" button (shown on hover, focus and for the active row) or the
 * context menu (right click, Shift+F10 or the menu key).
 */
export function Sidebar() {
  const workspace = useAtlas((s) => s.workspace);
  const openDialog = useAtlas((s) => s.openDialog);
  if (!workspace) return null;

  return (
    <nav className="sidebar" aria-label="Clients and accounts">
      <AmisEntry />
      <InventoryEntry />
      <MatrixEntry />
      <AuditEntry />
      <BuilderEntry />
      <CleanupEntry />
      <div className="sidebar-heading-row">
        <h2 className="caps-label sidebar-heading" id="sidebar-clients-heading">
          Clients
        </h2>
        <button type="button" className="sidebar-heading-add" aria-label="Add account" title="Add account" onClick={() => openDialog({ kind: 'add-account' })}>
          <Icon name="plus" size={13} /> Add
        </button>
      </div>
      <AccountTree workspace={workspace} />
      {!workspace.demo && (
        <div className="sidebar-footer">
          <OpenDemo />
        </div>
      )}
    </nav>
  );
}

function AccountTree({ workspace }: { workspace: Workspace }) {
  const accountId = useAtlas((s) => s.accountId);
  const selectAccount = useAtlas((s) => s.selectAccount);
  const setMode = useAtlas((s) => s.setMode);
  const openDialog = useAtlas((s) => s.openDialog);
  const treeId = useId();
  const filterRef = useRef<HTMLInputElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  const [query, setQuery] = useState('');
  const parsed = useMemo(() => parseSidebarQuery(query), [query]);
  const filtering = parsed !== null;
  // Folding is remembered per workspace; while a filter is typed, every client it keeps is open
  // (a match hidden in a folded client would look like no match), and what is folded then is
  // forgotten with the filter.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => loadCollapsed(workspace.demo));
  const [filterCollapsed, setFilterCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const tree = useMemo(
    () => buildTree(workspace, { collapsed: filtering ? filterCollapsed : collapsed, query: parsed }),
    [workspace, filtering, filterCollapsed, collapsed, parsed],
  );
  const { rows } = tree;

  // The roving tab stop: the row focused since the active account last changed, else the active
  // account (or its folded client), else the first row.
  const [focused, setFocused] = useState<{ key: string; account: string | null } | null>(null);
  const focusKey = focused && focused.account === accountId ? focused.key : null;
  const setFocusKey = useCallback((key: string) => setFocused({ key, account: useAtlas.getState().accountId }), []);
  const focusIndex = useMemo(() => {
    const at = (key: string | null) => (key ? rows.findIndex((r) => r.key === key) : -1);
    let i = at(focusKey);
    if (i < 0 && accountId) i = indexOfAccount(rows, accountId);
    if (i < 0 && accountId) {
      const active = findAccount(workspace, accountId);
      const client = workspace.clients.find((c) => c.id === active?.clientId) ?? null;
      if (active) i = at(rowKey.client(groupId(client)));
    }
    return rows.length === 0 ? -1 : Math.max(i, 0);
  }, [rows, focusKey, accountId, workspace]);
  /** Set when a key moved the focus: the next commit focuses the row (once it is drawn). */
  const focusPending = useRef(false);

  const getItemKey = useCallback((i: number) => rows[i]?.key ?? i, [rows]);
  const estimateSize = useCallback((i: number) => rowHeight(rows[i], i), [rows]);
  // The focused row is always drawn, even when scrolled away, so Tab always finds the tree's stop.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (focusIndex >= 0 && focusIndex < range.count && !indexes.includes(focusIndex)) return [...indexes, focusIndex].sort((a, b) => a - b);
      return indexes;
    },
    [focusIndex],
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    rangeExtractor,
    overscan: 8,
    // More than the tree's height until it is measured, so the first paint already holds the rows in view.
    initialRect: { width: 0, height: typeof window !== 'undefined' && window.innerHeight > 0 ? window.innerHeight : 600 },
    observeElementRect: observeTreeRect,
  });

  useLayoutEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    const key = rows[focusIndex]?.key;
    const element = key ? scrollRef.current?.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(key)}"]`) : null;
    element?.focus({ preventScroll: true });
  });

  const moveFocus = useCallback(
    (index: number) => {
      const row = rows[index];
      if (!row) return;
      setFocusKey(row.key);
      focusPending.current = true;
      virtualizer.scrollToIndex(index, { align: 'auto' });
    },
    [rows, virtualizer, setFocusKey],
  );

  const setExpanded = useCallback(
    (group: string, expanded: boolean) => {
      const update = (set: ReadonlySet<string>) => {
        const next = new Set(set);
        if (expanded) next.delete(group);
        else next.add(group);
        return next;
      };
      if (filtering) setFilterCollapsed(update);
      else
        setCollapsed((current) => {
          const next = update(current);
          saveCollapsed(workspace.demo, next);
          return next;
        });
    },
    [filtering, workspace.demo],
  );

  const choose = useCallback(
    (id: string) => {
      // Choosing an account is going to its AMIs, from any place (Image Builder included: it is a
      // place like the others, reopened on the chosen account with Ctrl+Shift+B).
      setMode('accounts');
      selectAccount(id);
    },
    [selectAccount, setMode],
  );

  // Whenever the active account changes (a click, Ctrl+K, start-up), its client opens and the
  // row comes into view (centred when it was out of sight: the rows around it say where it is).
  const revealed = useRef<string | null>(null);
  // Until the tree is measured its height is a guess, too rough to say whether a row is in view.
  const measuredHeight = virtualizer.scrollRect && virtualizer.scrollRect !== virtualizer.options.initialRect ? virtualizer.scrollRect.height : null;
  useLayoutEffect(() => {
    if (!accountId || revealed.current === accountId || measuredHeight === null) return;
    const account = findAccount(workspace, accountId);
    if (!account) return;
    const group = groupId(workspace.clients.find((c) => c.id === account.clientId) ?? null);
    const folded = filtering ? filterCollapsed : collapsed;
    if (folded.has(group)) {
      // Opened first; this runs again with the new rows.
      setExpanded(group, true);
      return;
    }
    revealed.current = accountId;
    const index = indexOfAccount(rows, accountId);
    if (index < 0) return;
    const item = virtualizer.measurementsCache[index];
    const top = virtualizer.scrollOffset ?? 0;
    if (!item || item.start < top || item.end > top + measuredHeight) virtualizer.scrollToIndex(index, { align: 'center' });
  }, [accountId, workspace, rows, filtering, filterCollapsed, collapsed, setExpanded, virtualizer, measuredHeight]);

  /** A new filter starts at the top of its results; no filter again shows the active account. */
  function filterBy(text: string) {
    setQuery(text);
    setFilterCollapsed(new Set());
    virtualizer.scrollToOffset(0);
    if (!text.trim()) revealed.current = null;
  }

  function onTreeKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const from = (event.target as HTMLElement).closest<HTMLElement>('[data-row-key]');
    const index = from ? rows.findIndex((r) => r.key === from.dataset.rowKey) : focusIndex;
    if (isFilterCharacter(event)) {
      // Typing in the tree types into the filter.
      event.preventDefault();
      filterBy(query + event.key);
      filterRef.current?.focus();
      return;
    }
    if ((event.key === 'F10' && event.shiftKey) || event.key === 'ContextMenu') {
      // The row's menu is its settings, as on right click.
      event.preventDefault();
      const row = rows[index];
      if (row?.kind === 'account') openDialog({ kind: 'account-settings', account: row.account.id });
      else if (row?.client) openDialog({ kind: 'client-settings', client: row.client.id });
      return;
    }
    if (event.shiftKey) return; // Shift+Tab is the browser's.
    const pageSize = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / ACCOUNT_HEIGHT) - 1);
    const action = treeKeyAction(rows, index, event.key, pageSize);
    if (!action) return;
    event.preventDefault();
    const row = rows[action.index];
    if (action.type === 'focus') moveFocus(action.index);
    else if (action.type === 'expand' && row?.kind === 'client') {
      setFocusKey(row.key);
      focusPending.current = true;
      setExpanded(row.groupId, action.expanded);
    } else if (action.type === 'choose' && row?.kind === 'account') choose(row.account.id);
  }

  function onTreeFocus(event: FocusEvent<HTMLDivElement>) {
    const key = (event.target as HTMLElement).closest<HTMLElement>('[data-row-key]')?.dataset.rowKey;
    if (key && key !== rows[focusIndex]?.key) setFocusKey(key);
  }

  function onFilterKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      if (query) {
        filterBy('');
      } else if (focusIndex >= 0) moveFocus(focusIndex);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (rows.length > 0) moveFocus(0);
    } else if (event.key === 'Enter') {
      // Enter switches to the first account the filter keeps, and puts the focus on it.
      event.preventDefault();
      const first = rows.findIndex((r) => r.kind === 'account');
      const row = rows[first];
      if (row?.kind !== 'account') return;
      choose(row.account.id);
      moveFocus(first);
    }
  }

  const currentGroup = useMemo(() => {
    const active = findAccount(workspace, accountId);
    return active ? groupId(workspace.clients.find((c) => c.id === active.clientId) ?? null) : null;
  }, [workspace, accountId]);

  const items = virtualizer.getVirtualItems();
  const statusId = `${treeId}-status`;
  return (
    <>
      <div className="sidebar-filter" role="search">
        <Icon name="search" size={13} className="icon sidebar-filter-icon" />
        <input
          ref={filterRef}
          type="search"
          className="sidebar-filter-input"
          placeholder={`Filter ${formatCount(tree.totalAccounts)} ${tree.totalAccounts === 1 ? 'account' : 'accounts'}`}
          aria-label="Filter clients and accounts"
          aria-controls={treeId}
          aria-describedby={statusId}
          autoComplete="off"
          spellCheck={false}
          value={query}
          data-testid="sidebar-filter"
          onChange={(e) => {
            filterBy(e.target.value);
          }}
          onKeyDown={onFilterKeyDown}
        />
      </div>
      <p className={filtering && rows.length > 0 ? 'sidebar-filter-status' : 'sr-only'} id={statusId} role="status" data-testid="sidebar-filter-status">
        {!filtering ? '' : rows.length > 0 ? `${formatCount(tree.shownAccounts)} of ${formatCount(tree.totalAccounts)} accounts` : 'No client or account matches'}
      </p>
      {filtering && rows.length === 0 ? (
        <div className="sidebar-empty" data-testid="sidebar-empty">
          <p>No client or account matches “{query.trim()}”.</p>
          <p className="sidebar-empty-hint">Try part of an account name or alias, a client, or digits of a 12-digit account id.</p>
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              filterBy('');
              filterRef.current?.focus();
            }}
          >
            Clear filter
          </button>
        </div>
      ) : (
        <div
          ref={scrollRef}
          className="sidebar-scroll"
          id={treeId}
          role="tree"
          aria-labelledby="sidebar-clients-heading"
          data-testid="sidebar-tree"
          onKeyDown={onTreeKeyDown}
          onFocus={onTreeFocus}
        >
          <div className="sidebar-canvas" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              const gap = row.kind === 'client' && item.index > 0 ? GROUP_GAP : 0;
              const style: CSSProperties = { transform: `translateY(${item.start + gap}px)` };
              const tabbable = item.index === focusIndex;
              return row.kind === 'client' ? (
                <ClientRow
                  key={item.key}
                  row={row}
                  style={style}
                  tabbable={tabbable}
                  filtering={filtering}
                  holdsCurrent={!row.expanded && row.groupId === currentGroup}
                  onToggle={() => {
                    setFocusKey(row.key);
                    setExpanded(row.groupId, !row.expanded);
                  }}
                />
              ) : (
                <AccountRow key={item.key} row={row} style={style} tabbable={tabbable} onChoose={() => choose(row.account.id)} />
              );
            })}
          </div>
        </div>
      )}
    </>
  );
}

/** The demo workspace, one click away at any time; it never mixes with the user's clients. */
function OpenDemo() {
  const switchWorkspace = useAtlas((s) => s.switchWorkspace);
  const switching = useAtlas((s) => s.workspaceSwitching);
  return (
    <button
      type="button"
      className="sidebar-add sidebar-demo"
      onClick={() => void switchWorkspace('demo')}
      disabled={switching}
      title="A separate workspace with made-up clients, served by a built-in AWS emulator; your accounts wait aside"
      data-testid="open-demo"
    >
      <Icon name="box" size={14} /> Open demo
    </button>
  );
}

/** "AMIs": the active account's AMI list in its region, the place choosing an account leads to. */
function AmisEntry() {
  const name = useAtlas((s) => (s.workspace && s.accountId ? (findAccount(s.workspace, s.accountId)?.name ?? null) : null));
  return (
    <ModeEntry mode="accounts" label="AMIs" icon="layers" testId="amis-entry" title={name ? `The AMIs of ${name} in the chosen region` : 'The AMIs of the chosen account'}>
      {name && (
        <span className="inventory-entry-count amis-entry-account" aria-hidden="true">
          {name}
        </span>
      )}
    </ModeEntry>
  );
}

/** "Inventory": every account and region in one grid, above the per-account list. */
function InventoryEntry() {
  const total = useAtlas((s) => s.inventory.length);
  return (
    <ModeEntry mode="inventory" label="Inventory" icon="box" title="Every AMI of every account and region">
      {total > 0 && (
        <span className="inventory-entry-count" aria-hidden="true">
          {formatCount(total)}
        </span>
      )}
    </ModeEntry>
  );
}

/** "Audit log": every change made from the app (shares first of all), with undo where possible; the shell answers Ctrl+Shift+L. */
function AuditEntry() {
  return <ModeEntry mode="audit" label="Audit log" icon="clock" className="audit-entry" testId="audit-log-entry" title="Every change made from here, with undo where possible" shortcut="L" />;
}

interface ClientRowProps {
  row: ClientTreeRow;
  style: CSSProperties;
  tabbable: boolean;
  filtering: boolean;
  /** Folded, with the active account inside: marked so "where am I" stays visible. */
  holdsCurrent: boolean;
  onToggle(): void;
}

function ClientRow({ row, style, tabbable, filtering, holdsCurrent, onToggle }: ClientRowProps) {
  const { client, expanded } = row;
  const openDialog = useAtlas((s) => s.openDialog);
  const openSettings = client ? () => openDialog({ kind: 'client-settings', client: client.id }) : undefined;
  const clientId = client?.id ?? null;
  const drop = useShareDrop((workspace, owners) => (clientId ? clientTarget(workspace, clientId, owners) : null));
  const name = client?.name ?? 'Other accounts';
  const count = filtering && row.shown !== row.total ? `${formatCount(row.shown)}/${formatCount(row.total)}` : formatCount(row.total);
  return (
    <div
      className={`client-row sidebar-row${drop.over ? ' is-drop-target' : ''}${holdsCurrent ? ' holds-current' : ''}`}
      style={style}
      role="treeitem"
      aria-level={1}
      aria-posinset={row.position}
      aria-setsize={row.siblings}
      aria-expanded={expanded}
      aria-label={`${name}, ${row.total === 1 ? '1 account' : `${formatCount(row.total)} accounts`}${client?.production ? ', production' : ''}`}
      tabIndex={tabbable ? 0 : -1}
      data-row-key={row.key}
      data-testid="client-row"
      data-client-id={client?.id}
      {...drop.props}
      onClick={onToggle}
      onContextMenu={
        openSettings
          ? (e: MouseEvent) => {
              e.preventDefault();
              openSettings();
            }
          : undefined
      }
    >
      <Icon name="chevronRight" size={12} className={`icon client-chevron${expanded ? ' is-open' : ''}`} />
      <ClientDot color={client?.color} />
      <span className="client-name">{name}</span>
      {client?.production && (
        <span className="prod-marker" title="Production client: every account of this client counts as production">
          PROD
        </span>
      )}
      {/* Drawn from the attribute, so the row's text stays the client's name (the label says the count). */}
      <span className="client-count" aria-hidden="true" data-count={count} />
      {openSettings && (
        <button
          type="button"
          className="icon-button row-more"
          tabIndex={-1}
          aria-label={`Settings for client ${name}`}
          title="Client settings"
          onClick={(e) => {
            e.stopPropagation();
            openSettings();
          }}
        >
          <Icon name="more" size={14} strokeWidth={2.4} />
        </button>
      )}
    </div>
  );
}

interface AccountRowProps {
  row: AccountTreeRow;
  style: CSSProperties;
  tabbable: boolean;
  onChoose(): void;
}

function AccountRow({ row, style, tabbable, onChoose }: AccountRowProps) {
  const { account, clientProduction } = row;
  const signingIn = useAtlas((s) => {
    const phase = s.sso[account.id]?.phase;
    return phase === 'starting' || phase === 'pending';
  });
  // In the inventory no single account is "where I am"; the row only keeps its selection for next time.
  const current = useAtlas((s) => s.accountId === account.id && (s.mode === 'accounts' || s.mode === 'builder'));
  const openDialog = useAtlas((s) => s.openDialog);
  const openSettings = () => openDialog({ kind: 'account-settings', account: account.id });
  const drop = useShareDrop((workspace, owners) => accountTarget(workspace, account.id, owners));

  const idText = account.awsAccountId ? formatAccountId(account.awsAccountId) : 'not verified';
  const label = [
    account.alias && account.alias !== account.name ? `${account.name} (${account.alias})` : account.name,
    idText,
    account.production && !clientProduction ? 'production' : null,
    signingIn ? 'signing in' : account.health === 'ok' ? null : HEALTH_WORDING[account.health].toLowerCase(),
  ]
    .filter(Boolean)
    .join(', ');
  return (
    // The wrapper is the drop target and is placed by the virtualizer; the row inside is the tree item.
    <div className={`account-entry sidebar-row${current ? ' is-active' : ''}${drop.over ? ' is-drop-target' : ''}`} style={style} {...drop.props}>
      <div
        className={`account-item health-row-${account.health}${current ? ' is-active' : ''}`}
        role="treeitem"
        aria-level={2}
        aria-posinset={row.position}
        aria-setsize={row.siblings}
        aria-current={current ? 'true' : undefined}
        aria-label={label}
        tabIndex={tabbable ? 0 : -1}
        data-row-key={row.key}
        data-testid="account-item"
        data-account-id={account.id}
        data-health={account.health}
        title={`${account.name}${account.alias ? ` (${account.alias})` : ''} · ${idText} · ${pathsInWords(account)}`}
        onClick={onChoose}
        onContextMenu={(e) => {
          e.preventDefault();
          openSettings();
        }}
      >
        <HealthDot health={account.health} message={account.healthMessage} busy={signingIn} />
        <span className="account-text">
          <span className="account-line">
            <span className="account-name">{account.name}</span>
            {account.production && !clientProduction && (
              <span className="prod-marker" title="Production account">
                PROD
              </span>
            )}
            <PathWarning account={account} size={12} />
          </span>
          <span className="account-sub">
            <IdentityLine account={account} />
          </span>
        </span>
        <button
          type="button"
          className="icon-button row-more"
          tabIndex={-1}
          aria-label={`Settings for ${account.name}`}
          title="Account settings"
          onClick={(e) => {
            e.stopPropagation();
            openSettings();
          }}
        >
          <Icon name="more" size={14} strokeWidth={2.4} />
        </button>
      </div>
    </div>
  );
}
