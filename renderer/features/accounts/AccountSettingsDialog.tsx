import { useEffect, useId, useState, type FormEvent } from 'react';
import type { AccountVerifyResult } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import type { AccountSummary } from '../../../shared/model';
import { invoke, toAppError } from '../../api';
import { Badge } from '../../components/Badge';
import { ClientDot } from '../../components/ClientDot';
import { confirmChange } from '../../components/ConfirmProduction';
import { CopyableId } from '../../components/CopyableId';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field, FormIssues, fieldA11y } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { KeyValue } from '../../components/KeyValue';
import { RelativeTime } from '../../components/RelativeTime';
import { Spinner } from '../../components/Spinner';
import { HEALTH_WORDING, KIND_LABEL, accountName, sameAccountNames } from '../../lib/accounts';
import { issuesByField } from '../../lib/errors';
import { formatAccountId } from '../../lib/format';
import { findAccount, findClient } from '../../lib/workspace';
import { useAtlas } from '../../store';
import { AccountNameField, ClientField, DefaultRegionField, ProductionField } from './AccountPlacementFields';
import { FavoriteRegions } from './FavoriteRegions';
import { UpdateKeysForm } from './UpdateKeysForm';

/** Everything about one entry: identity, settings, favourite regions, credentials, removal. */
export function AccountSettingsDialog({ accountId, onClose }: { accountId: string; onClose(): void }) {
  const workspace = useAtlas((s) => s.workspace);
  const account = findAccount(workspace, accountId);
  const client = findClient(workspace, account?.clientId);

  // Removed (here or elsewhere) while open: nothing left to show.
  useEffect(() => {
    if (workspace && !account) onClose();
  }, [workspace, account, onClose]);
  if (!account) return null;

  return (
    <Dialog
      title="Account settings"
      subtitle={
        <span className="dialog-context">
          <ClientDot color={client?.color} />
          {client?.name ?? 'No client'} <Icon name="chevronRight" size={11} /> <strong>{account.name}</strong>
          {account.production && <Badge tone="prod">PROD</Badge>}
        </span>
      }
      onClose={onClose}
      testId="account-settings"
    >
      <div className="dialog-body dialog-scroll settings">
        <IdentitySection account={account} />
        <GeneralSection key={account.id} account={account} />
        <section className="settings-section" aria-labelledby={`${account.id}-fav`}>
          <h3 className="section-title" id={`${account.id}-fav`}>
            Favourite regions
          </h3>
          <p className="section-hint">Starred regions lead the region picker; the first one is where this account opens.</p>
          <FavoriteRegions account={account} />
        </section>
        <CredentialsSection account={account} />
        <RemoveSection account={account} onRemoved={onClose} />
      </div>
    </Dialog>
  );
}

