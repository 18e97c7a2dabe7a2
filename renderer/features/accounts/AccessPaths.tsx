import { useId, useState, type FormEvent } from 'react';
import { pathName } from '../../../shared/access-paths';
import type { AccountVerifyResult } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import type { AccessPathSummary, AccountSummary } from '../../../shared/model';
import { toAppError } from '../../api';
import { removePath, updatePath, verifyPath } from './actions';
import { Badge } from '../../components/Badge';
import { confirmChange } from '../../components/ConfirmProduction';
import { CopyableId } from '../../components/CopyableId';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field, FormIssues, fieldA11y } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { KeyValue } from '../../components/KeyValue';
import { RelativeTime } from '../../components/RelativeTime';
import { Spinner } from '../../components/Spinner';
import { HEALTH_WORDING, KIND_LABEL, findPath } from '../../lib/accounts';
import { issuesByField } from '../../lib/errors';
import { formatAccountId } from '../../lib/format';
import { useAtlas } from '../../store';
import { HealthDot } from '../../components/HealthDot';
import { UpdateKeysForm } from './UpdateKeysForm';

/**
 * The ways into one AWS account: profiles, key pairs, roles. Each says whom it acts as and
 * whether it works; the user picks the one reads start with (the least privileged, typically)
 * and the one changes go through, verifies, renames, fixes or removes a path, or adds another.
 */
export function AccessPathsSection({ account }: { account: AccountSummary }) {
  const openDialog = useAtlas((s) => s.openDialog);
  return (
    <section className="settings-section" aria-labelledby={`${account.id}-paths`} data-testid="access-paths">
      <div className="section-head">
        <div>
          <h3 className="section-title" id={`${account.id}-paths`}>
            Access paths
          </h3>
          <p className="section-hint">
            Reads use any path that works, the read path first. Changes go through one path, named on every change sheet.
          </p>
        </div>
        <button type="button" className="button button-small" onClick={() => openDialog({ kind: 'add-account', account: account.id })} data-testid="add-path">
          <Icon name="plus" size={13} /> Add a way in…
        </button>
      </div>
      {account.notice && (
        <p className="callout notice notice-compact" role="status" data-testid="account-notice">
          <Icon name="info" size={13} className="icon notice-icon" /> {account.notice}
        </p>
      )}
      {account.paths.length === 0 ? (
        <p className="callout notice notice-warning notice-compact">
          <Icon name="alert" size={13} className="icon notice-icon" /> No path reaches this account any more. Its inventory and history stay; add a
          profile, key pair or role to read and change it again.
        </p>
      ) : (
        <ul className="path-list">
          {account.paths.map((path) => (
            <PathCard key={path.id} account={account} path={path} />
          ))}
        </ul>
      )}
    </section>
  );
}

