/**
 * `ami-atlas inventory export` as a script would run it, against the emulator: its CSV is
 * byte-identical to the app's export of the same rows and columns, `--offline` works with the
 * emulator stopped, exit codes tell success, partial failure, usage errors and nothing usable;
 * profiles are read afresh on every run (an edited profile counts at once, --endpoint wins) and
 * profiles reaching one account read it once.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeregisterImageCommand, EC2Client } from '@aws-sdk/client-ec2';
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
    const ours = [emulator.identities[0]!.accountId, emulator.identities[2]!.accountId];
    expect(records.length).toBeGreaterThan(20);
    // Each AMI names the accounts (of these profiles) that can launch it, by the profile's name.
    expect(records.every((r) => r.awsAccountId!.split('; ').every((id) => ours.includes(id)) && REGIONS.includes(r.region!))).toBe(true);
    expect(new Set(records.flatMap((r) => r.account!.split('; ')))).toEqual(new Set(['acme', 'globex']));
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
    // Another endpoint is another world: its cache is empty, and nothing of this one is exported.
    const elsewhere = await cli(['inventory', 'export', ...profileArgs(), ...regionArgs, '--offline', '--endpoint', deadEndpoint, '--output', file]);
    expect(elsewhere.code, elsewhere.stderr).toBe(3);
    expect(elsewhere.stderr).toContain('No cached inventory for profile acme');
    // The endpoint the scan read: the last scan of it, from the cache, without a call to AWS.
    const run = await cli(['inventory', 'export', ...profileArgs(), ...regionArgs, '--offline', '--endpoint', emulator.url, '--columns', 'imageId,region', '--output', file]);
    expect(run.code, run.stderr).toBe(0);
    const all = parse(online.stdout, { bom: true, columns: true }) as Record<string, string>[];
    expect(parse(await readFile(file), { columns: true })).toEqual(all.map((r) => ({ imageId: r.imageId, region: r.region })));
  });

  it('keeps only the AMIs the app’s search box would find, with --search', async () => {
    const all = parse(online.stdout, { bom: true, columns: true }) as Record<string, string>[];
    const run = await cli(['inventory', 'export', ...profileArgs(), ...regionArgs, '--offline', '--endpoint', emulator.url, '--search', 'ARM64 eu-west-1', '--columns', 'imageId,architecture,region']);
    expect(run.code, run.stderr).toBe(0);
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
    const expected = all.filter((r) => r.architecture === 'arm64' && r.region === 'eu-west-1');
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.imageId).sort()).toEqual(expected.map((r) => r.imageId).sort());
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
    expect(run.stderr).toContain('fix profile broken in your AWS config or credentials file (AWS rejected what it gives), then run this again');
    expect(run.stderr).not.toContain('needs sign-in: acme');
    // People read names: no internal id in anything the CLI says.
    expect(run.stderr).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
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
    expect((await cli(['inventory', 'export', '--app-accounts', '--endpoint', emulator.url])).code).toBe(2);
  }, 60_000);

  it('builds into one file that plain Node runs, with the same output', async () => {
    const outDir = path.join(dir, 'build');
    await build({ configFile: path.join(root, 'vite.cli.config.ts'), logLevel: 'silent', build: { outDir, sourcemap: false } });
    const built = path.join(outDir, 'cli.cjs');
    expect((await readFile(built, 'utf8')).startsWith('#!/usr/bin/env node')).toBe(true);
    const args = ['inventory', 'export', ...profileArgs(), ...regionArgs, '--offline', '--endpoint', emulator.url, '--bom'];
    const [fromBuild, fromSource] = [await cli(args, built), await cli(args)];
    expect(fromBuild.code, fromBuild.stderr).toBe(0);
    expect(fromBuild.stdout.length).toBeGreaterThan(1000);
    expect(fromBuild.stdout.equals(fromSource.stdout)).toBe(true);
  }, 120_000);
});

describe('profiles as they are now', () => {
  const ownedIn = (world: RunningEmulator, accountId: string, region: string) =>
    world.world
      .imagesIn(region)
      .filter((i) => i.ownerId === accountId && i.state !== 'deregistered')
      .map((i) => i.imageId)
      .sort();
  const exported = (run: Run) => parse(run.stdout, { columns: true }) as Record<string, string>[];
  let config: string;
  let credentials: string;

  beforeAll(async () => {
    config = await readFile(path.join(dir, 'config'), 'utf8');
    credentials = await readFile(path.join(dir, 'credentials'), 'utf8');
  });

  afterAll(async () => {
    await writeFile(path.join(dir, 'config'), config);
    await writeFile(path.join(dir, 'credentials'), credentials);
  });

  it('reads an account once however many profiles reach it: one target per region, one row per AMI', async () => {
    const prod = emulator.identities[0]!;
    const hub = emulator.identities.find((i) => i.accountName === 'initech-shared-services')!;
    const roleArn = emulator.roles.find((r) => r.accountName === prod.accountName && r.name === 'OrganizationAccountAccessRole')!.arn;
    await writeFile(
      path.join(dir, 'credentials'),
      `${credentials}\n[acme-again]\naws_access_key_id = ${prod.accessKeyId}\naws_secret_access_key = ${prod.secretAccessKey}\n\n[hub]\naws_access_key_id = ${hub.accessKeyId}\naws_secret_access_key = ${hub.secretAccessKey}\n`,
    );
    await writeFile(path.join(dir, 'config'), `${config}\n[profile acme-role]\nrole_arn = ${roleArn}\nsource_profile = hub\n`);
    const run = await cli([
      'inventory', 'export', '--profile', 'acme', '--profile', 'acme-again', '--profile', 'acme-role',
      '--data-dir', path.join(dir, 'same'), '--region', 'us-east-1', '--view', 'owned', '--endpoint', emulator.url,
      '--columns', 'imageId,account,awsAccountId',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`profile acme-again reaches the same account as acme (${prod.accountId}): it is read once`);
    expect(run.stderr).toContain(`profile acme-role reaches the same account as acme (${prod.accountId}): it is read once`);
    expect(run.stderr).toMatch(/scan done: 1\/1 targets done/);
    const rows = exported(run);
    expect(rows.map((r) => r.imageId).sort()).toEqual(ownedIn(emulator, prod.accountId, 'us-east-1'));
    expect(new Set(rows.map((r) => `${r.account}/${r.awsAccountId}`))).toEqual(new Set([`acme/${prod.accountId}`]));
  }, 60_000);

  it('follows a profile edited to reach another account on the next run', async () => {
    const [first, second] = [emulator.identities[0]!, emulator.identities[2]!];
    const keys = (who: typeof first) => `${credentials}\n[moving]\naws_access_key_id = ${who.accessKeyId}\naws_secret_access_key = ${who.secretAccessKey}\n`;
    const args = ['inventory', 'export', '--profile', 'moving', '--data-dir', path.join(dir, 'moving'), '--region', 'us-east-1', '--view', 'owned', '--endpoint', emulator.url, '--columns', 'imageId,awsAccountId'];
    await writeFile(path.join(dir, 'credentials'), keys(first));
    const before = await cli(args);
    expect(before.code, before.stderr).toBe(0);
    expect(new Set(exported(before).map((r) => r.awsAccountId))).toEqual(new Set([first.accountId]));
    await writeFile(path.join(dir, 'credentials'), keys(second));
    const after = await cli(args);
    expect(after.code, after.stderr).toBe(0);
    expect(exported(after).map((r) => r.imageId).sort()).toEqual(ownedIn(emulator, second.accountId, 'us-east-1'));
    // Offline, the profile's last account stands only while the profile is unchanged.
    expect((await cli([...args, '--offline'])).code).toBe(0);
    await writeFile(path.join(dir, 'credentials'), keys(first));
    const changed = await cli([...args, '--offline']);
    expect(changed.code).toBe(3);
    expect(changed.stderr).toContain('No cached inventory for profile moving as it is set up now');
  }, 60_000);

  it('follows an edited endpoint_url on the next run, and --endpoint wins over it', async () => {
    // A second world, the same but for one image: what is read where can be told apart.
    const other = await startEmulator({ port: 0 });
    try {
      const prod = emulator.identities[0]!;
      const gone = ownedIn(other, prod.accountId, 'us-east-1')[0]!;
      const ec2 = new EC2Client({ region: 'us-east-1', endpoint: other.url, credentials: { accessKeyId: prod.accessKeyId, secretAccessKey: prod.secretAccessKey } });
      await ec2.send(new DeregisterImageCommand({ ImageId: gone }));
      ec2.destroy();
      const at = (endpoint: string) => `${config}\n[profile acme]\nregion = us-east-1\nendpoint_url = ${endpoint}\n`.replace('[profile acme]\nregion = us-east-1\n\n', '');
      const args = ['inventory', 'export', '--profile', 'acme', '--data-dir', path.join(dir, 'endpoints'), '--region', 'us-east-1', '--view', 'owned', '--columns', 'imageId'];
      await writeFile(path.join(dir, 'config'), at(emulator.url));
      const first = await cli(args);
      expect(first.code, first.stderr).toBe(0);
      expect(exported(first).map((r) => r.imageId)).toContain(gone);
      await writeFile(path.join(dir, 'config'), at(other.url));
      const second = await cli(args);
      expect(second.code, second.stderr).toBe(0);
      expect(exported(second).map((r) => r.imageId).sort()).toEqual(ownedIn(other, prod.accountId, 'us-east-1'));
      expect(exported(second).map((r) => r.imageId)).not.toContain(gone);
      // The config says one endpoint; --endpoint says another: --endpoint wins.
      const forced = await cli([...args, '--endpoint', emulator.url]);
      expect(forced.code, forced.stderr).toBe(0);
      expect(exported(forced).map((r) => r.imageId)).toContain(gone);
    } finally {
      await other.close();
    }
  }, 90_000);
});
