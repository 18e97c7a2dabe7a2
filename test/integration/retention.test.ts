/**
 * Retention plans against the emulator over HTTP: a family of seven AMIs with known creation
 * dates in one account and region, keep-3 picks exactly its four oldest and says why; a plan
 * saved in the app runs again the same, and is overwritten and deleted; `ami-atlas cleanup plan`
 * writes byte for byte the app's plan as CSV for the same world and rules, from
 * flags and from a saved plan file; the usage check runs for --not-in-use and only unused AMIs
 * are picked; --apply --yes deregisters exactly the plan's AMIs, a production account only with
 * its name typed; bad flags are refused in words.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import { PROFILES_DB } from '../../electron/cli/run';
import type { RetentionRules } from '../../shared/retention';
import { planCsv } from '../../shared/retention-csv';
import { failure } from './core-fixture';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
const DAY = 86_400_000;

let emulator: RunningEmulator;
let dir: string;
let env: NodeJS.ProcessEnv;
let region: string;
/** The web-base family's image ids, newest first (10, 20, … 70 days old). */
let webBase: string[];
let apiServer: string[];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [path.join(root, 'electron', 'cli.ts'), ...args], { env, cwd: dir });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: out, stderr: err }));
  });
}

const dataDir = () => path.join(dir, 'data');
const accountArgs = () => ['--profile', 'acme', '--data-dir', dataDir(), '--endpoint', emulator.url];

const NO_RULES: RetentionRules = {
  keepNewest: null,
  olderThanDays: null,
  notLaunchedDays: null,
  notInUse: false,
  notSharedOutsideClient: false,
  excludeTags: [],
  familyPattern: null,
  scope: { clients: [], accounts: [], regions: [] },
};

/** The save dialog's answers, in order (null: cancelled), and the names it was asked with. */
const saveAnswers: Array<string | null> = [];
const saveAsked: string[] = [];

/** The app over the CLI's database (the same accounts and inventory), with a save dialog. */
async function withApp<T>(work: (core: AppCore) => Promise<T>): Promise<T> {
  const core = createAppCore({
    databaseFile: path.join(dataDir(), PROFILES_DB),
    chooseSavePath: async (name) => {
      saveAsked.push(name);
      return saveAnswers.shift() ?? null;
    },
    secrets: new MemorySecretStore(),
    startDemoWorld: async () => {
      throw new Error('no demo');
    },
    info: { name: 'AMI Atlas', version: 'test', platform: process.platform, host: 'preview' },
    ssoRefreshAtStart: null,
    resumeJobs: false,
  });
  try {
    return await work(core);
  } finally {
    await core.close();
  }
}

const csvOf = (text: string | Buffer) => parse(text, { columns: true }) as Record<string, string>[];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-retention-'));
  const acme = emulator.identities[0]!;
  await writeFile(path.join(dir, 'credentials'), `[acme]\naws_access_key_id = ${acme.accessKeyId}\naws_secret_access_key = ${acme.secretAccessKey}\n`);
  await writeFile(path.join(dir, 'config'), '[profile acme]\nregion = us-east-1\n');
  env = {
    PATH: process.env.PATH,
    HOME: dir,
    USERPROFILE: dir,
    AWS_CONFIG_FILE: path.join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };

  // The history: in the region where acme owns the most AMIs, seven of one family created 10 to 70
  // days ago, two of another, and the rest each alone in its family, a year old.
  const owned = (r: string) => emulator.world.imagesIn(r).filter((i) => i.ownerId === acme.accountId && i.state === 'available');
  region = emulator.world.regions.map((r) => r.name).sort((a, b) => owned(b).length - owned(a).length || (a < b ? -1 : 1))[0]!;
  const images = [...owned(region)].sort((a, b) => (a.imageId < b.imageId ? -1 : 1));
  expect(images.length).toBeGreaterThanOrEqual(10);
  const now = Date.now();
  const made = (days: number) => new Date(now - days * DAY).toISOString();
  images.forEach((image, i) => {
    const [name, days] = i < 7 ? ['web-base', 10 * (i + 1)] : i < 9 ? ['api-server', 100 * (i - 6)] : [`lone-${String.fromCharCode(97 + ((i - 9) % 26))}${'z'.repeat(Math.floor((i - 9) / 26))}`, 365];
    image.creationDate = made(days);
    image.name = i < 9 ? `${name}-${image.creationDate.slice(0, 10)}` : name;
    image.lastLaunchedTime = null;
    image.tags = [];
  });
  webBase = images.slice(0, 7).map((i) => i.imageId);
  apiServer = images.slice(7, 9).map((i) => i.imageId);
}, 60_000);

