/**
 * The preview bridge carries what the core answers: the page-side shim (run here as the page
 * runs it, over a real WebSocket and real HTTP) gets an inventory page — one JSON text of
 * megabytes — as its UTF-8 bytes, fetched once as a binary body that the answer names, decoding
 * to exactly the rows the core holds; small answers and events come as plain JSON messages.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { createLargeWorld } from '../../emulator';
import { startPreview, type RunningPreview } from '../../electron/preview/server';
import { PREVIEW_SHIM_JS } from '../../electron/preview/shim';
import { batchTargets, unpackPage } from '../../shared/inventory';
import { seedInventoryDatabase } from '../bench/world';

interface Atlas {
  invoke(channel: string, input: unknown): Promise<{ ok: boolean; data?: unknown; error?: unknown }>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

let dir: string;
let preview: RunningPreview;
let atlas: Atlas;
const sent: string[] = [];
/** Every frame the page's socket received, as it arrived. */
const frames: { binary: boolean; bytes: number; text: string | null }[] = [];
/** Every fetch the page made: where, and how many bytes came back. */
const fetched: { url: string; status: number; bytes: number }[] = [];

/** The shim in a context of its own, with the globals a page gives it. */
function runShim(p: RunningPreview): Atlas {
  const url = new URL(p.url);
  class PageWebSocket extends NodeWebSocket {
    constructor(address: string) {
      super(address, { origin: p.origin });
      this.on('message', (data: Buffer | ArrayBuffer, binary: boolean) => {
        const bytes = Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data);
        frames.push({ binary, bytes: bytes.length, text: binary ? null : bytes.toString('utf8') });
      });
    }
  }
  // The page's fetch: relative to its own address, as in a browser.
  const pageFetch = async (path: string, init?: RequestInit): Promise<Response> => {
    const response = await fetch(new URL(path, p.origin), init);
    const body = await response.arrayBuffer();
    fetched.push({ url: path, status: response.status, bytes: body.byteLength });
    return new Response(body, { status: response.status, headers: response.headers });
  };
  const window: Record<string, unknown> = {};
  const context = vm.createContext({ window, location: { host: url.host, search: url.search }, WebSocket: PageWebSocket, URLSearchParams, Map, Set, Promise, JSON, Object, fetch: pageFetch });
  vm.runInContext(PREVIEW_SHIM_JS, context);
  return window.atlas as Atlas;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-bridge-'));
  const page = path.join(dir, 'page');
  await mkdir(page);
  await writeFile(path.join(page, 'index.html'), '<!doctype html><title>bridge</title>');
  const databaseFile = path.join(dir, 'atlas.sqlite');
  seedInventoryDatabase(databaseFile, createLargeWorld(1, { accounts: 4, regions: 2, imagesPerAccountRegion: 60 }), 400, 'http://127.0.0.1:9');
  preview = await startPreview({
    rendererDir: page,
    databaseFile,
    startDemoWorld: () => Promise.reject(new Error('no demo here')),
    onOutgoing: (text) => sent.push(text),
  });
  atlas = runShim(preview);
});

