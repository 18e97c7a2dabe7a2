import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { Workspace } from '../../../shared/model';
import { Badge } from '../../components/Badge';
import { ClientDot } from '../../components/ClientDot';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { highlightRanges } from '../../lib/fuzzy';
import { formatAccountId } from '../../lib/format';
import { loadPrefs } from '../../lib/prefs';
import { initialActiveIndex, parseSwitchQuery, rankSwitch, switchCandidates, type SwitchMatch } from '../../lib/quickSwitch';
import { isRegionToken } from '../../lib/regions';
import { useAtlas } from '../../store';
import { HealthDot } from '../accounts/HealthDot';
import { shortcutLabel } from './keyboard';

const PAGE = 8;
const EMPTY_WORKSPACE: Workspace = { clients: [], accounts: [], demo: false, userAccountCount: 0, keychain: { available: true, reason: null, sessionOnly: false } };

/**
 * Ctrl/Cmd+K: type part of a client, account, alias, account id or region, arrow to the row,
 * Enter. "acme prod eu-west" switches to Acme's prod account in eu-west-1.
 */
export function QuickSwitcher({ onClose }: { onClose(): void }) {
  const workspace = useAtlas((s) => s.workspace) ?? EMPTY_WORKSPACE;
  const regionsByAccount = useAtlas((s) => s.regionsByAccount);
  const recent = useAtlas((s) => s.recentAccounts);
  const currentId = useAtlas((s) => s.accountId);
  const currentRegion = useAtlas((s) => s.region);
  const selectAccount = useAtlas((s) => s.selectAccount);
  const [query, setQuery] = useState('');
  // null: the default row for this query (see initialActiveIndex); a number once the user moved.
  const [moved, setMoved] = useState<number | null>(null);
  const uid = useId();

  const candidates = useMemo(() => switchCandidates(workspace, regionsByAccount, loadPrefs().regionByAccount), [workspace, regionsByAccount]);
  const matches = useMemo(() => rankSwitch(candidates, query, recent), [candidates, query, recent]);
  const active = moved ?? initialActiveIndex(matches, query, currentId);
  const textTokens = parseSwitchQuery(query).filter((t) => !isRegionToken(t));
  const optionId = (i: number) => `${uid}-option-${i}`;

  useEffect(() => {
    if (active >= 0) document.getElementById(`${uid}-option-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, uid]);

  function choose(match: SwitchMatch | undefined) {
    if (!match) return;
    onClose();
    selectAccount(match.account.id, match.region);
  }

  function move(to: number) {
    if (matches.length === 0) return;
    setMoved(((to % matches.length) + matches.length) % matches.length);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const ctrl = event.ctrlKey && !event.metaKey && !event.altKey;
    if (event.key === 'ArrowDown' || (ctrl && event.key === 'n')) move(active + 1);
    else if (event.key === 'ArrowUp' || (ctrl && event.key === 'p')) move(active - 1);
    else if (event.key === 'PageDown') move(Math.min(active + PAGE, matches.length - 1));
    else if (event.key === 'PageUp') move(Math.max(active - PAGE, 0));
    else if (event.key === 'Enter') choose(matches[active]);
    else return;
    event.preventDefault();
  }

  const recentCount = matches.filter((m) => m.recent).length;
  const sections = [
    { label: query.trim() ? 'Recent' : 'Recent accounts', rows: matches.slice(0, recentCount), offset: 0 },
    { label: query.trim() ? 'Matches' : 'All accounts', rows: matches.slice(recentCount), offset: recentCount },
  ].filter((s) => s.rows.length > 0);

  return (
    <Dialog title="Quick switcher" onClose={onClose} chrome={false} size="palette" className="palette" testId="quick-switcher">
      <div className="palette-input-row">
        <Icon name="switch" size={15} className="icon palette-input-icon" />
        <input
          className="palette-input"
          aria-label="Switch account"
          placeholder="Client, account, alias, account id or region…"
          role="combobox"
          aria-expanded="true"
          aria-controls={`${uid}-list`}
          aria-activedescendant={active >= 0 ? optionId(active) : undefined}
          aria-autocomplete="list"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setMoved(null);
          }}
          onKeyDown={onKeyDown}
        />
        <kbd className="palette-kbd">Esc</kbd>
      </div>
      <div className="palette-list" role="listbox" id={`${uid}-list`} aria-label="Accounts">
        {matches.length === 0 && (
          <p className="palette-empty" role="status">
            No account matches “{query.trim()}”.
          </p>
        )}
        {sections.map((section) => (
          <div key={section.label} role="group" aria-labelledby={`${uid}-${section.offset}-label`}>
            <div className="palette-section" id={`${uid}-${section.offset}-label`} role="presentation">
              {section.label}
            </div>
            {section.rows.map((match, i) => {
              const index = section.offset + i;
              return (
                <SwitchRow
                  key={match.account.id}
                  id={optionId(index)}
                  match={match}
                  tokens={textTokens}
                  active={index === active}
                  current={match.account.id === currentId}
                  currentRegion={currentRegion}
                  onHover={() => setMoved(index)}
                  onChoose={() => choose(match)}
                />
              );
            })}
          </div>
        ))}
      </div>
      <footer className="palette-footer" aria-hidden="true">
        <span>
          <kbd>↑</kbd> <kbd>↓</kbd> move
        </span>
        <span>
          <kbd>Enter</kbd> switch
        </span>
        <span>Add a region (“eu-west-2”, “euw2”) to switch region too</span>
        <span className="palette-footer-end">{shortcutLabel('K')}</span>
      </footer>
    </Dialog>
  );
}

interface SwitchRowProps {
  id: string;
  match: SwitchMatch;
  tokens: readonly string[];
  active: boolean;
  current: boolean;
  currentRegion: string | null;
  onHover(): void;
  onChoose(): void;
}

function SwitchRow({ id, match, tokens, active, current, currentRegion, onHover, onChoose }: SwitchRowProps) {
  const { account } = match;
  const color = useAtlas((s) => s.workspace?.clients.find((c) => c.id === account.clientId)?.color);
  return (
    <div
      id={id}
      role="option"
      aria-selected={active}
      className={`palette-option${active ? ' is-active' : ''}`}
      data-testid="quick-switcher-option"
      data-account-id={account.id}
      data-region={match.region ?? undefined}
      onMouseMove={active ? undefined : onHover}
      // mousedown, not click: the input keeps focus, so the list never flickers.
      onMouseDown={(e) => {
        e.preventDefault();
        onChoose();
      }}
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
    </div>
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
