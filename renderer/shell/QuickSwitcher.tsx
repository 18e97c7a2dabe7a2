import { useId, useMemo, useState } from 'react';
import type { AmiRow } from '../../shared/ami-rows';
import type { Workspace } from '../../shared/model';
import { Badge } from '../components/Badge';
import { ClientDot } from '../components/ClientDot';
import { Palette, PaletteOption } from '../components/Palette';
import { Icon } from '../components/Icon';
import { StateBadge } from '../components/StateBadge';
import { useNow } from '../components/useNow';
import { highlightRanges } from '../lib/fuzzy';
import { formatAccountId } from '../lib/format';
import { displayState } from '../lib/images';
import { loadPrefs } from '../lib/prefs';
import { initialActiveIndex, parseSwitchQuery, rankSwitch, searchAmis, switchCandidates, type AmiQuery, type SwitchMatch } from '../lib/quickSwitch';
import { isRegionToken } from '../lib/regions';
import { useAtlas } from '../store';
import { HealthDot } from '../components/HealthDot';
import { shortcutLabel } from '../lib/keyboard';

const EMPTY_WORKSPACE: Workspace = { clients: [], accounts: [], demo: false, userAccountCount: 0, keychain: { available: true, reason: null, sessionOnly: false } };

/**
 * Accounts listed at most. Drawing every one of 500 accounts made a keystroke cost over 100 ms;
 * the best fifty are more than anyone reads, and typing narrows to the rest.
 */
export const ACCOUNT_LIMIT = 50;

/** One row of the list: an account to switch to, or an AMI of the inventory to go to. */
type SwitchOption = { kind: 'account'; match: SwitchMatch } | { kind: 'ami'; row: AmiRow };

/**
 * Ctrl/Cmd+K: type part of a client, account, alias, account id or region, arrow to the row,
 * Enter. "acme prod eu-west" switches to Acme's prod account in eu-west-1. The same box finds
 * AMIs of the offline inventory by id or name; Enter on one opens it in its account.
 */
