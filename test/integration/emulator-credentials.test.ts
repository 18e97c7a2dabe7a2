/**
 * The emulator's credential features against the real SDK: AssumeRole with trust policies,
 * ExternalId and MFA conditions; GetSessionToken; role chains through the SDK's own credential
 * providers (fromTemporaryCredentials, fromIni, fromSSO); IAM account aliases; the IAM Identity
 * Center device flow and portal; and the failure knobs (deleted keys, expired sessions).
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash, createHmac } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient, ListAccountAliasesCommand, ListMFADevicesCommand } from '@aws-sdk/client-iam';
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  SSOClient,
} from '@aws-sdk/client-sso';
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
  type AssumeRoleCommandInput,
} from '@aws-sdk/client-sts';
import { fromIni, fromSSO, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHAIN_EXTERNAL_ID,
  PARTNER_EXTERNAL_ID,
  ROLE_NAMES,
  startEmulator,
  type EmulatorIdentity,
  type EmulatorRole,
  type RunningEmulator,
} from '../../emulator';

let emulator: RunningEmulator;
let scratch: string;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 1 });
  scratch = await mkdtemp(join(tmpdir(), 'emulator-credentials-'));
});

afterAll(async () => {
  await emulator?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

function identity(accountName: string): EmulatorIdentity {
  const found = emulator.identities.find((i) => i.accountName === accountName);
  if (!found) throw new Error(`no identity ${accountName}`);
  return found;
}

function role(accountName: string, name: string): EmulatorRole {
  const found = emulator.roles.find((r) => r.accountName === accountName && r.name === name);
  if (!found) throw new Error(`no role ${name} in ${accountName}`);
  return found;
}

const keys = (id: EmulatorIdentity): AwsCredentialIdentity => ({
  accessKeyId: id.accessKeyId,
  secretAccessKey: id.secretAccessKey,
});

const sts = (credentials: Credentials): STSClient =>
  new STSClient({ endpoint: emulator.url, region: 'us-east-1', maxAttempts: 1, credentials });

const ec2 = (credentials: Credentials, region = 'us-east-1'): EC2Client =>
  new EC2Client({ endpoint: emulator.url, region, maxAttempts: 1, credentials });

/** A code no earlier call has spent: each code is good once per device, as in STS. */
function freshCode(mfaSerial: string): string {
  emulator.advanceClock(30);
  return emulator.mfaCode(mfaSerial);
}

async function assume(credentials: Credentials, input: Omit<AssumeRoleCommandInput, 'RoleSessionName'> & { RoleSessionName?: string }) {
  const out = await sts(credentials).send(new AssumeRoleCommand({ RoleSessionName: 'atlas-test', ...input }));
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error('AssumeRole returned no credentials');
  return {
    out,
    credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken },
  };
}

/** The error a promise rejects with: its name (the AWS error code) and message. */
async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

async function ownImageIds(credentials: Credentials, region: string): Promise<string[]> {
  const out = await ec2(credentials, region).send(new DescribeImagesCommand({ Owners: ['self'] }));
  return (out.Images ?? []).map((i) => i.ImageId ?? '').sort();
}

function expectedOwnImageIds(accountId: string, region: string): string[] {
  return emulator.world
    .imagesIn(region)
    .filter((i) => i.ownerId === accountId && i.state !== 'deregistered' && i.state !== 'disabled')
    .map((i) => i.imageId)
    .sort();
}

const denial = (callerArn: string, roleArn: string): string =>
  `User: ${callerArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`;

/** RFC 6238 TOTP written out again here, so the exported seeds are checked independently. */
function referenceTotp(seedBase32: string, atMs: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of seedBase32) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const seed = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  return referenceHotp(seed, Math.floor(atMs / 30_000));
}