afterAll(async () => {
  await emulator?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('ami-atlas cleanup plan and the app’s retention plans', () => {
  let flags: Run;

  beforeAll(async () => {
    flags = await cli(['cleanup', 'plan', ...accountArgs(), '--region', region, '--keep-newest', '3', '--out', path.join(dir, 'cli.csv')]);
  }, 60_000);

  it('keep-3 picks exactly the four oldest of the family of seven, each with its rank in words', async () => {
    expect(flags.code, flags.stderr).toBe(0);
    const rows = csvOf(await readFile(path.join(dir, 'cli.csv')));
    // Oldest first: 70, 60, 50 and 40 days old; the two of the other family and the lone ones are kept.
    expect(rows.map((r) => r['image id'])).toEqual([webBase[6], webBase[5], webBase[4], webBase[3]]);
    expect(rows.map((r) => r.reasons)).toEqual([7, 6, 5, 4].map((n) => `${n}th newest of family web-base in acme / ${region} (keeping 3)`));
    expect(rows.every((r) => r['account name'] === 'acme' && r['AWS account id'] === emulator.identities[0]!.accountId && r['client name'] === 'AWS CLI profiles')).toBe(true);
    expect(rows.some((r) => apiServer.includes(r['image id']!))).toBe(false);
    // On the terminal: a line per AMI with its name and reason, then the totals with the price date and the caveat.
    const lines = flags.stdout.trim().split('\n');
    expect(lines[0]).toBe('Rules: keep the newest 3 of each family in each account and region');
    expect(lines[1]).toContain(`${webBase[6]}  web-base-`);
    expect(lines[1]).toContain(`7th newest of family web-base in acme / ${region} (keeping 3)`);
    expect(flags.stdout).toMatch(/4 AMIs to clean up of \d+ considered: [\d.]+ GiB, about \$[\d.]+ a month \(standard tier, list prices as of \d{4}-\d{2}-\d{2}\)\./);
    expect(flags.stdout).toContain('Snapshots are incremental');
    expect(flags.stdout).toMatch(/Kept \d+: \d+ newest 3 of their family\./);
  });

  it('writes byte for byte what the app’s plan gives as CSV for the same world and rules', async () => {
    const plan = await withApp((core) => core.handlers['retention:plan']({ rules: { ...NO_RULES, keepNewest: 3, scope: { clients: [], accounts: [], regions: [region] } } }));
    expect(plan.candidates).toHaveLength(4);
    expect(Buffer.from(planCsv(plan)).equals(await readFile(path.join(dir, 'cli.csv')))).toBe(true);
  });

  it('exports the plan as CSV where the user chooses, whole, with the same bytes as the CLI', async () => {
    const rules: RetentionRules = { ...NO_RULES, keepNewest: 3, scope: { clients: [], accounts: [], regions: [region] } };
    const target = path.join(dir, 'exported.csv');
    saveAsked.length = 0;
    saveAnswers.push(target, null, target);
    await withApp(async (core) => {
      expect(await core.handlers['retention:export']({ rules })).toEqual({ path: target, rows: 4 });
      expect(saveAsked[0]).toMatch(/^ami-retention-plan-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.csv$/);
      expect((await readFile(target)).equals(await readFile(path.join(dir, 'cli.csv')))).toBe(true);
      // Cancelled: nothing written.
      expect(await core.handlers['retention:export']({ rules })).toEqual({ path: null, rows: 0 });
      // A family pattern that cannot be used is refused before the dialog opens.
      const refused = await failure(core.handlers['retention:export']({ rules: { ...rules, familyPattern: '(web' } }));
      expect(refused.code).toBe('VALIDATION');
      expect(refused.message).toContain('The family pattern cannot be used. Not a regular expression');
      expect(saveAsked).toHaveLength(2);
    });
    saveAnswers.length = 0;
  });

  it('saves a plan, runs it again the same, overwrites and deletes it', async () => {
    let appCsv = '';
    await withApp(async (core) => {
      const rules: RetentionRules = { ...NO_RULES, keepNewest: 3, olderThanDays: 45, scope: { clients: [], accounts: [], regions: [region] } };
      const saved = await core.handlers['retention:save']({ name: 'monthly tidy', rules });
      expect(await core.handlers['retention:saved']({})).toEqual([saved]);
      const again = await core.handlers['retention:plan']({ rules: (await core.handlers['retention:saved']({}))[0]!.rules });
      // 4th newest is 40 days old: younger than 45 days, so kept.
      expect(again.candidates.map((c) => c.imageId)).toEqual([webBase[6], webBase[5], webBase[4]]);
      expect(again.candidates[0]!.reasons).toEqual([`7th newest of family web-base in acme / ${region} (keeping 3)`, expect.stringMatching(/^older than 45 days: created \d{4}-\d{2}-\d{2}, 70 days ago$/)]);
      expect(again.kept).toContainEqual({ kind: 'young', reason: 'created within 45 days', count: 1 });

      const clash = await failure(core.handlers['retention:save']({ name: 'Monthly Tidy', rules }));
      expect(clash.code).toBe('CONFLICT');
      expect(clash.message).toContain('"monthly tidy" is already saved');

      const overwritten = await core.handlers['retention:save']({ id: saved.id, name: 'monthly tidy', rules: { ...rules, keepNewest: 5 } });
      expect(await core.handlers['retention:saved']({})).toEqual([overwritten]);
      expect((await core.handlers['retention:plan']({ rules: overwritten.rules })).candidates.map((c) => c.imageId)).toEqual([webBase[6], webBase[5]]);

      // The same plan as a file for the CLI: its name and rules.
      await writeFile(path.join(dir, 'tidy.json'), JSON.stringify({ name: overwritten.name, rules: overwritten.rules }));
      appCsv = planCsv(await core.handlers['retention:plan']({ rules: overwritten.rules }));
      expect(await core.handlers['retention:delete']({ id: saved.id })).toEqual([]);
    });
    const run = await cli(['cleanup', 'plan', ...accountArgs(), '--offline', '--plan', path.join(dir, 'tidy.json'), '--out', path.join(dir, 'tidy.csv')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('Plan "monthly tidy": keep the newest 5 of each family in each account and region; created more than 45 days ago');
    expect((await readFile(path.join(dir, 'tidy.csv'))).equals(Buffer.from(appCsv))).toBe(true);
  }, 60_000);

  it('runs the usage check for --not-in-use and picks only AMIs found unused', async () => {
    const out = path.join(dir, 'unused-only.csv');
    const run = await cli(['cleanup', 'plan', ...accountArgs(), '--region', region, '--older-than', '0', '--not-in-use', '--out', out]);
    expect([0, 1]).toContain(run.code);
    expect(run.stderr).toMatch(/usage check done: \d+ in use, \d+ unused, \d+ unknown/);
    const rows = csvOf(await readFile(out));
    expect(rows.every((r) => r['in use'] === 'unused' && r.reasons!.endsWith(`unused at the last check (${new Date().toISOString().slice(0, 10)})`))).toBe(true);
    // The app plans over the answers the CLI's check stored: the same bytes.
    const appCsv = await withApp(async (core) => {
      const stored = await core.handlers['usage:stored']({});
      const unused = stored.filter((u) => u.region === region && u.inUse === 'no').map((u) => u.imageId).sort();
      expect(unused.length).toBeGreaterThan(0);
      expect(rows.map((r) => r['image id']).sort()).toEqual(unused);
      return planCsv(await core.handlers['retention:plan']({ rules: { ...NO_RULES, olderThanDays: 0, notInUse: true, scope: { clients: [], accounts: [], regions: [region] } } }));
    });
    expect(Buffer.from(appCsv).equals(await readFile(out))).toBe(true);
  }, 60_000);

  it('applies the plan with --apply --yes through the app’s clean-up, a production account only with its name typed', async () => {
    await withApp(async (core) => {
      const acme = (await core.handlers['workspace:get']({})).accounts.find((a) => a.name === 'acme')!;
      await core.handlers['accounts:update']({ account: acme.id, production: true });
    });
    const state = (imageId: string) => emulator.world.imagesIn(region).find((i) => i.imageId === imageId)?.state;
    const args = ['cleanup', 'plan', ...accountArgs(), '--region', region, '--keep-newest', '3', '--apply', '--yes'];

    const refused = await cli(args);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain('The plan changes production account acme: confirm with --confirm-production "acme". Nothing was changed.');
    expect(webBase.map(state)).toEqual(webBase.map(() => 'available'));

    const applied = await cli([...args, '--confirm-production', 'acme']);
    expect(applied.code, applied.stderr).toBe(0);
    const results = applied.stdout.split('\n').filter((l) => l.startsWith('deregistered: '));
    expect(results.map((l) => l.split(/\s+/)[1])).toEqual([webBase[6], webBase[5], webBase[4], webBase[3]]);
    expect(results[0]).toContain(`acme (${emulator.identities[0]!.accountId}) / ${region}`);
    expect(applied.stdout).toContain('Applied: 4 deregistered, 0 skipped, 0 failed.');
    // The newest three of the family and the other families are still there.
    expect(webBase.map(state)).toEqual(['available', 'available', 'available', 'deregistered', 'deregistered', 'deregistered', 'deregistered']);
    expect(apiServer.map(state)).toEqual(['available', 'available']);

    const again = await cli([...args, '--confirm-production', 'acme']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('0 AMIs to clean up');
    expect(again.stderr).toContain('apply: nothing to clean up');
  }, 90_000);

  it('refuses bad flags and plan files in words, with exit code 2', async () => {
    const bad = async (args: string[], words: string) => {
      const run = await cli(['cleanup', 'plan', ...args]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(words);
    };
    await bad([...accountArgs(), '--keep-newest', 'three'], '--keep-newest takes a whole number of AMIs, not "three".');
    await bad(accountArgs(), 'Give at least one rule');
    await bad([...accountArgs(), '--older-than', '30', '--family-pattern', '(a'], '--family-pattern: Not a regular expression');
    await bad([...accountArgs(), '--plan', path.join(dir, 'tidy.json'), '--older-than', '3'], '--plan gives the rules: leave out --older-than');
    await writeFile(path.join(dir, 'broken.json'), JSON.stringify({ name: 'x', rules: { keepNewest: 'three' } }));
    await bad([...accountArgs(), '--plan', path.join(dir, 'broken.json')], 'rules.keepNewest:');
    await bad([...accountArgs(), '--offline', '--older-than', '3', '--account', 'globex'], 'No account named "globex" among acme');
    await bad([...accountArgs(), '--older-than', '3', '--apply'], '--apply deregisters the plan’s AMIs and deletes their unused snapshots: add --yes to confirm.');
    await bad([...accountArgs(), '--older-than', '3', '--apply', '--yes', '--offline'], '--apply changes AWS: leave out --offline');
    const help = await cli(['cleanup', 'plan', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--keep-newest N');
    expect(help.stdout).toContain('"rules": {"keepNewest": 3');
  }, 60_000);
});
