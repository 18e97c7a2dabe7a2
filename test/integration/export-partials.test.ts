/**
 * Exports leave no temporary file behind: not when they fail (the file is closed, then removed),
 * not when the process exits or is interrupted with Ctrl+C in the middle (the CLI exits 130), and
 * what a crash left in a folder the app exported to is removed at the next start — only files
 * named like ours, only those older than the running process, never through a link.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore } from '../../electron/core/app-core';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import { PARTIAL_FILE, partialFileFor, removeStalePartials, writeAtomically } from '../../electron/core/inventory/export-file';
import { INVENTORY_COLUMNS } from '../../shared/inventory';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
const child = path.join(root, 'test', 'integration', 'export-child.ts');

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

const partials = async (folder: string) => (await readdir(folder)).filter((name) => name.endsWith('.partial'));
const openFiles = () => (existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : 0);

describe('a failed export', () => {
  it('removes its temporary file and closes it, however it fails', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-partial-'));
    const before = openFiles();
    for (let i = 0; i < 10; i += 1) {
      // Fails before writing a byte (the rows could not be read), or after some.
      await expect(writeAtomically(path.join(dir, `a${i}.csv`), () => Promise.reject(new Error('no rows')))).rejects.toThrow('no rows');
      await expect(
        writeAtomically(path.join(dir, `b${i}.csv`), async (out) => {
          out.write('imageId\r\n');
          await new Promise((resolve) => setTimeout(resolve, 5));
          throw new Error('disk went away');
        }),
      ).rejects.toThrow('disk went away');
    }
    // The name is taken by a folder: the rename fails, the temporary file goes.
    await mkdir(path.join(dir, 'taken.csv'));
    await expect(writeAtomically(path.join(dir, 'taken.csv'), async (out) => void out.end('x'))).rejects.toThrow();
    // A folder that does not exist: the error is the caller's, not an unhandled stream error.
    await expect(writeAtomically(path.join(dir, 'missing', 'x.csv'), () => new Promise((resolve) => setTimeout(resolve, 20)))).rejects.toMatchObject({ code: 'ENOENT' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await readdir(dir)).toEqual(['taken.csv']);
    // No file handle is left open on a removed file.
    expect(openFiles()).toBe(before);
  });
});

/** Runs export-child.ts; `stop` is called once it says the export started. */
function runChild(how: 'exit' | 'signal', file: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(tsx, [child, how, file], { cwd: root });
    let stderr = '';
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    proc.stdout.on('data', (c: Buffer) => {
      if (c.toString().includes('started') && how === 'signal') {
        expect(readdirSync(path.dirname(file)).some((name) => PARTIAL_FILE.test(name))).toBe(true);
        proc.kill('SIGINT');
      }
    });
    proc.on('error', reject);
    proc.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe('an interrupted export', () => {
  it('removes its temporary file when the process exits in the middle of it', { timeout: 30_000 }, async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-partial-'));
    const result = await runChild('exit', path.join(dir, 'amis.csv'));
    expect(result.code, result.stderr).toBe(0);
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes its temporary file on Ctrl+C, and exits 130 as a shell expects', { timeout: 30_000 }, async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-partial-'));
    const result = await runChild('signal', path.join(dir, 'amis.csv'));
    expect(result.code, result.stderr).toBe(130);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('temporary files a crash left behind', () => {
  const longAgo = new Date(Date.now() - 3_600_000);

  it('are removed from a folder; nothing else is, nor files newer than this process', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-partial-'));
    const outside = await mkdtemp(path.join(os.tmpdir(), 'atlas-outside-'));
    try {
      const stale = path.basename(partialFileFor(path.join(dir, 'amis.csv')));
      const keep = [
        'amis.csv',
        '.amis.csv.partial', // not our name: no random part
        '.amis.csv.0123456789ab.partial.bak',
        'amis.csv.0123456789ab.partial', // no leading dot
        '.amis.csv.0123456789AB.partial', // not our digits
        '.fresh.csv.0123456789ab.partial', // written after this process started
        '.dir.csv.0123456789ab.partial', // a folder
        '.link.csv.0123456789ab.partial', // a link, to a file that must stay
      ];
      for (const name of [stale, ...keep.filter((n) => !n.startsWith('.dir') && !n.startsWith('.link'))]) await writeFile(path.join(dir, name), 'x');
      await mkdir(path.join(dir, '.dir.csv.0123456789ab.partial'));
      await writeFile(path.join(outside, 'target'), 'keep me');
      await symlink(path.join(outside, 'target'), path.join(dir, '.link.csv.0123456789ab.partial'));
      for (const name of [stale, ...keep.filter((n) => !n.startsWith('.fresh') && !n.startsWith('.link'))]) await utimes(path.join(dir, name), longAgo, longAgo);

      const startedAt = Date.now() - 60_000;
      const removed = await removeStalePartials([dir, path.join(dir, 'gone'), 'relative/folder'], startedAt);
      expect(removed).toEqual([path.join(dir, stale)]);
      expect((await readdir(dir)).sort()).toEqual([...keep].sort());
      expect(await readFile(path.join(outside, 'target'), 'utf8')).toBe('keep me');
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('are looked for within bounds', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-partial-'));
    for (let i = 0; i < 30; i += 1) {
      const file = partialFileFor(path.join(dir, `n${i}.csv`));
      await writeFile(file, 'x');
      await utimes(file, longAgo, longAgo);
    }
    expect(await removeStalePartials([dir], Date.now(), { entries: 1000, removals: 7 })).toHaveLength(7);
    expect(await removeStalePartials([dir], Date.now(), { entries: 5, removals: 1000 })).toHaveLength(5);
    expect(await partials(dir)).toHaveLength(18);
  });

  it('are removed at start from the folders the app exported to', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-partial-'));
    const exports = path.join(dir, 'exports');
    const elsewhere = path.join(dir, 'elsewhere');
    await mkdir(exports);
    await mkdir(elsewhere);
    const databaseFile = path.join(dir, 'atlas.sqlite');
    const core = (file: string) =>
      createAppCore({
        databaseFile,
        secrets: new MemorySecretStore(),
        startDemoWorld: () => Promise.reject(new Error('no demo here')),
        chooseSavePath: async () => file,
        info: { name: 'AMI Atlas', version: 'test', platform: process.platform, host: 'preview' },
      });
    const first = core(path.join(exports, 'amis.csv'));
    expect(await first.handlers['inventory:export']({ columns: [...INVENTORY_COLUMNS], filter: null, bom: false })).toEqual({ path: path.join(exports, 'amis.csv'), rows: 0, permissionsPending: 0 });
    await first.close();

    // The app crashed during a later export: its temporary file stays, and one elsewhere.
    const crashed = partialFileFor(path.join(exports, 'later.csv'));
    const notOurs = partialFileFor(path.join(elsewhere, 'later.csv'));
    for (const file of [crashed, notOurs]) {
      await writeFile(file, 'imageId\r\n');
      await utimes(file, longAgo, longAgo);
    }
    const next = core(path.join(exports, 'amis.csv'));
    await next.close(); // waits for the sweep
    expect((await readdir(exports)).sort()).toEqual(['amis.csv']);
    expect(await partials(elsewhere)).toEqual([path.basename(notOurs)]);
  });
});
