/**
 * Serves the built renderer (index.html and its assets) as a fetch-style handler: a Request in,
 * a Response out. The desktop app answers its own scheme with it (`protocol.handle('app', …)`,
 * the page is app://atlas/index.html, never a file:// URL) and the preview bridge its loopback
 * HTTP server, so every end-to-end run goes through the same path resolution, MIME types and
 * security headers as the shipped window. No `electron` here: it runs in plain Node and tests.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** The page's scheme, registered as privileged (standard, secure) before the app is ready. */
export const APP_SCHEME = 'app';
/** The one origin the desktop page has. */
export const APP_ORIGIN = `${APP_SCHEME}://atlas`;
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/**
 * The page's Content Security Policy, sent as a header (the same policy is in index.html's meta
 * for the Vite dev server; frame-ancestors only works as a header).
 */
export const RENDERER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** `policy` with its connect-src replaced (the preview page may reach its own WebSocket). */
export function withConnectSrc(policy: string, source: string): string {
  const rules = policy
    .split(';')
    .map((r) => r.trim())
    .filter((r) => r && !r.startsWith('connect-src'));
  rules.push(`connect-src ${source}`);
  return rules.join('; ');
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeOf(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Sent with every answer, files and refusals alike. */
export function securityHeaders(csp: string = RENDERER_CSP): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
    'cross-origin-resource-policy': 'same-origin',
    'x-frame-options': 'DENY',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), payment=()',
  };
}

export type Resolved = { ok: true; file: string; index: boolean } | { ok: false; status: 403 | 404 };

/**
 * The file a URL path names inside `root`, or why not: 403 for anything that tries to leave the
 * bundle or is not a plain relative path (`..`, `.`, empty segments, encoded slashes or
 * backslashes, NUL, drive letters, malformed escapes), 404 for everything else that is not there.
 * The root is index.html; no other folder has an index. Each segment is decoded on its own, so `..%2f` stays one segment and is
 * refused instead of becoming a step up.
 */
export function resolveInBundle(root: string, pathname: string): Resolved {
  if (!pathname.startsWith('/')) return { ok: false, status: 403 };
  if (pathname === '/') return { ok: true, file: path.join(root, 'index.html'), index: true };
  // A folder (trailing slash) is checked like a file and then not found: only the root has an index.
  const folder = pathname.endsWith('/');
  const segments: string[] = [];
  for (const raw of pathname.slice(1, folder ? -1 : undefined).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 403 };
    }
    if (segment === '' || segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) return { ok: false, status: 403 };
    segments.push(segment);
  }
  const file = path.join(root, ...segments);
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return { ok: false, status: 403 };
  if (folder) return { ok: false, status: 404 };
  return { ok: true, file, index: relative === 'index.html' };
}

export interface RendererFilesOptions {
  /** The built renderer's folder (index.html + assets). */
  root: string;
  /** Only this origin is served (app://atlas in the app); any when absent (the preview's own server). */
  origin?: string;
  /** The page's policy; the preview opens connect-src to its WebSocket. */
  csp?: string;
  /** Rewrites index.html before it is sent (the preview loads its bridge script first). */
  transformIndex?: (html: string) => string;
}

export type RequestHandler = (request: Request) => Promise<Response>;

/** scheme://host of a URL, also for schemes Node's URL gives an opaque origin ('null'). */
function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

export function rendererFiles(options: RendererFilesOptions): RequestHandler {
  const root = path.resolve(options.root);
  const headers = securityHeaders(options.csp);
  const refuse = (status: number, extra: Record<string, string> = {}) =>
    new Response(status === 405 ? 'Method not allowed' : status === 403 ? 'Forbidden' : 'Not found', {
      status,
      headers: { ...headers, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...extra },
    });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, { allow: 'GET, HEAD' });
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(404);
    }
    if (url.username || url.password) return refuse(403);
    if (options.origin && originOf(url) !== options.origin) return refuse(404);
    const resolved = resolveInBundle(root, url.pathname);
    if (!resolved.ok) return refuse(resolved.status);
    let body: Uint8Array;
    try {
      if (!(await stat(resolved.file)).isFile()) return refuse(404);
      body = await readFile(resolved.file);
    } catch {
      return refuse(404);
    }
    if (resolved.index && options.transformIndex) body = new TextEncoder().encode(options.transformIndex(new TextDecoder().decode(body)));
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers: {
        ...headers,
        'content-type': mimeTypeOf(resolved.file),
        'content-length': String(body.byteLength),
        // The page is read afresh on every start; hashed assets may be kept.
        'cache-control': resolved.index ? 'no-store' : 'no-cache',
      },
    });
  };
}
