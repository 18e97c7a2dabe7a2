import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { ProfileImportResult } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import type { AccountSummary, ProfileInfo, Workspace } from '../../../shared/model';
import { toAppError } from '../../api';
import { importProfiles, listProfiles } from './actions';
import { Badge } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { FormIssues } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { ResultsPanel } from '../../components/ResultList';
import { SelectAllBox } from '../../components/SelectAllBox';
import { SkeletonLines, Spinner } from '../../components/Spinner';
import { PROFILE_KIND_LABEL, guessClientNames, isImportable, issuesByRow, looksLikeProduction } from '../../lib/accounts';
import { plural } from '../../lib/format';
import { useAtlas } from '../../store';
import { ClientInput } from '../../components/inputs';

interface RowChoice {
  selected: boolean;
  name: string;
  /** undefined: follow the guess or the "client for all" field. */
  clientName: string | undefined;
  production: boolean;
}

type Results = ProfileImportResult['results'];

/**
 * Imports profiles from the AWS CLI's config and credentials files. Each selected profile becomes
 * a way into the AWS account it reaches: one the workspace has already (its role ARN or SSO
 * account says which, before any call), or a new account with a name (the profile's by default)
 * and a client (guessed from the account ids and existing clients, or the one typed once for all).
 * The core verifies each import; the outcome is shown per profile. The table keeps to the dialog's
 * width (fixed columns; names wrap, chains and ARNs are cut with the whole in their title), and
 * the profile's name stays in view while its row is edited.
 */
