import { describe, expect, it } from 'vitest';
import { injectShim } from '../../electron/preview/server';
import { isOwnPage } from '../../electron/window-url';

const html = `<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; connect-src 'none'" />
<script type="module" src="./assets/index.js"></script></head><body></body></html>`;

describe('preview page rewriting', () => {
  it('loads the shim first and opens connect-src to our WebSocket only', () => {
    const out = injectShim(html, 'http://127.0.0.1:5199');
    expect(out.indexOf('/__preview/shim.js')).toBeLessThan(out.indexOf('./assets/index.js'));
    expect(out).toContain("connect-src ws://127.0.0.1:5199\"");
    expect(out).not.toContain("connect-src 'none'");
    expect(out).toContain("script-src 'self'");
  });
});

describe('own-page check for IPC senders and navigation', () => {
  const page = 'file:///opt/AMI%20Atlas/resources/app.asar/.vite/renderer/main_window/index.html';
  it('accepts our page with any hash or query', () => {
    expect(isOwnPage(`${page}#/images`, page)).toBe(true);
    expect(isOwnPage('http://localhost:5173/some/route', 'http://localhost:5173/')).toBe(true);
  });
  it('rejects other files, origins and junk', () => {
    expect(isOwnPage('file:///tmp/evil.html', page)).toBe(false);
    expect(isOwnPage('https://evil.example/', page)).toBe(false);
    expect(isOwnPage('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isOwnPage('not a url', page)).toBe(false);
  });
});
