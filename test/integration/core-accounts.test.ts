/**
 * Accounts the way a consultant uses them, through the core's channel handlers against the
 * emulator: key pairs, roles from other entries, AWS CLI profiles (a three-level role chain
 * with ExternalId and MFA, credential_process, SSO), one MFA prompt per root credential, SSO
 * sign-in, failures that name their fix while other accounts keep working.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAIN_EXTERNAL_ID, HUB_ACCOUNT_NAME, ROLE_NAMES, startEmulator, type EmulatorIdentity, type RunningEmulator } from '../../emulator';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import type { Events } from '../../shared/contract';
import type { AppError } from '../../shared/errors';
import type { AccessPathSummary, AccountSummary } from '../../shared/model';

let emulator: RunningEmulator;
let core: AppCore;
let home: string;
let config: string;
const opened: string[] = [];
const prompts: Array<Events['mfa:prompt']> = [];
const ssoStatus: Array<Events['sso:status']> = [];
const saved: Record<string, string | undefined> = {};
const ENV = ['HOME', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

const who = (name: string): EmulatorIdentity => emulator.identities.find((i) => i.accountName === name)!;
const roleArn = (accountName: string, role: string) => emulator.roles.find((r) => r.accountName === accountName && r.name === role)!.arn;
const ownedIn = (accountId: string, region: string) =>
  emulator.world.imagesIn(region).filter((i) => i.ownerId === accountId && i.state !== 'deregistered').map((i) => i.imageId).sort();

async function entry(name: string): Promise<AccountSummary> {
  const found = (await core.handlers['workspace:get']({})).accounts.find((a) => a.name === name);
  if (!found) throw new Error(`no account ${name}`);
  return found;
}

/** The account's path that reaches it this way ("profile acme-prod", "access key …WXYZ"). */
function pathOf(account: AccountSummary, via: string): AccessPathSummary {
  const found = account.paths.find((p) => p.via.startsWith(via));
  if (!found) throw new Error(`${account.name} has no path ${via} (has ${account.paths.map((p) => p.via).join(', ')})`);
  return found;
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a failure');
}

async function until<T>(check: () => T | undefined, what: string, ms = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  for (const key of ENV) saved[key] = process.env[key];
  for (const key of ENV) delete process.env[key];
  home = await mkdtemp(path.join(tmpdir(), 'atlas-core-accounts-'));
  process.env.HOME = home;
  emulator = await startEmulator({ port: 0 });
  const hub = who(HUB_ACCOUNT_NAME);
  config = path.join(home, 'config');
  const credentials = path.join(home, 'credentials');
  const processScript = path.join(home, 'creds.cjs');
  const sandbox = who('initech-sandbox');
  await writeFile(
    processScript,
    `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(sandbox.accessKeyId)}, SecretAccessKey: ${JSON.stringify(sandbox.secretAccessKey)} }));`,
  );
  await writeFile(credentials, `[hub]\naws_access_key_id = ${hub.accessKeyId}\naws_secret_access_key = ${hub.secretAccessKey}\n`);
  await writeFile(
    config,
    [
      `[profile hub]\nregion = us-east-1\nendpoint_url = ${emulator.url}`,
      `[profile jump]\nrole_arn = ${roleArn('globex-dev', ROLE_NAMES.hubJump)}\nsource_profile = hub\nmfa_serial = ${hub.mfaSerial}\nendpoint_url = ${emulator.url}`,
      `[profile audit]\nrole_arn = ${roleArn('acme-staging', ROLE_NAMES.clientAudit)}\nsource_profile = jump\nexternal_id = ${CHAIN_EXTERNAL_ID}\nendpoint_url = ${emulator.url}`,
      `[profile acme-prod]\nrole_arn = ${roleArn('acme-production', ROLE_NAMES.prodReadOnly)}\nsource_profile = audit\nregion = us-east-1\nendpoint_url = ${emulator.url}`,
      `[profile sandbox-process]\ncredential_process = node ${processScript}\nregion = us-east-1\nendpoint_url = ${emulator.url}`,
      `[sso-session atlas]\nsso_start_url = ${emulator.sso.startUrl}\nsso_region = ${emulator.sso.region}\nsso_registration_scopes = sso:account:access`,
      `[profile sso-staging]\nsso_session = atlas\nsso_account_id = ${who('acme-staging').accountId}\nsso_role_name = ReadOnlyAccess\nregion = us-east-1\nendpoint_url = ${emulator.url}`,
      `[profile broken]\nrole_arn = ${roleArn('acme-staging', ROLE_NAMES.clientAudit)}\nsource_profile = nowhere`,
    ].join('\n\n') + '\n',
  );

  core = createAppCore({
    databaseFile: ':memory:',
    secrets: new MemorySecretStore(),
    info: { name: 'AMI Atlas', version: 'test', platform: process.platform, host: 'preview' },
    startDemoWorld: async () => {
      throw new Error('no demo here');
    },
    openUrl: (url) => void opened.push(url),
    profileFiles: { configFile: config, credentialsFile: credentials },
    maxAttempts: 2,
  });
  core.onEvent((event, payload) => {
    if (event === 'mfa:prompt') {
      const prompt = payload as Events['mfa:prompt'];
      prompts.push(prompt);
      // The user types the code their device shows now.
      void core.handlers['mfa:answer']({ requestId: prompt.requestId, code: emulator.mfaCode(prompt.mfaSerial) });
    }
    if (event === 'sso:status') ssoStatus.push(payload as Events['sso:status']);
  });
});