function PathCard({ account, path }: { account: AccountSummary; path: AccessPathSummary }) {
  const workspace = useAtlas((s) => s.workspace);
  const updateAccount = useAtlas((s) => s.updateAccount);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [verified, setVerified] = useState<AccountVerifyResult | null>(null);
  const [editing, setEditing] = useState<'keys' | 'edit' | null>(null);
  const source = findPath(workspace, path.sourcePath);
  const readsFirst = account.readPath === path.id;
  const acts = account.actingPath === path.id;
  const chosenForChanges = (account.writePath ?? account.paths[0]?.id) === path.id;
  const dependents = workspace?.accounts.flatMap((a) => a.paths.filter((p) => p.sourcePath === path.id).map((p) => `${a.name} (${pathName(p)})`)) ?? [];

  async function run(what: string, work: () => Promise<void>) {
    setBusy(what);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(null);
    }
  }

  const verify = () =>
    run('verify', async () => {
      setVerified(null);
      setVerified(await verifyPath(path.id));
    });

  async function remove() {
    const ok = await confirmChange({
      title: `Remove ${pathName(path)} from ${account.name}?`,
      message: (
        <>
          <p>
            AMI Atlas stops using this way into <strong>{account.name}</strong>.{' '}
            {path.kind === 'access-key'
              ? 'Its secret access key is deleted from the system keychain.'
              : path.kind === 'profile'
                ? `The profile ${path.profileName ?? ''} stays in your AWS CLI files.`
                : 'Its source path stays.'}{' '}
            The account, its inventory and its history stay. Nothing changes in AWS.
          </p>
          {dependents.length > 0 && <p className="confirm-warning">Roles assumed through it stop working: {dependents.join(', ')}.</p>}
        </>
      ),
      accounts: [],
      confirmLabel: 'Remove path',
      tone: 'danger',
    });
    if (!ok) return;
    await run('remove', async () => void (await removePath(path.id)));
  }

  return (
    <li className={`item-card path-card health-row-${path.health}`} data-testid="path-card" data-path-kind={path.kind} data-health={path.health}>
      <div className="path-card-head">
        <HealthDot health={path.health} message={path.healthMessage} />
        <span className="path-card-name">{pathName(path)}</span>
        <span className="muted path-card-via">{path.label ? `${KIND_LABEL[path.kind]} · ${path.via}` : KIND_LABEL[path.kind]}</span>
        <span className="path-card-badges">
          {readsFirst && <Badge tone="info">Read path</Badge>}
          {acts && (
            <Badge tone={chosenForChanges ? 'neutral' : 'warning'} title={chosenForChanges ? 'Changes go through this path' : 'Changes go through this path while the chosen one fails'}>
              Changes
            </Badge>
          )}
        </span>
      </div>
      <dl className="kv kv-compact">
        <KeyValue label="Acts as">
          {path.arn ? <CopyableId value={path.arn} display={path.principal ?? path.arn} /> : <span className="muted">Not verified yet</span>}
        </KeyValue>
        {path.health !== 'ok' && (
          <KeyValue label="Health">
            {HEALTH_WORDING[path.health]}
            {path.healthMessage ? <span className="muted"> — {path.healthMessage}</span> : null}
          </KeyValue>
        )}
        {path.kind === 'access-key' && <KeyValue label="Access key ID">{path.accessKeyId ? <span className="mono">{path.accessKeyId}</span> : '—'}</KeyValue>}
        {path.kind === 'profile' && (
          <KeyValue label="Profile">
            <code>{path.profileName}</code> <span className="muted">— edit it in ~/.aws/config; AMI Atlas reads the files on every call.</span>
          </KeyValue>
        )}
        {path.kind === 'assume-role' && (
          <>
            <KeyValue label="Role">{path.roleArn ? <CopyableId value={path.roleArn} /> : '—'}</KeyValue>
            <KeyValue label="Assumed from">{source ? `${source.account.name} (${pathName(source.path)})` : <span className="muted">A path no longer in the workspace</span>}</KeyValue>
            {(path.externalId || path.mfaSerial) && (
              <KeyValue label="Conditions">{[path.externalId ? 'ExternalId' : null, path.mfaSerial ? `MFA (${path.mfaSerial})` : null].filter(Boolean).join(', ')}</KeyValue>
            )}
          </>
        )}
        {path.sessionExpiresAt && (
          <KeyValue label="Session expires">
            <RelativeTime value={path.sessionExpiresAt} />
          </KeyValue>
        )}
      </dl>
      {verified && (
        <p className="verify-ok" role="status">
          <Icon name="check" size={13} /> Works as {verified.arn.split(':').slice(5).join(':')} in {verified.accountName}
          {verified.awsAccountId ? ` (${formatAccountId(verified.awsAccountId)})` : ''}
          {verified.moved ? ' — it reaches that account now, so it was moved there.' : '.'}
        </p>
      )}
      {error && <ErrorBanner error={error} />}
      {editing === 'keys' && <UpdateKeysForm account={account} path={path} onDone={() => setEditing(null)} autoFocus />}
      {editing === 'edit' && <PathEditForm path={path} onDone={() => setEditing(null)} />}
      <div className="path-card-actions">
        <button type="button" className="button button-small" onClick={() => void verify()} disabled={busy !== null} data-testid="verify-path">
          {busy === 'verify' ? <Spinner label="Verifying" /> : <Icon name="check" size={13} />} Verify
        </button>
        <button
          type="button"
          className="button button-small"
          aria-pressed={readsFirst}
          onClick={() => void run('read', async () => void (await updateAccount({ account: account.id, readPath: readsFirst ? null : path.id })))}
          disabled={busy !== null}
          title="Reads start with this path (pick the least privileged one); others take over when it fails."
          data-testid="read-path"
        >
          {readsFirst ? 'Clear read path' : 'Make read path'}
        </button>
        {!chosenForChanges && (
          <button
            type="button"
            className="button button-small"
            onClick={() => void run('write', async () => void (await updateAccount({ account: account.id, writePath: path.id })))}
            disabled={busy !== null}
            data-testid="write-path"
          >
            Use for changes
          </button>
        )}
        {path.kind === 'access-key' && editing !== 'keys' && (
          <button type="button" className="button button-small" onClick={() => setEditing('keys')} disabled={busy !== null} data-testid="update-keys">
            <Icon name="key" size={13} /> Update access key
          </button>
        )}
        {editing !== 'edit' && (
          <button type="button" className="button button-small" onClick={() => setEditing('edit')} disabled={busy !== null}>
            Edit…
          </button>
        )}
        <button type="button" className="button button-small button-danger-outline" onClick={() => void remove()} disabled={busy !== null} data-testid="remove-path">
          <Icon name="trash" size={13} /> Remove
        </button>
      </div>
    </li>
  );
}

