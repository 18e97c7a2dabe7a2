/**
 * Accounts discovered from IAM Identity Center against the emulator's access portal, through
 * the core's channels: sign in once (device flow, token in the AWS CLI's cache), then every
 * account × role the user may use, over many small pages with the portal throttling, each
 * matched to the workspace's account when it has one.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator';
import type { AppCore } from '../../electron/core/app-core';
import { coreOver, failure } from './core-fixture';
import type { SsoDiscoveryStatus, SsoPortalChanges } from '../../shared/contract';
import { GetRoleCredentialsCommand, SSOClient } from '@aws-sdk/client-sso';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { cachedSsoToken } from '../../electron/core/discovery/sso-directory';

const HAND_WRITTEN = '# mine\n[profile build]\nregion = eu-west-1\n';

let emulator: RunningEmulator;
let core: AppCore;
let home: string;
const opened: string[] = [];
const statuses: SsoDiscoveryStatus[] = [];
const ENV_KEYS = ['HOME', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE'] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

const input = () => ({ startUrl: emulator.sso.startUrl, ssoRegion: emulator.sso.region, sessionName: 'atlas', endpoint: emulator.url });

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(check()).toBe(true);
}

beforeAll(async () => {
  // The demo world's portal, and 200 more accounts × 3 roles in the same directory.
  emulator = await startEmulator({ port: 0, ssoDirectory: { accounts: 200 } });
  home = await mkdtemp(join(tmpdir(), 'atlas-discovery-'));
  // The token goes where the AWS CLI keeps it: ~/.aws/sso/cache of this (temporary) home.
  process.env.HOME = home;
  // The profiles discovery writes go to this (temporary) AWS config, beside a hand-written one.
  delete process.env.AWS_PROFILE;
  process.env.AWS_CONFIG_FILE = join(home, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, 'credentials');
  await writeFile(process.env.AWS_CONFIG_FILE, HAND_WRITTEN);
  await writeFile(process.env.AWS_SHARED_CREDENTIALS_FILE, '');
  core = coreOver(emulator, {
    // A file, so a second core (the app started again) can open the same workspace.
    databaseFile: join(home, 'atlas.db'),
    openUrl: (url) => void opened.push(url),
    maxAttempts: 8,
    // Twenty results a page: the directory's accounts take eleven pages, three roles two each.
    ssoPageSize: 20,
  });
  core.onEvent((event, payload) => {
    if (event === 'discovery:ssoStatus') statuses.push(payload as SsoDiscoveryStatus);
  });
});

afterAll(async () => {
  await core?.close();
  await emulator?.close();
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
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

  it('signs in through the browser, then lists 200+ accounts × 3 roles over many pages, throttling retried', async () => {
    const start = await core.handlers['discovery:ssoSignIn'](input());
    expect(opened.at(-1)).toContain(start.userCode);
    await until(() => statuses.some((s) => s.state === 'pending'));
    emulator.sso.approve(start.userCode);
    await until(() => statuses.some((s) => s.state === 'signed-in' && s.startUrl === emulator.sso.startUrl));

    const throttledBefore = emulator.stats().throttled;
    emulator.setKnobs({ throttleRate: 0.05 });
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
    expect(expected.length).toBeGreaterThan(200);
    expect(directory.accounts).toEqual(expected);
    expect(directory.accounts.filter((a) => a.roles.length === 3)).toHaveLength(200);
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

  it('reads the directory as it is now: accounts the portal dropped are gone, new ones are there', async () => {
    const before = await core.handlers['discovery:ssoAccounts'](input());
    const dropped = before.accounts.filter((a) => a.accountName.startsWith('directory-')).slice(0, 2).map((a) => a.awsAccountId);
    emulator.sso.removeAccounts(dropped);
    const joined = emulator.sso.addAccounts(3);
    const after = await core.handlers['discovery:ssoAccounts'](input());
    const ids = (d: typeof before) => new Set(d.accounts.map((a) => a.awsAccountId));
    expect([...ids(before)].filter((id) => !ids(after).has(id)).sort()).toEqual([...dropped].sort());
    expect([...ids(after)].filter((id) => !ids(before).has(id)).sort()).toEqual(joined.map((a) => a.accountId).sort());
    expect(after.accounts.find((a) => a.awsAccountId === joined[0]!.accountId)?.roles).toEqual(['AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess']);
  });

  it("a directory account's role is a real way in: its credentials are a session in that account", async () => {
    const account = emulator.sso.accounts.find((a) => a.accountName.startsWith('directory-'))!;
    const accessToken = await cachedSsoToken(join(home, '.aws', 'sso', 'cache'), 'atlas', emulator.sso.startUrl, new Date());
    expect(accessToken).not.toBeNull();
    const sso = new SSOClient({ region: emulator.sso.region, endpoint: emulator.url });
    const sts = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string }) => new STSClient({ region: 'us-east-1', endpoint: emulator.url, credentials });
    try {
      const { roleCredentials: c } = await sso.send(new GetRoleCredentialsCommand({ accessToken: accessToken!, accountId: account.accountId, roleName: 'ReadOnlyAccess' }));
      const who = await sts({ accessKeyId: c!.accessKeyId!, secretAccessKey: c!.secretAccessKey!, sessionToken: c!.sessionToken! }).send(new GetCallerIdentityCommand({}));
      expect(who.Account).toBe(account.accountId);
      expect(who.Arn).toMatch(/:assumed-role\/AWSReservedSSO_ReadOnlyAccess_[0-9a-f]+\//);
    } finally {
      sso.destroy();
    }
  });

  it('adds 50 accounts through their ReadOnly role, and one with a separate role for changes; the config keeps what the user wrote', async () => {
    const directory = await core.handlers['discovery:ssoAccounts'](input());
    const picked = directory.accounts.filter((a) => a.accountName.startsWith('directory-') && a.inWorkspace === null).slice(0, 50);
    expect(picked).toHaveLength(50);
    const [first, ...rest] = picked;
    const { workspace, results } = await core.handlers['discovery:ssoAdd']({
      ...input(),
      accounts: [
        { awsAccountId: first!.awsAccountId, accountName: first!.accountName, readRole: 'ReadOnlyAccess', writeRole: 'AdministratorAccess', clientName: 'Acme directory' },
        ...rest.map((a) => ({ awsAccountId: a.awsAccountId, accountName: a.accountName, readRole: 'ReadOnlyAccess', clientName: 'Acme directory' })),
      ],
    });
    expect(results.filter((r) => !r.verified || r.error !== null).slice(0, 2)).toEqual([]);
    expect(results.filter((r) => r.verified && r.error === null)).toHaveLength(50);
    const client = workspace.clients.find((c) => c.name === 'Acme directory')!;
    const added = workspace.accounts.filter((a) => a.clientId === client.id);
    expect(added.map((a) => a.awsAccountId).sort()).toEqual(picked.map((a) => a.awsAccountId).sort());
    expect(added.find((a) => a.awsAccountId === rest[0]!.awsAccountId)?.name).toBe(rest[0]!.accountName);
    // The first account: two paths, reads through ReadOnly, changes through Administrator.
    const both = added.find((a) => a.awsAccountId === first!.awsAccountId)!;
    expect(both.paths.map((p) => p.profileName).sort()).toEqual([`${first!.accountName}.AdministratorAccess`, `${first!.accountName}.ReadOnlyAccess`]);
    expect(both.paths.find((p) => p.id === both.readPath)?.profileName).toBe(`${first!.accountName}.ReadOnlyAccess`);
    expect(both.paths.find((p) => p.id === both.writePath)?.profileName).toBe(`${first!.accountName}.AdministratorAccess`);
    const config = await readFile(join(home, 'config'), 'utf8');
    expect(config.startsWith(HAND_WRITTEN)).toBe(true);
    expect(config.match(/^\[profile directory-/gm)).toHaveLength(51);
  });

  it('adding again joins what is there: no duplicate accounts or profiles', async () => {
    const directory = await core.handlers['discovery:ssoAccounts'](input());
    const known = directory.accounts.filter((a) => a.accountName.startsWith('directory-') && a.inWorkspace !== null).slice(0, 2);
    const before = (await core.handlers['workspace:get']({})).accounts.length;
    const { results, workspace } = await core.handlers['discovery:ssoAdd']({
      ...input(),
      accounts: known.map((a) => ({ awsAccountId: a.awsAccountId, accountName: a.accountName, readRole: 'ReadOnlyAccess', clientName: 'Acme directory' })),
    });
    expect(results.map((r) => r.account)).toEqual(known.map((a) => a.inWorkspace!.account));
    expect(workspace.accounts).toHaveLength(before);
  });
});

describe('looking at the portal again', () => {
  const portal = () => emulator.sso.startUrl;
  const changesOf = (all: SsoPortalChanges[]) => all.find((p) => p.startUrl === portal())!;
  const accountsOf = async () => (await core.handlers['workspace:get']({})).accounts;

  it('offers exactly the accounts the portal added and flags exactly the ways in it dropped, deleting nothing', async () => {
    const before = await accountsOf();
    const added = before.filter((a) => a.name.startsWith('directory-') && a.paths.length === 1);
    const dropped = added.slice(0, 2);
    emulator.sso.removeAccounts(dropped.map((a) => a.awsAccountId!));
    const joined = emulator.sso.addAccounts(3);

    const changes = changesOf(await core.handlers['discovery:ssoRefresh']({}));
    expect(changes.state).toBe('current');
    expect(changes.clientName).toBe('Acme directory');
    expect(changes.offered.map((a) => [a.awsAccountId, a.roles]).sort()).toEqual(
      joined.map((a) => [a.accountId, ['AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess']]).sort(),
    );
    expect(changes.removed.map((r) => [r.accountName, r.role, r.profileName]).sort()).toEqual(
      dropped.map((a) => [a.name, 'ReadOnlyAccess', `${a.name}.ReadOnlyAccess`]).sort(),
    );
    // Flagged, not deleted: the accounts and their paths stay until the user removes them.
    expect(await accountsOf()).toEqual(before);
    // Remembered: the page reads the same changes without a new look.
    expect(changesOf(await core.handlers['discovery:ssoPortals']({}))).toEqual(changes);
  });

  it('never offers again what was dismissed or added, and stops flagging a removal the user keeps', async () => {
    const first = changesOf(await core.handlers['discovery:ssoPortals']({}));
    const [dismissed, taken, left] = first.offered;
    await core.handlers['discovery:ssoDismiss']({
      startUrl: portal(),
      offers: dismissed!.roles.map((role) => ({ awsAccountId: dismissed!.awsAccountId, role })),
      removals: [{ awsAccountId: first.removed[0]!.awsAccountId, role: first.removed[0]!.role }],
    });
    const { results } = await core.handlers['discovery:ssoAdd']({
      ...input(),
      accounts: [{ awsAccountId: taken!.awsAccountId, accountName: taken!.accountName, readRole: 'ReadOnlyAccess', clientName: 'Acme directory' }],
    });
    expect(results[0]?.verified).toBe(true);

    const again = changesOf(await core.handlers['discovery:ssoRefresh']({ startUrl: portal() }));
    // The dismissed account is gone; the added one is offered only the roles it was not added with.
    expect(again.offered.map((a) => [a.awsAccountId, a.roles]).sort()).toEqual(
      [
        [taken!.awsAccountId, ['AdministratorAccess', 'PowerUserAccess']],
        [left!.awsAccountId, ['AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess']],
      ].sort(),
    );
    expect(again.removed.map((r) => r.awsAccountId)).toEqual([first.removed[1]!.awsAccountId]);
  });

  it('a path removed by the user is no longer flagged', async () => {
    const { removed } = changesOf(await core.handlers['discovery:ssoPortals']({}));
    // The account's only path: removing the account is how the user drops it.
    await core.handlers['accounts:remove']({ account: removed[0]!.account });
    expect(changesOf(await core.handlers['discovery:ssoPortals']({})).removed).toEqual([]);
  });

  it('looks by itself only when the last look is old, and tells the page', async () => {
    const told: SsoPortalChanges[][] = [];
    const stop = core.onEvent((event, payload) => {
      if (event === 'discovery:ssoChanges') told.push(payload as SsoPortalChanges[]);
    });
    try {
      const calls = emulator.stats().requests;
      await core.discovery.refreshDue(new Date());
      expect(emulator.stats().requests).toBe(calls);
      expect(told).toEqual([]);
      const later = new Date(Date.now() + 7 * 60 * 60 * 1000);
      await core.discovery.refreshDue(later);
      expect(emulator.stats().requests).toBeGreaterThan(calls);
      expect(told).toHaveLength(1);
      expect(changesOf(told[0]!).state).toBe('current');
    } finally {
      stop();
    }
  });

  it('the app started again looks at the portals by itself, a moment after start', async () => {
    const again = coreOver(emulator, { databaseFile: join(home, 'atlas.db'), ssoRefreshAtStart: { afterMs: 20, olderThanMs: 0 } });
    try {
      const told = await new Promise<SsoPortalChanges[]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no look at start')), 10_000);
        again.onEvent((event, payload) => {
          if (event !== 'discovery:ssoChanges') return;
          clearTimeout(timer);
          resolve(payload as SsoPortalChanges[]);
        });
      });
      expect(changesOf(told).state).toBe('current');
      expect(changesOf(told).checkedAt).not.toBeNull();
    } finally {
      await again.close();
    }
  });

  it('a portal whose sign-in has expired says so instead of guessing', async () => {
    emulator.expireSessions({ ssoAccessTokens: true, ssoRefreshTokens: true });
    const changes = changesOf(await core.handlers['discovery:ssoRefresh']({ startUrl: portal() }));
    expect(changes.state).toBe('sign-in');
    expect(changes.error?.message).toContain(portal());
  });
});

describe('starting from the AWS config', () => {
  it("offers the config's sso-session sections, the one discovery wrote among them", async () => {
    const sessions = await core.handlers['discovery:ssoSessions']({});
    expect(sessions).toEqual([{ name: 'atlas', startUrl: emulator.sso.startUrl, ssoRegion: emulator.sso.region }]);
  });
});
