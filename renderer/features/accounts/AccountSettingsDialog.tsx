import { useEffect, useId, useState, type FormEvent } from 'react';
import type { AppError } from '../../../shared/errors';
import type { AccountSummary } from '../../../shared/model';
import { toAppError } from '../../api';
import { removeAccount } from './actions';
import { Badge } from '../../components/Badge';
import { ClientDot } from '../../components/ClientDot';
import { confirmChange, productionConfirmations } from '../../components/ConfirmProduction';
import { CopyableId } from '../../components/CopyableId';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { FormIssues, fieldA11y } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { KeyValue } from '../../components/KeyValue';
import { Spinner } from '../../components/Spinner';
import { HEALTH_WORDING } from '../../lib/accounts';
import { issuesByField } from '../../lib/errors';
import { formatAccountId } from '../../lib/format';
import { findAccount, findClient } from '../../lib/workspace';
import { useAtlas } from '../../store';
import { AccountNameField, ClientField, DefaultRegionField, ProductionField } from './AccountPlacementFields';
import { FavoriteRegions } from './FavoriteRegions';
import { AccessPathsSection } from './AccessPaths';

/** Everything about one AWS account: identity, settings, its access paths, favourite regions, removal. */
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
        <AccessPathsSection account={account} />
        <section className="settings-section" aria-labelledby={`${account.id}-fav`}>
          <h3 className="section-title" id={`${account.id}-fav`}>
            Favourite regions
          </h3>
          <p className="section-hint">Starred regions lead the region picker; the first one is where this account opens.</p>
          <FavoriteRegions account={account} />
        </section>
        <RemoveSection account={account} onRemoved={onClose} />
      </div>
    </Dialog>
  );
}

function IdentitySection({ account }: { account: AccountSummary }) {
  const openDialog = useAtlas((s) => s.openDialog);
  const id = account.awsAccountId;
  return (
    <section className="settings-section">
      <div className="section-head">
        <h3 className="section-title">Identity</h3>
        {/* A management account (or delegated administrator) lists its organization's accounts. */}
        <button type="button" className="button button-small" onClick={() => openDialog({ kind: 'discover-org', account: account.id })} data-testid="add-org-accounts">
          <Icon name="plus" size={13} /> Add accounts of this organization…
        </button>
      </div>
      <dl className="kv" data-testid="account-identity">
        <KeyValue label="AWS account">{id ? <CopyableId value={id} display={formatAccountId(id)} /> : <span className="muted">Not known yet: verify a path</span>}</KeyValue>
        <KeyValue label="Alias">{account.alias ?? <span className="muted">None</span>}</KeyValue>
        {account.endpoint && <KeyValue label="Endpoint">{<span className="mono">{account.endpoint}</span>}</KeyValue>}
        <KeyValue label="Health">
          {HEALTH_WORDING[account.health]}
          {account.healthMessage ? <span className="muted"> — {account.healthMessage}</span> : null}
        </KeyValue>
      </dl>
    </section>
  );
}

const GENERAL_FIELDS = ['name', 'clientName', 'defaultRegion', 'production'] as const;

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
  };
  const [values, setValues] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const uid = useId();
  const id = (f: string) => `${uid}-${f}`;
  const issues = error?.code === 'VALIDATION' ? issuesByField(error.details?.issues, GENERAL_FIELDS) : {};

  const changes: Record<string, string | boolean | null> = {};
  if (values.name.trim() !== initial.name) changes.name = values.name.trim();
  if (values.clientName.trim() !== initial.clientName) changes.clientName = values.clientName.trim();
  if (values.defaultRegion.trim() !== initial.defaultRegion) changes.defaultRegion = values.defaultRegion.trim();
  if (values.production !== initial.production) changes.production = values.production;
  const dirty = Object.keys(changes).length > 0;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!dirty) return;
    // Dropping the production flag removes a safety net: that itself needs the guard. So does
    // moving a production account into a client that is not production.
    const target = typeof changes.clientName === 'string' ? workspace?.clients.find((c) => c.name.toLowerCase() === (changes.clientName as string).toLowerCase()) : undefined;
    const leavesProduction = account.production && (changes.production === false || (typeof changes.clientName === 'string' && !target?.production));
    let confirmations: Record<string, string> = {};
    if (leavesProduction) {
      const ok = await confirmChange({
        title: changes.production === false ? `Stop treating ${account.name} as production?` : `Move production account ${account.name}?`,
        message:
          changes.production === false
            ? 'Changes to this account will no longer ask you to type its name first, unless its client is production.'
            : `In ${String(changes.clientName)}, changes to this account may no longer ask you to type its name first.`,
        accounts: [account],
        confirmLabel: changes.production === false ? 'Remove production flag' : 'Move it',
        tone: 'danger',
      });
      if (!ok) return;
      confirmations = productionConfirmations([account]);
    }
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await updateAccount({ account: account.id, ...changes, confirmations });
      setSaved(true);
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  }

  const text = (field: 'name' | 'clientName' | 'defaultRegion') => ({
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

function RemoveSection({ account, onRemoved }: { account: AccountSummary; onRemoved(): void }) {
  const workspace = useAtlas((s) => s.workspace);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const own = new Set(account.paths.map((p) => p.id));
  const dependents =
    workspace?.accounts.filter((a) => a.id !== account.id && a.paths.some((p) => p.sourcePath !== null && own.has(p.sourcePath))).map((a) => a.name) ?? [];

  async function remove() {
    const secret =
      account.paths.length === 0
        ? ''
        : `Its ${account.paths.length === 1 ? 'access path goes' : `${account.paths.length} access paths go`} too: key pairs are deleted from the system keychain; AWS CLI profiles stay in your files.`;
    const ok = await confirmChange({
      title: `Remove ${account.name}?`,
      message: (
        <>
          <p>
            <strong>{account.name}</strong>
            {account.awsAccountId ? ` (${formatAccountId(account.awsAccountId)})` : ''} is removed from AMI Atlas, with its inventory. {secret} Nothing changes in AWS.
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
      await removeAccount({ account: account.id, confirmations: productionConfirmations([account]) });
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
          <p className="section-hint">Removes the account and its access paths from AMI Atlas only; nothing changes in AWS.</p>
        </div>
        <button type="button" className="button button-danger-outline" onClick={() => void remove()} disabled={busy} data-testid="remove-account">
          {busy ? <Spinner label="Removing" /> : <Icon name="trash" size={13} />} Remove account…
        </button>
      </div>
      {error && <ErrorBanner error={error} />}
    </section>
  );
}
