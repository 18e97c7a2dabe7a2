import { useId, useRef, useState, type FormEvent } from 'react';
import { pathName } from '../../../shared/access-paths';
import type { AccessPathSummary, AccountSummary } from '../../../shared/model';
import { updateKeys } from './actions';
import { Badge } from '../../components/Badge';
import { ClientDot } from '../../components/ClientDot';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field, FormIssues, fieldA11y, useFocusFirstInvalid } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { issuesInWords } from '../../lib/errors';
import { UPDATE_KEYS_WORDS } from '../../lib/fieldWords';
import { formatAccountId } from '../../lib/format';
import { findPath } from '../../lib/accounts';
import { findClient } from '../../lib/workspace';
import { useAtlas } from '../../store';
import { KeychainNotice, useKeychainBlocked } from './KeychainNotice';
import { useBusy } from '../../lib/useBusy';


/** The one-click fix for a rejected key: just the new key pair, for the account and path named on top. */
export function UpdateKeysDialog({ pathId, onClose }: { pathId: string; onClose(): void }) {
  const found = useAtlas((s) => findPath(s.workspace, pathId));
  const client = useAtlas((s) => findClient(s.workspace, found?.account.clientId));
  if (!found) return null;
  const { account, path } = found;
  return (
    <Dialog
      title="Update access key"
      subtitle={
        <span className="dialog-context">
          <ClientDot color={client?.color} />
          {client?.name ?? 'No client'} <Icon name="chevronRight" size={11} /> <strong>{account.name}</strong>
          <span className="mono">{formatAccountId(account.awsAccountId)}</span>
          {account.production && <Badge tone="prod">PROD</Badge>}
          <span className="muted">{pathName(path)}</span>
        </span>
      }
      onClose={onClose}
      testId="update-keys-dialog"
      initialFocus="form input"
    >
      <div className="dialog-body">
        {path.healthMessage && <p className="section-hint">{path.healthMessage}</p>}
        <p className="section-hint">
          Current key: <span className="mono">{path.accessKeyId ?? '—'}</span>. Create a new key in the IAM console, then paste it here.
        </p>
        <UpdateKeysForm account={account} path={path} onDone={onClose} autoFocus />
      </div>
    </Dialog>
  );
}

/** Replaces a path's key pair (after a rotation, or when AWS rejected the old one). */
export function UpdateKeysForm({ account, path, onDone, autoFocus }: { account: AccountSummary; path: AccessPathSummary; onDone(): void; autoFocus?: boolean }) {
  const loadImages = useAtlas((s) => s.loadImages);
  const [accessKeyId, setAccessKeyId] = useState('');
  const [secret, setSecret] = useState('');
  const { busy, error, run } = useBusy();
  const [done, setDone] = useState(false);
  const blocked = useKeychainBlocked();
  const uid = useId();
  const form = useRef<HTMLFormElement>(null);
  const issues = error?.code === 'VALIDATION' ? issuesInWords(error.details?.issues, UPDATE_KEYS_WORDS) : {};
  useFocusFirstInvalid(form, error, 'input[name="accessKeyId"]');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (blocked) return;
    // A refused key pair stays as typed (the secret too) until it is fixed or the dialog closes.
    await run(
      async () => {
        await updateKeys({ path: path.id, accessKeyId: accessKeyId.trim(), secretAccessKey: secret.trim() });
        setDone(true);
        setAccessKeyId('');
        setSecret('');
        // The list that failed with the old key deserves another try with the new one.
        if (useAtlas.getState().accountId === account.id) void loadImages();
      },
    );
  }

  if (done) {
    return (
      <p className="verify-ok" role="status">
        <Icon name="check" size={13} /> Access key updated and stored in the {useAtlas.getState().workspace?.keychain.sessionOnly ? 'session' : 'system keychain'}.{' '}
        <button type="button" className="link-button" onClick={onDone}>
          Close
        </button>
      </p>
    );
  }

  return (
    <form ref={form} className="account-form update-keys" onSubmit={submit} noValidate aria-label={`Update access key of ${account.name}`}>
      <KeychainNotice {...(error?.code === 'KEYCHAIN_UNAVAILABLE' ? { reason: error.message, force: true } : {})} />
      <div className="field-row">
        <Field id={`${uid}-akid`} label="New access key ID" issues={issues.accessKeyId}>
          <input
            {...fieldA11y(`${uid}-akid`, issues.accessKeyId)}
            name="accessKeyId"
            className="mono"
            placeholder="AKIA…"
            value={accessKeyId}
            onChange={(e) => setAccessKeyId(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            disabled={busy}
            autoFocus={autoFocus}
          />
        </Field>
        <Field id={`${uid}-secret`} label="New secret access key" issues={issues.secretAccessKey}>
          <input
            {...fieldA11y(`${uid}-secret`, issues.secretAccessKey)}
            name="secretAccessKey"
            type="password"
            className="mono"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            autoComplete="new-password"
            spellCheck={false}
            disabled={busy || blocked}
          />
        </Field>
      </div>
      <FormIssues issues={issues['']} />
      {error && error.code !== 'VALIDATION' && error.code !== 'KEYCHAIN_UNAVAILABLE' && <ErrorBanner error={error} />}
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy || blocked || !accessKeyId.trim() || !secret}>
          {busy && <Spinner label="Updating key" />} Update key
        </button>
      </div>
    </form>
  );
}
