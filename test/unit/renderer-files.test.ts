/**
 * The one handler that serves the page: app://atlas in the desktop app, the preview bridge's
 * loopback server in every e2e run. It answers with the bundle's files only, with the right
 * types and the page's security headers, and refuses everything that tries to leave the bundle.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN, APP_PAGE_URL, RENDERER_CSP, rendererFiles, resolveInBundle, withConnectSrc } from '../../electron/core/renderer-files';
import { isOwnPage } from '../../electron/window-url';

let dir: string;
let root: string;
let serve: ReturnType<typeof rendererFiles>;
const INDEX = '<!doctype html><title>AMI Atlas</title><script type="module" src="./assets/index-abc.js"></script>';
const SECRET = 'a file beside the bundle that must never be served';

const get = (url: string, init?: RequestInit) => serve(new Request(url, init));

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-files-'));
  root = path.join(dir, 'main_window');
  await mkdir(path.join(root, 'assets', 'nested'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), INDEX);
  await writeFile(path.join(root, 'assets', 'index-abc.js'), 'export const a = 1;');
  await writeFile(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  await writeFile(path.join(root, 'assets', 'index-abc.js.map'), '{}');
  await writeFile(path.join(root, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(path.join(root, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  await writeFile(path.join(root, 'assets', 'blob.bin'), Buffer.from([1, 2, 3]));
  await writeFile(path.join(root, 'assets', 'with space.js'), 'export {};');
  await writeFile(path.join(dir, 'secret.txt'), SECRET);
  await writeFile(path.join(dir, 'main_window-sibling.txt'), SECRET);
  serve = rendererFiles({ root, origin: APP_ORIGIN });
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('serving the renderer bundle', () => {
  it('answers the root and index.html with the page, never cached', async () => {
    for (const url of [`${APP_ORIGIN}/`, APP_PAGE_URL, `${APP_PAGE_URL}?x=1#/images`]) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.text()).toBe(INDEX);
    }
  });

  it('gives every file its MIME type, unknown ones as octet-stream', async () => {
    const types: Record<string, string> = {
      'assets/index-abc.js': 'text/javascript; charset=utf-8',
      'assets/index-abc.css': 'text/css; charset=utf-8',
      'assets/index-abc.js.map': 'application/json',
      'assets/logo.svg': 'image/svg+xml',
      'assets/font.woff2': 'font/woff2',
      'assets/blob.bin': 'application/octet-stream',
      'assets/with%20space.js': 'text/javascript; charset=utf-8',
    };
    for (const [file, type] of Object.entries(types)) {
      const res = await get(`${APP_ORIGIN}/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type'), file).toBe(type);
    }
    expect(await (await get(`${APP_ORIGIN}/assets/index-abc.js`)).text()).toBe('export const a = 1;');
  });

  it('sends the CSP and the other security headers on files and refusals alike', async () => {
    for (const url of [APP_PAGE_URL, `${APP_ORIGIN}/assets/index-abc.js`, `${APP_ORIGIN}/missing.js`, `${APP_ORIGIN}/..%2fsecret.txt`]) {
      const res = await get(url);
      expect(res.headers.get('content-security-policy'), url).toBe(RENDERER_CSP);
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), url).toBe('no-referrer');
      expect(res.headers.get('cross-origin-opener-policy'), url).toBe('same-origin');
      expect(res.headers.get('cross-origin-resource-policy'), url).toBe('same-origin');
      expect(res.headers.get('cross-origin-embedder-policy'), url).toBe('require-corp');
      expect(res.headers.get('x-frame-options'), url).toBe('DENY');
    }
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).toContain("connect-src 'none'");
    expect(RENDERER_CSP).toContain("frame-ancestors 'none'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('keeps the policy of index.html (used by the dev server) the same as the header', async () => {
    const html = await readFile(fileURLToPath(new URL('../../renderer/index.html', import.meta.url)), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1];
    // frame-ancestors is ignored in a meta policy, so only the header carries it.
    expect(meta).toBe(RENDERER_CSP.replace("; frame-ancestors 'none'", ''));
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get(APP_PAGE_URL, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(INDEX)));
    expect(await head.text()).toBe('');
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const res = await get(APP_PAGE_URL, { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    }
  });

  it('answers 404 for files that are not there, folders and other hosts', async () => {
    for (const url of [`${APP_ORIGIN}/missing.js`, `${APP_ORIGIN}/assets/`, `${APP_ORIGIN}/assets`, `${APP_ORIGIN}/assets/nested`, 'app://other/index.html', 'app://atlas.evil/index.html']) {
      expect((await get(url)).status, url).toBe(404);
    }
  });

  it('never serves anything outside the bundle, however the way out is written', async () => {
    const attempts = [
      `${APP_ORIGIN}/../secret.txt`,
      `${APP_ORIGIN}/assets/../../secret.txt`,
      `${APP_ORIGIN}/%2e%2e/secret.txt`,
      `${APP_ORIGIN}/%2E%2E/%2e%2e/secret.txt`,
      `${APP_ORIGIN}/.%2e/secret.txt`,
      `${APP_ORIGIN}/..%2fsecret.txt`,
      `${APP_ORIGIN}/assets/..%2f..%2fsecret.txt`,
      `${APP_ORIGIN}/%2e%2e%2fsecret.txt`,
      `${APP_ORIGIN}/..%5csecret.txt`,
      `${APP_ORIGIN}/assets/%2e%2e%5c%2e%2e%5csecret.txt`,
      `${APP_ORIGIN}//etc/passwd`,
      `${APP_ORIGIN}/%2fetc%2fpasswd`,
      `${APP_ORIGIN}/${encodeURIComponent(path.join(dir, 'secret.txt'))}`,
      `${APP_ORIGIN}/C:%5cWindows%5cwin.ini`,
      `${APP_ORIGIN}/index.html%00.js`,
      `${APP_ORIGIN}/assets/index-abc.js%00`,
      `${APP_ORIGIN}/%E0%A4%A`,
      `${APP_ORIGIN}/../main_window-sibling.txt`,
    ];
    for (const url of attempts) {
      const res = await get(url);
      expect([403, 404], url).toContain(res.status);
      expect(await res.text(), url).not.toContain(SECRET);
    }
    // Encoded steps up are refused outright, not looked up.
    expect((await get(`${APP_ORIGIN}/..%2fsecret.txt`)).status).toBe(403);
    expect((await get(`${APP_ORIGIN}/index.html%00.js`)).status).toBe(403);
    expect((await get(`${APP_ORIGIN}/%2fetc%2fpasswd`)).status).toBe(403);
  });

  it('resolves paths segment by segment and refuses absolute, dotted and encoded ones', () => {
    expect(resolveInBundle(root, '/')).toEqual({ ok: true, file: path.join(root, 'index.html'), index: true });
    expect(resolveInBundle(root, '/assets/index-abc.js')).toEqual({ ok: true, file: path.join(root, 'assets', 'index-abc.js'), index: false });
    expect(resolveInBundle(root, '/assets/')).toEqual({ ok: false, status: 404 });
    for (const bad of ['/..', '/./index.html', '//x', '/a//b', '//', '/../', '/..%2fx', '/%2e%2e', '/a%5cb', '/a%00', '/C:', 'relative', '/%zz']) {
      expect(resolveInBundle(root, bad), bad).toEqual({ ok: false, status: 403 });
    }
  });

  it('lets the preview rewrite index.html and open connect-src to its WebSocket only', async () => {
    const csp = withConnectSrc(RENDERER_CSP, 'ws://127.0.0.1:5199');
    const preview = rendererFiles({ root, csp, transformIndex: (html) => html.replace('<title>', '<script src="/shim.js"></script><title>') });
    const page = await preview(new Request('http://127.0.0.1:5199/'));
    expect(await page.text()).toContain('<script src="/shim.js"></script>');
    expect(page.headers.get('content-security-policy')).toContain('connect-src ws://127.0.0.1:5199');
    expect(page.headers.get('content-security-policy')).not.toContain("connect-src 'none'");
    const asset = await preview(new Request('http://127.0.0.1:5199/assets/index-abc.js'));
    expect(await asset.text()).toBe('export const a = 1;');
  });
});

describe('own-page check for IPC senders and navigation', () => {
  it('accepts the app://atlas origin with any path, hash or query', () => {
    expect(isOwnPage(APP_PAGE_URL, APP_PAGE_URL)).toBe(true);
    expect(isOwnPage(`${APP_PAGE_URL}#/images`, APP_PAGE_URL)).toBe(true);
    expect(isOwnPage(`${APP_ORIGIN}/`, APP_PAGE_URL)).toBe(true);
    expect(isOwnPage('http://localhost:5173/some/route', 'http://localhost:5173/')).toBe(true);
  });

  it('rejects file:// pages, other hosts and schemes, credentials and junk', () => {
    const packagedFile = 'file:///opt/AMI%20Atlas/resources/app.asar/.vite/renderer/main_window/index.html';
    expect(isOwnPage(packagedFile, APP_PAGE_URL)).toBe(false);
    expect(isOwnPage(packagedFile, packagedFile)).toBe(false);
    expect(isOwnPage('app://evil/index.html', APP_PAGE_URL)).toBe(false);
    expect(isOwnPage('app://atlas.evil/index.html', APP_PAGE_URL)).toBe(false);
    expect(isOwnPage('app://user@atlas/index.html', APP_PAGE_URL)).toBe(false);
    expect(isOwnPage('atlas://atlas/index.html', APP_PAGE_URL)).toBe(false);
    expect(isOwnPage('https://atlas/index.html', APP_PAGE_URL)).toBe(false);
    expect(isOwnPage('https://evil.example/', APP_PAGE_URL)).toBe(false);
    expect(isOwnPage('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isOwnPage('not a url', APP_PAGE_URL)).toBe(false);
  });
});
