/**
 * Brokers MFA codes between the core (which needs one to resolve credentials) and the page
 * (which asks the user). Each request becomes an `mfa:prompt` event; `mfa:answer` settles it.
 * Unanswered prompts expire, so a closed window never leaves a call hanging forever.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { MfaPrompt } from '../../../shared/model';
import type { EventSink } from '../events';

interface Pending {
  prompt: MfaPrompt;
  resolve(code: string): void;
  reject(error: AppError): void;
  timer: NodeJS.Timeout;
}

export class MfaBroker {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly emit: EventSink,
    private readonly timeoutMs = 5 * 60_000,
  ) {}

  ask(request: Omit<MfaPrompt, 'requestId'>): Promise<string> {
    const requestId = randomUUID();
    const prompt: MfaPrompt = { requestId, ...request };
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(requestId, null, 'No MFA code was entered in time.');
      }, this.timeoutMs);
      timer.unref?.();
      this.pending.set(requestId, { prompt, resolve, reject, timer });
      this.emit('mfa:prompt', prompt);
    });
  }

  /** true when the request was still waiting. A null code cancels it. */
  answer(requestId: string, code: string | null): boolean {
    return this.settle(requestId, code, 'MFA sign-in was cancelled.');
  }

  /** Prompts still open (a reloaded page shows them again). */
  open(): MfaPrompt[] {
    return [...this.pending.values()].map((p) => p.prompt);
  }

  cancelAll(): void {
    for (const id of [...this.pending.keys()]) this.settle(id, null, 'The app is closing.');
  }

  private settle(requestId: string, code: string | null, cancelMessage: string): boolean {
    const entry = this.pending.get(requestId);
    if (!entry) return false;
    this.pending.delete(requestId);
    clearTimeout(entry.timer);
    this.emit('mfa:closed', { requestId });
    if (code !== null) entry.resolve(code);
    else
      entry.reject(
        new AppError({
          code: 'AUTH_FAILED',
          message: `${cancelMessage} ${entry.prompt.accountName} needs a code from ${entry.prompt.mfaSerial}.`,
          retryable: true,
          details: { account: entry.prompt.account, fix: 'enter-mfa' },
        }),
      );
    return true;
  }
}