function IdentitySection({ account }: { account: AccountSummary }) {
  const workspace = useAtlas((s) => s.workspace);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AccountVerifyResult | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const also = sameAccountNames(workspace, account);
  const id = result?.awsAccountId ?? account.awsAccountId;
  const alias = result ? result.alias : account.alias;
  const arn = result?.arn ?? account.arn;

  async function verify() {
    setBusy(true);
    setError(null);
    try {
      setResult(await invoke('accounts:verify', { account: account.id }));
    } catch (e) {
      setResult(null);
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="settings-section">
      <div className="section-head">
        <h3 className="section-title">Identity</h3>
        <button type="button" className="button button-small" onClick={() => void verify()} disabled={busy} data-testid="verify-account">
          {busy ? <Spinner label="Verifying" /> : <Icon name="check" size={13} />} Verify now
        </button>
      </div>
      <dl className="kv" data-testid="account-identity">
        <KeyValue label="AWS account">{id ? <CopyableId value={id} display={formatAccountId(id)} /> : <span className="muted">Not verified yet</span>}</KeyValue>
        <KeyValue label="Alias">{alias ?? <span className="muted">None</span>}</KeyValue>
        <KeyValue label="Identity ARN">{arn ? <CopyableId value={arn} /> : <span className="muted">—</span>}</KeyValue>
        <KeyValue label="Reached via">{account.via || KIND_LABEL[account.kind]}</KeyValue>
        <KeyValue label="Health">
          {HEALTH_WORDING[account.health]}
          {account.healthMessage ? <span className="muted"> — {account.healthMessage}</span> : null}
        </KeyValue>
        {account.sessionExpiresAt && (
          <KeyValue label="Session expires">
            <RelativeTime value={account.sessionExpiresAt} />
          </KeyValue>
        )}
      </dl>
      {result && (
        <p className="verify-ok" role="status">
          <Icon name="check" size={13} /> Credentials work for {formatAccountId(result.awsAccountId)}
          {result.alias ? ` (${result.alias})` : ''}.
        </p>
      )}
      {error && <ErrorBanner error={error} />}
      {also.length > 0 && (
        <p className="notice notice-warning notice-compact">
          <Icon name="alert" size={13} className="icon notice-icon" /> Also reached by: {also.join(', ')}. Changes made through
          any of them happen in the same AWS account.
        </p>
      )}
    </section>
  );
}

const GENERAL_FIELDS = ['name', 'clientName', 'defaultRegion', 'production', 'externalId', 'mfaSerial'] as const;

function GeneralSection({ account }: { account: AccountSummary }) {
  const workspace = useAtlas((s) => s.workspace);
  const updateAccount = useAtlas((s) => s.updateAccount);
  const regions = useAtlas((s) => s.regionsByAccount[account.id]?.regions);
  const clientName = findClient(workspace, account.clientId)?.name ?? '';
  const initial = {
    name: account.name,
    clientName,
    defaultRegion: account.defaultRegion,
    production: account.production,
    externalId: account.externalId ?? '',
    mfaSerial: account.mfaSerial ?? '',
  };
  const [values, setValues] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const uid = useId();
  const id = (f: string) => `${uid}-${f}`;
  const issues = error?.code === 'VALIDATION' ? issuesByField(error.details?.issues, GENERAL_FIELDS) : {};
  const isRole = account.kind === 'assume-role';

  const changes: Record<string, string | boolean | null> = {};
  if (values.name.trim() !== initial.name) changes.name = values.name.trim();
  if (values.clientName.trim() !== initial.clientName) changes.clientName = values.clientName.trim();
  if (values.defaultRegion.trim() !== initial.defaultRegion) changes.defaultRegion = values.defaultRegion.trim();
  if (values.production !== initial.production) changes.production = values.production;
  if (isRole && values.externalId.trim() !== initial.externalId) changes.externalId = values.externalId.trim() || null;
  if (isRole && values.mfaSerial.trim() !== initial.mfaSerial) changes.mfaSerial = values.mfaSerial.trim() || null;
  const dirty = Object.keys(changes).length > 0;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!dirty) return;
    // Dropping the production flag removes a safety net: that itself needs the guard.
    if (changes.production === false) {
      const ok = await confirmChange({
        title: `Stop treating ${account.name} as production?`,
        message: 'Changes to this account will no longer ask you to type its name first.',
        accounts: [account],
        confirmLabel: 'Remove production flag',
        tone: 'danger',
      });
      if (!ok) return;
    }
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await updateAccount({ account: account.id, ...changes });
      setSaved(true);
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  }

  const text = (field: 'name' | 'clientName' | 'defaultRegion' | 'externalId' | 'mfaSerial') => ({
    ...fieldA11y(id(field), issues[field]),
    value: values[field],
    disabled: busy,
    onChange: (e: { target: { value: string } }) => {
      setSaved(false);
      setValues((v) => ({ ...v, [field]: e.target.value }));
    },
  });

  return (
    <form className="settings-section account-form" onSubmit={save} noValidate aria-label="Account settings">
      <h3 className="section-title">Settings</h3>
      <div className="field-row">
        <AccountNameField input={{ ...text('name'), autoComplete: 'off' }} issues={issues.name} />
        <ClientField input={text('clientName')} issues={issues.clientName} hint="Type a new name to create a client." />
      </div>
      <div className="field-row">
        <DefaultRegionField
          input={text('defaultRegion')}
          issues={issues.defaultRegion}
          hint={account.favoriteRegions[0] ? `Opens in ${account.favoriteRegions[0]} (first favourite).` : undefined}
          regions={regions?.filter((r) => r.enabled).map((r) => r.name)}
        />
        <div className="field field-check-aligned">
          <ProductionField
            id={id('production')}
            checked={values.production}
            disabled={busy}
            onChange={(production) => {
              setSaved(false);
              setValues((v) => ({ ...v, production }));
            }}
            saved
          />
        </div>
      </div>
      {isRole && (
        <>
          <dl className="kv kv-compact">
            <KeyValue label="Role">{account.roleArn ? <CopyableId value={account.roleArn} /> : '—'}</KeyValue>
            <KeyValue label="Assumed with">{accountName(workspace, account.sourceAccount) ?? account.sourceAccount ?? '—'}</KeyValue>
          </dl>
          <div className="field-row">
            <Field id={id('externalId')} label="External ID" issues={issues.externalId} hint="Leave empty if the trust policy asks for none.">
              <input {...text('externalId')} className="mono" spellCheck={false} autoComplete="off" />
            </Field>
            <Field id={id('mfaSerial')} label="MFA device" issues={issues.mfaSerial} hint="Leave empty to assume the role without MFA.">
              <input {...text('mfaSerial')} className="mono" spellCheck={false} autoComplete="off" placeholder="arn:aws:iam::…:mfa/name" />
            </Field>
          </div>
        </>
      )}
      <FormIssues issues={issues['']} />
      {error && error.code !== 'VALIDATION' && <ErrorBanner error={error} />}
      <div className="form-actions">
        {saved && !dirty && (
          <span className="form-actions-note" role="status">
            <Icon name="check" size={13} /> Saved
          </span>
        )}
        <button type="button" className="button" disabled={!dirty || busy} onClick={() => setValues(initial)}>
          Reset
        </button>
        <button type="submit" className="button button-primary" disabled={!dirty || busy}>
          {busy && <Spinner label="Saving" />} Save changes
        </button>
      </div>
    </form>
  );
}

