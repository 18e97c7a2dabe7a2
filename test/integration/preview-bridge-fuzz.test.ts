/**
 * The preview bridge never dies on a frame. 2,000 frames chosen by a seeded generator go over raw
 * TCP after a proper upgrade (token and Origin): well-formed requests with ids and channels of
 * every wrong kind, JSON that is null, a number or an array, text that is not JSON, bad UTF-8,
 * binary frames, unmasked frames, oversize payloads (claimed and real), reserved bits, unknown
 * opcodes, broken control frames, fragments and truncated frames. Every JSON text gets exactly one
 * answer (an error envelope when it is not an acceptable request); anything else closes that
 * socket. A client connected all along, and a new one afterwards, are still answered.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startPreview, type RunningPreview } from '../../electron/preview/server';
import { MAX_REQUEST_BYTES } from '../../electron/preview/requests';

const FRAMES = 2000;
const SEED = 0x5eed_a71a;

/** mulberry32: small, fast and the same on every machine. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  return { next, int, pick, bytes };
}
type Rng = ReturnType<typeof rng>;

interface FrameSpec {
  fin?: boolean;
  rsv?: number;
  opcode: number;
  payload: Buffer;
  masked?: boolean;
  /** Claim this length in the header instead of the payload's. */
  claimedLength?: number;
}

function frame(r: Rng, spec: FrameSpec): Buffer {
  const length = spec.claimedLength ?? spec.payload.length;
  const head: number[] = [((spec.fin ?? true) ? 0x80 : 0) | ((spec.rsv ?? 0) << 4) | spec.opcode];
  const masked = spec.masked ?? true;
  const maskBit = masked ? 0x80 : 0;
  let header: Buffer;
  if (length < 126) header = Buffer.from([...head, maskBit | length]);
  else if (length < 65536) {
    header = Buffer.alloc(4);
    header[0] = head[0]!;
    header[1] = maskBit | 126;
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = head[0]!;
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!masked) return Buffer.concat([header, spec.payload]);
  const key = r.bytes(4);
  const body = Buffer.from(spec.payload);
  for (let i = 0; i < body.length; i += 1) body[i]! ^= key[i % 4]!;
  return Buffer.concat([header, key, body]);
}

const text = (r: Rng, value: string, fin = true) => frame(r, { opcode: 1, payload: Buffer.from(value, 'utf8'), fin });

/** What a case expects from the server: answers to these ids (null: an answer naming no id), or the socket closed. */
interface Case {
  name: string;
  bytes: Buffer[];
  answers: Array<number | null>;
  closes: boolean;
}

const CHANNELS = ['workspace:get', 'inventory:summary', 'inventory:rows', 'accounts:remove', 'audit:list', 'no:such', '', 'workspace:get\u0000', 'x'.repeat(5000)];

function randomJson(r: Rng, depth = 0): unknown {
  switch (r.int(depth > 3 ? 5 : 8)) {
    case 0:
      return null;
    case 1:
      return r.pick([0, -1, 1.5, 1e308, -0, 2 ** 53 + 2, 123456789]);
    case 2:
      return r.pick(['', 'a', '\u0001{"0":1}', '𝄞', '\u202e', 'x'.repeat(r.int(300))]);
    case 3:
      return r.next() < 0.5;
    case 4:
      return {};
    case 5:
      return Array.from({ length: r.int(4) }, () => randomJson(r, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: r.int(4) }, (_, i) => [r.pick(['account', 'targets', '__proto__', 'constructor', `k${i}`]), randomJson(r, depth + 1)]));
  }
}

