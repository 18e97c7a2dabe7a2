/**
 * Credentials against the emulator over HTTP with the real SDK: access keys, AWS CLI profiles
 * (a three-hop role chain with MFA and an ExternalId, credential_process), role entries built
 * on other entries, one MFA prompt per root credential, and failures classified with the fix
 * that repairs them. HOME and the AWS_* file variables point at a temporary directory.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHAIN_EXTERNAL_ID,
  HUB_ACCOUNT_NAME,
  PARTNER_EXTERNAL_ID,
  ROLE_NAMES,
  startEmulator,
  type EmulatorIdentity,
  type RunningEmulator,
} from '../../emulator';
import { pathRecord, type PathRecord } from '../../electron/core/accounts/registry';
import { CredentialResolver, classifyCredentialError, type MfaRequest } from '../../electron/core/credentials/resolver';
import { AppError } from '../../shared/errors';

let emulator: RunningEmulator;
let home: string;
let hub: EmulatorIdentity;
const savedEnv: Record<string, string | undefined> = {};
const ENV_KEYS = ['HOME', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL'];

function identity(name: string): EmulatorIdentity {
  const found = emulator.identities.find((i) => i.accountName === name);
  if (!found) throw new Error(`no identity ${name}`);
  return found;
}

function roleArn(accountName: string, roleName: string): string {
  const role = emulator.roles.find((r) => r.accountName === accountName && r.name === roleName);
  if (!role) throw new Error(`no role ${roleName} in ${accountName}`);
  return role.arn;
}

/** A code of the next TOTP window: AWS (and the emulator) accept each code once per device. */
function freshCode(target: RunningEmulator, mfaSerial: string): string {
  target.advanceClock(30);
  return target.mfaCode(mfaSerial);
}

let serial = 0;
function entry(kind: PathRecord['kind'], extra: Partial<PathRecord>): PathRecord {
  serial += 1;
  return pathRecord({ id: `entry-${serial}`, accountName: `Entry ${serial}`, kind, defaultRegion: 'us-east-1', ...extra });
}

interface World {
  resolver: CredentialResolver;
  prompts: MfaRequest[];
  /** The resolver's clock (the emulator keeps its own). */
  clock: { now: Date };
  add(...records: PathRecord[]): void;
}

function world(options: { secrets?: Map<string, string> } = {}): World {
  const accounts = new Map<string, PathRecord>();
  const secrets = options.secrets ?? new Map<string, string>();
  const prompts: MfaRequest[] = [];
  const clock = { now: new Date() };
  const resolver = new CredentialResolver({
    now: () => clock.now,
    askMfa: async (request) => {
      prompts.push(request);
      return freshCode(emulator, request.mfaSerial);
    },
    secretFor: async (account) => secrets.get(account.id) ?? null,
    pathById: (id) => accounts.get(id),
  });
  return {
    resolver,
    prompts,
    clock,
    add: (...records) => {
      for (const r of records) {
        accounts.set(r.id, r);
        if (r.kind === 'access-key' && r.accessKeyId) {
          const owner = emulator.identities.find((i) => i.accessKeyId === r.accessKeyId);
          if (owner) secrets.set(r.id, owner.secretAccessKey);
        }
      }
    },
  };
}

