/**
 * The preview bridge carries what the core answers: the page-side shim (run here as the page
 * runs it, over a real WebSocket) gets an inventory page — one JSON text of megabytes — as its
 * UTF-8 bytes in a binary frame of its own, decoding to exactly the rows the core holds, and
 * small answers and events as plain JSON messages as before.
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
  const window: Record<string, unknown> = {};
  const context = vm.createContext({ window, location: { host: url.host, search: url.search }, WebSocket: PageWebSocket, URLSearchParams, Map, Set, Promise, JSON, Object });
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
  it('delivers a large inventory page as its UTF-8 bytes in a binary frame, never escaped into a message', async () => {
    const { targets } = await preview.core.handlers['inventory:summary']({});
    const [batch] = batchTargets(targets, 10_000);
    const direct = await preview.core.handlers['inventory:rows']({ targets: batch! });
    const text = direct.groups as string;
    expect(text.length).toBeGreaterThan(64 * 1024);

    frames.length = 0;
    const answer = await atlas.invoke('inventory:rows', { targets: batch });
    expect(answer.ok).toBe(true);
    const data = answer.data as { groups: Uint8Array; count: number; total: number };
    // Bytes, not text: the page decodes them once, to the core's JSON text and the same rows.
    expect(ArrayBuffer.isView(data.groups)).toBe(true);
    expect(new TextDecoder().decode(data.groups)).toBe(text);
    expect({ count: data.count, total: data.total }).toEqual({ count: direct.count, total: direct.total });
    expect(unpackPage(data)).toEqual(unpackPage(direct));
    expect(unpackPage(data)).toHaveLength(400);
    // On the wire: one binary frame of exactly the text's UTF-8, then a small message naming it.
    expect(frames.map((f) => f.binary)).toEqual([true, false]);
    expect(frames[0]!.bytes).toBe(Buffer.byteLength(text));
    expect(frames[1]!.bytes).toBeLessThan(200);
    expect(frames[1]!.text).not.toContain(text.slice(1, 200));
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
