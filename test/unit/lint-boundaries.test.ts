/**
 * Proves the process-boundary lint rules in eslint.config.js fire, so they cannot silently
 * disappear in a config refactor. Uses ESLint's Node API on in-memory source with file paths
 * that place the code in each part of the tree.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: repoRoot });

const BOUNDARY_RULES = new Set(['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax', 'atlas/no-cross-feature']);

/** Boundary violations ESLint reports for `code` placed at `file` (relative to the repo). */
async function boundaryViolations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  if (!result) throw new Error('ESLint returned no result');
  const fatal = result.messages.filter((m) => m.fatal || m.ruleId === null);
  // An ignored path or a parse error would make every "no violation" assertion meaningless.
  expect(fatal, JSON.stringify(fatal)).toEqual([]);
  return result.messages.filter((m) => m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId)).map((m) => m.message);
}

describe('lint boundaries', () => {
  it('forbids electron in the core, in any import form', async () => {
    const file = 'electron/core/accounts/boundary-probe.ts';
    expect(await boundaryViolations(file, "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await boundaryViolations(file, "import type { BrowserWindow } from 'electron';\nexport type W = BrowserWindow;\n")).toHaveLength(1);
    expect(await boundaryViolations(file, "export { ipcMain } from 'electron/main';\n")).toHaveLength(1);
    expect(await boundaryViolations(file, "export const e = import('electron');\n")).toHaveLength(1);
    expect(await boundaryViolations(file, "export const e: unknown = require('electron');\n")).toHaveLength(1);
    const [message] = await boundaryViolations(file, "import { app } from 'electron';\nexport const a = app;\n");
    expect(message).toMatch(/Only the Electron shell/);
  });

  it('lets the core use Node, npm packages and shared/', async () => {
    const code = [
      "import { createRequire } from 'node:module';",
      "import { z } from 'zod';",
      "import { AppError } from '../../../shared/errors';",
      'export const all = [createRequire, z, AppError];',
      '',
    ].join('\n');
    expect(await boundaryViolations('electron/core/accounts/boundary-probe.ts', code)).toEqual([]);
    // Packages whose names merely start with "electron" are not the electron module.
    expect(await boundaryViolations('electron/core/x.ts', "import a from 'electron-log';\nexport default a;\n")).toEqual([]);
  });

  it('forbids electron in shared/ and emulator/, and keeps shared/ free of both sides', async () => {
    expect(await boundaryViolations('shared/probe.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await boundaryViolations('emulator/probe.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(
      await boundaryViolations('shared/probe.ts', "import { x } from '../electron/core/accounts/secret-store';\nexport const y = x;\n"),
    ).toHaveLength(1);
  });

  it('keeps the renderer to shared/ and its own files', async () => {
    const file = 'renderer/features/accounts/Probe.tsx';
    expect(await boundaryViolations(file, "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n")).toHaveLength(1);
    expect(
      await boundaryViolations(file, "import { MemorySecretStore } from '../../../electron/core/accounts/secret-store';\nexport const m = MemorySecretStore;\n"),
    ).toHaveLength(1);
    expect(await boundaryViolations(file, "import { start } from '../../../emulator/server';\nexport const s = start;\n")).toHaveLength(1);
    expect(await boundaryViolations(file, "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n")).toHaveLength(1);
    const allowed = [
      "import { create } from 'zustand';",
      "import { AppError } from '../../../shared/errors';",
      "import { invoke } from '../../api';",
      'export const all = [create, AppError, invoke];',
      '',
    ].join('\n');
    expect(await boundaryViolations(file, allowed)).toEqual([]);
  });

  it('keeps AWS, the keychain and Node out of the page, under any name', async () => {
    const file = 'renderer/features/images/Probe.tsx';
    for (const source of ['@aws-sdk/client-ec2', '@aws-sdk/credential-providers', '@smithy/protocol-http', 'keytar', 'fs', 'path', 'node:path', 'crypto', 'fs/promises', 'child_process']) {
      expect(await boundaryViolations(file, `import * as m from '${source}';\nexport const x = m;\n`), source).toHaveLength(1);
    }
    // Look-alikes of Node's names are packages like any other.
    expect(await boundaryViolations(file, "import * as m from 'path-to-regexp';\nexport const x = m;\n")).toEqual([]);
  });

  it('keeps the emulator out of the core, static or dynamic: the demo world is handed to it', async () => {
    const file = 'electron/core/demo/probe.ts';
    expect(await boundaryViolations(file, "import { startEmulator } from '../../../emulator';\nexport const s = startEmulator;\n")).toHaveLength(1);
    expect(await boundaryViolations(file, "export const s = () => import('../../../emulator/server');\n")).toHaveLength(1);
    // The shell's demo starter may (it loads it on demand).
    expect(await boundaryViolations('electron/demo/probe.ts', "export const s = () => import('../../emulator');\n")).toEqual([]);
  });

  it('lets no feature import another; widgets and helpers are shared through components/ and lib/', async () => {
    const file = 'renderer/features/copy/Probe.tsx';
    const [message] = await boundaryViolations(file, "import { AuditLog } from '../sharing/AuditLog';\nexport const a = AuditLog;\n");
    expect(message).toMatch(/Feature "copy" imports feature "sharing"/);
    expect(await boundaryViolations(file, "export const a = () => import('../../features/builder/BuilderView');\n")).toHaveLength(1);
    expect(await boundaryViolations(file, "export { AuditLog } from '../sharing/AuditLog';\n")).toHaveLength(1);
    const allowed = ["import { CopyForm } from './CopyForm';", "import { Dialog } from '../../components/Dialog';", "import { formatCount } from '../../lib/format';", 'export const all = [CopyForm, Dialog, formatCount];', ''].join('\n');
    expect(await boundaryViolations(file, allowed)).toEqual([]);
  });

  it('still lets the Electron shell import electron', async () => {
    expect(await boundaryViolations('electron/main.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
    expect(await boundaryViolations('electron/ipc/transport.ts', "import { ipcMain } from 'electron';\nexport const i = ipcMain;\n")).toEqual([]);
  });
});