function nextCase(r: Rng, ids: { next: number }): Case {
  const kind = r.int(100);
  // Requests the bridge can read: an answer each, carrying the id when it is one the page uses.
  if (kind < 30) {
    const id = ids.next++;
    const message = { id, channel: r.pick(CHANNELS), input: r.next() < 0.2 ? {} : randomJson(r) };
    return { name: 'request', bytes: [text(r, JSON.stringify(message))], answers: [id], closes: false };
  }
  if (kind < 38) {
    const id = r.pick<unknown>(['7', null, true, [], {}, -1, 1.5, 1e308, 2 ** 53 + 2, '1'.repeat(400)]);
    const raw = r.next() < 0.3 ? `{"id":1${'0'.repeat(400)},"channel":"workspace:get","input":{}}` : JSON.stringify({ id, channel: r.pick(CHANNELS), input: {} });
    return { name: 'bad id', bytes: [text(r, raw)], answers: [null], closes: false };
  }
  if (kind < 45) {
    const raw = r.pick(['null', '0', '-1e999', '[]', '[1,2]', '"id"', 'true', JSON.stringify(randomJson(r)), '['.repeat(2000) + ']'.repeat(2000)]);
    let parsesToRequest = false;
    try {
      const v: unknown = JSON.parse(raw);
      parsesToRequest = typeof v === 'object' && v !== null && !Array.isArray(v) && Number.isSafeInteger((v as { id?: unknown }).id);
    } catch {
      // every raw above parses
    }
    if (parsesToRequest) return nextCase(r, ids);
    return { name: 'json, not a request', bytes: [text(r, raw)], answers: [null], closes: false };
  }
  if (kind < 50) {
    // A request in fragments, with a ping between them: one answer.
    const id = ids.next++;
    const json = Buffer.from(JSON.stringify({ id, channel: 'workspace:get', input: {} }));
    const cut = 1 + r.int(json.length - 2);
    return {
      name: 'fragmented request',
      bytes: [
        frame(r, { opcode: 1, fin: false, payload: json.subarray(0, cut) }),
        frame(r, { opcode: 9, payload: r.bytes(r.int(20)) }),
        frame(r, { opcode: 0, payload: json.subarray(cut) }),
      ],
      answers: [id],
      closes: false,
    };
  }
  if (kind < 53) return { name: 'ping', bytes: [frame(r, { opcode: 9, payload: r.bytes(r.int(125)) })], answers: [], closes: false };

  // Everything below is refused by closing this socket.
  const fatal = (name: string, bytes: Buffer[]): Case => ({ name, bytes, answers: [], closes: true });
  if (kind < 60) return fatal('text, not JSON', [text(r, r.pick(['hello', '{"id":1,', '}{', 'undefined', 'NaN', '{id:1}', '\u0001' + 'x'.repeat(r.int(100))]))]);
  if (kind < 66) {
    const bad = r.pick([[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]]);
    return fatal('bad UTF-8', [frame(r, { opcode: 1, payload: Buffer.concat([Buffer.from('{"id":1,"channel":"'), Buffer.from(bad), Buffer.from('"}')]) })]);
  }
  if (kind < 72) return fatal('binary', [frame(r, { opcode: 2, payload: r.next() < 0.5 ? Buffer.from('{"id":1,"channel":"workspace:get","input":{}}') : r.bytes(r.int(300)) })]);
  if (kind < 77) return fatal('unmasked', [frame(r, { opcode: 1, masked: false, payload: Buffer.from('{"id":1,"channel":"workspace:get","input":{}}') })]);
  if (kind < 81) return fatal('oversize claimed', [frame(r, { opcode: r.pick([1, 2]), payload: Buffer.alloc(0), claimedLength: r.pick([MAX_REQUEST_BYTES + 1, 2 ** 32, 2 ** 53 - 1]) })]);
  if (kind < 82) {
    // The payload really sent: a JSON request just over the limit, and one in fragments.
    const big = Buffer.from(JSON.stringify({ id: 1, channel: 'workspace:get', input: { pad: 'x'.repeat(MAX_REQUEST_BYTES) } }));
    if (r.next() < 0.5) return fatal('oversize sent', [frame(r, { opcode: 1, payload: big })]);
    const half = big.length >> 1;
    return fatal('oversize in fragments', [frame(r, { opcode: 1, fin: false, payload: big.subarray(0, half) }), frame(r, { opcode: 0, payload: big.subarray(half) })]);
  }
  if (kind < 85) return fatal('reserved bits', [frame(r, { opcode: 1, rsv: 1 + r.int(7), payload: Buffer.from('{"id":1}') })]);
  if (kind < 88) return fatal('unknown opcode', [frame(r, { opcode: r.pick([3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf]), payload: r.bytes(r.int(50)) })]);
  if (kind < 90) return fatal('continuation first', [frame(r, { opcode: 0, payload: Buffer.from('{"id":1}') })]);
  if (kind < 92) return fatal('fragmented ping', [frame(r, { opcode: 9, fin: false, payload: r.bytes(10) })]);
  if (kind < 94) return fatal('long ping', [frame(r, { opcode: 9, payload: r.bytes(126 + r.int(200)) })]);
  if (kind < 96) return fatal('new message inside a fragmented one', [frame(r, { opcode: 1, fin: false, payload: Buffer.from('{"id":') }), text(r, '{"id":2}')]);
  if (kind < 98) {
    const code = r.pick([0, 999, 1000, 1004, 1005, 1006, 1015, 2999, 3000, 4999, 5000, 65535]);
    const payload = Buffer.alloc(2);
    payload.writeUInt16BE(code);
    return fatal('close', [frame(r, { opcode: 8, payload: r.next() < 0.2 ? Buffer.from([1]) : Buffer.concat([payload, r.next() < 0.3 ? Buffer.from([0xff]) : Buffer.from('bye')]) })]);
  }
  // Half a frame, then the client goes away.
  const whole = text(r, JSON.stringify({ id: 1, channel: 'workspace:get', input: {} }));
  return { name: 'truncated', bytes: [whole.subarray(0, 1 + r.int(whole.length - 1))], answers: [], closes: false };
}