async function whoAmI(credentials: AwsCredentialIdentityProvider, endpoint = emulator.url): Promise<{ account: string; arn: string }> {
  const sts = new STSClient({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 });
  try {
    const out = await sts.send(new GetCallerIdentityCommand({}));
    return { account: out.Account ?? '', arn: out.Arn ?? '' };
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

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  hub = identity(HUB_ACCOUNT_NAME);
  home = await mkdtemp(join(tmpdir(), 'atlas-credentials-'));
  for (const key of ENV_KEYS) savedEnv[key] = process.env[key];
  for (const key of ENV_KEYS) delete process.env[key];
  process.env.HOME = home;
  process.env.AWS_CONFIG_FILE = join(home, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, 'credentials');

  await writeFile(
    join(home, 'creds-process.mjs'),
    `console.log(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(hub.accessKeyId)}, SecretAccessKey: ${JSON.stringify(hub.secretAccessKey)} }));\n`,
  );
  await writeFile(
    process.env.AWS_CONFIG_FILE,
    `[profile hub]
region = us-east-1
endpoint_url = ${emulator.url}

[profile jump]
role_arn = ${roleArn('globex-dev', ROLE_NAMES.hubJump)}
source_profile = hub
mfa_serial = ${hub.mfaSerial}
endpoint_url = ${emulator.url}

[profile audit]
role_arn = ${roleArn('acme-staging', ROLE_NAMES.clientAudit)}
source_profile = jump
external_id = ${CHAIN_EXTERNAL_ID}
endpoint_url = ${emulator.url}

[profile prod]
role_arn = ${roleArn('acme-production', ROLE_NAMES.prodReadOnly)}
source_profile = audit
role_session_name = atlas-test
endpoint_url = ${emulator.url}

[profile sandbox-admin]
role_arn = ${roleArn('initech-sandbox', ROLE_NAMES.mfaProtected)}
source_profile = hub
mfa_serial = ${hub.mfaSerial}
endpoint_url = ${emulator.url}

[profile audit-wrong-id]
role_arn = ${roleArn('acme-staging', ROLE_NAMES.clientAudit)}
source_profile = jump
external_id = not-the-right-one
endpoint_url = ${emulator.url}

[profile tool]
credential_process = "${process.execPath}" "${join(home, 'creds-process.mjs')}"
`,
  );
  await writeFile(
    process.env.AWS_SHARED_CREDENTIALS_FILE,
    `[hub]
aws_access_key_id = ${hub.accessKeyId}
aws_secret_access_key = ${hub.secretAccessKey}
`,
  );
});

afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  await emulator?.close();
  if (home) await rm(home, { recursive: true, force: true });
});

describe('access-key entries', () => {
  it('sign with the stored key pair', async () => {
    const w = world();
    const acme = identity('acme-staging');
    const e = entry('access-key', { accessKeyId: acme.accessKeyId, endpoint: emulator.url });
    w.add(e);
    expect((await whoAmI(w.resolver.providerFor(e))).account).toBe(acme.accountId);
    expect(w.resolver.sessionExpiry(e.id)).toBeNull();
  });

  it('with an MFA device, use an MFA session made with one prompt', async () => {
    const w = world();
    const e = entry('access-key', { accessKeyId: hub.accessKeyId, mfaSerial: hub.mfaSerial, endpoint: emulator.url });
    w.add(e);
    const provider = w.resolver.providerFor(e);
    const [a, b] = await Promise.all([provider(), provider()]);
    expect(a.sessionToken).toBeTruthy();
    expect(b.accessKeyId).toBe(a.accessKeyId);
    expect(w.prompts).toHaveLength(1);
    expect((await whoAmI(provider)).arn).toBe(hub.userArn);
    expect(w.resolver.sessionExpiry(e.id)).toBe(a.expiration?.toISOString());
  });
});

describe('profile entries', () => {
  it('follow a three-hop chain with MFA and an ExternalId to the last account, then list its images', async () => {
    const w = world();
    const prod = entry('profile', { profileName: 'prod' });
    w.add(prod);
    const provider = w.resolver.providerFor(prod);
    const production = identity('acme-production');
    const me = await whoAmI(provider);
    expect(me.account).toBe(production.accountId);
    expect(me.arn).toBe(`arn:aws:sts::${production.accountId}:assumed-role/${ROLE_NAMES.prodReadOnly}/atlas-test`);
    expect(w.prompts).toEqual([{ path: prod, profileName: 'prod', mfaSerial: hub.mfaSerial }]);

    // The profile's endpoint_url is the client's business; here it is the emulator.
    const ec2 = new EC2Client({ region: production.defaultRegion, endpoint: emulator.url, credentials: provider, maxAttempts: 1 });
    try {
      const out = await ec2.send(new DescribeImagesCommand({ Owners: ['self'] }));
      expect(out.Images?.length).toBeGreaterThan(0);
      for (const image of out.Images ?? []) expect(image.OwnerId).toBe(production.accountId);
    } finally {
      ec2.destroy();
    }
    expect(w.resolver.sessionExpiry(prod.id)).not.toBeNull();
  });

  it('ask once per root credential: two profiles on the same root and device share the MFA session', async () => {
    const w = world();
    const jump = entry('profile', { profileName: 'jump' });
    const admin = entry('profile', { profileName: 'sandbox-admin' });
    w.add(jump, admin);
    const [viaJump, viaAdmin] = await Promise.all([whoAmI(w.resolver.providerFor(jump)), whoAmI(w.resolver.providerFor(admin))]);
    expect(viaJump.account).toBe(identity('globex-dev').accountId);
    expect(viaAdmin.account).toBe(identity('initech-sandbox').accountId);
    expect(w.prompts).toHaveLength(1);

    // Renewing the role credentials near their expiry reuses the MFA session: no second prompt.
    const before = await w.resolver.providerFor(jump)();
    if (!before.expiration) throw new Error('role credentials without an expiry');
    w.clock.now = new Date(before.expiration.getTime() - 4 * 60_000);
    const after = await w.resolver.providerFor(jump)();
    expect(after.accessKeyId).not.toBe(before.accessKeyId);
    expect((await whoAmI(w.resolver.providerFor(jump))).account).toBe(identity('globex-dev').accountId);
    expect(w.prompts).toHaveLength(1);
  });

  it('run credential_process', async () => {
    const w = world();
    const tool = entry('profile', { profileName: 'tool', endpoint: emulator.url });
    w.add(tool);
    expect((await whoAmI(w.resolver.providerFor(tool))).arn).toBe(hub.userArn);
  });

  it('report a wrong ExternalId as a denied role naming the role and the trust policy', async () => {
    const w = world();
    const wrong = entry('profile', { profileName: 'audit-wrong-id' });
    w.add(wrong);
    const error = await failure(w.resolver.providerFor(wrong)());
    expect(error).toBeInstanceOf(AppError);
    const c = classifyCredentialError(error, wrong);
    expect(c.code).toBe('ACCESS_DENIED');
    expect(c.fix).toBe('edit-profile');
    expect(c.message).toContain(roleArn('acme-staging', ROLE_NAMES.clientAudit));
    expect(c.message).toContain('profile audit-wrong-id');
    expect(c.message).toMatch(/trust policy/);
  });
});

