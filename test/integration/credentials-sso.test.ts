/**
 * SSO sign-in against the emulator's IAM Identity Center: the device flow writes the token
 * where the AWS CLI keeps it, and a profile with sso_session then resolves role credentials
 * from that cache through the SDK. Denial, cancellation and expired tokens are classified.
 */
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { profileSsoSettings } from '../../electron/core/accounts/profiles';
import { pathRecord, type PathRecord } from '../../electron/core/accounts/registry';
import { CredentialResolver, classifyCredentialError } from '../../electron/core/credentials/resolver';
import { tokenCacheFile } from '../../electron/core/credentials/sso-cache';
import { startSsoLogin } from '../../electron/core/credentials/sso-login';
import { AppError } from '../../shared/errors';

let emulator: RunningEmulator;
let home: string;
let cacheDir: string;
const ENV_KEYS = ['HOME', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE'];
const savedEnv: Record<string, string | undefined> = {};

function entry(profileName: string): PathRecord {
  return pathRecord({ id: `sso-${profileName}`, accountName: `SSO ${profileName}`, kind: 'profile', defaultRegion: 'us-east-1', profileName });
}

function resolver(): CredentialResolver {
  return new CredentialResolver({
    askMfa: async () => {
      throw new Error('no MFA expected');
    },
    secretFor: async () => null,
    pathById: () => undefined,
  });
}

async function whoAmI(credentials: AwsCredentialIdentityProvider): Promise<string> {
  const sts = new STSClient({ region: 'us-east-1', endpoint: emulator.url, credentials, maxAttempts: 1 });
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Arn ?? '';
  } finally {
    sts.destroy();
  }
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

async function signIn(options: { approve: boolean } = { approve: true }): Promise<{ opened: string[]; userCode: string; done: Promise<void> }> {
  const settings = await profileSsoSettings('sso-dev');
  if (!settings) throw new Error('sso-dev has no SSO settings');
  const opened: string[] = [];
  const login = await startSsoLogin({
    startUrl: settings.startUrl,
    region: settings.region,
    sessionName: settings.sessionName,
    ...(settings.scopes ? { scopes: settings.scopes } : {}),
    endpoint: emulator.url,
    openUrl: (url) => {
      opened.push(url);
    },
  });
  if (options.approve) emulator.sso.approve(login.start.userCode);
  else emulator.sso.deny(login.start.userCode);
  return { opened, userCode: login.start.userCode, done: login.done };
}

const ssoAccount = () => {
  const account = emulator.sso.accounts.find((a) => a.roles.includes('ReadOnlyAccess'));
  if (!account) throw new Error('no SSO account with ReadOnlyAccess');
  return account;
};

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  home = await mkdtemp(join(tmpdir(), 'atlas-sso-'));
  cacheDir = join(home, '.aws', 'sso', 'cache');
  for (const key of ENV_KEYS) savedEnv[key] = process.env[key];
  for (const key of ENV_KEYS) delete process.env[key];
  process.env.HOME = home;
  process.env.AWS_CONFIG_FILE = join(home, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, 'credentials');
  await writeFile(
    process.env.AWS_CONFIG_FILE,
    `[sso-session atlas]
sso_start_url = ${emulator.sso.startUrl}
sso_region = ${emulator.sso.region}
sso_registration_scopes = sso:account:access

[profile sso-dev]
sso_session = atlas
sso_account_id = ${ssoAccount().accountId}
sso_role_name = ReadOnlyAccess
region = us-east-1
endpoint_url = ${emulator.url}
`,
  );
  await writeFile(process.env.AWS_SHARED_CREDENTIALS_FILE, '');
});

afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  await emulator?.close();
  if (home) await rm(home, { recursive: true, force: true });
});

describe('SSO profiles', () => {
  it('before any sign-in, ask for SSO sign-in', async () => {
    const sso = entry('sso-dev');
    const error = await failure(resolver().providerFor(sso)());
    expect(error).toBeInstanceOf(AppError);
    expect(classifyCredentialError(error, sso)).toMatchObject({ code: 'AUTH_FAILED', fix: 'sso-sign-in' });
    expect((error as AppError).message).toMatch(/^Not signed in to AWS SSO — sign in/);
  });

  it('sign in with the device flow, cache the token like the CLI, then resolve role credentials from it', async () => {
    const { opened, userCode, done } = await signIn();
    await done;
    expect(opened).toHaveLength(1);
    expect(opened[0]).toContain(encodeURIComponent(userCode));

    const file = tokenCacheFile(cacheDir, 'atlas', emulator.sso.startUrl);
    const token = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(token).toMatchObject({ startUrl: emulator.sso.startUrl, region: emulator.sso.region });
    for (const key of ['accessToken', 'expiresAt', 'clientId', 'clientSecret', 'registrationExpiresAt', 'refreshToken']) {
      expect(typeof token[key]).toBe('string');
    }
    expect(String(token.expiresAt)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);

    const arn = await whoAmI(resolver().providerFor(entry('sso-dev')));
    expect(arn).toMatch(new RegExp(`^arn:aws:sts::${ssoAccount().accountId}:assumed-role/AWSReservedSSO_ReadOnlyAccess_`));
  });

  it('reuses the cached client registration on the next sign-in', async () => {
    const before = JSON.parse(await readFile(tokenCacheFile(cacheDir, 'atlas', emulator.sso.startUrl), 'utf8')) as { clientId: string };
    const files = await readdir(cacheDir);
    const { done } = await signIn();
    await done;
    const after = JSON.parse(await readFile(tokenCacheFile(cacheDir, 'atlas', emulator.sso.startUrl), 'utf8')) as { clientId: string };
    expect(after.clientId).toBe(before.clientId);
    expect(await readdir(cacheDir)).toEqual(files); // the token and the registration, nothing else
  });

  it('rejects a denied sign-in', async () => {
    const { done } = await signIn({ approve: false });
    const error = await failure(done);
    expect(error).toMatchObject({ code: 'AUTH_FAILED', details: { fix: 'sso-sign-in' } });
    expect((error as AppError).message).toMatch(/denied/);
  });

  it('stops polling when cancelled', async () => {
    const settings = await profileSsoSettings('sso-dev');
    if (!settings) throw new Error('no settings');
    const login = await startSsoLogin({ ...settings, scopes: settings.scopes ?? [], endpoint: emulator.url, openUrl: () => undefined });
    login.cancel();
    const error = await failure(login.done);
    expect((error as AppError).message).toMatch(/cancelled/);
  });

  it('rejects a sign-in whose device code expired before approval', async () => {
    const settings = await profileSsoSettings('sso-dev');
    if (!settings) throw new Error('no settings');
    const login = await startSsoLogin({ ...settings, scopes: settings.scopes ?? [], endpoint: emulator.url, openUrl: () => undefined });
    emulator.advanceClock(601);
    const error = await failure(login.done);
    expect(error).toMatchObject({ code: 'AUTH_FAILED', details: { fix: 'sso-sign-in' } });
    expect((error as AppError).message).toMatch(/expired before it was approved/);
  });

  it('asks for SSO sign-in again once the server has expired every token', async () => {
    emulator.expireSessions({ ssoAccessTokens: true, ssoRefreshTokens: true });
    const sso = entry('sso-dev');
    const error = await failure(resolver().providerFor(sso)());
    expect(classifyCredentialError(error, sso)).toMatchObject({ code: 'AUTH_FAILED', fix: 'sso-sign-in' });
  });
});
