/**
 * The preview bridge carries what the core answers unchanged: the page-side shim (run here as
 * the page runs it, over a real WebSocket) gets an inventory page — one JSON text far larger
 * than a frame's usual message, sent in a frame of its own — exactly as the core returned it,
 * and small answers and events as before.
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
import { batchTargets } from '../../shared/inventory';
import { seedInventoryDatabase } from '../bench/world';

interface Atlas {
  invoke(channel: string, input: unknown): Promise<{ ok: boolean; data?: unknown; error?: unknown }>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

let dir: string;
let preview: RunningPreview;
let atlas: Atlas;
const sent: string[] = [];

/** The shim in a context of its own, with the globals a page gives it. */
function runShim(p: RunningPreview): Atlas {
  const url = new URL(p.url);
  class PageWebSocket extends NodeWebSocket {
    constructor(address: string) {
      super(address, { origin: p.origin });
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
  it('delivers a large inventory page exactly as the core returned it, without escaping it into the message', async () => {
    const { targets } = await preview.core.handlers['inventory:summary']({});
    const [batch] = batchTargets(targets, 10_000);
    const direct = await preview.core.handlers['inventory:rows']({ targets: batch! });
    expect(direct.groups.length).toBeGreaterThan(64 * 1024);

    sent.length = 0;
    const answer = await atlas.invoke('inventory:rows', { targets: batch });
    expect(answer.ok).toBe(true);
    expect(answer.data).toEqual(direct);
    // The page's JSON text went as it is, in a frame of its own; the message only names it.
    expect(sent.some((text) => text === direct.groups)).toBe(true);
    expect(sent.every((text) => !text.includes(JSON.stringify(direct.groups).slice(1, 200)))).toBe(true);
  });

  it('still answers small requests and errors as plain messages', async () => {
    const workspace = await atlas.invoke('workspace:get', {});
    expect(workspace.ok).toBe(true);
    expect((workspace.data as { accounts: unknown[] }).accounts).toHaveLength(4);
    const bad = await atlas.invoke('inventory:rows', { targets: [] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
