import { useEffect, useId, useMemo, useState } from 'react';
import type { SsoAddResult, SsoPortalChanges, SsoSessionInfo } from '../../../shared/contract';
import { invoke, toAppError } from '../../api';
import type { AppError } from '../../../shared/errors';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { formatCount, plural } from '../../lib/format';
import { useAtlas } from '../../store';
import { ssoAdd } from './actions';
import { DirectoryTable, type AccountPick, type DirectoryRow } from './DirectoryTable';
import { PortalCard } from './PortalCard';
import { PortalChanges } from './PortalChanges';
import { PortalForm } from './PortalForm';
import { defaultReadRole, matchesFilter, portalLabel, sameUrl } from './portals';
import { inputOf, usePortals } from './usePortals';
import { SsoAddResults } from './SsoAddResults';

const NO_PORTALS: readonly SsoPortalChanges[] = [];

/**
 * "Add accounts from IAM Identity Center": one or more portals side by side, each signed in
 * with the device flow the AWS CLI uses (the token is shared with `aws sso login`), then every
 * account × role picked by checkbox, filter or "all with role X", with the read and write role
 * per account and its client (one per portal by default). Adding writes a marked profile per
 * account × role to the AWS config file and imports them as the accounts' ways in.
 */
export function SsoDiscoveryDialog({ onClose }: { onClose(): void }) {
  const known = useAtlas((s) => s.ssoPortals ?? NO_PORTALS);
  const setKnown = useAtlas((s) => s.setSsoPortals);
  const { portals, connect, retry, cancel, setClient } = usePortals();
  const [sessions, setSessions] = useState<readonly SsoSessionInfo[]>([]);
  const [adding, setAdding] = useState(portals.length === 0);
  const [picks, setPicks] = useState<Record<string, AccountPick>>({});
  const [filter, setFilter] = useState('');
  const [onlyNew, setOnlyNew] = useState(false);
  const [bulkRole, setBulkRole] = useState('');
  const [busy, setBusy] = useState(false);
  const [looking, setLooking] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [results, setResults] = useState<SsoAddResult[] | null>(null);
  const uid = useId();

  useEffect(() => {
    void invoke('discovery:ssoSessions', {}).then(setSessions, () => setSessions([]));
    void useAtlas.getState().loadSsoPortals();
  }, []);

  // Offers of the portals' last looks, by start URL and account.
  const offeredRoles = useMemo(() => {
    const map = new Map<string, readonly string[]>();
    for (const portal of known) for (const a of portal.offered) map.set(`${portal.startUrl}|${a.awsAccountId}`, a.roles);
    return map;
  }, [known]);

  const allRows: DirectoryRow[] = useMemo(
    () =>
      portals.flatMap((p) =>
        p.phase === 'ready'
          ? p.accounts.map((account) => ({ key: `${p.startUrl}|${account.awsAccountId}`, startUrl: p.startUrl, account, offered: offeredRoles.get(`${p.startUrl}|${account.awsAccountId}`) ?? [] }))
          : [],
      ),
    [portals, offeredRoles],
  );

  // New rows get their defaults once: the read-only role, changes through it, the portal's client.
  useEffect(() => {
    setPicks((current) => {
      let next: Record<string, AccountPick> | null = null;
      for (const row of allRows) {
        if (current[row.key]) continue;
        next ??= { ...current };
        next[row.key] = { selected: false, readRole: defaultReadRole(row.offered.length > 0 ? row.offered : row.account.roles), writeRole: '', clientName: undefined };
      }
      return next ?? current;
    });
  }, [allRows]);

  const rows = allRows.filter((r) => matchesFilter(r.account, filter) && (!onlyNew || r.offered.length > 0));
  const roles = [...new Set(allRows.flatMap((r) => r.account.roles))].sort();
  const chosen = allRows.filter((r) => picks[r.key]?.selected);
  const portalClients = Object.fromEntries(portals.map((p) => [p.startUrl, p.clientName]));
  const pick = (key: string, change: Partial<AccountPick>) => setPicks((all) => ({ ...all, [key]: { ...all[key]!, ...change } }));
  const hasOffers = allRows.some((r) => r.offered.length > 0);

  function selectWithRole(role: string) {
    setPicks((all) => {
      const next = { ...all };
      for (const row of rows) if (row.account.roles.includes(role)) next[row.key] = { ...next[row.key]!, selected: true, readRole: role, writeRole: next[row.key]!.writeRole === role ? '' : next[row.key]!.writeRole };
      return next;
    });
  }

  async function submit() {
    setBusy(true);
    setError(null);
    const all: SsoAddResult[] = [];
    try {
      for (const portal of portals) {
        const mine = chosen.filter((r) => sameUrl(r.startUrl, portal.startUrl));
        if (mine.length === 0) continue;
        const out = await ssoAdd({
          ...inputOf(portal),
          accounts: mine.map((r) => {
            const p = picks[r.key]!;
            return {
              awsAccountId: r.account.awsAccountId,
              accountName: r.account.accountName,
              readRole: p.readRole,
              writeRole: p.writeRole || null,
              clientName: (p.clientName ?? portal.clientName).trim() || portalLabel(portal.startUrl),
            };
          }),
        });
        all.push(...out.results);
      }
      setResults(all);
      void useAtlas.getState().loadSsoPortals();
    } catch (e) {
      setError(toAppError(e));
      if (all.length > 0) setResults(all);
    } finally {
      setBusy(false);
    }
  }

  async function changePortals(work: () => Promise<SsoPortalChanges[]>) {
    setLooking(true);
    try {
      setKnown(await work());
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setLooking(false);
    }
  }

  function review(portal: SsoPortalChanges) {
    setOnlyNew(true);
    if (!portals.some((p) => sameUrl(p.startUrl, portal.startUrl))) {
      connect({ startUrl: portal.startUrl, ssoRegion: portal.ssoRegion, sessionName: portal.sessionName, endpoint: portal.endpoint, clientName: portal.clientName });
    }
    setAdding(false);
  }

  const showForm = adding || portals.length === 0;
  return (
    <Dialog title="Add accounts from IAM Identity Center" onClose={onClose} size="wide" testId="sso-discovery-dialog" className="sso-discovery-dialog" initialFocus='input[name="startUrl"]'>
      <div className="dialog-body sso-discovery">
        {results ? (
          <SsoAddResults
            results={results}
            onMore={() => {
              setResults(null);
              setPicks({});
            }}
            onDone={onClose}
          />
        ) : (
          <>
            <PortalChanges
              portals={known}
              looking={looking}
              onReview={review}
              onLook={() => void changePortals(() => invoke('discovery:ssoRefresh', {}))}
              onDismissOffers={(portal) =>
                void changePortals(() =>
                  invoke('discovery:ssoDismiss', { startUrl: portal.startUrl, offers: portal.offered.flatMap((a) => a.roles.map((role) => ({ awsAccountId: a.awsAccountId, role }))), removals: [] }),
                )
              }
              onKeep={(portal, r) => void changePortals(() => invoke('discovery:ssoDismiss', { startUrl: portal.startUrl, offers: [], removals: [{ awsAccountId: r.awsAccountId, role: r.role }] }))}
            />
            {portals.map((p) => (
              <PortalCard key={p.startUrl} portal={p} onRetry={() => retry(p)} onRemove={() => cancel(p.startUrl)} onClient={(name) => setClient(p.startUrl, name)} />
            ))}
            {showForm ? (
              <PortalForm
                sessions={sessions}
                known={known}
                connected={portals.map((p) => p.startUrl)}
                onConnect={(settings) => {
                  connect(settings);
                  setAdding(false);
                }}
                onCancel={portals.length > 0 ? () => setAdding(false) : onClose}
              />
            ) : (
              <button type="button" className="link-button portal-another" onClick={() => setAdding(true)} data-testid="portal-add-another">
                <Icon name="plus" size={12} /> Another start URL
              </button>
            )}
            {allRows.length > 0 && (
              <>
                <div className="profile-import-bar directory-bar">
                  <div className="field field-inline">
                    <label htmlFor={`${uid}-filter`}>Filter</label>
                    <input id={`${uid}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Name, email, id or role" data-testid="directory-filter" />
                  </div>
                  <div className="field field-inline">
                    <label htmlFor={`${uid}-role`}>Every account with</label>
                    <select id={`${uid}-role`} value={bulkRole} onChange={(e) => setBulkRole(e.target.value)} data-testid="directory-role">
                      <option value="">a role…</option>
                      {roles.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                    <button type="button" className="button button-small" disabled={!bulkRole || busy} onClick={() => selectWithRole(bulkRole)} data-testid="directory-select-role">
                      Select{filter ? ' shown' : ''}
                    </button>
                  </div>
                  {hasOffers && (
                    <label className="field-check">
                      <input type="checkbox" checked={onlyNew} onChange={(e) => setOnlyNew(e.target.checked)} /> Only what is new
                    </label>
                  )}
                </div>
                {rows.length > 0 ? (
                  <DirectoryTable
                    rows={rows}
                    picks={picks}
                    portalClients={portalClients}
                    showPortal={portals.length > 1}
                    disabled={busy}
                    onPick={pick}
                    onToggleAll={(selected) => setPicks((all) => ({ ...all, ...Object.fromEntries(rows.map((r) => [r.key, { ...all[r.key]!, selected }])) }))}
                  />
                ) : (
                  <p className="portal-muted directory-none">No account matches “{filter}”. Clear the filter to see all {formatCount(allRows.length)}.</p>
                )}
              </>
            )}
            {error && <ErrorBanner error={error} />}
            {portals.length > 0 && (
            <div className="form-actions">
              <span className="form-actions-note" aria-live="polite">
                {chosen.length > 0 ? (
                  <>
                    Writes {plural(chosen.reduce((n, r) => n + (picks[r.key]?.writeRole ? 2 : 1), 0), 'profile')} to your AWS config (~/.aws/config), marked as AMI Atlas’s; your
                    own profiles stay as they are, and the old file is kept as config.bak.
                  </>
                ) : allRows.length > 0 ? (
                  `${formatCount(allRows.length)} accounts. Pick the ones to add.`
                ) : null}
              </span>
              <button type="button" className="button" onClick={onClose} disabled={busy}>
                Cancel
              </button>
              <button type="button" className="button button-primary" onClick={() => void submit()} disabled={busy || chosen.length === 0} data-testid="directory-add">
                {busy && <Spinner label="Adding accounts" />} {busy ? `Adding ${plural(chosen.length, 'account')}…` : chosen.length > 0 ? `Add ${plural(chosen.length, 'account')}` : 'Add accounts'}
              </button>
            </div>
            )}
          </>
        )}
      </div>
    </Dialog>
  );
}
