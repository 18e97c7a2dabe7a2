/**
 * The renderer's typed client for `window.atlas` (exposed by preload in Electron, or by the
 * preview shim in a browser). Envelopes become typed results or thrown `AppError`s.
 */
import type { Channel, ChannelInput, ChannelOutput, EventName, Events, AtlasBridge } from '../shared/contract';
import { AppError, isAppErrorShape } from '../shared/errors';

declare global {
  interface Window {
    atlas?: AtlasBridge;
  }
}

function bridge(): AtlasBridge {
  const b = window.atlas;
  if (!b) {
    throw new AppError({
      code: 'INTERNAL',
      message: 'The app bridge is missing: this page must be opened by AMI Atlas (or its preview).',
      retryable: false,
    });
  }
  return b;
}

export async function invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await bridge().invoke(channel, input);
  if (envelope.ok) return envelope.data as ChannelOutput<C>;
  if (isAppErrorShape(envelope.error)) throw new AppError(envelope.error);
  throw new AppError({ code: 'INTERNAL', message: 'Malformed answer from the app core.', retryable: false });
}

export function on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
  return bridge().on(event, (payload) => listener(payload as Events[E]));
}

/** Turns anything thrown into an AppError, so UI code handles one shape. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isAppErrorShape(error)) return new AppError(error);
  const message = error instanceof Error ? error.message : String(error);
  return new AppError({ code: 'INTERNAL', message, retryable: false });
}