describe('assume-role entries', () => {
  it('assume a role with another entry’s credentials, with an ExternalId', async () => {
    const w = world();
    const source = entry('access-key', { accountName: 'Hub keys', accessKeyId: hub.accessKeyId, endpoint: emulator.url });
    const audit = entry('assume-role', {
      accountName: 'Partner audit',
      roleArn: roleArn('initech-sandbox', ROLE_NAMES.externalAudit),
      sourcePath: source.id,
      externalId: PARTNER_EXTERNAL_ID,
      durationSeconds: 7200,
    });
    w.add(source, audit);
    const me = await whoAmI(w.resolver.providerFor(audit));
    expect(me.account).toBe(identity('initech-sandbox').accountId);
    expect(me.arn).toMatch(new RegExp(`assumed-role/${ROLE_NAMES.externalAudit}/ami-atlas-Partner-audit$`));
    expect(w.resolver.sessionExpiry(audit.id)).not.toBeNull();
  });

  it('ask once for two roles that need the same device from the same source entry', async () => {
    const w = world();
    const source = entry('access-key', { accountName: 'Hub keys', accessKeyId: hub.accessKeyId, endpoint: emulator.url });
    const jump = entry('assume-role', { accountName: 'Jump', roleArn: roleArn('globex-dev', ROLE_NAMES.hubJump), sourcePath: source.id, mfaSerial: hub.mfaSerial });
    const admin = entry('assume-role', {
      accountName: 'Sandbox admin',
      roleArn: roleArn('initech-sandbox', ROLE_NAMES.mfaProtected),
      sourcePath: source.id,
      mfaSerial: hub.mfaSerial,
    });
    // A role on top of the MFA role: the MFA context carries along the chain.
    const audit = entry('assume-role', {
      accountName: 'Client audit',
      roleArn: roleArn('acme-staging', ROLE_NAMES.clientAudit),
      sourcePath: jump.id,
      externalId: CHAIN_EXTERNAL_ID,
    });
    w.add(source, jump, admin, audit);
    const results = await Promise.all([jump, admin, audit].map((e) => whoAmI(w.resolver.providerFor(e))));
    expect(results.map((r) => r.account)).toEqual([
      identity('globex-dev').accountId,
      identity('initech-sandbox').accountId,
      identity('acme-staging').accountId,
    ]);
    expect(w.prompts).toHaveLength(1);
    expect(w.prompts[0]?.mfaSerial).toBe(hub.mfaSerial);

    // Forgetting the source forgets what was built on it, MFA session included.
    w.resolver.invalidate(source.id);
    expect(w.resolver.sessionExpiry(jump.id)).toBeNull();
    expect(w.resolver.sessionExpiry(audit.id)).toBeNull();
    await whoAmI(w.resolver.providerFor(audit));
    expect(w.prompts).toHaveLength(2);
  });

  it('without the MFA device set, are refused by an MFA-protected role, with the hint', async () => {
    const w = world();
    const source = entry('access-key', { accessKeyId: hub.accessKeyId, endpoint: emulator.url });
    const admin = entry('assume-role', { roleArn: roleArn('initech-sandbox', ROLE_NAMES.mfaProtected), sourcePath: source.id });
    w.add(source, admin);
    const error = await failure(w.resolver.providerFor(admin)());
    expect(error).toMatchObject({ code: 'ACCESS_DENIED' });
    expect((error as AppError).message).toMatch(/MFA/);
  });
});

