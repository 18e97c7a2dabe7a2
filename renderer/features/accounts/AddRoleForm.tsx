import { useId, useRef, useState, type FormEvent } from 'react';
import type { AddPathResult } from '../../../shared/contract';
import type { AccountSummary } from '../../../shared/model';
import { addRole } from './actions';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field, FormIssues, fieldA11y, useFocusFirstInvalid } from '../../components/Field';
import { Spinner } from '../../components/Spinner';
import { issuesInWords } from '../../lib/errors';
import { ROLE_WORDS } from '../../lib/fieldWords';
import { formatAccountId } from '../../lib/format';
import { PathOptions } from '../../components/PathOptions';
import { findPath } from '../../lib/accounts';
import { findAccount, findClient } from '../../lib/workspace';
import { useAtlas } from '../../store';
import { AccountPlacementFields } from './AccountPlacementFields';
import { useBusy } from '../../lib/useBusy';

type TextField = 'name' | 'clientName' | 'sourcePath' | 'roleArn' | 'externalId' | 'mfaSerial' | 'sessionName' | 'durationSeconds' | 'defaultRegion';
type Values = Record<TextField, string> & { production: boolean };

/** Offered durations; AWS's own default (1 h, or the role's maximum) applies when none is chosen. */
const DURATIONS: ReadonlyArray<[string, string]> = [
  ['', 'Role default'],
  ['900', '15 min'],
  ['1800', '30 min'],
  ['3600', '1 hour'],
  ['7200', '2 hours'],
  ['14400', '4 hours'],
  ['28800', '8 hours'],
  ['43200', '12 hours'],
];

const ROLE_ACCOUNT = /^arn:aws[a-z-]*:iam::(\d{12}):role\//;