const EDIT_FIELDS = ['label', 'externalId', 'mfaSerial'] as const;

/** A path's name, and for a role its ExternalId and MFA device. */
function PathEditForm({ path, onDone }: { path: AccessPathSummary; onDone(): void }) {
  const initial = { label: path.label ?? '', externalId: path.externalId ?? '', mfaSerial: path.mfaSerial ?? '' };
  const [values, setValues] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const uid = useId();
  const id = (f: string) => `${uid}-${f}`;
  const issues = error?.code === 'VALIDATION' ? issuesByField(error.details?.issues, EDIT_FIELDS) : {};
  const isRole = path.kind === 'assume-role';

  async function save(event: FormEvent) {
    event.preventDefault();
    const changes: { label?: string | null; externalId?: string | null; mfaSerial?: string | null } = {};
    if (values.label.trim() !== initial.label) changes.label = values.label.trim() || null;
    if (isRole && values.externalId.trim() !== initial.externalId) changes.externalId = values.externalId.trim() || null;
    if (isRole && values.mfaSerial.trim() !== initial.mfaSerial) changes.mfaSerial = values.mfaSerial.trim() || null;
    if (Object.keys(changes).length === 0) return onDone();
    setBusy(true);
    setError(null);
    try {
      await updatePath({ path: path.id, ...changes });
      onDone();
    } catch (e) {
      setError(toAppError(e));
      setBusy(false);
    }
  }

  const text = (field: (typeof EDIT_FIELDS)[number]) => ({
    ...fieldA11y(id(field), issues[field]),
    value: values[field],
    disabled: busy,
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value })),
  });

  return (
    <form className="path-edit account-form" onSubmit={save} noValidate aria-label={`Edit ${pathName(path)}`}>
      <Field id={id('label')} label="Name (optional)" issues={issues.label} hint={`Shown instead of “${path.via}”.`}>
        <input {...text('label')} autoComplete="off" autoFocus />
      </Field>
      {isRole && (
        <div className="field-row">
          <Field id={id('externalId')} label="External ID" issues={issues.externalId} hint="Leave empty if the trust policy asks for none.">
            <input {...text('externalId')} className="mono" spellCheck={false} autoComplete="off" />
          </Field>
          <Field id={id('mfaSerial')} label="MFA device" issues={issues.mfaSerial} hint="Leave empty to assume the role without MFA.">
            <input {...text('mfaSerial')} className="mono" spellCheck={false} autoComplete="off" placeholder="arn:aws:iam::…:mfa/name" />
          </Field>
        </div>
      )}
      <FormIssues issues={issues['']} />
      {error && error.code !== 'VALIDATION' && <ErrorBanner error={error} />}
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy && <Spinner label="Saving" />} Save
        </button>
      </div>
    </form>
  );
}
