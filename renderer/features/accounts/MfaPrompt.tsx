import { useId, useRef, useState, type FormEvent } from 'react';
import type { AppError } from '../../../shared/errors';
import type { MfaPrompt } from '../../../shared/model';
import { toAppError } from '../../api';
import { answerMfa } from './actions';
import { Badge } from '../../components/Badge';
import { ClientDot } from '../../components/ClientDot';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Spinner } from '../../components/Spinner';
import { formatAccountId, plural } from '../../lib/format';
import { findAccount, findClient } from '../../lib/workspace';
import { useAtlas } from '../../store';

/** Shows the oldest waiting MFA prompt; others queue behind it. Mounted once at the app root. */
export function MfaPromptHost() {
  const prompt = useAtlas((s) => s.mfaPrompts[0]);
  const waiting = useAtlas((s) => s.mfaPrompts.length - 1);
  if (!prompt) return null;
  return <MfaPromptDialog key={prompt.requestId} prompt={prompt} queued={waiting} />;
}

const CODE_LENGTH = 6;

function MfaPromptDialog({ prompt, queued }: { prompt: MfaPrompt; queued: number }) {
  const account = useAtlas((s) => findAccount(s.workspace, prompt.account));
  const client = useAtlas((s) => findClient(s.workspace, account?.clientId));
  const removeMfaPrompt = useAtlas((s) => s.removeMfaPrompt);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const uid = useId();

  async function send(value: string | null) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await answerMfa(prompt.requestId, value);
      // Answered (or no longer waiting, e.g. timed out): either way this prompt is done.
      removeMfaPrompt(prompt.requestId);
    } catch (e) {
      if (value === null) {
        removeMfaPrompt(prompt.requestId); // cancelling must always get the prompt out of the way
        return;
      }
      setError(toAppError(e));
      setCode('');
      setBusy(false);
      inputRef.current?.focus();
    }
  }

  function onInput(raw: string) {
    const digits = raw.replace(/\D/g, '').slice(0, CODE_LENGTH);
    setCode(digits);
    // Six digits is a complete code: send it without a click, like a phone's code field.
    if (digits.length === CODE_LENGTH) void send(digits);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (code.length === CODE_LENGTH) void send(code);
  }

  return (
    <Dialog title="Multi-factor authentication" onClose={() => void send(null)} size="narrow" testId="mfa-prompt" initialFocus="input">
      <form className="dialog-body mfa-form" onSubmit={submit}>
        <div className="mfa-who">
          <ClientDot color={client?.color} size={10} />
          <div className="mfa-who-text">
            <div className="mfa-account">
              <strong>{account?.name ?? prompt.accountName}</strong>
              {account?.production && <Badge tone="prod">PROD</Badge>}
            </div>
            <div className="muted">
              {client?.name ?? 'No client'}
              {account?.awsAccountId ? <span className="mono"> · {formatAccountId(account.awsAccountId)}</span> : null}
              {prompt.profileName ? <span> · profile <span className="mono">{prompt.profileName}</span></span> : null}
            </div>
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-code`}>
            Code from <span className="mono mfa-serial">{prompt.mfaSerial}</span>
          </label>
          <input
            ref={inputRef}
            id={`${uid}-code`}
            className="mfa-input mono"
            aria-label="MFA code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={CODE_LENGTH}
            placeholder="000000"
            value={code}
            onChange={(e) => onInput(e.target.value)}
            disabled={busy}
            autoFocus
          />
        </div>
        {error && <ErrorBanner error={error} />}
        {queued > 0 && <p className="muted mfa-queued">{plural(queued, 'more prompt')} waiting after this one.</p>}
        <div className="form-actions">
          <button type="button" className="button" onClick={() => void send(null)} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy || code.length !== CODE_LENGTH}>
            {busy && <Spinner label="Sending code" />} Continue
          </button>
        </div>
      </form>
    </Dialog>
  );
}
