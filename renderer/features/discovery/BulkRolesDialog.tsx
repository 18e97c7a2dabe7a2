import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { OrgAddResult } from '../../../shared/contract';
import { Dialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field, FormIssues } from '../../components/Field';
import { ProgressBar, Spinner } from '../../components/Spinner';
import { findPath, issuesByRow } from '../../lib/accounts';
import { issuesInWords } from '../../lib/errors';
import { BULK_ROLE_WORDS } from '../../lib/fieldWords';
import { plural } from '../../lib/format';
import { PathOptions } from '../../components/PathOptions';
import { useBusy } from '../../lib/useBusy';
import { findAccount, findClient } from '../../lib/workspace';
import { useAtlas } from '../../store';
import { bulkRoles } from './actions';
import { AddResults, ClientNameField, RoleFields, type RoleValues } from './BulkAddParts';
import { parseAccountLines, type AccountLine } from './bulkAccounts';

/**
 * The same role name in many accounts, assumed from one source path (a hub account's key, an
 * SSO profile…): the accounts are pasted one a line, each is verified with GetCallerIdentity,
 * and a failure is that account's only, listed with what to fix.
 */
export function BulkRolesDialog({ sourcePath, onClose }: { sourcePath?: string | undefined; onClose(): void }) {
  const workspace = useAtlas((s) => s.workspace);
  const activeId = useAtlas((s) => s.accountId);
  const [source, setSource] = useState(() => {
    if (findPath(workspace, sourcePath)) return sourcePath ?? '';
    const active = findAccount(workspace, activeId) ?? workspace?.accounts[0] ?? null;
    return active?.actingPath ?? active?.paths[0]?.id ?? '';
  });
  const [role, setRole] = useState<RoleValues>({ roleName: '', externalId: '', mfaSerial: '' });
  const [lines, setLines] = useState('');
  const [clientName, setClientName] = useState(() => clientOfPath(source));
  const [sent, setSent] = useState<AccountLine[]>([]);
  const [done, setDone] = useState<{ results: OrgAddResult[]; joined: ReadonlySet<string> } | null>(null);
  const { busy, error, setError, run } = useBusy();
  const uid = useId();

  function clientOfPath(pathId: string): string {
    const ws = useAtlas.getState().workspace;
    return findClient(ws, findPath(ws, pathId)?.account.clientId)?.name ?? '';
  }

  const title = 'Same role in many accounts';
  if (!workspace || !workspace.accounts.some((a) => a.paths.length > 0)) {
    return (
      <Dialog title={title} onClose={onClose} testId="bulk-roles-dialog">
        <div className="dialog-body">
          <EmptyState icon="user" title="Add the source account first">
            The role is assumed in every account with the credentials of one access path (a hub account’s key, an AWS CLI or SSO profile).
          </EmptyState>
        </div>
      </Dialog>
    );
  }

  const parsed = parseAccountLines(lines, workspace.accounts);
  const fieldIssues = error?.code === 'VALIDATION' ? issuesInWords(error.details?.issues, BULK_ROLE_WORDS) : {};
  // The core numbers the accounts it was sent; the user reads them as lines. The client is
  // sent with every account, so its message is said once, under the client.
  const rowIssues = error?.code === 'VALIDATION' ? [...issuesByRow(error.details?.issues, 'accounts').entries()].filter(([row]) => row >= 0) : [];
  const clientIssues = [...new Set(rowIssues.flatMap(([, fields]) => fields.clientName ?? []))];
  const formIssues = [
    ...rowIssues.flatMap(([row, fields]) =>
      Object.entries(fields)
        .filter(([field]) => field !== 'clientName')
        .flatMap(([, texts]) => texts.map((text) => `Line ${sent[row]?.line ?? row + 1}: ${text}`)),
    ),
    ...(fieldIssues[''] ?? []).filter((issue) => !/^\s*accounts\./.test(issue)),
  ];
  const missing = !source ? 'a source path' : !role.roleName.trim() ? 'a role name' : !clientName.trim() ? 'a client' : null;
  const canAdd = !busy && parsed.accounts.length > 0 && parsed.issues.length === 0 && !missing;
  const sourceAccount = findPath(workspace, source)?.account ?? null;

  function pickSource(pathId: string) {
    setSource(pathId);
    setClientName((typed) => (typed.trim() && typed !== clientOfPath(source) ? typed : clientOfPath(pathId)));
  }

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!canAdd) return;
    const optional = (value: string) => value.trim() || null;
    const accounts = parsed.accounts;
    const before = new Set(workspace?.accounts.flatMap((a) => (a.awsAccountId ? [a.awsAccountId] : [])));
    setSent(accounts);
    await run(async () => {
      const answer = await bulkRoles({
        sourcePath: source,
        roleName: role.roleName.trim(),
        externalId: optional(role.externalId),
        mfaSerial: optional(role.mfaSerial),
        accounts: accounts.map((a) => ({ awsAccountId: a.awsAccountId, name: a.name, clientName: clientName.trim() })),
      });
      setDone({ results: answer.results, joined: before });
    });
  }

  // Enter is a new line in the list; Ctrl/Cmd+Enter adds.
  function onLinesKey(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  }

  if (done) {
    const failed = done.results.filter((r) => !r.account);
    return (
      <Dialog title={title} subtitle={sourceAccount ? `Assumed from ${sourceAccount.name}` : undefined} onClose={onClose} className="bulk-roles-dialog" testId="bulk-roles-dialog">
        <div className="dialog-body import-results" data-testid="bulk-results">
          <AddResults results={done.results} joined={done.joined} />
          <div className="form-actions">
            {failed.length > 0 && (
              <button
                type="button"
                className="button"
                onClick={() => {
                  // Back to the form with only the accounts that were not added, to fix and try again.
                  setLines(failed.map((r) => `${r.awsAccountId} ${r.name}`).join('\n'));
                  setDone(null);
                }}
              >
                {failed.length === 1 ? 'Retry the failed one…' : `Retry the ${failed.length} failed ones…`}
              </button>
            )}
            <button type="button" className="button button-primary" onClick={onClose} autoFocus>
              Done
            </button>
          </div>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={title} onClose={onClose} className="bulk-roles-dialog" testId="bulk-roles-dialog" initialFocus="select">
      <form className="dialog-body account-form bulk-roles" onSubmit={submit} noValidate aria-label="Add the same role in many accounts">
        <Field id={`${uid}-source`} label="Assumed from" issues={fieldIssues.sourcePath} hint="This access path’s credentials call sts:AssumeRole in every account.">
          <select id={`${uid}-source`} value={source} onChange={(e) => pickSource(e.target.value)} disabled={busy} required>
            <PathOptions workspace={workspace} />
          </select>
        </Field>
        <div className="field-row-3 field-row">
          <RoleFields
            values={role}
            onChange={(change) => setRole((r) => ({ ...r, ...change }))}
            disabled={busy}
            issues={fieldIssues}
            roleHint="The same name in every account."
          />
        </div>
        <Field
          id={`${uid}-accounts`}
          label="Accounts, one a line"
          hint={
            parsed.accounts.length > 0 && parsed.issues.length === 0
              ? `${plural(parsed.accounts.length, 'account')} to add.`
              : 'The 12-digit id, then the name: 123456789012 production, or 123456789012,production.'
          }
        >
          <div className="bulk-lines-frame">
            <textarea
              id={`${uid}-accounts`}
              name="accounts"
              className="mono bulk-lines"
              value={lines}
              onChange={(e) => setLines(e.target.value)}
              onKeyDown={onLinesKey}
              rows={7}
              spellCheck={false}
              autoComplete="off"
              disabled={busy}
              placeholder={'123456789012 acme-prod\n234567890123,acme-staging'}
              aria-invalid={parsed.issues.length > 0 ? true : undefined}
              aria-describedby={parsed.issues.length > 0 ? `${uid}-line-issues` : undefined}
            />
            {busy && <ProgressBar label={`Adding ${plural(sent.length, 'account')}`} />}
          </div>
        </Field>
        {parsed.issues.length > 0 && (
          <ul className="form-issues bulk-line-issues" id={`${uid}-line-issues`} data-testid="line-issues">
            {parsed.issues.map((issue) => (
              <li key={issue}>{issue}</li>
            ))}
          </ul>
        )}
        {parsed.notes.length > 0 && (
          <ul className="bulk-line-notes" data-testid="line-notes">
            {parsed.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        )}
        <ClientNameField value={clientName} onChange={setClientName} disabled={busy} issues={clientIssues} />
        <FormIssues issues={formIssues} />
        {error && error.code !== 'VALIDATION' && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
        <div className="form-actions">
          <span className="form-actions-note" aria-live="polite">
            {busy
              ? `Adding ${plural(sent.length, 'account')}, each verified with GetCallerIdentity…`
              : parsed.accounts.length === 0
                ? 'List the accounts to add.'
                : parsed.issues.length > 0
                  ? `Fix ${plural(parsed.issues.length, 'line')} first.`
                  : missing
                    ? `Give ${missing}.`
                    : `${plural(parsed.accounts.length, 'account')} to add.`}
          </span>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!canAdd}>
            {busy && <Spinner label="Adding accounts" />} Add {plural(busy ? sent.length : parsed.accounts.length, 'account')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
