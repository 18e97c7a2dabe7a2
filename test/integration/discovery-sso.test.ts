/**
 * Accounts discovered from IAM Identity Center against the emulator's access portal, through
 * the core's channels: sign in once (device flow, token in the AWS CLI's cache), then every
 * account × role the user may use, over many small pages with the portal throttling, each
 * matched to the workspace's account when it has one.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import type { SsoDiscoveryStatus } from '../../shared/contract';
import { AppError } from '../../shared/errors';

let emulator: RunningEmulator;
let core: AppCore;
let home: string;
const opened: string[] = [];
const statuses: SsoDiscoveryStatus[] = [];
const savedHome = process.env.HOME;

const input = () => ({ startUrl: emulator.sso.startUrl, ssoRegion: emulator.sso.region, sessionName: 'atlas', endpoint: emulator.url });

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(check()).toBe(true);
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  home = await mkdtemp(join(tmpdir(), 'atlas-discovery-'));
  // The token goes where the AWS CLI keeps it: ~/.aws/sso/cache of this (temporary) home.
  process.env.HOME = home;
  core = createAppCore({
    databaseFile: ':memory:',
    secrets: new MemorySecretStore(),
    info: { name: 'AMI Atlas', version: 'test', platform: process.platform, host: 'preview' },
    startDemoWorld: async () => {
      throw new Error('no demo here');
    },
    openUrl: (url) => void opened.push(url),
    maxAttempts: 8,
    // Two results a page: the demo portal's accounts and roles then take several pages each.
    ssoPageSize: 2,
  });
  core.onEvent((event, payload) => {
    if (event === 'discovery:ssoStatus') statuses.push(payload as SsoDiscoveryStatus);
  });
});

afterAll(async () => {
  await core?.close();
  await emulator?.close();
  if (savedHome === undefined) delete process.env.HOME;
  else process.env.HOME = savedHome;
  if (home) await rm(home, { recursive: true, force: true });
});

describe('discovering accounts from IAM Identity Center', () => {
  it('asks for a sign-in before anything is read, naming the start URL', async () => {
    const error = await failure(core.handlers['discovery:ssoAccounts'](input()));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toContain(emulator.sso.startUrl);
  });

  it('refuses a start URL that is not https', async () => {
    const { schemas } = await import('../../shared/contract');
    expect(schemas.ssoDirectory.safeParse({ ...input(), startUrl: 'http://atlas-demo.awsapps.com/start' }).success).toBe(false);
  });

  it('signs in through the browser, then lists every account × role over many pages, throttling retried', async () => {
    const start = await core.handlers['discovery:ssoSignIn'](input());
    expect(opened.at(-1)).toContain(start.userCode);
    await until(() => statuses.some((s) => s.state === 'pending'));
    emulator.sso.approve(start.userCode);
    await until(() => statuses.some((s) => s.state === 'signed-in' && s.startUrl === emulator.sso.startUrl));

    const throttledBefore = emulator.stats().throttled;
    emulator.setKnobs({ throttleRate: 0.3 });
    let directory;
    try {
      directory = await core.handlers['discovery:ssoAccounts'](input());
    } finally {
      emulator.setKnobs({ throttleRate: 0 });
    }
    expect(emulator.stats().throttled).toBeGreaterThan(throttledBefore);
    const expected = [...emulator.sso.accounts]
      .sort((a, b) => a.accountName.localeCompare(b.accountName))
      .map((a) => ({ awsAccountId: a.accountId, accountName: a.accountName, email: a.emailAddress, roles: [...a.roles].sort(), inWorkspace: null }));
    expect(expected.length).toBeGreaterThan(2);
    expect(directory.accounts).toEqual(expected);
    expect(directory.accounts.some((a) => a.roles.length > 1)).toBe(true);
  });

  it('marks the accounts the workspace already has, by their name in the workspace', async () => {
    const member = emulator.sso.accounts[0]!;
    const identity = emulator.identities.find((i) => i.accountId === member.accountId)!;
    await core.handlers['accounts:addAccessKey']({
      name: 'our name for it',
      clientName: 'Client',
      accessKeyId: identity.accessKeyId,
      secretAccessKey: identity.secretAccessKey,
      defaultRegion: 'us-east-1',
      endpoint: emulator.url,
    });
    const directory = await core.handlers['discovery:ssoAccounts'](input());
    const known = directory.accounts.filter((a) => a.inWorkspace !== null);
    expect(known.map((a) => [a.awsAccountId, a.inWorkspace?.accountName])).toEqual([[member.accountId, 'our name for it']]);
  });
});
