/**
 * What both bulk dialogs ask and show: the client the accounts go under, the role's name and
 * conditions, and what became of each account asked for.
 */
import { useId } from 'react';
import type { OrgAddResult } from '../../../shared/contract';
import type { Client } from '../../../shared/model';
import { Field } from '../../components/Field';
import { ClientInput } from '../../components/inputs';
import { ResultList } from '../../components/ResultList';
import { formatAccountId } from '../../lib/format';
import { useAtlas } from '../../store';
import { resultState, resultsSummary } from './bulkAccounts';

// A stable empty list: a fresh [] per render would make the store subscription loop.
const NO_CLIENTS: readonly Client[] = [];

/** The client every added account is listed under: an existing one is offered, a new name creates one. */
export function ClientNameField({ value, onChange, disabled, issues }: { value: string; onChange(value: string): void; disabled: boolean; issues?: readonly string[] | undefined }) {
  const clients = useAtlas((s) => s.workspace?.clients ?? NO_CLIENTS);
  const uid = useId();
  const typed = value.trim();
  const existing = typed ? clients.find((c) => c.name.toLowerCase() === typed.toLowerCase()) : undefined;
  const hint = !typed
    ? 'The client the accounts are listed under.'
    : existing
      ? existing.name === typed
        ? `Listed under ${existing.name}.`
        : `Adds to the existing client ${existing.name}.`
      : `A new client ${typed} is created.`;
  return (
    <Field id={`${uid}-client`} label="Client" hint={hint} issues={issues}>
      <ClientInput
        id={`${uid}-client`}
        name="clientName"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        disabled={disabled}
        aria-invalid={issues && issues.length > 0 ? true : undefined}
        required
      />
    </Field>
  );
}

export interface RoleValues {
  roleName: string;
  externalId: string;
  mfaSerial: string;
}

/** The role assumed in every account, and the conditions its trust policy may ask for. */
export function RoleFields({
  values,
  onChange,
  disabled,
  issues,
  roleHint,
}: {
  values: RoleValues;
  onChange(change: Partial<RoleValues>): void;
  disabled: boolean;
  issues: Partial<Record<keyof RoleValues, string[]>>;
  roleHint: string;
}) {
  const uid = useId();
  const input = (field: keyof RoleValues) => ({
    id: `${uid}-${field}`,
    name: field,
    value: values[field],
    disabled,
    className: 'mono',
    spellCheck: false,
    autoComplete: 'off',
    'aria-invalid': issues[field]?.length ? true : undefined,
    onChange: (e: { target: { value: string } }) => onChange({ [field]: e.target.value }),
  });
  return (
    <>
      <Field id={`${uid}-roleName`} label="Role name" hint={roleHint} issues={issues.roleName}>
        <input {...input('roleName')} placeholder="OrganizationAccountAccessRole" required />
      </Field>
      <Field id={`${uid}-externalId`} label="External ID (optional)" hint="If the trust policy asks for one." issues={issues.externalId}>
        <input {...input('externalId')} />
      </Field>
      <Field id={`${uid}-mfaSerial`} label="MFA device (optional)" hint="One code is asked for all of them." issues={issues.mfaSerial}>
        <input {...input('mfaSerial')} placeholder="arn:aws:iam::…:mfa/name" />
      </Field>
    </>
  );
}

/**
 * Each account asked for: added and verified (GetCallerIdentity answered from inside it), added
 * but not verified yet (AWS could not be asked; its health says when it works), or not added,
 * with the message that says what to fix.
 */
export function AddResults({ results, joined }: { results: readonly OrgAddResult[]; /** AWS account ids the workspace had before. */ joined: ReadonlySet<string> }) {
  return (
    <>
      <p className="import-summary" role="status" data-testid="bulk-summary">
        {resultsSummary(results)}
      </p>
      {/* A short outcome stays on the name's line; a long one (a failure and its fix) wraps under it. */}
      <ResultList
        testId="bulk-result"
        className="bulk-result-list"
        bodyClassName="bulk-result-body"
        items={results.map((r) => {
          const state = resultState(r);
          return {
            key: r.awsAccountId,
            state,
            who: (
              <span className="bulk-result-who">
                <span className="bulk-result-name" title={r.name}>
                  {r.name}
                </span>
                <span className="mono-soft">{formatAccountId(r.awsAccountId)}</span>
              </span>
            ),
            text:
              state === 'verified'
                ? joined.has(r.awsAccountId)
                  ? 'Verified — another way into the account your workspace had.'
                  : 'Added and verified.'
                : state === 'unverified'
                  ? `Added, not verified yet: ${r.error?.message ?? 'AWS did not answer; the account’s health says when it works.'}`
                  : `Not added: ${r.error?.message ?? 'refused.'}`,
          };
        })}
      />
    </>
  );
}
