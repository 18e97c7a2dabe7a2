/**
 * The preview bridge (development and e2e only; never packaged): serves the built renderer on
 * 127.0.0.1 — through the same request handler as the app's app://atlas scheme, with the same
 * headers — and backs `window.atlas` with the real router and core over a WebSocket. Bytes in
 * an answer (an inventory page) are fetched by the page over HTTP, once each, as binary bodies:
 * Chromium receives a WebSocket message of megabytes about three times slower than a response
 * body. A random per-run token and an Origin check keep other local pages and processes out.
 * The core starts as in the app: a database that cannot be used opens the recovery screen.
 */
import http from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { isEventName } from '../../shared/contract';
import type { AppCore } from '../core/app-core';
import { startAppCore } from '../core/startup';
import { RENDERER_CSP, rendererFiles, withConnectSrc } from '../core/renderer-files';
import { MemorySecretStore } from '../core/accounts/secret-store';
import type { ProbingSecretStore } from '../core/accounts/guarded-secret-store';
import type { StartDemoWorld } from '../core/demo/demo-world';
import { createRouter } from '../ipc/router';
import { BYTES_MARK, BYTES_PATH, PREVIEW_SHIM_JS } from './shim';
import { MAX_REQUEST_BYTES, readRequest } from './requests';

export interface PreviewOptions {
  /** Folder of the built renderer (index.html + assets). */
  rendererDir: string;
  startDemoWorld: StartDemoWorld;
  port?: number;
  /** SQLite file for accounts; in-memory by default so every preview starts clean. */
  databaseFile?: string;
  token?: string;
  /** Receives every message sent to the page as text, and the bytes it fetches decoded (tests scan them for secrets). */
  onOutgoing?: (text: string) => void;
  /** Where "open in the browser" goes (SSO sign-in); the CLI prints the URL. */
  openUrl?: (url: string) => Promise<void> | void;
  /** AWS CLI files for profile import (tests use temporary ones). */
  profileFiles?: { configFile?: string; credentialsFile?: string };
  /**
   * Where exports are saved (the desktop app asks with the native dialog). Default: a
   * timestamped file in the OS temp folder, printed so the developer can find it.
   */
  chooseSavePath?: (defaultName: string) => Promise<string | null>;
  /** Stand-in for the OS keychain (tests); by default secrets live in memory for the run. */
  secrets?: ProbingSecretStore;
  /** Hears why a connection was closed for what it sent (default: a warning on the console). */
  onRefusedFrame?: (reason: string) => void;
  /** Where last-resort failures are written (faults.log beside the data file); none by default. */
  faultLogFile?: string;
}

export interface RunningPreview {
  /** Open this: it carries the token. */
  url: string;
  origin: string;
  token: string;
  core: AppCore;
  close(): Promise<void>;
}

async function saveInTempFolder(defaultName: string): Promise<string> {
  const file = path.join(os.tmpdir(), defaultName);
  console.log(`[preview] exporting to ${file}`);
  return file;
}

const SHIM_PATH = '/__preview/shim.js';
const WS_PATH = '/__preview/ws';
/** Bytes held for the page are served once under a random name; unclaimed ones are dropped after this. */
const HOLD_BYTES_MS = 60_000;