/** Adds a role assumed with another path's credentials (optionally with ExternalId and MFA) as a way into its account. */
export function AddRoleForm({ onAdded, onCancel, joining }: { onAdded(result: AddPathResult): void; onCancel?: () => void; joining?: AccountSummary | null }) {
  const workspace = useAtlas((s) => s.workspace);
  const activeId = useAtlas((s) => s.accountId);
  const [values, setValues] = useState<Values>(() => {
    const source = findAccount(workspace, activeId);
    return {
      name: '',
      clientName: findClient(workspace, source?.clientId)?.name ?? '',
      sourcePath: source?.actingPath ?? source?.paths[0]?.id ?? '',
      roleArn: '',
      externalId: '',
      mfaSerial: '',
      sessionName: '',
      durationSeconds: '',
      defaultRegion: source?.defaultRegion ?? 'eu-west-1',
      production: false,
    };
  });
  const { busy, error, run } = useBusy();
  const uid = useId();
  const form = useRef<HTMLFormElement>(null);
  // A role AWS would not let the source assume is fixed from its ARN.
  useFocusFirstInvalid(form, error, 'input[name="roleArn"]');

  if (!workspace || workspace.accounts.length === 0) {
    return (
      <EmptyState icon="user" title="Add an account first">
        A role is assumed with the credentials of another account’s access path (an access key or an AWS CLI profile).
      </EmptyState>
    );
  }

  const issues = error?.code === 'VALIDATION' ? issuesInWords(error.details?.issues, ROLE_WORDS) : {};
  const id = (field: string) => `${uid}-${field}`;
  const set = (field: TextField, value: string) => setValues((v) => ({ ...v, [field]: value }));
  const inputProps = (name: TextField) => ({
    ...fieldA11y(id(name), issues[name]),
    name,
    value: values[name],
    onChange: (e: { target: { value: string } }) => set(name, e.target.value),
    disabled: busy,
  });

  const roleAccountId = ROLE_ACCOUNT.exec(values.roleArn.trim())?.[1] ?? null;
  // A role into an account the workspace has is another way into it, not another account.
  const target = joining ?? (roleAccountId ? workspace.accounts.find((a) => a.awsAccountId === roleAccountId) : undefined) ?? null;

  function pickSource(sourceId: string) {
    const source = findPath(workspace, sourceId)?.account;
    setValues((v) => ({
      ...v,
      sourcePath: sourceId,
      // Roles usually belong to the source's client and work in its region: a good first guess.
      clientName: v.clientName || (findClient(workspace, source?.clientId)?.name ?? ''),
      defaultRegion: v.defaultRegion || (source?.defaultRegion ?? ''),
    }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const optional = (value: string) => value.trim() || null;
    await run(async () => {
      const result = await addRole({
        name: target ? target.name : values.name.trim(),
        clientName: target ? 'unused' : values.clientName.trim(),
        sourcePath: values.sourcePath,
        roleArn: values.roleArn.trim(),
        externalId: optional(values.externalId),
        mfaSerial: optional(values.mfaSerial),
        sessionName: optional(values.sessionName),
        durationSeconds: values.durationSeconds ? Number(values.durationSeconds) : null,
        defaultRegion: target ? target.defaultRegion : values.defaultRegion.trim(),
        production: values.production,
        ...(target ? { account: target.id } : {}),
      });
      onAdded(result);
    });
  }

  return (
    <form ref={form} className="account-form" onSubmit={submit} noValidate aria-label="Add an account with a role">
      <Field
        id={id('sourcePath')}
        label="Assumed from"
        issues={issues.sourcePath}
        hint="This path's credentials call sts:AssumeRole."
      >
        <select {...inputProps('sourcePath')} onChange={(e) => pickSource(e.target.value)} required>
          <PathOptions workspace={workspace} namePath="when-several" />
        </select>
      </Field>
      <Field
        id={id('roleArn')}
        label="Role ARN"
        issues={issues.roleArn}
        hint={
          roleAccountId
            ? `Role in account ${formatAccountId(roleAccountId)}${target && !joining ? ` — ${target.name}: the role becomes another way into it` : ''}`
            : 'arn:aws:iam::123456789012:role/Name'
        }
      >
        <input {...inputProps('roleArn')} className="mono" placeholder="arn:aws:iam::123456789012:role/ReadOnly" spellCheck={false} autoComplete="off" required />
      </Field>
      <div className="field-row">
        <Field id={id('externalId')} label="External ID (optional)" issues={issues.externalId} hint="If the role’s trust policy asks for one.">
          <input {...inputProps('externalId')} className="mono" spellCheck={false} autoComplete="off" />
        </Field>
        <Field id={id('mfaSerial')} label="MFA device (optional)" issues={issues.mfaSerial} hint="You will be asked for a code.">
          <input {...inputProps('mfaSerial')} className="mono" placeholder="arn:aws:iam::…:mfa/name" spellCheck={false} autoComplete="off" />
        </Field>
      </div>
      <div className="field-row">
        <Field id={id('sessionName')} label="Session name (optional)" issues={issues.sessionName} hint="Shown in CloudTrail.">
          <input {...inputProps('sessionName')} className="mono" placeholder="ami-atlas" spellCheck={false} autoComplete="off" />
        </Field>
        <Field id={id('durationSeconds')} label="Session duration" issues={issues.durationSeconds}>
          <select {...inputProps('durationSeconds')}>
            {DURATIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <AccountPlacementFields
        inputs={{ name: { ...inputProps('name'), placeholder: 'prod-eu' }, clientName: inputProps('clientName'), defaultRegion: inputProps('defaultRegion') }}
        issues={issues}
        joining={target}
        production={{ id: id('production'), checked: values.production, onChange: (production) => setValues((v) => ({ ...v, production })), disabled: busy }}
      />
      <FormIssues issues={issues['']} />
      {error && error.code !== 'VALIDATION' && <ErrorBanner error={error} />}
      <div className="form-actions">
        {onCancel && (
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
        <button type="submit" className="button button-primary" disabled={busy || !values.sourcePath}>
          {busy && <Spinner label="Adding role" />} Add role
        </button>
      </div>
    </form>
  );
}
