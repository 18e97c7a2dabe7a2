/**
 * The resolver's own logic, without AWS: memoization, one resolution for concurrent callers,
 * refresh shortly before expiry (on a fake clock), invalidation, and the failures it detects
 * itself. Credentials come from a real credential_process script through the SDK's fromIni.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pathRecord, type PathRecord } from '../../electron/core/accounts/registry';
import { MfaSessions } from '../../electron/core/credentials/mfa-sessions';
import { CredentialResolver, defaultSessionName, type CredentialContext, type MfaRequest } from '../../electron/core/credentials/resolver';
import { AppError } from '../../shared/errors';

let dir: string;
let counterFile: string;

const HOUR = 3_600_000;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atlas-resolver-'));
  counterFile = join(dir, 'runs');
  await writeFile(counterFile, '');
  // Prints credentials valid for one hour and counts its runs.
  await writeFile(
    join(dir, 'creds.mjs'),
    `import { appendFileSync } from 'node:fs';
appendFileSync(${JSON.stringify(counterFile)}, 'x');
const n = ${'`${Date.now()}`'}.slice(-6);
console.log(JSON.stringify({ Version: 1, AccessKeyId: 'ASIAPROCESS' + n, SecretAccessKey: 'secret', SessionToken: 'token', Expiration: new Date(Date.now() + ${HOUR}).toISOString() }));
`,
  );
  await writeFile(
    join(dir, 'config'),
    `[profile tool]
credential_process = "${process.execPath}" "${join(dir, 'creds.mjs')}"

[profile broken]
role_arn = arn:aws:iam::111111111111:role/Nowhere
source_profile = missing
`,
  );
  await writeFile(join(dir, 'credentials'), '');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function runs(): Promise<number> {
  return (await readFile(counterFile, 'utf8')).length;
}

function entry(kind: PathRecord['kind'], extra: Partial<PathRecord> = {}): PathRecord {
  return pathRecord({ id: `${kind}-${Math.random().toString(36).slice(2)}`, accountName: `${kind} entry`, kind, defaultRegion: 'us-east-1', ...extra });
}

interface Harness {
  resolver: CredentialResolver;
  clock: { now: Date };
  prompts: MfaRequest[];
  accounts: Map<string, PathRecord>;
}

function harness(overrides: Partial<CredentialContext> = {}): Harness {
  const clock = { now: new Date() };
  const prompts: MfaRequest[] = [];
  const accounts = new Map<string, PathRecord>();
  const resolver = new CredentialResolver({
    askMfa: async (request) => {
      prompts.push(request);
      return '123456';
    },
    secretFor: async () => null,
    pathById: (id) => accounts.get(id),
    profileFiles: { configFile: join(dir, 'config'), credentialsFile: join(dir, 'credentials') },
    now: () => clock.now,
    ...overrides,
  });
  return { resolver, clock, prompts, accounts };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('CredentialResolver memoization', () => {
  it('resolves once for concurrent callers and reuses the result', async () => {
    const { resolver } = harness();
    const tool = entry('profile', { profileName: 'tool' });
    const provider = resolver.providerFor(tool);
    const results = await Promise.all(Array.from({ length: 5 }, () => provider()));
    expect(new Set(results.map((c) => c.accessKeyId)).size).toBe(1);
    expect(await runs()).toBe(1);
    expect((await provider()).accessKeyId).toBe(results[0]?.accessKeyId);
    expect(await runs()).toBe(1);
    expect(resolver.providerFor(tool)).toBe(provider);
  });

  it('refreshes shortly before expiry, on its clock', async () => {
    const { resolver, clock } = harness();
    const tool = entry('profile', { profileName: 'tool' });
    const provider = resolver.providerFor(tool);
    const first = await provider();
    const start = clock.now.getTime();
    expect(resolver.sessionExpiry(tool.id)).toBe(first.expiration?.toISOString());

    clock.now = new Date(start + 50 * 60_000); // 10 minutes left: still good
    await provider();
    expect(await runs()).toBe(1);

    clock.now = new Date(start + 56 * 60_000); // under 5 minutes left: replaced
    await Promise.all([provider(), provider(), provider()]);
    expect(await runs()).toBe(2);
  });

  it('honours a custom refresh margin', async () => {
    const clock = { now: new Date() };
    const resolver = new CredentialResolver(
      {
        askMfa: async () => '000000',
        secretFor: async () => null,
        pathById: () => undefined,
        profileFiles: { configFile: join(dir, 'config'), credentialsFile: join(dir, 'credentials') },
        now: () => clock.now,
      },
      { refreshBeforeMs: 30 * 60_000 },
    );
    const provider = resolver.providerFor(entry('profile', { profileName: 'tool' }));
    await provider();
    clock.now = new Date(clock.now.getTime() + 31 * 60_000);
    await provider();
    expect(await runs()).toBe(2);
  });

  it('starts over after invalidate() and when the entry changes', async () => {
    const { resolver, accounts } = harness();
    const tool = entry('profile', { profileName: 'tool' });
    accounts.set(tool.id, tool);
    const provider = resolver.providerFor(tool);
    await provider();
    resolver.invalidate(tool.id);
    expect(resolver.sessionExpiry(tool.id)).toBeNull();
    await provider();
    expect(await runs()).toBe(2);
    accounts.set(tool.id, { ...tool, defaultRegion: 'eu-west-1' });
    await provider();
    expect(await runs()).toBe(3);
    await provider();
    expect(await runs()).toBe(3);
  });

  it('shares one MFA prompt among concurrent callers of an access-key entry with MFA', async () => {
    // Nothing listens on this port: the prompt happens, then GetSessionToken fails to connect.
    const { resolver, prompts } = harness({ secretFor: async () => 'secret-key-value-0000' });
    const root = entry('access-key', {
      accessKeyId: 'AKIAROOTEXAMPLE00001',
      mfaSerial: 'arn:aws:iam::111111111111:mfa/alice',
      endpoint: 'http://127.0.0.1:1',
    });
    const provider = resolver.providerFor(root);
    const errors = await Promise.all(Array.from({ length: 5 }, () => failure(provider())));
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({ path: root, profileName: null, mfaSerial: 'arn:aws:iam::111111111111:mfa/alice' });
    for (const e of errors) expect(e).toMatchObject({ code: 'NETWORK', details: { fix: 'retry', path: root.id } });
  });
});

describe('CredentialResolver failures it detects itself', () => {
  it('asks for keys when no secret is stored', async () => {
    const { resolver } = harness();
    const error = await failure(resolver.providerFor(entry('access-key', { accessKeyId: 'AKIANOSECRET00000001' }))());
    expect(error).toMatchObject({ code: 'AUTH_FAILED', details: { fix: 'update-keys' } });
  });

  it('sends a broken profile to the profile, saying what is wrong', async () => {
    const { resolver } = harness();
    const error = await failure(resolver.providerFor(entry('profile', { profileName: 'broken' }))());
    expect(error).toMatchObject({ code: 'AUTH_FAILED', details: { fix: 'edit-profile' } });
    expect(error.message).toContain('source_profile missing');
    const missing = await failure(resolver.providerFor(entry('profile', { profileName: 'nope' }))());
    expect(missing.message).toContain('Profile nope does not exist');
  });

  it('refuses role entries whose sources loop or are gone, before calling AWS', async () => {
    const { resolver, accounts } = harness();
    const a = entry('assume-role', { accountName: 'A', roleArn: 'arn:aws:iam::111111111111:role/A' });
    const b = entry('assume-role', { accountName: 'B', roleArn: 'arn:aws:iam::111111111111:role/B', sourcePath: a.id });
    a.sourcePath = b.id;
    accounts.set(a.id, a).set(b.id, b);
    const loop = await failure(resolver.providerFor(a)());
    expect(loop).toMatchObject({ code: 'AUTH_FAILED', details: { fix: 'fix-source' } });
    expect(loop.message).toContain('"A" → "B" → "A"');

    const orphan = entry('assume-role', { accountName: 'Orphan', roleArn: 'arn:aws:iam::111111111111:role/C', sourcePath: 'gone' });
    accounts.set(orphan.id, orphan);
    expect((await failure(resolver.providerFor(orphan)())).details?.fix).toBe('fix-source');
  });

  it('names a failing source and keeps a cancelled MFA prompt repairable where it is', async () => {
    const { resolver, accounts } = harness({
      secretFor: async () => 'secret-key-value-0000',
      askMfa: async () => {
        throw new AppError({ code: 'AUTH_FAILED', message: 'MFA sign-in was cancelled.', retryable: true });
      },
    });
    const root = entry('access-key', { accountName: 'Root', accessKeyId: 'AKIAROOTEXAMPLE00002', mfaSerial: 'arn:aws:iam::111111111111:mfa/bob' });
    const keyless = entry('access-key', { accountName: 'Keyless', accessKeyId: null });
    const viaRoot = entry('assume-role', { accountName: 'Audit', roleArn: 'arn:aws:iam::222222222222:role/Audit', sourcePath: root.id });
    const viaKeyless = entry('assume-role', { accountName: 'Other', roleArn: 'arn:aws:iam::222222222222:role/Other', sourcePath: keyless.id });
    for (const a of [root, keyless, viaRoot, viaKeyless]) accounts.set(a.id, a);

    const cancelled = await failure(resolver.providerFor(viaRoot)());
    expect(cancelled).toMatchObject({ code: 'AUTH_FAILED', details: { fix: 'enter-mfa', path: viaRoot.id } });
    expect(cancelled.message).toContain('"Root"');

    const sourceBroken = await failure(resolver.providerFor(viaKeyless)());
    expect(sourceBroken).toMatchObject({ code: 'AUTH_FAILED', details: { fix: 'fix-source' } });
    expect(sourceBroken.message).toContain('"Keyless"');
  });
});

describe('MfaSessions', () => {
  const serial = 'arn:aws:iam::111111111111:mfa/alice';
  const root: AwsCredentialIdentity = { accessKeyId: 'AKIAROOT', secretAccessKey: 's' };
  const target = { region: 'us-east-1', endpoint: null };

  function sessions() {
    const clock = { now: new Date('2026-01-01T00:00:00Z') };
    let issued = 0;
    const calls: string[] = [];
    const mfa = new MfaSessions({
      now: () => clock.now,
      refreshBeforeMs: 5 * 60_000,
      getSessionToken: async (_root, { tokenCode }) => {
        calls.push(tokenCode);
        issued += 1;
        return { accessKeyId: `ASIA${issued}`, secretAccessKey: 's', sessionToken: 't', expiration: new Date(clock.now.getTime() + 12 * HOUR) };
      },
    });
    let asked = 0;
    const ask = async () => {
      asked += 1;
      await new Promise((r) => setTimeout(r, 5));
      return `00000${asked}`;
    };
    return { mfa, clock, calls, ask, asked: () => asked };
  }

  it('prompts once for concurrent requests and reuses the session until it nears expiry', async () => {
    const { mfa, clock, calls, ask, asked } = sessions();
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => mfa.session(serial, root, { ask, owner: `e${i}`, target })));
    expect(asked()).toBe(1);
    expect(calls).toEqual(['000001']);
    expect(new Set(results.map((r) => r.accessKeyId))).toEqual(new Set(['ASIA1']));
    expect(mfa.carriesMfa(results[0]!)).toBe(true);

    clock.now = new Date(clock.now.getTime() + 11 * HOUR);
    expect((await mfa.session(serial, root, { ask, owner: 'e0', target })).accessKeyId).toBe('ASIA1');
    clock.now = new Date(clock.now.getTime() + 56 * 60_000);
    expect((await mfa.session(serial, root, { ask, owner: 'e0', target })).accessKeyId).toBe('ASIA2');
    expect(asked()).toBe(2);
  });

  it('keeps sessions apart per root key, and drops them with their owner', async () => {
    const { mfa, ask, asked } = sessions();
    await mfa.session(serial, root, { ask, owner: 'a', target });
    await mfa.session(serial, { ...root, accessKeyId: 'AKIAOTHER' }, { ask, owner: 'b', target });
    expect(asked()).toBe(2);
    mfa.forget('a');
    await mfa.session(serial, root, { ask, owner: 'a', target });
    await mfa.session(serial, { ...root, accessKeyId: 'AKIAOTHER' }, { ask, owner: 'b', target });
    expect(asked()).toBe(3);
  });

  it('shares a refused prompt with every waiter, then asks again next time', async () => {
    const { mfa } = sessions();
    let asked = 0;
    const refuse = async () => {
      asked += 1;
      throw new Error('cancelled');
    };
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => mfa.session(serial, root, { ask: refuse, owner: 'a', target })));
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    expect(asked).toBe(1);
    await expect(mfa.session(serial, root, { ask: refuse, owner: 'a', target })).rejects.toThrow('cancelled');
    expect(asked).toBe(2);
  });
});

describe('defaultSessionName', () => {
  it('makes a valid RoleSessionName from any entry name', () => {
    expect(defaultSessionName('Acme Prod (eu)')).toBe('ami-atlas-Acme-Prod-eu');
    expect(defaultSessionName('ünïcode')).toBe('ami-atlas-n-code');
    expect(defaultSessionName('x'.repeat(100))).toHaveLength(64);
    expect(defaultSessionName('***')).toBe('ami-atlas-entry');
  });
});
