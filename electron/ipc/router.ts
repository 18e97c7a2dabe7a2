/**
 * The single entry point for every call from a page: checks the sender, the channel and the
 * input (against the channel's zod schema) before any handler runs, and always answers with an
 * envelope. Nothing thrown by a handler crosses the boundary as an exception, so a bad call can
 * never take main down. Transports (Electron IPC, the preview WebSocket) only adapt to this;
 * what the envelope carries is already in the form they send (see wire.ts).
 */
import { channels, isChannel, type Envelope } from '../../shared/contract';
import { AppError, type AppErrorShape } from '../../shared/errors';
import type { Handlers } from '../core/app-core';
import { storageError } from '../core/db/storage-errors';
import { forTransport } from './wire';

/** "inventory:scan" → "the inventory scan": what a storage error says could not be finished. */
function channelActivity(channel: string): string {
  const [area, verb] = channel.split(':');
  return `this ${area ?? 'request'} request (${verb ?? channel})`;
}

export interface CallSender {
  /** Decided by the transport: is this our own page (right origin/frame, right token)? */
  trusted: boolean;
  /** For logs: where the call came from. */
  label: string;
}

export interface Router {
  handle(channel: unknown, input: unknown, sender: CallSender): Promise<Envelope<unknown>>;
}

export interface RouterOptions {
  /** Receives errors that are bugs (INTERNAL), so they are never lost. */
  onInternalError?: (channel: string, error: unknown) => void;
}

const fail = (error: AppErrorShape): Envelope<never> => ({ ok: false, error });

export function createRouter(handlers: Handlers, options: RouterOptions = {}): Router {
  return {
    async handle(channel, input, sender) {
      if (!sender.trusted) {
        return fail({ code: 'FORBIDDEN_SENDER', message: `Refused a call from an untrusted sender (${sender.label}).`, retryable: false });
      }
      if (!isChannel(channel)) {
        const name = typeof channel === 'string' ? JSON.stringify(channel.slice(0, 80)) : typeof channel;
        return fail({ code: 'UNKNOWN_CHANNEL', message: `Unknown channel ${name}.`, retryable: false });
      }
      const parsed = channels[channel].input.safeParse(input);
      if (!parsed.success) {
        const issues = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`);
        return fail({
          code: 'VALIDATION',
          message: `Invalid input for ${channel}: ${issues.join('; ')}`,
          retryable: false,
          details: { issues },
        });
      }
      try {
        // The parsed value matches this channel's schema; the handler map is keyed the same way.
        const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
        return { ok: true, data: forTransport(channel, await handler(parsed.data)) };
      } catch (error) {
        if (error instanceof AppError) return fail(error.toShape());
        // A database that is busy, full or unwritable is not a bug: say what happened and what to do.
        const stored = storageError(error, channelActivity(channel));
        if (stored) return fail(stored.toShape());
        options.onInternalError?.(channel, error);
        const message = error instanceof Error ? error.message : String(error);
        return fail({ code: 'INTERNAL', message: `Unexpected failure in ${channel}: ${message}`, retryable: false });
      }
    },
  };
}