function referenceHotp(seed: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', seed).update(message).digest();
  const offset = digest[19]! & 0x0f;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

describe('MFA devices', () => {
  it('show RFC 6238 codes of the published seed', () => {
    // RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (last six digits).
    expect(referenceHotp(Buffer.from('12345678901234567890'), 1)).toBe('287082');
    for (const id of emulator.identities) {
      expect(id.mfaSerial).toBe(`arn:aws:iam::${id.accountId}:mfa/${id.userName}`);
      const at = new Date('2026-11-27T10:00:00Z');
      expect(emulator.mfaCode(id.mfaSerial, at)).toBe(referenceTotp(id.mfaSeedBase32, at.getTime()));
    }
  });
});

describe('AssumeRole', () => {
  it('assumes a role the trust policy names and acts as the role in its account', async () => {
    const staging = identity('acme-staging');
    const target = role('acme-production', ROLE_NAMES.readOnly);
    expect(target.trusts).toEqual([`arn:aws:iam::${staging.accountId}:root`]);
    const before = Date.now();
    const { out, credentials } = await assume(keys(staging), { RoleArn: target.arn, RoleSessionName: 'inventory' });

    expect(credentials.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${target.accountId}:assumed-role/AtlasReadOnly/inventory`);
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:inventory$/);
    const expiresIn = (out.Credentials?.Expiration?.getTime() ?? 0) - before;
    expect(expiresIn).toBeGreaterThan(3_500_000);
    expect(expiresIn).toBeLessThan(3_700_000 + 10 * 60_000);

    const who = await sts(credentials).send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({ Arn: out.AssumedRoleUser?.Arn, Account: target.accountId, UserId: out.AssumedRoleUser?.AssumedRoleId });
    const images = await ownImageIds(credentials, 'us-east-1');
    expect(images.length).toBeGreaterThan(0);
    expect(images).toEqual(expectedOwnImageIds(target.accountId, 'us-east-1'));
  });

  it('refuses principals the trust policy does not name, without saying more', async () => {
    const outsider = identity('globex-prod');
    const target = role('acme-production', ROLE_NAMES.readOnly);
    expect(await failure(assume(keys(outsider), { RoleArn: target.arn }))).toEqual({
      name: 'AccessDenied',
      message: denial(outsider.userArn, target.arn),
      status: 403,
    });
    const missing = `arn:aws:iam::${target.accountId}:role/NoSuchRole`;
    expect(await failure(assume(keys(outsider), { RoleArn: missing }))).toMatchObject({
      name: 'AccessDenied',
      message: denial(outsider.userArn, missing),
    });
  });

  it('requires the ExternalId the trust policy names', async () => {
    const hub = identity('initech-shared-services');
    const target = role('initech-sandbox', ROLE_NAMES.externalAudit);
    expect(target.externalId).toBe(PARTNER_EXTERNAL_ID);
    const denied = { name: 'AccessDenied', message: denial(hub.userArn, target.arn) };
    expect(await failure(assume(keys(hub), { RoleArn: target.arn }))).toMatchObject(denied);
    expect(await failure(assume(keys(hub), { RoleArn: target.arn, ExternalId: 'atlas-wrong-1' }))).toMatchObject(denied);
    const { out } = await assume(keys(hub), { RoleArn: target.arn, ExternalId: PARTNER_EXTERNAL_ID });
    expect(out.AssumedRoleUser?.Arn).toContain(':assumed-role/ExternalAudit/');
  });

  it('requires MFA when the trust policy does, and accepts each code once', async () => {
    const hub = identity('initech-shared-services');
    const target = role('initech-sandbox', ROLE_NAMES.mfaProtected);
    expect(target.mfaRequired).toBe(true);
    expect(await failure(assume(keys(hub), { RoleArn: target.arn }))).toMatchObject({
      name: 'AccessDenied',
      message: denial(hub.userArn, target.arn),
    });

    const code = freshCode(hub.mfaSerial);
    expect(code).toMatch(/^\d{6}$/);
    const { out } = await assume(keys(hub), { RoleArn: target.arn, SerialNumber: hub.mfaSerial, TokenCode: code });
    expect(out.AssumedRoleUser?.Arn).toContain(':assumed-role/MfaProtectedAdmin/');

    expect(await failure(assume(keys(hub), { RoleArn: target.arn, SerialNumber: hub.mfaSerial, TokenCode: code }))).toEqual({
      name: 'AccessDenied',
      message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
      status: 403,
    });
    expect(await failure(assume(keys(hub), { RoleArn: target.arn, SerialNumber: hub.mfaSerial }))).toMatchObject({
      name: 'AccessDenied',
      message: 'MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.',
    });
    const other = identity('initech-sandbox');
    const otherCode = freshCode(other.mfaSerial);
    expect(
      await failure(assume(keys(hub), { RoleArn: target.arn, SerialNumber: other.mfaSerial, TokenCode: otherCode })),
    ).toMatchObject({ name: 'AccessDenied', message: expect.stringContaining('unable to validate MFA code') });
  });

  it('treats an MFA-authenticated GetSessionToken session as MFA for AssumeRole', async () => {
    const hub = identity('initech-shared-services');
    const target = role('initech-sandbox', ROLE_NAMES.mfaProtected);
    const plain = await sts(keys(hub)).send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    const plainCreds = {
      accessKeyId: plain.Credentials?.AccessKeyId ?? '',
      secretAccessKey: plain.Credentials?.SecretAccessKey ?? '',
      sessionToken: plain.Credentials?.SessionToken ?? '',
    };
    expect(plainCreds.accessKeyId).toMatch(/^ASIA/);
    expect(await failure(assume(plainCreds, { RoleArn: target.arn }))).toMatchObject({ name: 'AccessDenied' });

    const withMfa = await sts(keys(hub)).send(
      new GetSessionTokenCommand({ SerialNumber: hub.mfaSerial, TokenCode: freshCode(hub.mfaSerial) }),
    );
    const mfaCreds = {
      accessKeyId: withMfa.Credentials?.AccessKeyId ?? '',
      secretAccessKey: withMfa.Credentials?.SecretAccessKey ?? '',
      sessionToken: withMfa.Credentials?.SessionToken ?? '',
    };
    const who = await sts(mfaCreds).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(hub.userArn);
    const { out } = await assume(mfaCreds, { RoleArn: target.arn });
    expect(out.AssumedRoleUser?.Arn).toContain(':assumed-role/MfaProtectedAdmin/');

    expect(await failure(sts(mfaCreds).send(new GetSessionTokenCommand({})))).toMatchObject({
      name: 'AccessDenied',
      message: 'Cannot call GetSessionToken with session credentials',
    });
  });

  it('carries MFA along a role chain', async () => {
    const hub = identity('initech-shared-services');
    const hubRole = role('initech-shared-services', ROLE_NAMES.organizationAccess);
    const target = role('initech-sandbox', ROLE_NAMES.mfaProtected);
    const withoutMfa = await assume(keys(hub), { RoleArn: hubRole.arn });
    expect(await failure(assume(withoutMfa.credentials, { RoleArn: target.arn }))).toMatchObject({ name: 'AccessDenied' });
    const withMfa = await assume(keys(hub), {
      RoleArn: hubRole.arn,
      SerialNumber: hub.mfaSerial,
      TokenCode: freshCode(hub.mfaSerial),
    });
    const { out } = await assume(withMfa.credentials, { RoleArn: target.arn });
    expect(out.AssumedRoleUser?.Arn).toContain(':assumed-role/MfaProtectedAdmin/');
  });

  it('validates parameters and session durations as STS does', async () => {
    const hub = identity('initech-shared-services');
    const org = role('acme-production', ROLE_NAMES.organizationAccess);
    expect(await failure(assume(keys(hub), { RoleArn: org.arn, DurationSeconds: 3_601 }))).toEqual({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      status: 400,
    });
    expect(await failure(assume(keys(hub), { RoleArn: org.arn, DurationSeconds: 899 }))).toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    });
    expect(
      await failure(sts(keys(hub)).send(new AssumeRoleCommand({ RoleArn: org.arn, RoleSessionName: 'bad name' }))),
    ).toMatchObject({ name: 'ValidationError', message: expect.stringContaining("at 'roleSessionName'") });

    // Role chaining is capped at one hour even when the role allows twelve.
    const sandboxReadOnly = role('initech-sandbox', ROLE_NAMES.readOnly);
    expect(sandboxReadOnly.maxSessionDuration).toBe(43_200);
    const hubSession = await assume(keys(hub), { RoleArn: role('initech-shared-services', ROLE_NAMES.organizationAccess).arn });
    expect(await failure(assume(hubSession.credentials, { RoleArn: sandboxReadOnly.arn, DurationSeconds: 7_200 }))).toMatchObject({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    });
    const long = await assume(keys(hub), { RoleArn: sandboxReadOnly.arn, DurationSeconds: 43_200 });
    expect(long.credentials.accessKeyId).toMatch(/^ASIA/);
  });
});

describe('three-hop role chain', () => {
  const chain = () => ({
    hub: identity('initech-shared-services'),
    jump: role('globex-dev', ROLE_NAMES.hubJump),
    audit: role('acme-staging', ROLE_NAMES.clientAudit),
    prod: role('acme-production', ROLE_NAMES.prodReadOnly),
  });

  it('is seeded as documented', () => {
    const { hub, jump, audit, prod } = chain();
    expect(jump).toMatchObject({ trusts: [hub.userArn], mfaRequired: true, externalId: null });
    expect(audit).toMatchObject({ trusts: [jump.arn], mfaRequired: false, externalId: CHAIN_EXTERNAL_ID });
    expect(prod).toMatchObject({ trusts: [audit.arn], mfaRequired: false, externalId: null });
  });

  it('reaches acme-production through nested fromTemporaryCredentials', async () => {
    const { hub, jump, audit, prod } = chain();
    const clientConfig = { endpoint: emulator.url, region: 'us-east-1' };
    const hop1 = fromTemporaryCredentials({
      masterCredentials: keys(hub),
      params: { RoleArn: jump.arn, RoleSessionName: 'hop1', SerialNumber: hub.mfaSerial },
      mfaCodeProvider: async (serial) => freshCode(serial),
      clientConfig,
    });
    const hop2 = fromTemporaryCredentials({
      masterCredentials: hop1,
      params: { RoleArn: audit.arn, RoleSessionName: 'hop2', ExternalId: CHAIN_EXTERNAL_ID },
      clientConfig,
    });
    const hop3 = fromTemporaryCredentials({
      masterCredentials: hop2,
      params: { RoleArn: prod.arn, RoleSessionName: 'hop3' },
      clientConfig,
    });
    const who = await sts(hop3).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:sts::${prod.accountId}:assumed-role/ProdReadOnly/hop3`);
    expect(await ownImageIds(hop3, 'eu-west-1')).toEqual(expectedOwnImageIds(prod.accountId, 'eu-west-1'));

    const noExternalId = fromTemporaryCredentials({
      masterCredentials: hop1,
      params: { RoleArn: audit.arn, RoleSessionName: 'hop2' },
      clientConfig,
    });
    expect(await failure(noExternalId())).toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining(`assumed-role/HubJump/hop1 is not authorized to perform: sts:AssumeRole`),
    });
  });

  it('reaches acme-production through fromIni profiles with source_profile', async () => {
    const { hub, jump, audit, prod } = chain();
    const dir = join(scratch, 'ini');
    await mkdir(dir, { recursive: true });
    const credentialsFile = join(dir, 'credentials');
    const configFile = join(dir, 'config');
    await writeFile(credentialsFile, `[hub]\naws_access_key_id = ${hub.accessKeyId}\naws_secret_access_key = ${hub.secretAccessKey}\n`);
    await writeFile(
      configFile,
      [
        '[profile hub]',
        'region = us-east-1',
        '[profile hub-jump]',
        `role_arn = ${jump.arn}`,
        'source_profile = hub',
        `mfa_serial = ${hub.mfaSerial}`,
        '[profile client-audit]',
        `role_arn = ${audit.arn}`,
        'source_profile = hub-jump',
        `external_id = ${CHAIN_EXTERNAL_ID}`,
        '[profile acme-prod]',
        `role_arn = ${prod.arn}`,
        'source_profile = client-audit',
        'role_session_name = atlas-ini',
        '',
      ].join('\n'),
    );
    let prompts = 0;
    const credentials = fromIni({
      profile: 'acme-prod',
      filepath: credentialsFile,
      configFilepath: configFile,
      mfaCodeProvider: async (serial) => {
        prompts++;
        return freshCode(serial);
      },
      clientConfig: { endpoint: emulator.url, region: 'us-east-1' },
    });
    const resolved = await credentials();
    expect(prompts).toBe(1);
    expect(resolved.accessKeyId).toMatch(/^ASIA/);
    expect(resolved.expiration).toBeInstanceOf(Date);
    const who = await sts(resolved).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:sts::${prod.accountId}:assumed-role/ProdReadOnly/atlas-ini`);
    expect(await ownImageIds(resolved, 'us-west-2')).toEqual(expectedOwnImageIds(prod.accountId, 'us-west-2'));
  });
});

describe('IAM', () => {
  const iam = (credentials: Credentials): IAMClient =>
    new IAMClient({ endpoint: emulator.url, region: 'us-east-1', maxAttempts: 1, credentials });

  it('lists the account alias, or none', async () => {
    const prod = identity('acme-production');
    expect(prod.accountAlias).toBe('acme-prod-main');
    expect((await iam(keys(prod)).send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['acme-prod-main']);
    const sandbox = identity('initech-sandbox');
    expect(sandbox.accountAlias).toBeNull();
    const out = await iam(keys(sandbox)).send(new ListAccountAliasesCommand({}));
    expect(out.AccountAliases ?? []).toEqual([]);
    expect(out.IsTruncated).toBe(false);
    // A role session sees the alias of the role's account.
    const { credentials } = await assume(keys(identity('acme-staging')), { RoleArn: role('acme-production', ROLE_NAMES.readOnly).arn });
    expect((await iam(credentials).send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['acme-prod-main']);
  });

  it("lists the caller's MFA device", async () => {
    const hub = identity('initech-shared-services');
    const out = await iam(keys(hub)).send(new ListMFADevicesCommand({}));
    expect(out.MFADevices?.map((d) => [d.UserName, d.SerialNumber])).toEqual([[hub.userName, hub.mfaSerial]]);
  });
});

describe('IAM Identity Center', () => {
  const clients = () => ({
    oidc: new SSOOIDCClient({ endpoint: emulator.url, region: emulator.sso.region, maxAttempts: 1 }),
    portal: new SSOClient({ endpoint: emulator.url, region: emulator.sso.region, maxAttempts: 1 }),
  });

  /** Register, start, and return what the app would show and poll with. */
  async function startLogin(scopes: string[] = ['sso:account:access']) {
    const { oidc: client } = clients();
    const registration = await client.send(
      new RegisterClientCommand({ clientName: 'ami-atlas-test', clientType: 'public', scopes }),
    );
    const clientId = registration.clientId ?? '';
    const clientSecret = registration.clientSecret ?? '';
    const device = await client.send(
      new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: emulator.sso.startUrl }),
    );
    const poll = () =>
      client.send(
        new CreateTokenCommand({
          clientId,
          clientSecret,
          grantType: 'urn:ietf:params:oauth:grant-type:device_code',
          deviceCode: device.deviceCode,
        }),
      );
    return { client, registration, clientId, clientSecret, device, poll };
  }

  it('runs the device flow and hands out role credentials that work', async () => {
    const login = await startLogin();
    expect(login.registration.clientSecretExpiresAt).toBeGreaterThan(login.registration.clientIdIssuedAt ?? 0);
    const { device } = login;
    expect(device.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(device.verificationUriComplete).toBe(`${emulator.url}/sso/verify?user_code=${device.userCode}`);
    expect(device.interval).toBe(1);
    expect(device.expiresIn).toBe(600);

    expect(await failure(login.poll())).toMatchObject({ name: 'AuthorizationPendingException', status: 400 });
    expect(await failure(login.poll())).toMatchObject({ name: 'SlowDownException' });
    expect(emulator.sso.pending()).toContain(device.userCode);
    emulator.sso.approve(device.userCode ?? '');
    expect(emulator.sso.pending()).not.toContain(device.userCode);
    const token = await login.poll();
    expect(token.tokenType).toBe('Bearer');
    expect(token.expiresIn).toBeGreaterThan(3600);
    expect(token.refreshToken).toBeTruthy();
    expect(await failure(login.poll())).toMatchObject({ name: 'InvalidGrantException' });
    const accessToken = token.accessToken ?? '';

    const { portal } = clients();
    const accounts = await portal.send(new ListAccountsCommand({ accessToken }));
    expect(accounts.accountList?.map((a) => a.accountId).sort()).toEqual(
      emulator.sso.accounts.map((a) => a.accountId).sort(),
    );
    const paged = await portal.send(new ListAccountsCommand({ accessToken, maxResults: 2 }));
    expect(paged.accountList).toHaveLength(2);
    expect(paged.nextToken).toBeTruthy();

    const staging = identity('acme-staging');
    const roles = await portal.send(new ListAccountRolesCommand({ accessToken, accountId: staging.accountId }));
    expect(roles.roleList?.map((r) => r.roleName).sort()).toEqual(['AdministratorAccess', 'ReadOnlyAccess']);

    const before = Date.now();
    const out = await portal.send(
      new GetRoleCredentialsCommand({ accessToken, accountId: staging.accountId, roleName: 'ReadOnlyAccess' }),
    );
    const rc = out.roleCredentials;
    expect(rc?.accessKeyId).toMatch(/^ASIA/);
    expect((rc?.expiration ?? 0) - before).toBeGreaterThan(14_000_000);
    const credentials = {
      accessKeyId: rc?.accessKeyId ?? '',
      secretAccessKey: rc?.secretAccessKey ?? '',
      sessionToken: rc?.sessionToken ?? '',
    };
    const set = emulator.sso.permissionSets.find((p) => p.name === 'ReadOnlyAccess');
    const who = await sts(credentials).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:sts::${staging.accountId}:assumed-role/${set?.roleName}/${emulator.sso.user.userName}`);
    expect(await ownImageIds(credentials, 'us-west-2')).toEqual(expectedOwnImageIds(staging.accountId, 'us-west-2'));

    const sandbox = identity('initech-sandbox');
    expect(
      await failure(portal.send(new GetRoleCredentialsCommand({ accessToken, accountId: sandbox.accountId, roleName: 'ReadOnlyAccess' }))),
    ).toMatchObject({ name: 'ForbiddenException', status: 403 });

    // Refresh: a new access token from the refresh token.
    const refreshed = await login.client.send(
      new CreateTokenCommand({
        clientId: login.clientId,
        clientSecret: login.clientSecret,
        grantType: 'refresh_token',
        refreshToken: token.refreshToken,
      }),
    );
    expect(refreshed.accessToken).not.toBe(accessToken);
    await portal.send(new ListAccountsCommand({ accessToken: refreshed.accessToken }));

    // Expired access tokens are refused by the portal.
    emulator.expireSessions({ temporaryCredentials: false });
    expect(await failure(portal.send(new ListAccountsCommand({ accessToken: refreshed.accessToken })))).toMatchObject({
      name: 'UnauthorizedException',
      status: 401,
    });
  });

  it('reports a denied request, and approves through the verification page', async () => {
    const denied = await startLogin();
    emulator.sso.deny(denied.device.userCode ?? '');
    expect(await failure(denied.poll())).toMatchObject({ name: 'AccessDeniedException' });

    const login = await startLogin([]);
    const pageUrl = login.device.verificationUriComplete ?? '';
    const html = await (await fetch(pageUrl)).text();
    expect(html).toContain(login.device.userCode);
    expect(html).toContain('action="/sso/verify/approve"');
    const approve = await fetch(`${emulator.url}/sso/verify/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user_code: login.device.userCode ?? '' }).toString(),
    });
    expect(approve.status).toBe(200);
    expect(await approve.text()).toContain('Request approved');
    const token = await login.poll();
    expect(token.accessToken).toBeTruthy();
    // Clients registered without scopes get no refresh token.
    expect(token.refreshToken).toBeUndefined();
    expect(() => emulator.sso.approve(login.device.userCode ?? '')).toThrow(/no pending/);
  });

  it('serves fromSSO with an sso_session profile, refreshing the cached token', async () => {
    const login = await startLogin();
    emulator.sso.approve(login.device.userCode ?? '');
    const token = await login.poll();
    const home = join(scratch, 'sso-home');
    const cacheDir = join(home, '.aws', 'sso', 'cache');
    await mkdir(cacheDir, { recursive: true });
    const configFile = join(home, '.aws', 'config');
    const globexDev = identity('globex-dev');
    await writeFile(
      configFile,
      [
        '[profile globex-admin]',
        'sso_session = atlas',
        `sso_account_id = ${globexDev.accountId}`,
        'sso_role_name = AdministratorAccess',
        'region = eu-central-1',
        '[sso-session atlas]',
        `sso_start_url = ${emulator.sso.startUrl}`,
        `sso_region = ${emulator.sso.region}`,
        'sso_registration_scopes = sso:account:access',
        '',
      ].join('\n'),
    );
    // The token is about to expire, so the provider refreshes it through SSO OIDC first.
    const cacheFile = join(cacheDir, `${createHash('sha1').update('atlas').digest('hex')}.json`);
    await writeFile(
      cacheFile,
      JSON.stringify({
        startUrl: emulator.sso.startUrl,
        region: emulator.sso.region,
        accessToken: token.accessToken,
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
        clientId: login.clientId,
        clientSecret: login.clientSecret,
        registrationExpiresAt: new Date((login.registration.clientSecretExpiresAt ?? 0) * 1000).toISOString(),
        refreshToken: token.refreshToken,
      }),
    );
    const savedHome = process.env.HOME;
    process.env.HOME = home;
    try {
      const credentials = await fromSSO({
        profile: 'globex-admin',
        configFilepath: configFile,
        clientConfig: { endpoint: emulator.url },
      })();
      expect(credentials.accessKeyId).toMatch(/^ASIA/);
      const cached = JSON.parse(await readFile(cacheFile, 'utf8')) as { accessToken: string; refreshToken: string };
      expect(cached.accessToken).not.toBe(token.accessToken);
      expect(cached.refreshToken).toBe(token.refreshToken);
      const who = await sts(credentials).send(new GetCallerIdentityCommand({}));
      expect(who.Arn).toMatch(new RegExp(`^arn:aws:sts::${globexDev.accountId}:assumed-role/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}/`));
      expect(await ownImageIds(credentials, 'eu-central-1')).toEqual(expectedOwnImageIds(globexDev.accountId, 'eu-central-1'));
    } finally {
      if (savedHome === undefined) delete process.env.HOME;
      else process.env.HOME = savedHome;
    }
  });
});

describe('failure knobs', () => {
  it('answers a deleted access key as AWS does, while earlier sessions live on', async () => {
    const globexDev = identity('globex-dev');
    const session = await sts(keys(globexDev)).send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    const sessionCreds = {
      accessKeyId: session.Credentials?.AccessKeyId ?? '',
      secretAccessKey: session.Credentials?.SecretAccessKey ?? '',
      sessionToken: session.Credentials?.SessionToken ?? '',
    };
    emulator.revokeAccessKey(globexDev.accessKeyId);
    expect(await failure(ec2(keys(globexDev), 'eu-central-1').send(new DescribeImagesCommand({ Owners: ['self'] })))).toEqual({
      name: 'AuthFailure',
      message: 'AWS was not able to validate the provided access credentials',
      status: 401,
    });
    expect(await failure(sts(keys(globexDev)).send(new GetCallerIdentityCommand({})))).toEqual({
      name: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
      status: 403,
    });
    expect((await sts(sessionCreds).send(new GetCallerIdentityCommand({}))).Account).toBe(globexDev.accountId);
    expect(() => emulator.revokeAccessKey('AKIANOSUCHKEY0000000')).toThrow();
  });

  it('answers expired sessions with RequestExpired (EC2) and ExpiredToken (STS)', async () => {
    const staging = identity('acme-staging');
    const { credentials } = await assume(keys(staging), { RoleArn: role('acme-production', ROLE_NAMES.readOnly).arn });
    await sts(credentials).send(new GetCallerIdentityCommand({}));
    const counts = emulator.expireSessions({ accountId: role('acme-production', ROLE_NAMES.readOnly).accountId });
    expect(counts.temporaryCredentials).toBeGreaterThan(0);
    expect(counts.ssoAccessTokens).toBe(0);
    expect(await failure(ec2(credentials).send(new DescribeImagesCommand({ Owners: ['self'] })))).toEqual({
      name: 'RequestExpired',
      message: 'Request has expired.',
      status: 400,
    });
    expect(await failure(sts(credentials).send(new GetCallerIdentityCommand({})))).toEqual({
      name: 'ExpiredToken',
      message: 'The security token included in the request is expired',
      status: 403,
    });

    // The credential clock expires sessions too.
    const short = await assume(keys(staging), { RoleArn: role('acme-production', ROLE_NAMES.readOnly).arn, DurationSeconds: 900 });
    await sts(short.credentials).send(new GetCallerIdentityCommand({}));
    emulator.advanceClock(901);
    expect(await failure(sts(short.credentials).send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'ExpiredToken' });
  });

  it('refuses a wrong or missing session token, and unsigned calls', async () => {
    const staging = identity('acme-staging');
    const { credentials } = await assume(keys(staging), { RoleArn: role('acme-production', ROLE_NAMES.readOnly).arn });
    const tampered = { ...credentials, sessionToken: `${credentials.sessionToken.slice(0, -4)}AAAA` };
    expect(await failure(sts(tampered).send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'InvalidClientTokenId' });
    expect(await failure(ec2(tampered).send(new DescribeImagesCommand({ Owners: ['self'] })))).toMatchObject({ name: 'AuthFailure' });
    const noToken = { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey };
    expect(await failure(sts(noToken).send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'InvalidClientTokenId' });

    const unsigned = await fetch(emulator.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });
});
