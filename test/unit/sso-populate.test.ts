/**
 * `sso populate`'s config writer: generated sso-session and profiles appear, hand-written
 * sections and comments are never touched, a re-run removes only the generated profiles the
 * portal no longer lists, and what it writes is read by the SDK as the AWS CLI reads it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles, loadSsoSessionData } from '@smithy/shared-ini-file-loader';
import { describe, expect, it } from 'vitest';
import { populateConfig, profileNameFor, type PopulateRequest } from '../../electron/core/discovery/populate';

const START = 'https://acme.awsapps.com/start';

const HAND_WRITTEN = `# My own settings; keep them.
[default]
region = eu-west-1

# The build account's admin role, by hand
[profile build-admin]
role_arn = arn:aws:iam::111111111111:role/Admin
source_profile = default
`;

const request = (accounts: PopulateRequest['accounts'], extra: Partial<PopulateRequest> = {}): PopulateRequest => ({
  startUrl: START,
  ssoRegion: 'eu-central-1',
  sessionName: 'acme',
  accounts,
  ...extra,
});

const prod = { awsAccountId: '222222222222', accountName: 'acme prod', roles: ['ReadOnlyAccess', 'AdministratorAccess'] };
const dev = { awsAccountId: '333333333333', accountName: 'acme-dev', roles: ['ReadOnlyAccess'] };

async function parsed(text: string) {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-populate-'));
  try {
    const file = join(dir, 'config');
    await writeFile(file, text);
    const { configFile } = await loadSharedConfigFiles({ configFilepath: file, filepath: join(dir, 'none') });
    const sessions = await loadSsoSessionData({ configFilepath: file });
    return { profiles: configFile, sessions };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('sso populate: the AWS config', () => {
  it('adds an sso-session and one profile per account × role after what the user wrote, which stays to the letter', async () => {
    const result = populateConfig(HAND_WRITTEN, request([prod, dev]));
    expect(result.text.startsWith(HAND_WRITTEN)).toBe(true);
    expect(result.added).toEqual(['acme-dev.ReadOnlyAccess', 'acme-prod.AdministratorAccess', 'acme-prod.ReadOnlyAccess']);
    expect(result.removed).toEqual([]);
    const { profiles, sessions } = await parsed(result.text);
    expect(sessions.acme).toMatchObject({ sso_start_url: START, sso_region: 'eu-central-1', sso_registration_scopes: 'sso:account:access' });
    expect(profiles['acme-prod.AdministratorAccess']).toEqual({ sso_session: 'acme', sso_account_id: '222222222222', sso_role_name: 'AdministratorAccess', region: 'eu-central-1' });
    expect(profiles['build-admin']).toMatchObject({ role_arn: 'arn:aws:iam::111111111111:role/Admin' });
    expect(profiles.default).toEqual({ region: 'eu-west-1' });
  });

  it('a second run with the same portal changes nothing', () => {
    const once = populateConfig(HAND_WRITTEN, request([prod, dev])).text;
    const twice = populateConfig(once, request([prod, dev]));
    expect(twice.text).toBe(once);
    expect([twice.added, twice.updated, twice.removed]).toEqual([[], [], []]);
  });

  it('after the portal changed: removes only the generated profiles that are gone, adds the new, keeps hand edits elsewhere', () => {
    const once = populateConfig(HAND_WRITTEN, request([prod, dev])).text;
    const edited = once.replace('[profile build-admin]', '# edited later by hand\n[profile build-admin]');
    const qa = { awsAccountId: '444444444444', accountName: 'acme-qa', roles: ['ReadOnlyAccess'] };
    const result = populateConfig(edited, request([{ ...prod, roles: ['ReadOnlyAccess'] }, qa]));
    expect(result.removed.sort()).toEqual(['acme-dev.ReadOnlyAccess', 'acme-prod.AdministratorAccess']);
    expect(result.added).toEqual(['acme-qa.ReadOnlyAccess']);
    expect(result.text).toContain('# edited later by hand\n[profile build-admin]');
    expect(result.text).not.toContain('acme-dev');
    expect(result.text.startsWith('# My own settings; keep them.\n[default]\nregion = eu-west-1\n')).toBe(true);
  });

  it('never takes a name a hand-written profile uses, and says so', () => {
    const mine = `${HAND_WRITTEN}\n[profile acme-dev.ReadOnlyAccess]\nregion = us-east-1\n`;
    const result = populateConfig(mine, request([dev]));
    expect(result.conflicts).toEqual(['acme-dev.ReadOnlyAccess']);
    expect(result.added).toEqual([]);
    expect(result.text).toContain('[profile acme-dev.ReadOnlyAccess]\nregion = us-east-1\n');
    expect(result.text.match(/\[profile acme-dev\.ReadOnlyAccess\]/g)).toHaveLength(1);
  });

  it("leaves another start URL's generated profiles alone", () => {
    const other = populateConfig('', { ...request([dev]), startUrl: 'https://globex.awsapps.com/start', sessionName: 'globex', prefix: 'globex-' }).text;
    const result = populateConfig(other, request([prod]));
    expect(result.removed).toEqual([]);
    expect(result.text).toContain('[profile globex-acme-dev.ReadOnlyAccess]');
    expect(result.text).toContain('[profile acme-prod.ReadOnlyAccess]');
  });

  it('names profiles by template, without spaces or brackets', () => {
    expect(profileNameFor('{account_name}.{role}', 'c-', prod, 'ReadOnlyAccess')).toBe('c-acme-prod.ReadOnlyAccess');
    expect(profileNameFor('{account_id}-{role}', '', { ...prod, accountName: 'x [y]' }, 'Admin')).toBe('222222222222-Admin');
  });

  it('with an endpoint, every profile sends its calls there (endpoint_url), as the CLI reads it', async () => {
    const { profiles } = await parsed(populateConfig('', request([dev], { endpoint: 'http://127.0.0.1:4566' })).text);
    expect(profiles['acme-dev.ReadOnlyAccess']).toMatchObject({ endpoint_url: 'http://127.0.0.1:4566' });
  });

  it('keeps Windows line endings', () => {
    const result = populateConfig(HAND_WRITTEN.replace(/\n/g, '\r\n'), request([dev]));
    expect(result.text.includes('\n') && !/[^\r]\n/.test(result.text)).toBe(true);
  });
});