function CredentialsSection({ account }: { account: AccountSummary }) {
  const [updating, setUpdating] = useState(false);

  if (account.kind === 'profile') {
    return (
      <section className="settings-section">
        <h3 className="section-title">Credentials</h3>
        <p className="section-hint">
          From the AWS CLI profile <code>{account.profileName}</code>. Edit it in <code>~/.aws/config</code> (or{' '}
          <code>~/.aws/credentials</code>); AMI Atlas reads the files again on the next call.
        </p>
      </section>
    );
  }
  if (account.kind === 'assume-role') return null;
  return (
    <section className="settings-section">
      <div className="section-head">
        <h3 className="section-title">Access key</h3>
        {!updating && (
          <button type="button" className="button button-small" onClick={() => setUpdating(true)} data-testid="update-keys">
            <Icon name="key" size={13} /> Update access key
          </button>
        )}
      </div>
      <dl className="kv">
        <KeyValue label="Access key ID">{account.accessKeyId ? <span className="mono">{account.accessKeyId}</span> : '—'}</KeyValue>
      </dl>
      {updating && <UpdateKeysForm account={account} onDone={() => setUpdating(false)} autoFocus />}
    </section>
  );
}

function RemoveSection({ account, onRemoved }: { account: AccountSummary; onRemoved(): void }) {
  const workspace = useAtlas((s) => s.workspace);
  const applyWorkspace = useAtlas((s) => s.applyWorkspace);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const dependents = workspace?.accounts.filter((a) => a.sourceAccount === account.id).map((a) => a.name) ?? [];

  async function remove() {
    const secret =
      account.kind === 'access-key'
        ? 'Its secret access key is deleted from the system keychain too.'
        : account.kind === 'profile'
          ? `The profile ${account.profileName ?? ''} stays in your AWS CLI files; anything AMI Atlas kept for it in the system keychain is deleted.`
          : 'Anything AMI Atlas kept for it in the system keychain is deleted; its source account stays.';
    const ok = await confirmChange({
      title: `Remove ${account.name}?`,
      message: (
        <>
          <p>
            The entry <strong>{account.name}</strong>
            {account.awsAccountId ? ` (${formatAccountId(account.awsAccountId)})` : ''} is removed from AMI Atlas. {secret} Nothing changes in AWS.
          </p>
          {dependents.length > 0 && <p className="confirm-warning">Roles assumed through it stop working: {dependents.join(', ')}.</p>}
        </>
      ),
      accounts: [account],
      confirmLabel: 'Remove account',
      tone: 'danger',
    });
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      applyWorkspace(await invoke('accounts:remove', { account: account.id }));
      onRemoved();
    } catch (e) {
      setError(toAppError(e));
      setBusy(false);
    }
  }

  return (
    <section className="settings-section settings-danger">
      <div className="section-head">
        <div>
          <h3 className="section-title">Remove</h3>
          <p className="section-hint">Removes the entry from AMI Atlas only; nothing changes in AWS.</p>
        </div>
        <button type="button" className="button button-danger-outline" onClick={() => void remove()} disabled={busy} data-testid="remove-account">
          {busy ? <Spinner label="Removing" /> : <Icon name="trash" size={13} />} Remove account…
        </button>
      </div>
      {error && <ErrorBanner error={error} />}
    </section>
  );
}
