import { describe, expect, it } from 'vitest';
import { injectShim } from '../../electron/preview/server';

const html = `<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; connect-src 'none'" />
<script type="module" src="./assets/index.js"></script></head><body></body></html>`;

describe('preview page rewriting', () => {
  it('loads the shim first and opens connect-src to our WebSocket and the bytes it fetches only', () => {
    const out = injectShim(html, 'http://127.0.0.1:5199');
    expect(out.indexOf('/__preview/shim.js')).toBeLessThan(out.indexOf('./assets/index.js'));
    expect(out).toContain("connect-src ws://127.0.0.1:5199 http://127.0.0.1:5199/__preview/bytes/\"");
    expect(out).not.toContain("connect-src 'none'");
    expect(out).toContain("script-src 'self'");
  });
});
