/**
 * Several ways into one AWS account are one account to scan: two profiles with keys and a role
 * assumed from another account all reach acme-production, and the inventory reads it once per
 * region and view; the grid data, its facets and the CSV hold each AMI once.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_ACCOUNT_NAME, ROLE_NAMES, startEmulator, type EmulatorIdentity, type RunningEmulator } from '../../emulator';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import { mergeAll } from '../../shared/ami-rows';
import { batchTargets, EMPTY_FILTER, facetCounts, unpackPage, type InventoryRow } from '../../shared/inventory';
import type { AccountSummary } from '../../shared/model';
import { enabledRegions, truthFor } from './inventory-helpers';

let emulator: RunningEmulator;
let core: AppCore;
let home: string;
let savePath: string;
const ENV = ['HOME', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];
const saved: Record<string, string | undefined> = {};

const who = (name: string): EmulatorIdentity => emulator.identities.find((i) => i.accountName === name)!;
const worldAccount = (name: string) => emulator.world.accounts.find((a) => a.accountId === who(name).accountId)!;

async function accounts(): Promise<AccountSummary[]> {
  return (await core.handlers['workspace:get']({})).accounts;
}

async function allRows(): Promise<InventoryRow[]> {
  const { targets } = await core.handlers['inventory:summary']({});
  const out: InventoryRow[] = [];
  for (const batch of batchTargets(targets, 500)) out.push(...unpackPage(await core.handlers['inventory:rows']({ targets: batch })));
  return out;
}

beforeAll(async () => {
  for (const key of ENV) saved[key] = process.env[key];
  for (const key of ENV) delete process.env[key];
  home = await mkdtemp(path.join(tmpdir(), 'atlas-inventory-paths-'));
  process.env.HOME = home;
  emulator = await startEmulator({ port: 0 });
  const hub = who(HUB_ACCOUNT_NAME);
  const prod = who('acme-production');
  const roleArn = emulator.roles.find((r) => r.accountName === 'acme-production' && r.name === ROLE_NAMES.organizationAccess)!.arn;
  const config = path.join(home, 'config');
  const credentials = path.join(home, 'credentials');
  await writeFile(
    credentials,
    [
      `[hub]\naws_access_key_id = ${hub.accessKeyId}\naws_secret_access_key = ${hub.secretAccessKey}`,
      `[prod-keys]\naws_access_key_id = ${prod.accessKeyId}\naws_secret_access_key = ${prod.secretAccessKey}`,
      `[prod-keys-eu]\naws_access_key_id = ${prod.accessKeyId}\naws_secret_access_key = ${prod.secretAccessKey}`,
    ].join('\n\n') + '\n',
  );
  await writeFile(
    config,
    [
      `[profile hub]\nregion = us-east-1\nendpoint_url = ${emulator.url}`,
      `[profile prod-keys]\nregion = us-east-1\nendpoint_url = ${emulator.url}`,
      `[profile prod-keys-eu]\nregion = eu-west-1\nendpoint_url = ${emulator.url}`,
      `[profile prod-admin]\nrole_arn = ${roleArn}\nsource_profile = hub\nregion = us-east-1\nendpoint_url = ${emulator.url}`,
    ].join('\n\n') + '\n',
  );
  savePath = path.join(home, 'inventory.csv');
  core = createAppCore({
    databaseFile: ':memory:',
    secrets: new MemorySecretStore(),
    info: { name: 'AMI Atlas', version: 'test', platform: process.platform, host: 'preview' },
    startDemoWorld: async () => {
      throw new Error('no demo here');
    },
    profileFiles: { configFile: config, credentialsFile: credentials },
    chooseSavePath: async () => savePath,
    maxAttempts: 3,
  });
});

afterAll(async () => {
  await core?.close();
  await emulator?.close();
  if (home) await rm(home, { recursive: true, force: true });
  for (const key of ENV) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

describe('two profiles and a role into the same account', () => {
  it('are three access paths of one account', async () => {
    const out = await core.handlers['profiles:import']({
      profiles: [
        { profileName: 'prod-keys', name: 'acme production', clientName: 'Acme' },
        { profileName: 'prod-keys-eu', name: 'acme production (eu)', clientName: 'Acme' },
        { profileName: 'prod-admin', name: 'acme production (admin)', clientName: 'Acme' },
        { profileName: 'hub', name: 'hub', clientName: 'Consultancy' },
      ],
    });
    expect(out.results.every((r) => r.verified)).toBe(true);
    const prod = (await accounts()).filter((a) => a.awsAccountId === who('acme-production').accountId);
    expect(prod).toHaveLength(1);
    expect(prod[0]!.name).toBe('acme production');
    expect(prod[0]!.paths.map((p) => p.via).sort()).toEqual(['profile prod-admin', 'profile prod-keys', 'profile prod-keys-eu']);
    expect(await accounts()).toHaveLength(2);
  });

  it('are read once per region and view; the grid data, facets and CSV hold each AMI once', async () => {
    const started = await core.handlers['inventory:scan']({});
    expect(started.state).toBe('running');
    const final = (await core.inventory.scanFinished())!;
    const regions = enabledRegions(emulator);
    const all = await accounts();
    const idOf = (name: string) => all.find((a) => a.name === name)!.id;
    const [prodId, hubId] = [idOf('acme production'), idOf('hub')];
    // One target per account × region × view: the three paths do not triple the reads.
    expect(final.targets).toHaveLength(2 * regions.length * 2);
    expect(final.targets.filter((t) => t.account === prodId)).toHaveLength(regions.length * 2);
    expect(final.targets.every((t) => t.state === 'done')).toBe(true);

    const rows = mergeAll(await allRows());
    const keys = rows.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    // Exactly the AMIs the two accounts can launch, each once, whichever account lists it.
    const truth = new Set<string>();
    for (const name of ['acme-production', HUB_ACCOUNT_NAME])
      for (const region of regions)
        for (const view of ['owned', 'shared'] as const) for (const t of truthFor(emulator, worldAccount(name), region, view)) truth.add(`${region}|${t.imageId}`);
    expect(rows.map((r) => `${r.region}|${r.imageId}`).sort()).toEqual([...truth].sort());
    // Some AMI is listed by both (owned by one, shared with the other): still one row.
    const both = rows.filter((r) => r.accounts.includes(prodId) && r.accounts.includes(hubId));
    expect(both.length).toBeGreaterThan(0);

    const facets = facetCounts(rows, EMPTY_FILTER);
    // Each AMI counts once per facet value, so region counts add up to the rows.
    expect([...facets.regions.values()].reduce((a, b) => a + b, 0)).toBe(rows.length);
    expect(facets.accounts.get(prodId)).toBe(rows.filter((r) => r.accounts.includes(prodId)).length);
    expect(facets.accounts.get(hubId)).toBe(rows.filter((r) => r.accounts.includes(hubId)).length);

    const exported = await core.handlers['inventory:export']({ columns: ['imageId', 'region', 'account'], filter: null, bom: false });
    expect(exported.rows).toBe(rows.length);
    const records = parse(await readFile(savePath), { columns: true }) as Array<Record<string, string>>;
    expect(records).toHaveLength(rows.length);
    expect(new Set(records.map((r) => `${r.region}|${r.imageId}`)).size).toBe(rows.length);
    const shared = records.find((r) => r.imageId === both[0]!.imageId && r.region === both[0]!.region)!;
    // The row names both accounts that can launch it, by name.
    expect(shared.account).toContain('acme production');
    expect(shared.account).toContain('hub');
  });
});
