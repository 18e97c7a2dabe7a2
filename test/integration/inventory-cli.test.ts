/**
 * `ami-atlas inventory export` as a script would run it, against the emulator: its CSV is
 * byte-identical to the app's export of the same rows and columns, `--offline` works with the
 * emulator stopped, and exit codes tell success, partial failure, usage errors and nothing usable.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { createAppCore } from '../../electron/core/app-core';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import { PROFILES_DB } from '../../electron/cli/run';
import { EMPTY_FILTER, INVENTORY_COLUMNS } from '../../shared/inventory';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
const REGIONS = ['us-east-1', 'eu-west-1'];

let emulator: RunningEmulator;
let dir: string;
let env: NodeJS.ProcessEnv;

interface Run {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** Runs the command from source (through tsx), or the built file with plain Node. */
function cli(args: string[], built: string | null = null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = built ? spawn(process.execPath, [built, ...args], { env, cwd: dir }) : spawn(tsx, [path.join(root, 'electron', 'cli.ts'), ...args], { env, cwd: dir });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: err }));
  });
}

const profileArgs = () => ['--profile', 'acme', '--profile', 'globex', '--data-dir', path.join(dir, 'data')];
const regionArgs = REGIONS.flatMap((r) => ['--region', r]);

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-cli-'));
  const [a, b] = [emulator.identities[0]!, emulator.identities[2]!];
  await writeFile(
    path.join(dir, 'credentials'),
    `[acme]\naws_access_key_id = ${a.accessKeyId}\naws_secret_access_key = ${a.secretAccessKey}\n\n[globex]\naws_access_key_id = ${b.accessKeyId}\naws_secret_access_key = ${b.secretAccessKey}\n\n[broken]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n`,
  );
  await writeFile(path.join(dir, 'config'), '[profile acme]\nregion = us-east-1\n\n[profile globex]\nregion = eu-west-1\n\n[profile broken]\nregion = us-east-1\n');
  env = {
    PATH: process.env.PATH,
    HOME: dir,
    USERPROFILE: dir,
    AWS_CONFIG_FILE: path.join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
});

afterAll(async () => {
  await emulator?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('ami-atlas inventory export', () => {
  let online: Run;

  beforeAll(async () => {
    online = await cli(['inventory', 'export', ...profileArgs(), ...regionArgs, '--endpoint', emulator.url, '--bom', '--output', '-']);
  }, 60_000);

  it('scans the profiles’ accounts and writes CSV to stdout, progress to stderr', () => {
    expect(online.code, online.stderr).toBe(0);
    expect(online.stderr).toMatch(/scan done: \d+\/8 targets done/);
    const records = parse(online.stdout, { bom: true, columns: true }) as Record<string, string>[];
    const owners = new Set([emulator.identities[0]!.accountId, emulator.identities[2]!.accountId]);
    expect(records.length).toBeGreaterThan(20);
    expect(records.every((r) => owners.has(r.awsAccountId!) && REGIONS.includes(r.region!))).toBe(true);
    expect(Object.keys(records[0]!)).toEqual([...INVENTORY_COLUMNS]);
  });

  it('writes the same bytes as the app’s export of the same rows and columns', async () => {
    const target = path.join(dir, 'app.csv');
    const core = createAppCore({
      databaseFile: path.join(dir, 'data', PROFILES_DB),
      secrets: new MemorySecretStore(),
      startDemoWorld: async () => {
        throw new Error('no demo');
      },
      info: { name: 'AMI Atlas', version: 'test', platform: process.platform, host: 'preview' },
      chooseSavePath: async () => target,
    });
    try {
      const ids = (await core.handlers['workspace:get']({})).accounts.map((a) => a.id);
      expect(ids).toHaveLength(2);
      await core.handlers['inventory:export']({ columns: [...INVENTORY_COLUMNS], filter: { ...EMPTY_FILTER, accounts: ids, regions: REGIONS }, bom: true });
    } finally {
      await core.close();
    }
    expect((await readFile(target)).equals(online.stdout)).toBe(true);
  });

  it('exports the cache with --offline while AWS is unreachable, to a file, with chosen columns', async () => {
    const stopped = await startEmulator({ port: 0 });
    const deadEndpoint = stopped.url;
    await stopped.close();
    const file = path.join(dir, 'offline.csv');
    const run = await cli(['inventory', 'export', ...profileArgs(), ...regionArgs, '--offline', '--endpoint', deadEndpoint, '--columns', 'imageId,region', '--output', file]);
    expect(run.code, run.stderr).toBe(0);
    const all = parse(online.stdout, { bom: true, columns: true }) as Record<string, string>[];
    expect(parse(await readFile(file), { columns: true })).toEqual(all.map((r) => ({ imageId: r.imageId, region: r.region })));
  });

  it('exits 1 when some targets fail, still writing what it read', async () => {
    emulator.denyAction(emulator.identities[2]!.accountId, 'DescribeImages', ['eu-west-1']);
    try {
      const run = await cli(['inventory', 'export', ...profileArgs(), ...regionArgs, '--endpoint', emulator.url, '--view', 'owned', '--columns', 'imageId,region,awsAccountId']);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain('You are not authorized to perform this operation.');
      const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
      expect(rows.some((r) => r.awsAccountId === emulator.identities[0]!.accountId)).toBe(true);
    } finally {
      emulator.allowAction(emulator.identities[2]!.accountId, 'DescribeImages');
    }
  }, 60_000);

  it('says what to do about an account whose credentials were rejected', async () => {
    const run = await cli(['inventory', 'export', '--profile', 'acme', '--profile', 'broken', '--data-dir', path.join(dir, 'data'), '--region', 'us-east-1', '--endpoint', emulator.url, '--view', 'owned', '--output', path.join(dir, 'partial.csv')]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('needs sign-in: broken — fix profile broken in your AWS config or credentials file (AWS rejected what it gives), then run this again');
    expect(run.stderr).not.toContain('needs sign-in: acme');
  }, 60_000);

  it('exits 2 on usage errors and 3 when nothing is usable', async () => {
    expect((await cli(['inventory', 'export'])).code).toBe(2);
    expect((await cli(['inventory', 'export', '--profile', 'acme', '--columns', 'nope'])).code).toBe(2);
    expect((await cli(['inventory', 'export', '--profile', 'nobody', '--data-dir', path.join(dir, 'data')])).code).toBe(2);
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.toString()).toContain('ami-atlas inventory export');
    const empty = await cli(['inventory', 'export', '--profile', 'acme', '--offline', '--data-dir', path.join(dir, 'fresh')]);
    expect(empty.code, empty.stderr).toBe(3);
    const noApp = await cli(['inventory', 'export', '--app-accounts', '--data-dir', path.join(dir, 'nowhere')]);
    expect(noApp.code).toBe(3);
  }, 60_000);

  it('builds into one file that plain Node runs, with the same output', async () => {
    const outDir = path.join(dir, 'build');
    await build({ configFile: path.join(root, 'vite.cli.config.ts'), logLevel: 'silent', build: { outDir, sourcemap: false } });
    const built = path.join(outDir, 'cli.cjs');
    expect((await readFile(built, 'utf8')).startsWith('#!/usr/bin/env node')).toBe(true);
    const args = ['inventory', 'export', ...profileArgs(), ...regionArgs, '--offline', '--bom'];
    const [fromBuild, fromSource] = [await cli(args, built), await cli(args)];
    expect(fromBuild.code, fromBuild.stderr).toBe(0);
    expect(fromBuild.stdout.length).toBeGreaterThan(1000);
    expect(fromBuild.stdout.equals(fromSource.stdout)).toBe(true);
  }, 120_000);
});