export async function startPreview(options: PreviewOptions): Promise<RunningPreview> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const core = await startAppCore({
    databaseFile: options.databaseFile ?? ':memory:',
    // The preview is a development tool: secrets typed here live for this run only.
    secrets: options.secrets ?? new MemorySecretStore(),
    startDemoWorld: options.startDemoWorld,
    openUrl: options.openUrl ?? ((url) => console.log(`[preview] open in your browser: ${url}`)),
    ...(options.profileFiles ? { profileFiles: options.profileFiles } : {}),
    chooseSavePath: options.chooseSavePath ?? saveInTempFolder,
    ...(options.faultLogFile ? { faultLogFile: options.faultLogFile } : {}),
    info: { name: 'AMI Atlas', version: process.env.npm_package_version ?? 'dev', platform: process.platform, host: 'preview' },
  });
  const router = createRouter(core.handlers, {
    onInternalError: (channel, error) => console.error(`[preview] ${channel} failed unexpectedly`, error),
  });
  let origin = '';
  const tokenMatches = (url: URL): boolean => {
    const given = Buffer.from(url.searchParams.get('token') ?? '');
    const expected = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  // Bytes of answers sent, until the page fetches them (once) or they expire.
  const held = new Map<string, { bytes: Uint8Array; timer: ReturnType<typeof setTimeout> }>();
  // Set once the port is known: the page's policy lets it reach this server's WebSocket only.
  let serveRenderer: ReturnType<typeof rendererFiles> | null = null;

  const server = http.createServer((req, res) => {
    void serveFile(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });

  async function serveFile(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === SHIM_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }).end(PREVIEW_SHIM_JS);
      return;
    }
    if (url.pathname.startsWith(BYTES_PATH) && req.method === 'GET') {
      if (!tokenMatches(url)) {
        res.writeHead(403).end();
        return;
      }
      const name = url.pathname.slice(BYTES_PATH.length);
      const entry = held.get(name);
      if (!entry) {
        res.writeHead(404, { 'cache-control': 'no-store' }).end();
        return;
      }
      held.delete(name);
      clearTimeout(entry.timer);
      res
        .writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': String(entry.bytes.byteLength),
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          'cross-origin-resource-policy': 'same-origin',
        })
        .end(entry.bytes);
      return;
    }
    // Everything else is the renderer, answered exactly as app://atlas answers it in the app.
    let request: Request;
    try {
      request = new Request(url, { method: req.method ?? 'GET' });
    } catch {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const response = await serveRenderer!(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
  }

  // A message longer than any request a page sends closes that connection (1009), never the bridge.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });
  const sockets = new Set<WebSocket>();
  const refused = options.onRefusedFrame ?? ((reason: string) => console.warn(`[preview] closed a connection: ${reason}`));

  server.on('upgrade', (req, socket, head) => {
    // A peer that resets the connection before the upgrade completes is not an error of ours.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== WS_PATH || !tokenMatches(url) || req.headers.origin !== origin) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const send = (ws: WebSocket, message: unknown) => {
    // Bytes (an inventory page: the UTF-8 of a JSON text of tens of MiB) are held for the page to
    // fetch as a binary body, and the message names them: as JSON they could only be escaped text
    // or lists of numbers, both many times slower to write and to read.
    const json = JSON.stringify(message, (_key, value: unknown) => {
      if (!(value instanceof Uint8Array)) return value;
      const name = randomBytes(18).toString('base64url');
      const timer = setTimeout(() => held.delete(name), HOLD_BYTES_MS);
      timer.unref();
      held.set(name, { bytes: value, timer });
      if (options.onOutgoing) options.onOutgoing(new TextDecoder().decode(value));
      return { [BYTES_MARK]: name };
    });
    options.onOutgoing?.(json);
    ws.send(json);
  };
  /** Sends without ever throwing: a message that cannot be sent is lost for that page alone. */
  const sendSafely = (ws: WebSocket, message: unknown) => {
    try {
      send(ws, message);
    } catch (error) {
      console.error('[preview] could not send a message to the page', error);
    }
  };

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    // Framing errors (bad UTF-8, unmasked or oversize frames): ws closes this socket with the
    // matching code; without a listener the error would take the whole process down.
    ws.on('error', (error) => refused(error.message));
    ws.on('message', (data, isBinary) => {
      const incoming = readRequest(data, isBinary);
      if (incoming.kind === 'close') {
        refused(incoming.reason);
        ws.close(incoming.code, incoming.reason);
      } else if (incoming.kind === 'answer') {
        sendSafely(ws, incoming.message);
      } else {
        const { id } = incoming;
        router
          .handle(incoming.channel, incoming.input, { trusted: true, label: 'preview page' })
          .then((envelope) => sendSafely(ws, { id, envelope }))
          .catch((error: unknown) => console.error('[preview] a request failed unexpectedly', error));
      }
    });
  });

  const stopEvents = core.onEvent((event, payload) => {
    if (!isEventName(event)) return;
    for (const ws of sockets) sendSafely(ws, { event, payload });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  origin = `http://127.0.0.1:${port}`;
  serveRenderer = rendererFiles({
    root: options.rendererDir,
    csp: withConnectSrc(RENDERER_CSP, previewSources(origin)),
    transformIndex: (html) => injectShim(html, origin),
  });

  return {
    url: `${origin}/?token=${encodeURIComponent(token)}`,
    origin,
    token,
    core,
    async close() {
      stopEvents();
      for (const { timer } of held.values()) clearTimeout(timer);
      held.clear();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await core.close();
    },
  };
}

/** What the page may connect to: our WebSocket, and the bytes it fetches from us. */
function previewSources(origin: string): string {
  return `${origin.replace(/^http/, 'ws')} ${origin}${BYTES_PATH}`;
}

/** Loads the shim before the app bundle and lets the page's CSP reach our WebSocket and bytes only. */
export function injectShim(html: string, origin: string): string {
  const withCsp = html.replace(/(http-equiv="Content-Security-Policy"\s+content=")([^"]*)"/i, (_m, lead: string, policy: string) => `${lead}${withConnectSrc(policy, previewSources(origin))}"`);
  return withCsp.replace(/<head>/i, `<head>\n    <script src="${SHIM_PATH}"></script>`);
}
