/**
 * What the preview bridge does with one incoming WebSocket message. The page's shim sends text
 * frames holding `{ id, channel, input }` with a whole-number id; the router then decides about
 * the channel and the input. Anything that parses as JSON gets an answer — its own when it names
 * an id the page could be waiting for, else one naming no id — and anything else (binary frames,
 * text that is not JSON) closes that one socket: nothing the page sends looks like that.
 * Framing errors (bad UTF-8, unmasked or oversize frames) are the ws library's to close.
 */
import type { Envelope } from '../../shared/contract';

/**
 * Largest message a page may send. The largest valid request, inventory:rows with the 5,000
 * targets the contract allows and ids of the 64 characters it allows, is about 700 KiB of JSON.
 */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/** WebSocket close codes (RFC 6455 section 7.4.1). */
export const CLOSE_UNSUPPORTED_DATA = 1003;
export const CLOSE_INVALID_PAYLOAD = 1007;

export type Incoming =
  /** For the router: the channel and input are checked there. */
  | { kind: 'call'; id: number; channel: unknown; input: unknown }
  /** Readable, but not a request: answered with an error that names no id. */
  | { kind: 'answer'; message: { id: null; envelope: Envelope<never> } }
  /** Not something a page sends: the socket is closed with this code. */
  | { kind: 'close'; code: number; reason: string };

/** ws hands a message over as one Buffer (fragments joined), an ArrayBuffer or Buffer parts. */
export type RawMessage = Buffer | ArrayBuffer | Buffer[];

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function notARequest(what: string): Incoming {
  return {
    kind: 'answer',
    message: {
      id: null,
      envelope: {
        ok: false,
        error: { code: 'VALIDATION', message: `Not a bridge request: expected {"id": a whole number, "channel", "input"}, got ${what}.`, retryable: false },
      },
    },
  };
}

export function readRequest(data: RawMessage, isBinary: boolean): Incoming {
  if (isBinary) return { kind: 'close', code: CLOSE_UNSUPPORTED_DATA, reason: 'text frames only' };
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  let message: unknown;
  try {
    message = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { kind: 'close', code: CLOSE_INVALID_PAYLOAD, reason: 'not JSON' };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return notARequest(describe(message));
  const { id, channel, input } = message as { id?: unknown; channel?: unknown; input?: unknown };
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return notARequest(`an id that is ${id === undefined ? 'missing' : describe(id)}${typeof id === 'number' ? ` (${String(id).slice(0, 24)})` : ''}`);
  return { kind: 'call', id, channel, input };
}
