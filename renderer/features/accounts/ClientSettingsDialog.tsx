import { useEffect, useId, useState, type FormEvent } from 'react';
import { updateClient } from './actions';
import { ClientDot } from '../../components/ClientDot';
import { confirmChange } from '../../components/ConfirmProduction';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { CheckField, Field, FormIssues, fieldA11y } from '../../components/Field';
import { Spinner } from '../../components/Spinner';
import { issuesByField } from '../../lib/errors';
import { plural } from '../../lib/format';
import { findClient } from '../../lib/workspace';
import { useAtlas } from '../../store';
import { useBusy } from '../../lib/useBusy';

/** Distinct in light and dark themes, and none of them the production red. */
export const CLIENT_COLORS: readonly string[] = [
  '#2f81f7',
  '#1f9d55',
  '#8250df',
  '#bf3989',
  '#e8740c',
  '#0f9aa5',
  '#b08800',
  '#6e7781',
  '#5a6fd6',
  '#7d4e24',
];

const FIELDS = ['name', 'color', 'production'] as const;

export function ClientSettingsDialog({ clientId, onClose }: { clientId: string; onClose(): void }) {
  const workspace = useAtlas((s) => s.workspace);
  const client = findClient(workspace, clientId);
  const [values, setValues] = useState(() => ({ name: client?.name ?? '', color: client?.color ?? CLIENT_COLORS[0]!, production: client?.production ?? false }));
  const { busy, error, run } = useBusy();
  const uid = useId();

  useEffect(() => {
    if (workspace && !client) onClose();
  }, [workspace, client, onClose]);
  if (!client) return null;

  const accounts = workspace?.accounts.filter((a) => a.clientId === client.id) ?? [];
  const issues = error?.code === 'VALIDATION' ? issuesByField(error.details?.issues, FIELDS) : {};
  const palette = CLIENT_COLORS.some((c) => c.toLowerCase() === client.color.toLowerCase()) ? CLIENT_COLORS : [client.color, ...CLIENT_COLORS];
  const changes = {
    ...(values.name.trim() !== client.name ? { name: values.name.trim() } : {}),
    ...(values.color.toLowerCase() !== client.color.toLowerCase() ? { color: values.color } : {}),
    ...(values.production !== client.production ? { production: values.production } : {}),
  };
  const dirty = Object.keys(changes).length > 0;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!client || !dirty) return;
    if (changes.production === false) {
      const ok = await confirmChange({
        title: `Stop treating ${client.name} as a production client?`,
        message: `Its ${plural(accounts.length, 'account')} will count as production only if flagged one by one.`,
        accounts,
        typeToConfirm: [client.name],
        confirmLabel: 'Remove production flag',
        tone: 'danger',
      });
      if (!ok) return;
    }
    await run(async () => {
      // The core checks the typed name too: no caller can clear the flag without it.
      const confirmations = changes.production === false ? { [client.id]: client.name } : {};
      await updateClient({ client: client.id, ...changes, confirmations });
      onClose();
    });
  }

  return (
    <Dialog
      title="Client settings"
      subtitle={
        <span className="dialog-context">
          <ClientDot color={client.color} /> {client.name} · {plural(accounts.length, 'account')}
        </span>
      }
      onClose={onClose}
      size="narrow"
      testId="client-settings"
    >
      <form className="dialog-body account-form" onSubmit={save} noValidate aria-label="Client settings">
        <Field id={`${uid}-name`} label="Name" issues={issues.name}>
          <input
            {...fieldA11y(`${uid}-name`, issues.name)}
            value={values.name}
            onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
            disabled={busy}
            autoComplete="off"
            required
          />
        </Field>
        <fieldset className="field swatch-field">
          <legend>Colour</legend>
          <div className="swatches" role="radiogroup" aria-label="Colour">
            {palette.map((color) => (
              <label key={color} className="swatch" title={color} style={{ background: color }}>
                <input
                  type="radio"
                  name={`${uid}-color`}
                  value={color}
                  checked={values.color.toLowerCase() === color.toLowerCase()}
                  onChange={() => setValues((v) => ({ ...v, color }))}
                  disabled={busy}
                  aria-label={color}
                />
              </label>
            ))}
          </div>
          {issues.color && <p className="field-error">{issues.color.join('; ')}</p>}
        </fieldset>
        <CheckField
          id={`${uid}-production`}
          label="Production client"
          checked={values.production}
          onChange={(production) => setValues((v) => ({ ...v, production }))}
          disabled={busy}
          hint="Every account of this client counts as production: changes ask for the account’s name first."
        />
        <FormIssues issues={issues['']} />
        {error && error.code !== 'VALIDATION' && <ErrorBanner error={error} />}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!dirty || busy}>
            {busy && <Spinner label="Saving" />} Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