afterAll(async () => {
  await core?.close();
  await emulator?.close();
  await rm(home, { recursive: true, force: true });
  for (const key of ENV) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

describe('AWS CLI profiles', () => {
  it('lists every profile with its kind, chain and problems, never a secret', async () => {
    const profiles = await core.handlers['profiles:list']({});
    const by = (name: string) => profiles.find((p) => p.name === name)!;
    expect(by('hub').kind).toBe('static');
    expect(by('acme-prod')).toMatchObject({ kind: 'assume-role', chain: ['acme-prod', 'audit', 'jump', 'hub'], problem: null });
    expect(by('sandbox-process').kind).toBe('process');
    expect(by('sso-staging')).toMatchObject({ kind: 'sso', ssoStartUrl: emulator.sso.startUrl, ssoSession: 'atlas' });
    expect(by('broken').problem).toMatch(/nowhere/);
    expect(JSON.stringify(profiles)).not.toContain(who(HUB_ACCOUNT_NAME).secretAccessKey);
  });

  it('imports a three-level role chain with ExternalId and MFA, asking for one code, and lists that account’s AMIs', async () => {
    const before = prompts.length;
    const out = await core.handlers['profiles:import']({
      profiles: [
        { profileName: 'acme-prod', name: 'acme prod (via hub)', clientName: 'Acme', production: true },
        { profileName: 'jump', name: 'globex dev (jump)', clientName: 'Globex' },
        { profileName: 'broken', name: 'broken', clientName: 'Acme' },
      ],
    });
    const result = (name: string) => out.results.find((r) => r.profileName === name)!;
    expect(result('acme-prod')).toMatchObject({ verified: true, error: null, accountName: 'acme prod (via hub)', joined: false });
    expect(result('jump')).toMatchObject({ verified: true, error: null });
    expect(result('broken')).toMatchObject({ account: null, verified: false, error: { code: 'VALIDATION' } });
    // Both profiles start from the same MFA-protected root: one prompt serves them.
    expect(prompts.length - before).toBe(1);
    expect(prompts.at(-1)).toMatchObject({ accountName: 'acme prod (via hub)', via: 'profile acme-prod', profileName: 'acme-prod', mfaSerial: who(HUB_ACCOUNT_NAME).mfaSerial });

    const prod = await entry('acme prod (via hub)');
    const acmeProd = who('acme-production');
    expect(prod).toMatchObject({ awsAccountId: acmeProd.accountId, alias: acmeProd.accountAlias, production: true, health: 'ok' });
    expect(pathOf(prod, 'profile acme-prod')).toMatchObject({ kind: 'profile', principal: `role/${ROLE_NAMES.prodReadOnly}` });
    const list = await core.handlers['images:list']({ account: prod.id, region: 'us-east-1', view: 'owned' });
    expect(list.images.map((i) => i.imageId).sort()).toEqual(ownedIn(acmeProd.accountId, 'us-east-1'));
  });

  it('reaches an account through credential_process', async () => {
    const out = await core.handlers['profiles:import']({ profiles: [{ profileName: 'sandbox-process', name: 'sandbox (process)', clientName: 'Initech' }] });
    expect(out.results[0]).toMatchObject({ verified: true });
    expect((await entry('sandbox (process)')).awsAccountId).toBe(who('initech-sandbox').accountId);
  });

  it('signs in to SSO with the device flow, then lists AMIs with the role credentials', async () => {
    const out = await core.handlers['profiles:import']({ profiles: [{ profileName: 'sso-staging', name: 'acme staging (SSO)', clientName: 'Acme' }] });
    // No token yet: kept, and it says how to fix it. Its settings name the account already.
    expect(out.results[0]).toMatchObject({ verified: false, error: { code: 'AUTH_FAILED' } });
    const sso = await entry('acme staging (SSO)');
    expect(sso).toMatchObject({ health: 'needs-sign-in', fix: 'sso-sign-in', awsAccountId: who('acme-staging').accountId });
    const ssoPath = pathOf(sso, 'profile sso-staging');
    expect(sso.fixPath).toBe(ssoPath.id);

    const start = await core.handlers['sso:signIn']({ path: ssoPath.id });
    expect(start.userCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(opened.at(-1)).toBe(start.verificationUriComplete ?? start.verificationUri);
    emulator.sso.approve(start.userCode);
    await until(() => ssoStatus.find((s) => s.path === ssoPath.id && s.state === 'signed-in'), 'SSO sign-in');

    const after = await entry('acme staging (SSO)');
    expect(after).toMatchObject({ health: 'ok', awsAccountId: who('acme-staging').accountId, fix: null });
    const list = await core.handlers['images:list']({ account: sso.id, region: 'us-east-1', view: 'owned' });
    expect(list.images.map((i) => i.imageId).sort()).toEqual(ownedIn(who('acme-staging').accountId, 'us-east-1'));
  });
});

describe('accounts added in the app', () => {
  it('adds a key pair and a role assumed from it, joins a second way into the same account, and protects the source from removal', async () => {
    const hub = who(HUB_ACCOUNT_NAME);
    const added = await core.handlers['accounts:addAccessKey']({
      name: 'hub keys',
      clientName: 'Initech',
      accessKeyId: hub.accessKeyId,
      secretAccessKey: hub.secretAccessKey,
      defaultRegion: 'us-east-1',
      endpoint: emulator.url,
    });
    expect(added).toMatchObject({ accountName: 'hub keys', joined: false });
    const keys = await entry('hub keys');
    expect(keys).toMatchObject({ awsAccountId: hub.accountId, alias: hub.accountAlias, health: 'ok' });
    const keyPath = pathOf(keys, 'access key');

    await core.handlers['accounts:addRole']({
      name: 'globex prod (org role)',
      clientName: 'Globex',
      sourcePath: keyPath.id,
      roleArn: roleArn('globex-prod', 'OrganizationAccountAccessRole'),
      defaultRegion: 'eu-central-1',
    });
    const role = await entry('globex prod (org role)');
    expect(role).toMatchObject({ awsAccountId: who('globex-prod').accountId });
    expect(pathOf(role, 'role')).toMatchObject({ kind: 'assume-role', via: 'role OrganizationAccountAccessRole from hub keys' });
    expect(pathOf(role, 'role').sessionExpiresAt).not.toBeNull();

    const conflict = await failure(core.handlers['accounts:remove']({ account: keys.id }));
    expect(conflict.code).toBe('CONFLICT');
    expect(conflict.message).toContain('globex prod (org role)');
    expect(conflict.message).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

    // A second key pair into the hub is another way into the same account, not another account.
    const again = await core.handlers['accounts:addAccessKey']({
      name: 'hub keys again',
      clientName: 'Somewhere else',
      accessKeyId: hub.accessKeyId,
      secretAccessKey: hub.secretAccessKey,
      defaultRegion: 'us-east-1',
      endpoint: emulator.url,
    });
    expect(again).toMatchObject({ account: keys.id, accountName: 'hub keys', joined: true });
    const workspace = await core.handlers['workspace:get']({});
    expect(workspace.accounts.filter((a) => a.awsAccountId === hub.accountId)).toHaveLength(1);
    expect(workspace.clients.some((c) => c.name === 'Somewhere else')).toBe(false);
    expect((await entry('hub keys')).paths).toHaveLength(2);
    await core.handlers['paths:remove']({ path: again.path });
    expect((await entry('hub keys')).paths).toHaveLength(1);
  });

  it('refuses a role whose ExternalId is wrong and keeps nothing of it', async () => {
    const keys = await entry('hub keys');
    const before = (await core.handlers['workspace:get']({})).accounts.length;
    const error = await failure(
      core.handlers['accounts:addRole']({
        name: 'partner audit',
        clientName: 'Initech',
        sourcePath: pathOf(keys, 'access key').id,
        roleArn: roleArn('initech-sandbox', 'ExternalAudit'),
        externalId: 'wrong-id',
        defaultRegion: 'us-east-1',
      }),
    );
    expect(error.code).toBe('ACCESS_DENIED');
    expect(error.message).toContain('ExternalAudit');
    const after = await core.handlers['workspace:get']({});
    expect(after.accounts.some((a) => a.name === 'partner audit')).toBe(false);
    // The sandbox account was already there (credential_process): it keeps exactly its own path.
    expect(after.accounts).toHaveLength(before);
    expect((await entry('sandbox (process)')).paths.map((p) => p.via)).toEqual(['profile sandbox-process']);
  });

  it('refuses a key pair added to an account it does not reach, keeping nothing', async () => {
    const staging = who('acme-staging');
    const prod = await entry('acme prod (via hub)');
    const error = await failure(
      core.handlers['accounts:addAccessKey']({
        name: 'ignored',
        clientName: 'Acme',
        accessKeyId: staging.accessKeyId,
        secretAccessKey: staging.secretAccessKey,
        defaultRegion: 'us-east-1',
        endpoint: emulator.url,
        account: prod.id,
      }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain(staging.accountId);
    expect(error.message).toContain('acme prod (via hub)');
    expect((await entry('acme prod (via hub)')).paths).toHaveLength(1);
    expect((await entry('acme staging (SSO)')).paths).toHaveLength(1);
  });

  it('a revoked key needs sign-in; its account keeps working through its other path and says so; other accounts are untouched', async () => {
    const staging = who('acme-staging');
    const added = await core.handlers['accounts:addAccessKey']({
      name: 'staging keys',
      clientName: 'Acme',
      accessKeyId: staging.accessKeyId,
      secretAccessKey: staging.secretAccessKey,
      defaultRegion: 'us-east-1',
      endpoint: emulator.url,
    });
    // The SSO profile reaches the same account: the key joins it.
    expect(added).toMatchObject({ accountName: 'acme staging (SSO)', joined: true });
    const account = await entry('acme staging (SSO)');
    const keyPath = pathOf(account, 'access key');
    // Reads start with the key pair (marked as read path); changes go through it too.
    await core.handlers['accounts:update']({ account: account.id, readPath: keyPath.id, writePath: keyPath.id });
    emulator.revokeAccessKey(staging.accessKeyId);

    const list = await core.handlers['images:list']({ account: account.id, region: 'us-east-1', view: 'owned' });
    expect(list.images.map((i) => i.imageId).sort()).toEqual(ownedIn(staging.accountId, 'us-east-1'));
    const after = await entry('acme staging (SSO)');
    expect(pathOf(after, 'access key')).toMatchObject({ health: 'needs-sign-in', fix: 'update-keys', healthMessage: expect.stringContaining(staging.accountId) });
    expect(after.health).toBe('ok');
    expect(after.notice).toBe('Read through profile sso-staging: access key …' + staging.accessKeyId.slice(-4) + ' needs sign-in.');
    // The chosen write path fails: changes go through the SSO path, and the account says so.
    expect(after.actingPath).toBe(pathOf(after, 'profile sso-staging').id);

    // Others are untouched.
    const prod = await entry('acme prod (via hub)');
    const ok = await core.handlers['images:list']({ account: prod.id, region: 'us-east-1', view: 'owned' });
    expect(ok.images.length).toBeGreaterThan(0);
    expect((await entry('acme prod (via hub)')).health).toBe('ok');
  });

  it('expired temporary credentials are replaced without bothering the user when the root still works', async () => {
    const role = await entry('globex prod (org role)');
    emulator.expireSessions({ temporaryCredentials: true });
    const list = await core.handlers['images:list']({ account: role.id, region: 'eu-central-1', view: 'owned' });
    expect(list.images.map((i) => i.imageId).sort()).toEqual(ownedIn(who('globex-prod').accountId, 'eu-central-1'));
  });

  it('a profile edited to reach another account moves there, and both accounts say so; nothing is read under the old one', async () => {
    const { readFile } = await import('node:fs/promises');
    const original = await readFile(config, 'utf8');
    const orgRole = (account: string) => `[profile moving]\nrole_arn = ${roleArn(account, 'OrganizationAccountAccessRole')}\nsource_profile = hub\nendpoint_url = ${emulator.url}\n`;
    await writeFile(config, `${original}\n${orgRole('globex-prod')}`);
    const out = await core.handlers['profiles:import']({ profiles: [{ profileName: 'moving', name: 'unused name', clientName: 'Globex' }] });
    expect(out.results[0]).toMatchObject({ verified: true, accountName: 'globex prod (org role)', joined: true });
    const globex = await entry('globex prod (org role)');
    const moving = pathOf(globex, 'profile moving');

    // Someone edits the profile: it now reaches the sandbox account.
    await writeFile(config, `${original}\n${orgRole('initech-sandbox')}`);
    const verified = await core.handlers['paths:verify']({ path: moving.id });
    expect(verified).toMatchObject({ accountName: 'sandbox (process)', moved: true, awsAccountId: who('initech-sandbox').accountId });
    expect((await entry('globex prod (org role)')).paths.map((p) => p.via)).not.toContain('profile moving');
    expect((await entry('globex prod (org role)')).notice).toMatch(/^profile moving now reaches sandbox \(process\)/);
    expect((await entry('sandbox (process)')).notice).toMatch(/^profile moving reached globex prod \(org role\)/);
    await core.handlers['paths:remove']({ path: moving.id });
    await writeFile(config, original);
  });

  it('a profile whose endpoint_url changed reaches another world: it moves to the account at that endpoint', async () => {
    const { readFile } = await import('node:fs/promises');
    const original = await readFile(config, 'utf8');
    const other = await startEmulator({ port: 0 });
    try {
      const sandbox = who('initech-sandbox');
      const keysAt = (endpoint: string) => `[profile sandbox-keys]\naws_access_key_id = ${sandbox.accessKeyId}\naws_secret_access_key = ${sandbox.secretAccessKey}\nendpoint_url = ${endpoint}\n`;
      await writeFile(config, `${original}\n${keysAt(emulator.url)}`);
      const out = await core.handlers['profiles:import']({ profiles: [{ profileName: 'sandbox-keys', name: 'unused', clientName: 'Initech' }] });
      expect(out.results[0]).toMatchObject({ verified: true, accountName: 'sandbox (process)', joined: true });
      const pathId = out.results[0]!.path!;

      await writeFile(config, `${original}\n${keysAt(other.url)}`);
      const verified = await core.handlers['paths:verify']({ path: pathId });
      // Same 12-digit id, another endpoint: another account, never the one read at the old endpoint.
      expect(verified).toMatchObject({ moved: true, awsAccountId: sandbox.accountId });
      const ws = await core.handlers['workspace:get']({});
      const moved = ws.accounts.find((a) => a.paths.some((p) => p.id === pathId))!;
      expect(moved.endpoint).toBe(other.url);
      expect(moved.name).not.toBe('sandbox (process)');
      expect((await entry('sandbox (process)')).endpoint).toBe(emulator.url);
      expect((await entry('sandbox (process)')).notice).toMatch(/^profile sandbox-keys now reaches/);
      await core.handlers['accounts:remove']({ account: moved.id });
    } finally {
      await writeFile(config, original);
      await other.close();
    }
  });
});
