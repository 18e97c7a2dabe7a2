/**
 * AWS CLI profiles as offered for import: each profile classified the way the SDK will resolve
 * it, with its chain, role details, SSO settings and what is wrong with the broken ones.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listProfiles, profileSsoSettings, type ProfileFiles, type ProfileListing } from '../../electron/core/accounts/profiles';

let dir: string;
let files: ProfileFiles;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atlas-profiles-'));
  files = { configFile: join(dir, 'config'), credentialsFile: join(dir, 'credentials') };
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(config: string, credentials = ''): Promise<void> {
  await writeFile(join(dir, 'config'), config);
  await writeFile(join(dir, 'credentials'), credentials);
}

function byName(list: ProfileListing[], name: string): ProfileListing {
  const found = list.find((p) => p.name === name);
  if (!found) throw new Error(`no profile ${name} in ${list.map((p) => p.name).join(', ')}`);
  return found;
}

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('listProfiles', () => {
  it('classifies static, role chains, SSO (session and legacy), credential_process and unusable profiles', async () => {
    await write(
      `
[default]
region = eu-west-1

[profile hub]
region = us-east-1
endpoint_url = http://127.0.0.1:4566

[profile jump]
role_arn = arn:aws:iam::111111111111:role/HubJump
source_profile = hub
mfa_serial = arn:aws:iam::222222222222:mfa/alice

[profile audit]
role_arn = arn:aws:iam::333333333333:role/ClientAudit
source_profile = jump
external_id = ext-1
role_session_name = me

[profile prod]
role_arn = arn:aws:iam::444444444444:role/ProdReadOnly
source_profile = audit
region = eu-central-1

[profile from-env]
role_arn = arn:aws:iam::555555555555:role/Env
credential_source = Environment

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[profile sso-dev]
sso_session = corp
sso_account_id = 666666666666
sso_role_name = Developer

[profile sso-legacy]
sso_start_url = https://old.awsapps.com/start
sso_region = us-east-2
sso_account_id = 777777777777
sso_role_name = ReadOnly

[profile over-sso]
role_arn = arn:aws:iam::888888888888:role/FromSso
source_profile = sso-dev

[profile tool]
credential_process = /usr/local/bin/get-creds --profile tool

[profile web]
role_arn = arn:aws:iam::999999999999:role/Web
web_identity_token_file = /var/run/token
`,
      `
[hub]
aws_access_key_id = AKIAHUBEXAMPLE000001
aws_secret_access_key = ${SECRET}
`,
    );
    const list = await listProfiles(files);
    expect(list.map((p) => p.name)).toEqual([...list.map((p) => p.name)].sort((a, b) => a.localeCompare(b)));

    expect(byName(list, 'hub')).toMatchObject({
      kind: 'static',
      chain: ['hub'],
      region: 'us-east-1',
      endpointUrl: 'http://127.0.0.1:4566',
      problem: null,
    });
    expect(byName(list, 'prod')).toMatchObject({
      kind: 'assume-role',
      chain: ['prod', 'audit', 'jump', 'hub'],
      roleArn: 'arn:aws:iam::444444444444:role/ProdReadOnly',
      externalId: null,
      // The device of the first role in the chain that asks for one.
      mfaSerial: 'arn:aws:iam::222222222222:mfa/alice',
      region: 'eu-central-1',
      problem: null,
    });
    expect(byName(list, 'audit')).toMatchObject({ kind: 'assume-role', externalId: 'ext-1', chain: ['audit', 'jump', 'hub'] });
    expect(byName(list, 'from-env')).toMatchObject({ kind: 'assume-role', chain: ['from-env'], problem: null });
    expect(byName(list, 'sso-dev')).toMatchObject({
      kind: 'sso',
      chain: ['sso-dev'],
      ssoSession: 'corp',
      ssoStartUrl: 'https://corp.awsapps.com/start',
      problem: null,
    });
    expect(byName(list, 'sso-legacy')).toMatchObject({ kind: 'sso', ssoSession: null, ssoStartUrl: 'https://old.awsapps.com/start' });
    expect(byName(list, 'over-sso')).toMatchObject({
      kind: 'assume-role',
      chain: ['over-sso', 'sso-dev'],
      ssoStartUrl: 'https://corp.awsapps.com/start',
      ssoSession: 'corp',
    });
    expect(byName(list, 'tool')).toMatchObject({ kind: 'process', chain: ['tool'], problem: null });
    expect(byName(list, 'web').kind).toBe('unsupported');
    expect(byName(list, 'web').problem).toMatch(/web identity/);
    expect(byName(list, 'default').kind).toBe('unsupported');
    expect(byName(list, 'default').problem).toMatch(/no credentials/);
  });

  it('explains broken chains: missing source, loops, role without source, missing sso-session', async () => {
    await write(`
[profile orphan]
role_arn = arn:aws:iam::111111111111:role/A
source_profile = nowhere

[profile loop-a]
role_arn = arn:aws:iam::111111111111:role/A
source_profile = loop-b

[profile loop-b]
role_arn = arn:aws:iam::111111111111:role/B
source_profile = loop-a

[profile sourceless]
role_arn = arn:aws:iam::111111111111:role/C

[profile both]
role_arn = arn:aws:iam::111111111111:role/D
source_profile = orphan
credential_source = Environment

[profile lost-session]
sso_session = gone
sso_account_id = 111111111111
sso_role_name = Dev

[profile half-sso]
sso_start_url = https://x.awsapps.com/start
sso_account_id = 111111111111

[profile bad-source]
role_arn = arn:aws:iam::111111111111:role/E
credential_source = Laptop

[profile half-key]
aws_access_key_id = AKIAHALFKEY000000001
`);
    const list = await listProfiles(files);
    expect(byName(list, 'orphan').problem).toMatch(/source_profile nowhere, which does not exist/);
    expect(byName(list, 'loop-a')).toMatchObject({ kind: 'assume-role', chain: ['loop-a', 'loop-b'] });
    expect(byName(list, 'loop-a').problem).toMatch(/loops: loop-a → loop-b → loop-a/);
    expect(byName(list, 'sourceless')).toMatchObject({ kind: 'assume-role' });
    expect(byName(list, 'sourceless').problem).toMatch(/no source_profile or credential_source/);
    expect(byName(list, 'both').problem).toMatch(/both source_profile and credential_source/);
    expect(byName(list, 'lost-session').problem).toMatch(/no \[sso-session gone\] section/);
    expect(byName(list, 'half-sso').problem).toMatch(/missing sso_region, sso_role_name/);
    expect(byName(list, 'bad-source').problem).toMatch(/credential_source = Laptop/);
    expect(byName(list, 'half-key')).toMatchObject({ kind: 'static' });
    expect(byName(list, 'half-key').problem).toMatch(/no aws_secret_access_key/);
  });

  it('lets a role profile use its own static keys as source, as the SDK does', async () => {
    await write('', `
[self]
aws_access_key_id = AKIASELFEXAMPLE00001
aws_secret_access_key = ${SECRET}
role_arn = arn:aws:iam::111111111111:role/Self
source_profile = self
`);
    expect(byName(await listProfiles(files), 'self')).toMatchObject({ kind: 'assume-role', chain: ['self'], problem: null });
  });

  it('never returns secret values', async () => {
    await write('[profile a]\nregion = us-east-1\n', `[a]\naws_access_key_id = AKIANOSECRETS0000001\naws_secret_access_key = ${SECRET}\naws_session_token = TOKENVALUE\n`);
    const text = JSON.stringify(await listProfiles(files));
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('TOKENVALUE');
    expect(text).not.toContain('AKIANOSECRETS0000001');
  });

  it('reads AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE when called, not when loaded', async () => {
    const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
    try {
      await writeFile(join(dir, 'one'), '[profile first]\ncredential_process = x\n');
      await writeFile(join(dir, 'two'), '[profile second]\ncredential_process = y\n');
      await writeFile(join(dir, 'creds'), `[third]\naws_access_key_id = AKIATHIRDEXAMPLE0001\naws_secret_access_key = ${SECRET}\n`);
      process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'creds');
      process.env.AWS_CONFIG_FILE = join(dir, 'one');
      expect((await listProfiles()).map((p) => p.name)).toEqual(['first', 'third']);
      process.env.AWS_CONFIG_FILE = join(dir, 'two');
      expect((await listProfiles()).map((p) => p.name)).toEqual(['second', 'third']);
      // Edits show up on the next call (the SDK's file cache is bypassed).
      await writeFile(join(dir, 'two'), '[profile second]\ncredential_process = y\n[profile fourth]\ncredential_process = z\n');
      expect((await listProfiles()).map((p) => p.name)).toEqual(['fourth', 'second', 'third']);
    } finally {
      restore('AWS_CONFIG_FILE', saved.config);
      restore('AWS_SHARED_CREDENTIALS_FILE', saved.credentials);
    }
  });

  it('is empty when the files do not exist', async () => {
    expect(await listProfiles({ configFile: join(dir, 'missing'), credentialsFile: join(dir, 'missing-too') })).toEqual([]);
  });
});

describe('profileSsoSettings', () => {
  it('gives the sign-in settings of an SSO profile, or of the SSO profile a role chain starts from', async () => {
    await write(`
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access, extra:scope,

[profile dev]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = Dev

[profile legacy]
sso_start_url = https://old.awsapps.com/start
sso_region = us-east-2
sso_account_id = 111111111111
sso_role_name = Dev

[profile role]
role_arn = arn:aws:iam::222222222222:role/R
source_profile = dev

[profile tool]
credential_process = x
`);
    expect(await profileSsoSettings('dev', files)).toEqual({
      startUrl: 'https://corp.awsapps.com/start',
      region: 'eu-west-1',
      sessionName: 'corp',
      scopes: ['sso:account:access', 'extra:scope'],
    });
    expect(await profileSsoSettings('legacy', files)).toEqual({
      startUrl: 'https://old.awsapps.com/start',
      region: 'us-east-2',
      sessionName: null,
      scopes: null,
    });
    expect((await profileSsoSettings('role', files))?.sessionName).toBe('corp');
    expect(await profileSsoSettings('tool', files)).toBeNull();
    expect(await profileSsoSettings('missing', files)).toBeNull();
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
