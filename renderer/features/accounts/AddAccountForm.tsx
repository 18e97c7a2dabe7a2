import { useId, useRef, useState, type FormEvent } from 'react';
import type { AddPathResult } from '../../../shared/contract';
import type { AccountSummary } from '../../../shared/model';
import { addAccessKey } from './actions';
import { useAtlas } from '../../store';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field, FormIssues, fieldA11y, useFocusFirstInvalid } from '../../components/Field';
import { Spinner } from '../../components/Spinner';
import { issuesInWords } from '../../lib/errors';
import { ACCESS_KEY_WORDS } from '../../lib/fieldWords';
import { AccountPlacementFields } from './AccountPlacementFields';
import { KeychainNotice, useKeychainBlocked } from './KeychainNotice';
import { useBusy } from '../../lib/useBusy';

type TextField = 'name' | 'clientName' | 'accessKeyId' | 'secretAccessKey' | 'defaultRegion' | 'endpoint';
type Values = Record<TextField, string> & { production: boolean };

const EMPTY: Values = { name: '', clientName: '', accessKeyId: '', secretAccessKey: '', defaultRegion: 'eu-west-1', endpoint: '', production: false };

interface AddAccountFormProps {
  /** Called with what the core made of it: the account the key pair reaches (new, or one it joined). */
  onAdded(result: AddPathResult): void;
  onCancel?: () => void;
  autoFocus?: boolean;
  /** Add the key pair as another way into this account. */
  joining?: AccountSummary | null;
}

/**
 * Adds an account reached with an access key. The secret goes straight to the core (which keeps
 * it in the OS keychain). A refused submit keeps everything typed, the secret too, so one wrong
 * character is fixed in place; the secret leaves this form's state when the account is added or
 * the form closes.
 */
export function AddAccountForm({ onAdded, onCancel, autoFocus, joining }: AddAccountFormProps) {
  const [values, setValues] = useState<Values>(EMPTY);
  const { busy, error, run } = useBusy();
  const keychainBlocked = useKeychainBlocked();
  const sessionOnly = useAtlas((s) => s.workspace?.keychain.sessionOnly ?? false);
  const uid = useId();
  const form = useRef<HTMLFormElement>(null);

  const issues = error?.code === 'VALIDATION' ? issuesInWords(error.details?.issues, ACCESS_KEY_WORDS) : {};
  // Rejected keys are fixed from the key ID; an unreachable endpoint from the endpoint.
  useFocusFirstInvalid(form, error, error?.code === 'NETWORK' && !joining ? 'input[name="endpoint"]' : 'input[name="accessKeyId"]');
  const set = (field: TextField) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const id = (field: string) => `${uid}-${field}`;
  // Keys AWS refused: the key fields point at the banner that says why.
  const refusedKeys = error?.code === 'AUTH_FAILED' || error?.code === 'ACCESS_DENIED';
  const inputProps = (name: TextField) => ({
    ...fieldA11y(id(name), issues[name]),
    ...(refusedKeys && (name === 'accessKeyId' || name === 'secretAccessKey') ? { 'aria-invalid': true, 'aria-describedby': id('refused') } : {}),
    name,
    value: values[name],
    onChange: (e: { target: { value: string } }) => set(name)(e.target.value),
    disabled: busy,
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (keychainBlocked) return;
    await run(async () => {
      const result = await addAccessKey({
        // Joining an account: its own name, client and region stand; the schema still wants values.
        name: joining ? joining.name : values.name.trim(),
        clientName: joining ? 'unused' : values.clientName.trim(),
        // Pasted keys often carry stray spaces or a newline.
        accessKeyId: values.accessKeyId.trim(),
        secretAccessKey: values.secretAccessKey.trim(),
        defaultRegion: joining ? joining.defaultRegion : values.defaultRegion.trim(),
        endpoint: (joining ? joining.endpoint : values.endpoint.trim()) || null,
        production: values.production,
        ...(joining ? { account: joining.id } : {}),
      });
      setValues(EMPTY);
      onAdded(result);
    });
  }

  return (
    <form ref={form} className="account-form" onSubmit={submit} noValidate aria-label="Add an account with an access key">
      <AccountPlacementFields
        inputs={{
          name: { ...inputProps('name'), placeholder: 'prod-eu', autoFocus },
          clientName: inputProps('clientName'),
          defaultRegion: inputProps('defaultRegion'),
        }}
        issues={issues}
        joining={joining}
        production={{ id: id('production'), checked: values.production, onChange: (production) => setValues((v) => ({ ...v, production })), disabled: busy }}
        between={
          <>
            <Field id={id('accessKeyId')} label="Access key ID" issues={issues.accessKeyId}>
              <input {...inputProps('accessKeyId')} className="mono" placeholder="AKIA…" autoComplete="off" spellCheck={false} required />
            </Field>
            <KeychainNotice {...(error?.code === 'KEYCHAIN_UNAVAILABLE' ? { reason: error.message, force: true } : {})} />
            <Field
              id={id('secretAccessKey')}
              label="Secret access key"
              issues={issues.secretAccessKey}
              hint={
                sessionOnly
                  ? 'Kept in memory until AMI Atlas quits (the system keychain is unavailable); never written to disk.'
                  : 'Stored in your system keychain, never on disk in plain text.'
              }
            >
              <input
                {...inputProps('secretAccessKey')}
                type="password"
                className="mono"
                autoComplete="new-password"
                spellCheck={false}
                required
                disabled={busy || keychainBlocked}
              />
            </Field>
          </>
        }
        besideRegion={
          joining ? undefined : (
            <Field id={id('endpoint')} label="Endpoint (optional)" issues={issues.endpoint} hint="Only for AWS-compatible endpoints.">
              <input {...inputProps('endpoint')} className="mono" placeholder="https://…" spellCheck={false} />
            </Field>
          )
        }
      />
      <FormIssues issues={issues['']} />
      {error && error.code !== 'VALIDATION' && error.code !== 'KEYCHAIN_UNAVAILABLE' && (
        <div id={id('refused')}>
          <ErrorBanner error={error} />
        </div>
      )}
      <div className="form-actions">
        {onCancel && (
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
        <button type="submit" className="button button-primary" disabled={busy || keychainBlocked}>
          {busy && <Spinner label="Adding account" />} {joining ? 'Add key pair' : 'Add account'}
        </button>
      </div>
    </form>
  );
}
