import type { InputHTMLAttributes, ReactNode } from 'react';
import type { AccountSummary } from '../../../shared/model';
import { formatAccountId } from '../../lib/format';
import { CheckField, Field } from '../../components/Field';
import { useAtlas } from '../../store';
import { ClientInput, RegionInput } from '../../components/inputs';

/** An input already tied to its field: its id (which the label and messages hang off) and a11y. */
type BoundInput = InputHTMLAttributes<HTMLInputElement> & { id: string };

interface TextFieldProps {
  input: BoundInput;
  issues: readonly string[] | undefined;
  hint?: ReactNode;
}

/** The entry's own name in AMI Atlas. */
export function AccountNameField({ input, issues }: TextFieldProps) {
  return (
    <Field id={input.id} label="Account name" issues={issues}>
      <input {...input} required />
    </Field>
  );
}

/** The client the account is listed under; a new name creates the client, an existing one (in any case) is reused. */
export function ClientField({ input, issues, hint }: TextFieldProps) {
  const clients = useAtlas((s) => s.workspace?.clients);
  const typed = typeof input.value === 'string' ? input.value.trim() : '';
  const existing = typed ? clients?.find((c) => c.name.toLowerCase() === typed.toLowerCase()) : undefined;
  const said = existing
    ? existing.name === typed
      ? hint
      : `Adds to the existing client ${existing.name}.`
    : typed && clients
      ? `A new client ${typed} is created.`
      : hint;
  return (
    <Field id={input.id} label="Client" issues={issues} hint={said}>
      <ClientInput {...input} required />
    </Field>
  );
}

/** Where the entry opens, suggested from the account's own regions when known. */
export function DefaultRegionField({ input, issues, hint, regions }: TextFieldProps & { regions?: readonly string[] | undefined }) {
  return (
    <Field id={input.id} label="Default region" issues={issues} hint={hint}>
      <RegionInput {...input} {...(regions ? { regions } : {})} required />
    </Field>
  );
}

interface ProductionFieldProps {
  id: string;
  checked: boolean;
  onChange(production: boolean): void;
  disabled: boolean;
  /** Set once the entry exists: the guard already applies rather than will. */
  saved?: boolean;
}

/** The production flag, which puts the type-the-name guard in front of changes. */
export function ProductionField({ id, checked, onChange, disabled, saved = false }: ProductionFieldProps) {
  return (
    <CheckField
      id={id}
      label="Production account"
      checked={checked}
      onChange={onChange}
      disabled={disabled}
      hint={saved ? 'Changes here ask you to type the account’s name first.' : 'Changes here will ask you to type the account’s name first.'}
    />
  );
}

interface AccountPlacementFieldsProps {
  /** The name, client and region inputs, each already bound to the form's state. */
  inputs: Record<'name' | 'clientName' | 'defaultRegion', BoundInput>;
  issues: Partial<Record<'name' | 'clientName' | 'defaultRegion', readonly string[]>>;
  production: ProductionFieldProps;
  /**
   * Whatever a form asks between name and client and the region (an access key, say). Without it
   * the three inputs share one row.
   */
  between?: ReactNode;
  /** A field beside the region (e.g. the endpoint), when something stands between. */
  besideRegion?: ReactNode;
  /** Adding a way into this account: its name, client, region and flag are its own already. */
  joining?: AccountSummary | null;
}

/**
 * What any new entry is asked besides its credentials: its name, client, default region and
 * whether it is production.
 */
export function AccountPlacementFields({ inputs, issues, production, between, besideRegion, joining }: AccountPlacementFieldsProps) {
  if (joining) {
    return (
      <>
        <p className="section-hint joining-hint" data-testid="joining-account">
          Adds another way into <strong>{joining.name}</strong>
          {joining.awsAccountId ? ` (${formatAccountId(joining.awsAccountId)})` : ''}. It is refused if it reaches another AWS account.
        </p>
        {between}
        {besideRegion}
      </>
    );
  }
  const name = <AccountNameField input={inputs.name} issues={issues.name} />;
  const client = <ClientField input={inputs.clientName} issues={issues.clientName} />;
  const region = <DefaultRegionField input={inputs.defaultRegion} issues={issues.defaultRegion} />;
  return (
    <>
      {between === undefined ? (
        <div className="field-row field-row-3">
          {name}
          {client}
          {region}
        </div>
      ) : (
        <>
          <div className="field-row">
            {name}
            {client}
          </div>
          {between}
          <div className="field-row">
            {region}
            {besideRegion}
          </div>
        </>
      )}
      <ProductionField {...production} />
    </>
  );
}