describe('revoked and expired credentials', () => {
  it('classify a deleted key, and a role whose source key was deleted, with their fixes', async () => {
    const own = await startEmulator({ port: 0 });
    try {
      const staging = own.identities.find((i) => i.accountName === 'acme-staging');
      const readOnly = own.roles.find((r) => r.accountName === 'acme-production' && r.name === ROLE_NAMES.readOnly);
      if (!staging || !readOnly) throw new Error('seeded identity or role missing');
      const accounts = new Map<string, PathRecord>();
      const resolver = new CredentialResolver({
        askMfa: async () => '000000',
        secretFor: async () => staging.secretAccessKey,
        pathById: (id) => accounts.get(id),
      });
      const keys = entry('access-key', { accountName: 'Staging keys', accessKeyId: staging.accessKeyId, endpoint: own.url });
      const role = entry('assume-role', { accountName: 'Prod read-only', roleArn: readOnly.arn, sourcePath: keys.id });
      accounts.set(keys.id, keys).set(role.id, role);
      expect((await whoAmI(resolver.providerFor(role), own.url)).account).toBe(readOnly.accountId);

      own.revokeAccessKey(staging.accessKeyId);
      const keyError = await failure(whoAmI(resolver.providerFor(keys), own.url));
      const keyClass = classifyCredentialError(keyError, keys);
      expect(keyClass).toMatchObject({ code: 'AUTH_FAILED', fix: 'update-keys' });
      expect(keyClass.message).toContain(staging.accessKeyId);

      resolver.invalidate(keys.id);
      const roleError = await failure(whoAmI(resolver.providerFor(role), own.url));
      expect(roleError).toMatchObject({ code: 'AUTH_FAILED', details: { fix: 'fix-source', path: role.id } });
    } finally {
      await own.close();
    }
  });

  it('classify an expired session by how the entry renews it, and renew after invalidate()', async () => {
    const own = await startEmulator({ port: 0 });
    try {
      const hubOwn = own.identities.find((i) => i.accountName === HUB_ACCOUNT_NAME);
      const audit = own.roles.find((r) => r.name === ROLE_NAMES.externalAudit);
      if (!hubOwn || !audit) throw new Error('seeded identity or role missing');
      const accounts = new Map<string, PathRecord>();
      let prompts = 0;
      const resolver = new CredentialResolver({
        askMfa: async ({ mfaSerial }) => {
          prompts += 1;
          return freshCode(own, mfaSerial);
        },
        secretFor: async () => hubOwn.secretAccessKey,
        pathById: (id) => accounts.get(id),
      });
      const keys = entry('access-key', { accessKeyId: hubOwn.accessKeyId, mfaSerial: hubOwn.mfaSerial, endpoint: own.url });
      const role = entry('assume-role', { roleArn: audit.arn, sourcePath: keys.id, externalId: PARTNER_EXTERNAL_ID });
      accounts.set(keys.id, keys).set(role.id, role);
      await whoAmI(resolver.providerFor(role), own.url);
      expect(prompts).toBe(1);

      own.expireSessions();
      const roleError = await failure(whoAmI(resolver.providerFor(role), own.url));
      expect(classifyCredentialError(roleError, role)).toMatchObject({ code: 'AUTH_FAILED', fix: 'retry' });
      const keysError = await failure(whoAmI(resolver.providerFor(keys), own.url));
      expect(classifyCredentialError(keysError, keys)).toMatchObject({ code: 'AUTH_FAILED', fix: 'enter-mfa' });

      // The MFA session is gone on the server too: renewing asks for a new code once.
      resolver.invalidate(keys.id);
      expect((await whoAmI(resolver.providerFor(role), own.url)).account).toBe(audit.accountId);
      expect(prompts).toBe(2);
    } finally {
      await own.close();
    }
  });
});