export function ProfileImport({
  onDone,
  onImported,
  joining,
}: {
  onDone(): void;
  onImported(workspace: Workspace, accountId: string | null): void;
  /** Import into this account only. */
  joining?: AccountSummary | null;
}) {
  const clients = useAtlas((s) => s.workspace?.clients);
  const accounts = useAtlas((s) => s.workspace?.accounts);
  const [profiles, setProfiles] = useState<ProfileInfo[] | null>(null);
  const [listError, setListError] = useState<AppError | null>(null);
  const [choices, setChoices] = useState<Record<string, RowChoice>>({});
  const [allClient, setAllClient] = useState('');
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [sent, setSent] = useState<string[]>([]);
  const [results, setResults] = useState<Results | null>(null);
  const uid = useId();

  const load = useCallback(async () => {
    setListError(null);
    setProfiles(null);
    try {
      setProfiles(await listProfiles());
    } catch (e) {
      setListError(toAppError(e));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  // What the user typed for one profile is the guess for the others that reach its account.
  const typedClients = useMemo(
    () => new Map(Object.entries(choices).flatMap(([name, c]): [string, string][] => (c.clientName?.trim() ? [[name, c.clientName]] : []))),
    [choices],
  );
  const guesses = useMemo(
    () => guessClientNames(profiles ?? [], { clients: clients ?? [], accounts: accounts ?? [] }, typedClients),
    [profiles, clients, accounts, typedClients],
  );

  if (results) return <ImportResults results={results} onDone={onDone} onMore={() => { setResults(null); void load(); }} />;
  if (listError) return <ErrorBanner error={listError} onRetry={() => void load()} />;
  if (!profiles) return <SkeletonLines count={5} />;
  if (profiles.length === 0) {
    return (
      <EmptyState
        icon="user"
        title="No AWS CLI profiles found"
        actions={
          <button type="button" className="button" onClick={() => void load()}>
            <Icon name="refresh" size={14} /> Look again
          </button>
        }
      >
        AMI Atlas reads <code>~/.aws/config</code> and <code>~/.aws/credentials</code> (or the files named by{' '}
        <code>AWS_CONFIG_FILE</code> and <code>AWS_SHARED_CREDENTIALS_FILE</code>).
      </EmptyState>
    );
  }

  // The account a profile joins: the one being added to, or the one its settings name.
  const joins = (p: ProfileInfo): AccountSummary | null => joining ?? (p.expectedAccountId ? (accounts?.find((a) => a.awsAccountId === p.expectedAccountId) ?? null) : null);
  const choiceOf = (p: ProfileInfo): RowChoice =>
    choices[p.name] ?? { selected: false, name: p.name, clientName: undefined, production: looksLikeProduction(p.name) };
  const clientOf = (p: ProfileInfo) => {
    const c = choiceOf(p);
    return c.clientName ?? guesses.get(p.name) ?? allClient;
  };
  const update = (p: ProfileInfo, change: Partial<RowChoice>) => setChoices((all) => ({ ...all, [p.name]: { ...choiceOf(p), ...change } }));

  const terms = filter.trim().toLowerCase();
  const shown = terms ? profiles.filter((p) => [p.name, ...p.chain, p.roleArn ?? '', p.ssoStartUrl ?? ''].join(' ').toLowerCase().includes(terms)) : profiles;
  const importable = shown.filter(isImportable);
  const selected = profiles.filter((p) => isImportable(p) && choiceOf(p).selected);
  const missing = selected.filter((p) => !joins(p) && (!choiceOf(p).name.trim() || !clientOf(p).trim()));
  const allShownSelected = importable.length > 0 && importable.every((p) => choiceOf(p).selected);

  const rowIssues = error?.code === 'VALIDATION' ? issuesByRow(error.details?.issues, 'profiles') : new Map<number, Record<string, string[]>>();
  const issuesFor = (p: ProfileInfo) => rowIssues.get(sent.indexOf(p.name));

  async function submit() {
    setBusy(true);
    setError(null);
    const request = selected.map((p) => {
      const c = choiceOf(p);
      const into = joins(p);
      if (into) return { profileName: p.name, name: into.name, clientName: 'unused', account: into.id };
      return { profileName: p.name, name: c.name.trim(), clientName: clientOf(p).trim(), production: c.production };
    });
    setSent(request.map((r) => r.profileName));
    try {
      const answer = await importProfiles(request);
      const first = answer.results.find((r) => r.verified && r.account) ?? answer.results.find((r) => r.account);
      onImported(answer.workspace, first?.account ?? null);
      setResults(answer.results);
      setChoices({});
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="profile-import">
      <div className="profile-import-bar">
        <div className="field field-inline">
          <label htmlFor={`${uid}-all`}>Client for all selected</label>
          <ClientInput id={`${uid}-all`} value={allClient} onChange={(e) => setAllClient(e.target.value)} placeholder="Acme" disabled={busy} />
        </div>
        <div className="field field-inline profile-filter">
          <label htmlFor={`${uid}-filter`}>Filter</label>
          <input id={`${uid}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Profile, role, SSO URL…" autoComplete="off" spellCheck={false} />
        </div>
      </div>
      <div className="profile-table-wrap">
        <table className="profile-table" aria-label="AWS CLI profiles">
          <colgroup>
            <col className="col-check" />
            <col className="col-profile" />
            <col className="col-kind" />
            <col className="col-chain" />
            <col className="col-target" />
            <col className="col-mfa" />
            <col className="col-account-name" />
            <col className="col-client" />
            <col className="col-prod" />
          </colgroup>
          <thead>
            <tr>
              <th className="col-check">
                <SelectAllBox
                  label="Select all importable profiles"
                  all={allShownSelected}
                  some={importable.some((p) => choices[p.name]?.selected)}
                  disabled={importable.length === 0 || busy}
                  onChange={(on) =>
                    setChoices((all) => {
                      const next = { ...all };
                      for (const p of importable) next[p.name] = { ...choiceOf(p), selected: on };
                      return next;
                    })
                  }
                />
              </th>
              <th className="profile-name">Profile</th>
              <th>Kind</th>
              <th title="The profiles this one takes its credentials from">Source</th>
              <th>Role / SSO account</th>
              <th>MFA</th>
              <th>Account name</th>
              <th>Client</th>
              <th title="Production">Prod</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <ProfileRow
                key={p.name}
                profile={p}
                choice={choiceOf(p)}
                client={clientOf(p)}
                joins={joins(p)}
                issues={issuesFor(p)}
                disabled={busy}
                onChange={(change) => update(p, change)}
              />
            ))}
          </tbody>
        </table>
      </div>
      <FormIssues issues={rowIssues.get(-1)?.['']} />
      {error && error.code !== 'VALIDATION' && <ErrorBanner error={error} />}
      <div className="form-actions">
        <span className="form-actions-note" aria-live="polite">
          {selected.length === 0
            ? 'Select the profiles to import.'
            : missing.length > 0
              ? `${plural(missing.length, 'selected profile')} need${missing.length === 1 ? 's' : ''} a name and a client.`
              : `${plural(selected.length, 'profile')} selected.`}
        </span>
        <button type="button" className="button" onClick={onDone} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="button button-primary" onClick={() => void submit()} disabled={busy || selected.length === 0 || missing.length > 0}>
          {busy && <Spinner label="Importing" />} Import {selected.length > 0 ? plural(selected.length, 'profile') : ''}
        </button>
      </div>
    </div>
  );
}

interface ProfileRowProps {
  profile: ProfileInfo;
  choice: RowChoice;
  client: string;
  joins: AccountSummary | null;
  issues: Record<string, string[]> | undefined;
  disabled: boolean;
  onChange(change: Partial<RowChoice>): void;
}

function ProfileRow({ profile: p, choice, client, joins, issues, disabled, onChange }: ProfileRowProps) {
  const importable = isImportable(p);
  const rowIssues = issues ? Object.values(issues).flat() : [];
  // The chain starts with the profile itself, already named in its own column.
  const sources = p.chain.slice(1).join(' → ');
  // An SSO profile's start URL is the same for many rows; its account tells them apart.
  const target = p.roleArn ?? [p.kind === 'sso' ? p.expectedAccountId : null, p.ssoStartUrl].filter(Boolean).join(' · ');
  return (
    <>
      <tr className={`${importable ? '' : 'is-disabled'}${choice.selected && importable ? ' is-selected' : ''}`} data-testid="profile-row" data-profile={p.name}>
        <td className="col-check">
          <input
            type="checkbox"
            aria-label={`Import ${p.name}`}
            checked={importable && choice.selected}
            disabled={!importable || disabled}
            onChange={(e) => onChange({ selected: e.target.checked })}
          />
        </td>
        <td className="mono profile-name" title={p.name}>
          {p.name}
        </td>
        <td className="profile-cut">{PROFILE_KIND_LABEL[p.kind]}</td>
        <td className="mono-soft profile-cut" title={p.chain.join(' → ')}>
          {sources || '—'}
        </td>
        <td className="mono-soft profile-cut" title={target || undefined}>
          {target || '—'}
        </td>
        <td>{p.mfaSerial ? <Badge tone="info">MFA</Badge> : ''}</td>
        {importable && joins ? (
          <td colSpan={3} className="profile-why profile-cut" data-testid="profile-joins" title={`Another way into ${joins.name}`}>
            <span className="imported-marker">
              <Icon name="plus" size={12} /> Another way into {joins.name}
            </span>
          </td>
        ) : importable ? (
          <>
            <td>
              <input
                className="table-input"
                aria-label={`Account name for ${p.name}`}
                placeholder="Name"
                value={choice.name}
                disabled={!choice.selected || disabled}
                aria-invalid={issues?.name ? true : undefined}
                onChange={(e) => onChange({ name: e.target.value, selected: true })}
              />
            </td>
            <td>
              <ClientInput
                className="table-input"
                aria-label={`Client for ${p.name}`}
                placeholder="Client"
                value={client}
                disabled={!choice.selected || disabled}
                aria-invalid={issues?.clientName ? true : undefined}
                onChange={(e) => onChange({ clientName: e.target.value, selected: true })}
              />
            </td>
            <td className="col-check">
              <input
                type="checkbox"
                aria-label={`${p.name} is production`}
                checked={choice.production}
                disabled={!choice.selected || disabled}
                onChange={(e) => onChange({ production: e.target.checked })}
              />
            </td>
          </>
        ) : (
          <td colSpan={3} className="profile-why">
            {p.imported ? (
              <span className="imported-marker">
                <Icon name="check" size={12} /> A way into {p.imported.accountName}
              </span>
            ) : (
              <span className="profile-problem">
                <Icon name="alert" size={12} /> {p.problem ?? 'This kind of profile is not supported.'}
              </span>
            )}
          </td>
        )}
      </tr>
      {rowIssues.length > 0 && (
        <tr className="profile-issues">
          <td />
          <td colSpan={8} className="field-error" role="alert">
            {rowIssues.join('; ')}
          </td>
        </tr>
      )}
    </>
  );
}

function ImportResults({ results, onDone, onMore }: { results: Results; onDone(): void; onMore(): void }) {
  const verified = results.filter((r) => r.verified).length;
  return (
    <ResultsPanel
      testId="import-results"
      summary={`${plural(verified, 'profile')} imported and verified${results.length > verified ? `, ${results.length - verified} with problems` : ''}.`}
      itemTestId="import-result"
      items={results.map((r) => ({
        key: r.profileName,
        state: r.verified ? 'verified' : r.account ? 'unverified' : 'refused',
        who: <span className="mono result-profile">{r.profileName}</span>,
        text: r.verified
          ? r.joined
            ? `Verified — another way into ${r.accountName ?? 'its account'}`
            : `Verified — added as ${r.accountName ?? 'a new account'}`
          : r.account
            ? `Added to ${r.accountName ?? 'its account'}, not verified: ${r.error?.message ?? 'no answer'}`
            : `Not imported: ${r.error?.message ?? 'refused'}`,
      }))}
      moreLabel="Import more"
      onMore={onMore}
      onDone={onDone}
    />
  );
}
