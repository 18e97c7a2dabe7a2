import { useId, useState, type FormEvent } from 'react';
import { parseEntity } from '../../../shared/sharing';

interface AddProps {
  disabled: boolean;
  /** Resolves with a message to show under the field, or null when the entry was taken. */
  onAdd(text: string): Promise<string | null>;
}

/** One field for an account id, organization ARN or OU ARN, checked before anything is sent. */
export function PermissionsEditorAdd({ disabled, onAdd }: AddProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    const parsed = parseEntity(text);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    const message = await onAdd(text);
    setError(message);
    if (message === null) setText('');
  }

  return (
    <form className="perm-add" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={id} className="perm-add-label">
        Share with
      </label>
      <div className="perm-add-row">
        <input
          id={id}
          className={`perm-add-input mono${error ? ' is-invalid' : ''}`}
          placeholder="Account id, organization or OU ARN"
          autoComplete="off"
          spellCheck={false}
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          data-testid="perm-add-input"
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
        />
        <button type="submit" className="button" disabled={disabled || !text.trim()} data-testid="perm-add-button">
          Add
        </button>
      </div>
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert" data-testid="perm-add-error">
          {error}
        </p>
      ) : (
        <p className="field-hint" id={`${id}-hint`}>
          A 12-digit account id, or an organization or OU ARN. You see the change before it is made.
        </p>
      )}
    </form>
  );
}
