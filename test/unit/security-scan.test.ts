/**
 * Proves scripts/security-scan.mjs fails on a real Electron misconfiguration and passes the
 * same window once it is locked down, so the security gate cannot quietly stop working.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../scripts/security-scan.mjs', import.meta.url));
const dirs: string[] = [];

function appWith(webPreferences: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'security-scan-test-'));
  dirs.push(dir);
  // Everything the whole-app checks look for (permission handler, navigation limits, CSP), so
  // only webPreferences decide the outcome.
  const source = [
    "import { BrowserWindow, session } from 'electron';",
    'session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));',
    'session.defaultSession.webRequest.onHeadersReceived((details, callback) =>',
    "  callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [\"default-src 'none'; script-src 'self'\"] } }),",
    ');',
    `const win = new BrowserWindow({ webPreferences: ${webPreferences} });`,
    "win.webContents.on('will-navigate', (event) => event.preventDefault());",
    "win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));",
    '',
  ].join('\n');
  writeFileSync(path.join(dir, 'window.ts'), source);
  return dir;
}

function scan(dir: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, dir], { timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}\n${stderr}` });
    });
  });
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('security scan', () => {
  it('fails on a window with Node integration and passes the locked-down one', { timeout: 60_000 }, async () => {
    const [bad, good] = await Promise.all([
      scan(appWith('{ nodeIntegration: true }')),
      scan(
        appWith(
          "{ nodeIntegration: false, contextIsolation: true, sandbox: true, webSecurity: true, disableBlinkFeatures: 'Auxclick' }",
        ),
      ),
    ]);

    expect(bad.code, bad.output).toBe(1);
    expect(bad.output).toContain('NODE_INTEGRATION_JS_CHECK');
    expect(bad.output).toContain('CONTEXT_ISOLATION_JS_CHECK');
    expect(bad.output).toMatch(/security scan: FAILED/);

    expect(good.code, good.output).toBe(0);
    expect(good.output).toMatch(/security scan: OK/);
  });
});
