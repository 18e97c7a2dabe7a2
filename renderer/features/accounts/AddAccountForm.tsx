import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { Client, Workspace } from '../../../shared/model';
import type { AppError } from '../../../shared/errors';
import { invoke, toAppError } from '../../api';
import { useAtlas } from '../../store';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Spinner } from '../../components/Spinner';
import { issuesByField } from '../../lib/errors';
import { KNOWN_REGIONS } from '../../lib/regions';

const FIELDS = ['name', 'clientName', 'accessKeyId', 'secretAccessKey', 'defaultRegion', 'endpoint'] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;

// A stable empty list: a fresh [] per render would make the store subscription loop.
const NO_CLIENTS: readonly Client[] = [];

const EMPTY: Values = { name: '', clientName: '', accessKeyId: '', secretAccessKey: '', defaultRegion: 'eu-west-1', endpoint: '' };

interface AddAccountFormProps {
  /** Called with the new workspace and the id of the account that was added. */
  onAdded(workspace: Workspace, accountId: string | null): void;
  onCancel?: () => void;
  autoFocus?: boolean;
}

/**
 * Adds an account reached with an access key. The secret goes straight to the core (which keeps
 * it in the OS keychain) and is dropped from this form's state as soon as the call returns.
 */
export function AddAccountForm({ onAdded, onCancel, autoFocus }: AddAccountFormProps) {
  const clients = useAtlas((s) => s.workspace?.clients ?? NO_CLIENTS);
  const [values, setValues] = useState<Values>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const uid = useId();

  const issues = error?.code === 'VALIDATION' ? issuesByField(error.details?.issues, FIELDS) : {};
  const set = (field: Field) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const before = new Set(useAtlas.getState().workspace?.accounts.map((a) => a.id));
    try {
      const workspace = await invoke('accounts:addAccessKey', {
        name: values.name.trim(),
        clientName: values.clientName.trim(),
        // Pasted keys often carry stray spaces or a newline.
        accessKeyId: values.accessKeyId.trim(),
        secretAccessKey: values.secretAccessKey.trim(),
        defaultRegion: values.defaultRegion.trim(),
        endpoint: values.endpoint.trim() || null,
      });
      setValues(EMPTY);
      const added = workspace.accounts.find((a) => !before.has(a.id)) ?? null;
      onAdded(workspace, added?.id ?? null);
    } catch (e) {
      setValues((v) => ({ ...v, secretAccessKey: '' }));
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  }

  const field = (name: Field, label: string, input: ReactNode, hint?: string) => {
    const messages = issues[name];
    return (
      <div className={`field${messages ? ' has-error' : ''}`}>
        <label htmlFor={`${uid}-${name}`}>{label}</label>
        {input}
        {messages ? (
          <p className="field-error" id={`${uid}-${name}-error`}>
            {messages.join('; ')}
          </p>
        ) : (
          hint && <p className="field-hint">{hint}</p>
        )}
      </div>
    );
  };

  const inputProps = (name: Field) => ({
    id: `${uid}-${name}`,
    name,
    value: values[name],
    onChange: (e: { target: { value: string } }) => set(name)(e.target.value),
    'aria-invalid': issues[name] ? true : undefined,
    'aria-describedby': issues[name] ? `${uid}-${name}-error` : undefined,
    disabled: busy,
  });

  return (
    <form className="account-form" onSubmit={submit} noValidate aria-label="Add an account">
      <div className="field-row">
        {field('name', 'Account name', <input {...inputProps('name')} placeholder="prod-eu" required autoFocus={autoFocus} />)}
        {field(
          'clientName',
          'Client',
          <>
            <input {...inputProps('clientName')} placeholder="Acme" required list={`${uid}-clients`} />
            <datalist id={`${uid}-clients`}>
              {clients.map((c) => (
                <option key={c.id} value={c.name} />
              ))}
            </datalist>
          </>,
        )}
      </div>
      {field(
        'accessKeyId',
        'Access key ID',
        <input {...inputProps('accessKeyId')} className="mono" placeholder="AKIA…" autoComplete="off" spellCheck={false} required />,
      )}
      {field(
        'secretAccessKey',
        'Secret access key',
        <input {...inputProps('secretAccessKey')} type="password" className="mono" autoComplete="new-password" spellCheck={false} required />,
        'Stored in your system keychain, never on disk in plain text.',
      )}
      <div className="field-row">
        {field(
          'defaultRegion',
          'Default region',
          <>
            <input {...inputProps('defaultRegion')} className="mono" list={`${uid}-regions`} spellCheck={false} required />
            <datalist id={`${uid}-regions`}>
              {KNOWN_REGIONS.map((r) => (
                <option key={r} value={r} />
              ))}
            </datalist>
          </>,
        )}
        {field(
          'endpoint',
          'Endpoint (optional)',
          <input {...inputProps('endpoint')} className="mono" placeholder="https://…" spellCheck={false} />,
          'Only for AWS-compatible endpoints.',
        )}
      </div>
      {error && error.code === 'VALIDATION' && issues[''] && (
        <ul className="form-issues" role="alert">
          {issues['']?.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </ul>
      )}
      {error && error.code === 'VALIDATION' && !issues[''] && Object.keys(issues).length === 0 && <ErrorBanner error={error} />}
      {error && error.code !== 'VALIDATION' && <ErrorBanner error={error} />}
      <div className="form-actions">
        {onCancel && (
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy && <Spinner label="Adding account" />} Add account
        </button>
      </div>
    </form>
  );
}