export function QuickSwitcher({ onClose }: { onClose(): void }) {
  const workspace = useAtlas((s) => s.workspace) ?? EMPTY_WORKSPACE;
  const regionsByAccount = useAtlas((s) => s.regionsByAccount);
  const recent = useAtlas((s) => s.recentAccounts);
  const currentId = useAtlas((s) => s.accountId);
  const currentRegion = useAtlas((s) => s.region);
  const selectAccount = useAtlas((s) => s.selectAccount);
  const jumpToImage = useAtlas((s) => s.jumpToImage);
  const inventory = useAtlas((s) => s.inventory);
  const [query, setQuery] = useState('');
  // null: the default row for this query (see initialActiveIndex); a number once the user moved.
  const [moved, setMoved] = useState<number | null>(null);
  // For the section headings (the options' ids come from the Palette).
  const uid = useId();

  const candidates = useMemo(() => switchCandidates(workspace, regionsByAccount, loadPrefs().regionByAccount), [workspace, regionsByAccount]);
  const allMatches = useMemo(() => rankSwitch(candidates, query, recent), [candidates, query, recent]);
  const matches = useMemo(() => allMatches.slice(0, ACCOUNT_LIMIT), [allMatches]);
  const hiddenMatches = allMatches.length - matches.length;
  const colors = useMemo(() => new Map(workspace.clients.map((c) => [c.id, c.color])), [workspace.clients]);
  const amis = useMemo(() => searchAmis(inventory, query), [inventory, query]);
  // An "ami-…" query is about images: they lead, and the first is where Enter goes.
  const amisFirst = amis.query?.kind === 'id';
  const accountStart = amisFirst ? amis.rows.length : 0;
  const amiStart = amisFirst ? 0 : matches.length;
  const options = useMemo<SwitchOption[]>(() => {
    const accounts = matches.map((match): SwitchOption => ({ kind: 'account', match }));
    const images = amis.rows.map((row): SwitchOption => ({ kind: 'ami', row }));
    return amisFirst ? [...images, ...accounts] : [...accounts, ...images];
  }, [matches, amis, amisFirst]);

  const initial = initialActiveIndex(matches, query, currentId);
  const fallback = amisFirst && amis.rows.length > 0 ? 0 : initial >= 0 ? accountStart + initial : options.length > 0 ? 0 : -1;
  const active = moved === null ? fallback : Math.min(moved, options.length - 1);
  const textTokens = parseSwitchQuery(query).filter((t) => !isRegionToken(t));

  function choose(option: SwitchOption | undefined) {
    if (!option) return;
    onClose();
    if (option.kind === 'account') {
      selectAccount(option.match.account.id, option.match.region);
      return;
    }
    const { row } = option;
    jumpToImage({ account: row.account, region: row.region, view: row.view, imageId: row.imageId, name: row.name });
  }

  const recentCount = matches.filter((m) => m.recent).length;
  const accountSections = [
    { key: 'recent', label: query.trim() ? 'Recent' : 'Recent accounts', rows: matches.slice(0, recentCount), offset: accountStart },
    {
      key: 'matches',
      label: `${query.trim() ? 'Accounts' : 'All accounts'}${hiddenMatches > 0 ? ` · ${query.trim() ? 'best' : 'first'} ${matches.length} of ${allMatches.length.toLocaleString()}` : ''}`,
      rows: matches.slice(recentCount),
      offset: accountStart + recentCount,
    },
  ].filter((s) => s.rows.length > 0);
  const accountList = (optionId: (i: number) => string) => accountSections.map((section) => (
    <div key={section.key} role="group" aria-labelledby={`${uid}-${section.key}-label`}>
      <div className="caps-label palette-section" id={`${uid}-${section.key}-label`} role="presentation">
        {section.label}
      </div>
      {section.rows.map((match, i) => {
        const index = section.offset + i;
        return (
          <SwitchRow
            key={match.account.id}
            id={optionId(index)}
            match={match}
            color={colors.get(match.account.clientId)}
            tokens={textTokens}
            active={index === active}
            current={match.account.id === currentId}
            currentRegion={currentRegion}
            onHover={() => setMoved(index)}
            onChoose={() => choose({ kind: 'account', match })}
          />
        );
      })}
    </div>
  ));
  const moreNote =
    hiddenMatches > 0 ? (
      <p className="palette-note" data-testid="quick-switcher-more">
        <Icon name="info" size={14} />
        <span>
          {hiddenMatches.toLocaleString()} more {hiddenMatches === 1 ? 'account matches' : 'accounts match'}: type more of a name, client or account id to narrow the list.
        </span>
      </p>
    ) : null;
  const amiList = (optionId: (i: number) => string) =>
    amis.rows.length > 0 && amis.query ? (
      <div role="group" aria-labelledby={`${uid}-amis-label`}>
        <div className="caps-label palette-section" id={`${uid}-amis-label`} role="presentation">
          AMIs{amis.total > amis.rows.length ? ` · best ${amis.rows.length} of ${amis.total.toLocaleString()}` : ''}
        </div>
        {amis.rows.map((row, i) => {
          const index = amiStart + i;
          return (
            <AmiOption
              key={row.key}
              id={optionId(index)}
              row={row}
              query={amis.query!}
              workspace={workspace}
              active={index === active}
              onHover={() => setMoved(index)}
              onChoose={() => choose({ kind: 'ami', row })}
            />
          );
        })}
      </div>
    ) : null;
  const activeOption = options[active];

  return (
    <Palette
      title="Quick switcher"
      testId="quick-switcher"
      className="quick-switcher"
      icon="switch"
      inputLabel="Switch account or find an AMI"
      placeholder="Client, account, account id or region — or an AMI id or name…"
      listLabel="Accounts and AMIs"
      query={query}
      onQuery={(q) => {
        setQuery(q);
        setMoved(null);
      }}
      count={options.length}
      active={active}
      onMove={setMoved}
      onChoose={(i) => choose(options[i])}
      onClose={onClose}
      empty={`${inventory.length > 0 ? 'No account or AMI' : 'No account'} matches “${query.trim()}”.`}
      footer={
        <>
          <span>
            <kbd>Enter</kbd> {activeOption?.kind === 'ami' ? 'open in its account' : 'switch'}
          </span>
          <span>
            {activeOption?.kind === 'ami'
              ? 'AMIs are found in the inventory, as of its last scan'
              : query.trim()
                ? 'Add a region (“eu-west-2”, “euw2”) to switch region too'
                : 'Type an AMI id or name to find it in every account'}
          </span>
          <span className="palette-footer-end">{shortcutLabel('K')}</span>
        </>
      }
    >
      {(optionId) => (
        <>
          {amisFirst ? amiList(optionId) : null}
          {accountList(optionId)}
          {moreNote}
          {amisFirst ? null : amiList(optionId)}
          {query.trim() && inventory.length === 0 && <EmptyInventoryNote onClose={onClose} />}
        </>
      )}
    </Palette>
  );
}

