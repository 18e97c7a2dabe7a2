import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { OrgAccount, OrgAddResult, OrgDirectory } from '../../../shared/contract';
import { Badge } from '../../components/Badge';
import { SelectAllBox } from '../../components/SelectAllBox';
import { Dialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field, FormIssues } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { ProgressBar, SkeletonLines, Spinner } from '../../components/Spinner';
import { issuesInWords } from '../../lib/errors';
import { BULK_ROLE_WORDS } from '../../lib/fieldWords';
import { formatAccountId, plural } from '../../lib/format';
import { useBusy } from '../../lib/useBusy';
import { findAccount, findClient, groupAccounts } from '../../lib/workspace';
import { useAtlas } from '../../store';
import { orgAccounts, orgAdd } from './actions';
import { AddResults, ClientNameField, RoleFields, type RoleValues } from './BulkAddParts';
import { filterOrgAccounts, inProductionOu, isSelectable, ouPathText, unavailableReason } from './bulkAccounts';

/**
 * Every account of an AWS Organizations organization, read through its management account (or
 * a delegated administrator): pick any of them and add them through one role name assumed from
 * that account, each verified on its own. Accounts the workspace has, and suspended ones, are
 * shown but cannot be picked.
 */
export function OrgDiscoveryDialog({ account, onClose }: { account?: string | undefined; onClose(): void }) {
  const workspace = useAtlas((s) => s.workspace);
  const activeId = useAtlas((s) => s.accountId);
  const [source, setSource] = useState(() => findAccount(workspace, account ?? activeId)?.id ?? workspace?.accounts[0]?.id ?? '');
  const [directory, setDirectory] = useState<OrgDirectory | null>(null);
  const reading = useBusy();
  const adding = useBusy();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [filter, setFilter] = useState('');
  const [role, setRole] = useState<RoleValues>({ roleName: 'OrganizationAccountAccessRole', externalId: '', mfaSerial: '' });
  const [clientName, setClientName] = useState(() => clientOf(source));
  // Accounts under a production OU are usually production: marked so unless the user says not.
  const [markProduction, setMarkProduction] = useState(true);
  const [sent, setSent] = useState(0);
  const [done, setDone] = useState<{ results: OrgAddResult[]; joined: ReadonlySet<string> } | null>(null);
  const uid = useId();
  const autoRead = useRef(Boolean(account));
  const filterRef = useRef<HTMLInputElement>(null);

  function clientOf(accountId: string): string {
    const ws = useAtlas.getState().workspace;
    return findClient(ws, findAccount(ws, accountId)?.clientId)?.name ?? '';
  }

  async function read() {
    const from = source;
    setDirectory(null);
    setSelected(new Set());
    await reading.run(async () => {
      setDirectory(await orgAccounts({ account: from }));
    });
  }

  // Opened for one account (its settings offer it): the organization is what was asked for.
  useEffect(() => {
    if (autoRead.current && source) void read();
    autoRead.current = false;
  }, []);

  // Read: the keyboard goes on to the table's filter.
  useEffect(() => {
    if (directory) filterRef.current?.focus();
  }, [directory]);

  const shown = useMemo(() => (directory ? filterOrgAccounts(directory.accounts, filter) : []), [directory, filter]);

  if (!workspace || workspace.accounts.length === 0) {
    return (
      <Dialog title="Add accounts from AWS Organizations" onClose={onClose} testId="org-discovery-dialog">
        <div className="dialog-body">
          <EmptyState icon="user" title="Add the management account first">
            The organization’s accounts are listed through its management account (or a delegated administrator), and reached through a role it assumes.
          </EmptyState>
        </div>
      </Dialog>
    );
  }

  const sourceAccount = findAccount(workspace, source);
  const pickable = directory?.accounts.filter(isSelectable) ?? [];
  const shownPickable = shown.filter(isSelectable);
  const picked = pickable.filter((a) => selected.has(a.awsAccountId));
  const allShownPicked = shownPickable.length > 0 && shownPickable.every((a) => selected.has(a.awsAccountId));
  const someShownPicked = shownPickable.some((a) => selected.has(a.awsAccountId));
  const issues = adding.error?.code === 'VALIDATION' ? issuesInWords(adding.error.details?.issues, BULK_ROLE_WORDS) : {};
  const busy = reading.busy || adding.busy;
  const missing = !role.roleName.trim() ? 'a role name' : !clientName.trim() ? 'a client' : null;

  function pickSource(id: string) {
    setSource(id);
    // Another account reads another organization (or none): what was read is no longer it.
    setDirectory(null);
    setSelected(new Set());
    reading.setError(null);
    adding.setError(null);
    setClientName((typed) => (typed.trim() && typed !== clientOf(source) ? typed : clientOf(id)));
  }

  function toggle(ids: readonly string[], on: boolean) {
    setSelected((before) => {
      const next = new Set(before);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }

  async function add() {
    if (!directory || picked.length === 0 || missing) return;
    const optional = (value: string) => value.trim() || null;
    const before = new Set(workspace?.accounts.flatMap((a) => (a.awsAccountId ? [a.awsAccountId] : [])));
    setSent(picked.length);
    await adding.run(async () => {
      const answer = await orgAdd({
        account: directory.account,
        roleName: role.roleName.trim(),
        externalId: optional(role.externalId),
        mfaSerial: optional(role.mfaSerial),
        accounts: picked.map((a) => ({ awsAccountId: a.awsAccountId, name: a.name, clientName: clientName.trim(), production: markProduction && inProductionOu(a) })),
      });
      setDone({ results: answer.results, joined: before });
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!directory) void read();
    else void add();
  }

  const title = 'Add accounts from AWS Organizations';
  if (done) {
    return (
      <Dialog title={title} subtitle={sourceAccount ? `Through ${sourceAccount.name}` : undefined} onClose={onClose} size="wide" testId="org-discovery-dialog">
        <div className="dialog-body import-results" data-testid="org-results">
          <AddResults results={done.results} joined={done.joined} />
          <div className="form-actions">
            <button
              type="button"
              className="button"
              onClick={() => {
                setDone(null);
                void read();
              }}
            >
              Add more
            </button>
            <button type="button" className="button button-primary" onClick={onClose} autoFocus>
              Done
            </button>
          </div>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={title} onClose={onClose} size="wide" testId="org-discovery-dialog" initialFocus="select">
      <form className="dialog-body org-discovery" onSubmit={submit} noValidate aria-label="Add accounts from AWS Organizations">
        <div className="org-source">
          <Field
            id={`${uid}-source`}
            label="Read through"
            hint="The management account, or a member registered as a delegated administrator: only they may call organizations:ListAccounts."
          >
            <select id={`${uid}-source`} value={source} onChange={(e) => pickSource(e.target.value)} disabled={busy}>
              {groupAccounts(workspace).map(({ client, accounts }) => (
                <optgroup key={client?.id ?? 'none'} label={client?.name ?? 'Other accounts'}>
                  {accounts.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                      {a.awsAccountId ? ` — ${formatAccountId(a.awsAccountId)}` : ''}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </Field>
          <button type={directory ? 'button' : 'submit'} className={`button${directory ? '' : ' button-primary'}`} onClick={directory ? () => void read() : undefined} disabled={busy || !source}>
            {reading.busy ? <Spinner label="Reading the organization" /> : <Icon name={directory ? 'refresh' : 'search'} size={14} />}{' '}
            {directory ? 'Read again' : 'Read the organization'}
          </button>
        </div>

        {reading.error && (
          <div className="org-read-error" data-testid="org-read-error">
            <ErrorBanner error={reading.error} onRetry={() => void read()} />
            {reading.error.code === 'ACCESS_DENIED' && (
              <p className="section-hint org-what-to-do">
                <strong>What to do:</strong> read through the organization’s management account instead (AWS Organizations → Settings in the
                console names it), or have it register {sourceAccount?.name ?? 'this account'} as a delegated administrator, then read again.
              </p>
            )}
          </div>
        )}
        {reading.busy && <SkeletonLines count={6} />}

        {directory && (
          <>
            <div className="profile-import-bar org-bar">
              <div className="field field-inline profile-filter">
                <label htmlFor={`${uid}-filter`}>Filter</label>
                <input
                  ref={filterRef}
                  id={`${uid}-filter`}
                  type="search"
                  value={filter}
                  onChange={(e) => setFilter(e.target.value)}
                  // Enter in the filter only filters: adding is a decision of its own.
                  onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
                  placeholder="Name, id, email, OU…"
                  autoComplete="off"
                  spellCheck={false}
                  disabled={adding.busy}
                />
              </div>
              <span className="org-counts" data-testid="org-counts">
                {orgCounts(directory.accounts)}
                {shown.length !== directory.accounts.length && ` · ${shown.length} shown`}
              </span>
            </div>
            {/* The bar runs along the table's foot while the accounts are being added. */}
            <div className="org-table-frame">
              <div className="profile-table-wrap org-table-wrap">
                <table className="profile-table org-table" aria-label="Accounts of the organization">
                  <colgroup>
                    <col className="org-col-check" />
                    <col className="org-col-name" />
                    <col className="org-col-id" />
                    <col className="org-col-email" />
                    <col className="org-col-ou" />
                    <col className="org-col-status" />
                  </colgroup>
                  <thead>
                    <tr>
                      <th className="col-check">
                        <SelectAllBox
                          label="Select all shown accounts"
                          all={allShownPicked}
                          some={someShownPicked}
                          disabled={shownPickable.length === 0 || adding.busy}
                          onChange={(on) => toggle(shownPickable.map((a) => a.awsAccountId), on)}
                        />
                      </th>
                      <th>Name</th>
                      <th>Account</th>
                      <th>Email</th>
                      <th>OU</th>
                      <th>Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((a) => (
                      <OrgRow key={a.awsAccountId} account={a} checked={selected.has(a.awsAccountId)} disabled={adding.busy} onToggle={(on) => toggle([a.awsAccountId], on)} />
                    ))}
                    {shown.length === 0 && (
                      <tr>
                        <td colSpan={6} className="org-none">
                          No account matches “{filter}”.
                        </td>
                      </tr>
                    )}
                  </tbody>
                </table>
              </div>
              {adding.busy && <ProgressBar label={`Adding ${plural(sent, 'account')}`} />}
            </div>
            <div className="org-role-fields">
              <RoleFields
                values={role}
                onChange={(change) => setRole((r) => ({ ...r, ...change }))}
                disabled={adding.busy}
                issues={issues}
                roleHint={`Assumed from ${sourceAccount?.name ?? 'the account above'} in each account.`}
              />
              <ClientNameField value={clientName} onChange={setClientName} disabled={adding.busy} issues={issues.clientName} />
            </div>
            {picked.some(inProductionOu) && (
              <label className="field-check org-production">
                <input type="checkbox" checked={markProduction} onChange={(e) => setMarkProduction(e.target.checked)} disabled={adding.busy} data-testid="org-mark-production" />
                Mark the {plural(picked.filter(inProductionOu).length, 'account')} under a production OU as production (changes there ask for the account’s name)
              </label>
            )}
            <FormIssues issues={issues['']} />
            {adding.error && adding.error.code !== 'VALIDATION' && <ErrorBanner error={adding.error} onDismiss={() => adding.setError(null)} />}
          </>
        )}

        <div className="form-actions">
          <span className="form-actions-note" aria-live="polite" data-testid="org-selection-note">
            {!directory
              ? 'Lists every account with its OU and status.'
              : adding.busy
                ? `Adding ${plural(sent, 'account')}, each verified with GetCallerIdentity…`
                : picked.length === 0
                  ? 'Select the accounts to add.'
                  : missing
                    ? `Give ${missing}.`
                    : `${plural(picked.length, 'account')} selected.`}
          </span>
          <button type="button" className="button" onClick={onClose} disabled={adding.busy}>
            Cancel
          </button>
          {directory && (
            <button type="submit" className="button button-primary" disabled={busy || picked.length === 0 || Boolean(missing)}>
              {adding.busy && <Spinner label="Adding accounts" />} Add {plural(adding.busy ? sent : picked.length, 'account')}
            </button>
          )}
        </div>
      </form>
    </Dialog>
  );
}

function OrgRow({ account: a, checked, disabled, onToggle }: { account: OrgAccount; checked: boolean; disabled: boolean; onToggle(on: boolean): void }) {
  const uid = useId();
  const selectable = isSelectable(a);
  const why = unavailableReason(a);
  const ou = ouPathText(a.ouPath);
  return (
    <tr
      className={`${selectable ? '' : 'is-disabled'}${selectable && checked ? ' is-selected' : ''}${a.status === 'SUSPENDED' ? ' is-suspended' : ''}`}
      data-testid="org-row"
      data-account-name={a.name}
      data-status={a.status}
    >
      <td className="col-check">
        <input id={uid} type="checkbox" aria-label={`Add ${a.name}`} checked={selectable && checked} disabled={!selectable || disabled} onChange={(e) => onToggle(e.target.checked)} />
      </td>
      <td className="org-cell" title={a.name}>
        {/* The name is the checkbox's label too, so a click on it picks the row. */}
        <label htmlFor={uid} className="org-name">
          {a.name}
        </label>
      </td>
      <td className="mono-soft org-id">{formatAccountId(a.awsAccountId)}</td>
      <td className="org-cell org-email" title={a.email}>
        {a.email}
      </td>
      <td className="org-cell" title={ou}>
        {ou}
      </td>
      <td className="org-cell org-status" title={why ?? undefined}>
        {a.inWorkspace ? (
          <span className="imported-marker">
            <Icon name="check" size={12} /> In workspace as {a.inWorkspace.accountName}
          </span>
        ) : a.status === 'ACTIVE' ? (
          'Active'
        ) : (
          <span className="org-unusable">
            <Badge tone="warning">{a.status === 'SUSPENDED' ? 'Suspended' : a.status.toLowerCase()}</Badge> <span className="org-why">can’t be added</span>
          </span>
        )}
      </td>
    </tr>
  );
}

function orgCounts(accounts: readonly OrgAccount[]): string {
  const suspended = accounts.filter((a) => a.status === 'SUSPENDED').length;
  const known = accounts.filter((a) => a.inWorkspace).length;
  return [plural(accounts.length, 'account'), suspended > 0 ? `${suspended} suspended` : '', known > 0 ? `${known} in your workspace` : ''].filter(Boolean).join(' · ');
}