/** A WebSocket client at the byte level: the upgrade, then frames as given; reads the server's frames. */
class RawClient {
  readonly answers: unknown[] = [];
  closed = false;
  private buffer = Buffer.alloc(0);
  private upgraded = false;
  private waiters: Array<() => void> = [];

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => {});
  }

  static async open(preview: RunningPreview): Promise<RawClient> {
    const url = new URL(preview.origin);
    const socket = net.connect(Number(url.port), '127.0.0.1');
    socket.setNoDelay(true);
    const client = new RawClient(socket);
    const key = randomBytes(16).toString('base64');
    socket.write(
      `GET /__preview/ws?token=${encodeURIComponent(preview.token)} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nOrigin: ${preview.origin}\r\n\r\n`,
    );
    await client.until(() => client.upgraded || client.closed, 'the upgrade');
    if (!client.upgraded) throw new Error('the bridge refused the upgrade');
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    expect(client.acceptHeader).toBe(accept);
    return client;
  }

  private acceptHeader = '';

  write(bytes: Buffer): void {
    if (!this.closed) this.socket.write(bytes);
  }

  destroy(): void {
    this.socket.destroy();
  }

  async until(done: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    if (!this.upgraded) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.buffer.subarray(0, end).toString('latin1');
      this.buffer = this.buffer.subarray(end + 4);
      if (!head.startsWith('HTTP/1.1 101')) {
        this.socket.destroy();
        return;
      }
      this.acceptHeader = /sec-websocket-accept:\s*(\S+)/i.exec(head)?.[1] ?? '';
      this.upgraded = true;
    }
    // Server frames: never masked.
    for (;;) {
      if (this.buffer.length < 2) break;
      const opcode = this.buffer[0]! & 0x0f;
      let length = this.buffer[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) break;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) break;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffer.length < offset + length) break;
      const payload = this.buffer.subarray(offset, offset + length);
      this.buffer = this.buffer.subarray(offset + length);
      if (opcode === 1) this.answers.push(JSON.parse(payload.toString('utf8')));
      if (opcode === 8) {
        this.closed = true;
        this.socket.destroy();
      }
    }
    this.wake();
  }
}

let dir: string;
let preview: RunningPreview;
const refused: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-fuzz-'));
  const page = path.join(dir, 'page');
  await mkdir(page);
  await writeFile(path.join(page, 'index.html'), '<!doctype html><title>fuzz</title>');
  preview = await startPreview({
    rendererDir: page,
    startDemoWorld: () => Promise.reject(new Error('no demo here')),
    onRefusedFrame: (reason) => refused.push(reason),
  });
});