/** AMIs are searched in the offline inventory; while it is empty, say so and offer the scan that fills it. */
function EmptyInventoryNote({ onClose }: { onClose(): void }) {
  const status = useAtlas((s) => s.inventoryStatus);
  const scanning = useAtlas((s) => s.scan?.state === 'running');
  const startScan = useAtlas((s) => s.startScan);
  return (
    <div className="palette-note" role="status" data-testid="quick-switcher-inventory-note">
      <Icon name="info" size={14} />
      {status === 'loading' ? (
        <span>Loading the inventory, where AMIs are searched…</span>
      ) : scanning ? (
        <span>AMIs are searched in the inventory; the scan under way is filling it.</span>
      ) : (
        <>
          <span>AMIs are searched in the inventory, which is empty: a Scan of every account fills it.</span>
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              onClose();
              void startScan();
            }}
          >
            Scan
          </button>
        </>
      )}
    </div>
  );
}

interface AmiOptionProps {
  id: string;
  row: AmiRow;
  query: AmiQuery;
  workspace: Workspace;
  active: boolean;
  onHover(): void;
  onChoose(): void;
}

function AmiOption({ id, row, query, workspace, active, onHover, onChoose }: AmiOptionProps) {
  const now = useNow();
  const account = workspace.accounts.find((a) => a.id === row.account);
  const color = workspace.clients.find((c) => c.id === account?.clientId)?.color;
  const accountName = account?.name ?? 'an account no longer here';
  const nameTokens = query.kind === 'name' ? query.words : [];
  const idTokens = query.kind === 'id' ? query.words : query.hex ? [query.hex] : [];
  return (
    <PaletteOption id={id} active={active} onHover={onHover} onChoose={onChoose} className="palette-ami" data-testid="quick-switcher-ami" data-image-id={row.imageId}>
      <Icon name="box" size={14} className="icon palette-ami-icon" />
      <span className="palette-option-main">
        <span className={`palette-option-name${row.name ? '' : ' palette-ami-unnamed'}`} title={row.name || undefined}>
          {row.name ? <Highlighted text={row.name} tokens={nameTokens} /> : '(no name)'}
        </span>
      </span>
      <span className="palette-option-id mono">
        <Highlighted text={row.imageId} tokens={idTokens} />
      </span>
      <span className="palette-ami-account" title={row.view === 'shared' ? `Shared with ${accountName}` : `Owned by ${accountName}`}>
        <ClientDot color={color} />
        <span className="palette-ami-account-name">{accountName}</span>
        {row.view === 'shared' && <span className="palette-ami-shared">shared</span>}
      </span>
      <span className="palette-ami-region mono">{row.region}</span>
      <span className="palette-ami-state">
        <StateBadge state={displayState(row, now)} />
      </span>
    </PaletteOption>
  );
}

interface SwitchRowProps {
  id: string;
  match: SwitchMatch;
  /** The account's client colour. */
  color: string | undefined;
  tokens: readonly string[];
  active: boolean;
  current: boolean;
  currentRegion: string | null;
  onHover(): void;
  onChoose(): void;
}

function SwitchRow({ id, match, color, tokens, active, current, currentRegion, onHover, onChoose }: SwitchRowProps) {
  const { account } = match;
  return (
    <PaletteOption
      id={id}
      active={active}
      onHover={onHover}
      onChoose={onChoose}
      data-testid="quick-switcher-option"
      data-account-id={account.id}
      data-region={match.region ?? undefined}
    >
      <ClientDot color={color} />
      <span className="palette-option-main">
        <span className="palette-option-name">
          <Highlighted text={account.name} tokens={tokens} />
        </span>
        {account.alias && account.alias !== account.name && (
          <span className="palette-option-alias">
            <Highlighted text={account.alias} tokens={tokens} />
          </span>
        )}
      </span>
      <span className="palette-option-client">{match.clientName ? <Highlighted text={match.clientName} tokens={tokens} /> : null}</span>
      <span className="palette-option-id mono">{account.awsAccountId ? formatAccountId(account.awsAccountId) : 'not verified'}</span>
      <span className="palette-option-flags">
        {account.production && <Badge tone="prod">PROD</Badge>}
        <HealthDot health={account.health} message={account.healthMessage} />
      </span>
      <span className="palette-option-region mono">
        {match.region ? (
          <>
            <Icon name="globe" size={12} /> {match.region}
          </>
        ) : current ? (
          <span className="palette-current">current{currentRegion ? ` · ${currentRegion}` : ''}</span>
        ) : null}
      </span>
    </PaletteOption>
  );
}

function Highlighted({ text, tokens }: { text: string; tokens: readonly string[] }) {
  const ranges = tokens.length ? highlightRanges(tokens, text) : [];
  if (ranges.length === 0) return <>{text}</>;
  const parts = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
