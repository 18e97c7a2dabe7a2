import { useEffect, type ReactNode, type RefObject } from 'react';

interface FieldProps {
  /** The input's id; the error and hint hang off it. */
  id: string;
  label: ReactNode;
  /** Validation messages for this field (from AppError details.issues). */
  issues?: readonly string[] | undefined;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** A label, its input, and either the field's errors or a hint underneath. */
export function Field({ id, label, issues, hint, children, className }: FieldProps) {
  const invalid = !!issues && issues.length > 0;
  return (
    <div className={`field${invalid ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {invalid ? (
        <p className="field-error" id={`${id}-error`}>
          {issues.join('; ')}
        </p>
      ) : (
        hint && (
          <p className="field-hint" id={`${id}-hint`}>
            {hint}
          </p>
        )
      )}
    </div>
  );
}

/** aria attributes tying an input to its messages. */
export function fieldA11y(id: string, issues: readonly string[] | undefined) {
  const invalid = !!issues && issues.length > 0;
  return {
    id,
    'aria-invalid': invalid ? true : undefined,
    'aria-describedby': invalid ? `${id}-error` : undefined,
  } as const;
}

/** A checkbox with its label and an optional explanation, laid out like a field. */
export function CheckField({
  id,
  label,
  checked,
  onChange,
  hint,
  disabled,
}: {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
  hint?: ReactNode;
  disabled?: boolean;
}) {
  return (
    <div className="check-field">
      <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** Validation messages that name no field, or a banner-worthy error, under a form. */
export function FormIssues({ issues }: { issues: readonly string[] | undefined }) {
  if (!issues || issues.length === 0) return null;
  return (
    <ul className="form-issues" role="alert">
      {issues.map((issue) => (
        <li key={issue}>{issue}</li>
      ))}
    </ul>
  );
}

/**
 * After a failed submit, keyboard focus goes to the first field in error (in the order the form
 * shows them), whose message aria-describedby reads out; with no field in error, to `fallback`
 * (e.g. the key ID a rejected key pair starts from). Submitting disabled the inputs, so focus
 * would otherwise be lost to the page.
 */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, failure: unknown, fallback?: string) {
  useEffect(() => {
    if (!failure || !form.current) return;
    const target = form.current.querySelector<HTMLElement>('[aria-invalid="true"]') ?? (fallback ? form.current.querySelector<HTMLElement>(fallback) : null);
    target?.focus();
  }, [failure, form, fallback]);
}