afterAll(async () => {
  await preview?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the preview bridge', () => {
  it('delivers a large inventory page as its UTF-8 bytes in a binary body, never escaped into a message', async () => {
    const { targets } = await preview.core.handlers['inventory:summary']({});
    const [batch] = batchTargets(targets, 10_000);
    const direct = await preview.core.handlers['inventory:rows']({ targets: batch! });
    // The core hands over the bytes SQLite joined: no string of the page is made in main.
    expect(ArrayBuffer.isView(direct.groups)).toBe(true);
    const text = new TextDecoder().decode(direct.groups as Uint8Array);
    expect(text.length).toBeGreaterThan(64 * 1024);

    frames.length = 0;
    fetched.length = 0;
    const answer = await atlas.invoke('inventory:rows', { targets: batch });
    expect(answer.ok).toBe(true);
    const data = answer.data as { groups: Uint8Array; count: number; total: number };
    // Bytes, not text: the page decodes them once, to the core's JSON text and the same rows.
    expect(ArrayBuffer.isView(data.groups)).toBe(true);
    expect(new TextDecoder().decode(data.groups)).toBe(text);
    expect({ count: data.count, total: data.total }).toEqual({ count: direct.count, total: direct.total });
    expect(unpackPage(data)).toEqual(unpackPage(direct));
    expect(unpackPage(data)).toHaveLength(400);
    // On the wire: a small message naming the bytes, and one fetch of exactly the text's UTF-8.
    expect(frames).toHaveLength(1);
    expect(frames[0]!.binary).toBe(false);
    expect(frames[0]!.bytes).toBeLessThan(200);
    expect(frames[0]!.text).not.toContain(text.slice(1, 200));
    expect(fetched).toHaveLength(1);
    expect(fetched[0]!.url).toMatch(/^\/__preview\/bytes\/[\w-]{20,}\?token=/);
    expect(fetched[0]).toMatchObject({ status: 200, bytes: Buffer.byteLength(text) });
    // Once only, and only with the token.
    const again = await fetch(new URL(fetched[0]!.url, preview.origin));
    expect(again.status).toBe(404);
    const named = new URL(fetched[0]!.url, preview.origin).pathname;
    const another = await atlas.invoke('inventory:rows', { targets: batch });
    expect(another.ok).toBe(true);
    const second = new URL(fetched[1]!.url, preview.origin);
    expect(second.pathname).not.toBe(named);
    expect((await fetch(new URL(`${named}?token=wrong`, preview.origin))).status).toBe(403);
  });

  it('refuses the bytes of an answer to anyone without the token', async () => {
    const { targets } = await preview.core.handlers['inventory:summary']({});
    const [batch] = batchTargets(targets, 10_000);
    const client = new NodeWebSocket(`${preview.origin.replace('http', 'ws')}/__preview/ws?token=${encodeURIComponent(preview.token)}`, { origin: preview.origin });
    await new Promise<void>((resolve, reject) => {
      client.once('open', () => resolve());
      client.once('error', reject);
    });
    const message = new Promise<string>((resolve) => client.once('message', (data: Buffer) => resolve(data.toString('utf8'))));
    client.send(JSON.stringify({ id: 1, channel: 'inventory:rows', input: { targets: batch } }));
    const answer = JSON.parse(await message) as { envelope: { data: { groups: Record<string, string> } } };
    client.close();
    const name = Object.values(answer.envelope.data.groups)[0]!;
    expect(name).toMatch(/^[\w-]{20,}$/);
    for (const query of ['', '?token=', `?token=${preview.token.slice(1)}`]) {
      expect((await fetch(`${preview.origin}/__preview/bytes/${name}${query}`)).status).toBe(403);
    }
    const taken = await fetch(`${preview.origin}/__preview/bytes/${name}?token=${encodeURIComponent(preview.token)}`);
    expect(taken.status).toBe(200);
    expect(taken.headers.get('content-type')).toBe('application/octet-stream');
    expect((await taken.arrayBuffer()).byteLength).toBeGreaterThan(64 * 1024);
  });

  it('keeps answers apart when several pages are asked for at once', async () => {
    const { targets } = await preview.core.handlers['inventory:summary']({});
    const batches = batchTargets(targets, 100);
    expect(batches.length).toBeGreaterThan(2);
    const answers = await Promise.all(batches.map((batch) => atlas.invoke('inventory:rows', { targets: batch })));
    const direct = await Promise.all(batches.map((batch) => preview.core.handlers['inventory:rows']({ targets: batch })));
    for (let i = 0; i < batches.length; i++) {
      expect(unpackPage(answers[i]!.data as { groups: Uint8Array; count: number; total: number })).toEqual(unpackPage(direct[i]!));
    }
  });

  it('still answers small requests and errors as plain messages', async () => {
    const workspace = await atlas.invoke('workspace:get', {});
    expect(workspace.ok).toBe(true);
    expect((workspace.data as { accounts: unknown[] }).accounts).toHaveLength(4);
    const bad = await atlas.invoke('inventory:rows', { targets: [] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