afterAll(async () => {
  await preview?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A well-behaved page-like client (the ws library), for before and after. */
async function politeClient(): Promise<{ ask(channel: string, input: unknown): Promise<{ id: number; envelope: { ok: boolean } }>; socket: WebSocket }> {
  const socket = new WebSocket(`${preview.origin.replace('http', 'ws')}/__preview/ws?token=${encodeURIComponent(preview.token)}`, { origin: preview.origin });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let next = 1;
  const pending = new Map<number, (answer: { id: number; envelope: { ok: boolean } }) => void>();
  socket.on('message', (data) => {
    const answer = JSON.parse(String(data)) as { id?: number; envelope: { ok: boolean } };
    if (typeof answer.id === 'number') pending.get(answer.id)?.(answer as { id: number; envelope: { ok: boolean } });
  });
  return {
    socket,
    ask: (channel, input) =>
      new Promise((resolve) => {
        const id = next++;
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, channel, input }));
      }),
  };
}

describe('the preview bridge under 2,000 hostile frames', () => {
  it('answers every JSON text, closes only the socket that sent anything else, and keeps serving', { timeout: 60_000 }, async () => {
    const bystander = await politeClient();
    expect((await bystander.ask('workspace:get', {})).envelope.ok).toBe(true);

    const r = rng(SEED);
    const ids = { next: 1 };
    const seen = new Map<string, number>();
    let client = await RawClient.open(preview);
    let sent = 0;
    let connections = 1;
    while (sent < FRAMES) {
      const c = nextCase(r, ids);
      seen.set(c.name, (seen.get(c.name) ?? 0) + 1);
      const before = client.answers.length;
      for (const bytes of c.bytes) client.write(bytes);
      sent += c.bytes.length;
      if (c.answers.length > 0) {
        await client.until(() => client.answers.length >= before + c.answers.length || client.closed, `answers to ${c.name}`);
        expect(client.closed, `${c.name} closed the socket`).toBe(false);
        const got = client.answers.slice(before) as Array<{ id: unknown; envelope: { ok: boolean; error?: { code: string; message: string } } }>;
        expect(got.map((a) => a.id)).toEqual(c.answers);
        for (const a of got) {
          expect(typeof a.envelope.ok).toBe('boolean');
          if (a.id === null) expect(a.envelope.error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/request/) });
        }
      }
      if (c.closes) await client.until(() => client.closed, `the socket closed after ${c.name}`);
      if (c.closes || c.name === 'truncated' || client.closed) {
        client.destroy();
        client = await RawClient.open(preview);
        connections += 1;
      }
    }
    client.destroy();

    // The generator reached every kind of frame.
    expect([...seen.keys()].sort()).toEqual(
      [
        'bad UTF-8', 'bad id', 'binary', 'close', 'continuation first', 'fragmented ping', 'fragmented request', 'json, not a request', 'long ping',
        'new message inside a fragmented one', 'oversize claimed', 'oversize in fragments', 'oversize sent', 'ping', 'request', 'reserved bits',
        'text, not JSON', 'truncated', 'unknown opcode', 'unmasked',
      ].sort(),
    );
    expect(connections).toBeGreaterThan(100);
    expect(refused.length).toBeGreaterThan(0);

    // Still serving: the client connected all along, and one that comes now.
    expect(bystander.socket.readyState).toBe(WebSocket.OPEN);
    expect((await bystander.ask('workspace:get', {})).envelope.ok).toBe(true);
    const late = await politeClient();
    expect((await late.ask('workspace:get', {})).envelope).toMatchObject({ ok: true });
    expect((await late.ask('no:such', {})).envelope).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    bystander.socket.close();
    late.socket.close();
  });

  it('takes the largest request a page sends', async () => {
    // inventory:rows with the most targets the contract allows, ids as long as the contract allows.
    const targets = Array.from({ length: 5000 }, (_, i) => ({ account: `${i}`.padStart(64, 'a'), region: 'ap-southeast-1', view: 'shared' }));
    const body = JSON.stringify({ id: 1, channel: 'inventory:rows', input: { targets } });
    expect(Buffer.byteLength(body)).toBeLessThan(MAX_REQUEST_BYTES);
    const client = await politeClient();
    const answer = await client.ask('inventory:rows', { targets });
    expect(answer.envelope).toMatchObject({ ok: true });
    client.socket.close();
  });
});
