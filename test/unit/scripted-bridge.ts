/**
 * A scripted `window.atlas` for renderer store tests: every invoke is recorded and waits until
 * the test answers it, so answers can arrive in whatever order a test needs. Importing this
 * module installs it; the store is imported after it.
 */
import type { AtlasBridge, Envelope } from '../../shared/contract';

export interface Call {
  channel: string;
  input: Record<string, unknown>;
  resolve(envelope: Envelope<unknown>): void;
}

export const calls: Call[] = [];

export function resetCalls(): void {
  calls.length = 0;
}

const bridge: AtlasBridge = {
  invoke(channel, input) {
    return new Promise((resolve) => calls.push({ channel, input: input as Record<string, unknown>, resolve }));
  },
  on: () => () => {},
};
// api.ts reads window.atlas at call time; the store needs nothing else from a browser.
(globalThis as { window?: unknown }).window = { atlas: bridge };

export const pending = (channel: string): Call[] => calls.filter((c) => c.channel === channel);

/** Lets every settled promise run its continuations. */
export const flush = (): Promise<unknown> => new Promise((r) => setTimeout(r, 0));

export function answer(call: Call | undefined, data: unknown): void {
  if (!call) throw new Error('expected a pending call');
  call.resolve({ ok: true, data });
}

export function fail(call: Call | undefined, code: string, message = 'no'): void {
  if (!call) throw new Error('expected a pending call');
  call.resolve({ ok: false, error: { code: code as 'INTERNAL', message, retryable: false } });
}
