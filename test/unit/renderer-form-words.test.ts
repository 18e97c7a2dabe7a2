/**
 * The account forms' messages: a value the contract's schema refuses is explained in the form's
 * own words, field by field, never in the schema's ("Too small: expected string to have >=1
 * characters"). The issues come from the real IPC router, as the form receives them.
 */
import { describe, expect, it } from 'vitest';
import { channelNames, schemas, type Channel } from '../../shared/contract';
import type { Handlers } from '../../electron/core/app-core';
import { createRouter } from '../../electron/ipc/router';
import { issuesInWords } from '../../renderer/lib/errors';
import { ACCESS_KEY_WORDS, BULK_ROLE_WORDS, ROLE_WORDS, UPDATE_KEYS_WORDS } from '../../renderer/lib/fieldWords';

const handlers = Object.fromEntries(channelNames.map((c) => [c, async () => ({})])) as unknown as Handlers;
const router = createRouter(handlers);

async function refused(channel: Channel, input: unknown): Promise<string[]> {
  const answer = await router.handle(channel, input, { trusted: true, label: 'test' });
  if (answer.ok) throw new Error(`${channel} accepted ${JSON.stringify(input)}`);
  expect(answer.error.code).toBe('VALIDATION');
  return answer.error.details?.issues ?? [];
}

const SCHEMA_TEXT = /too small|too big|invalid|expected|>=|must match|received/i;

const goodKey = {
  name: 'Acme Prod',
  clientName: 'Acme',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  defaultRegion: 'eu-west-1',
  endpoint: null,
  production: false,
};

describe('add-account form messages', () => {
  it('says what to type in every field the schema refuses', async () => {
    const issues = await refused('accounts:addAccessKey', { ...goodKey, name: ' ', clientName: '', accessKeyId: 'akia123', secretAccessKey: 'short', defaultRegion: 'Ireland', endpoint: 'not a url' });
    const said = issuesInWords(issues, ACCESS_KEY_WORDS);
    expect(said.accessKeyId).toEqual(['Enter the 20-character access key ID (it starts with AKIA or ASIA).']);
    expect(said.secretAccessKey).toEqual([ACCESS_KEY_WORDS.secretAccessKey]);
    expect(said.name).toEqual([ACCESS_KEY_WORDS.name]);
    expect(said.clientName).toEqual([ACCESS_KEY_WORDS.clientName]);
    expect(said.defaultRegion).toEqual(['Enter the region code where the account opens, such as eu-west-1.']);
    expect(said.endpoint).toHaveLength(1);
    for (const messages of Object.values(said)) for (const m of messages) expect(m).not.toMatch(SCHEMA_TEXT);
  });

  it('keeps a check that already explains itself (an endpoint that would leak credentials)', async () => {
    const issues = await refused('accounts:addAccessKey', { ...goodKey, endpoint: 'http://169.254.169.254' });
    const said = issuesInWords(issues, ACCESS_KEY_WORDS);
    expect(said.endpoint?.[0]).toMatch(/instance metadata service/);
    expect(said.endpoint?.[0]).not.toBe(ACCESS_KEY_WORDS.endpoint);
  });

  it('has words for every field the forms send', () => {
    const sent = (shape: Record<string, unknown>) => Object.keys(shape).filter((k) => k !== 'account').sort();
    expect(Object.keys(ACCESS_KEY_WORDS).sort()).toEqual(sent(schemas.addAccessKeyAccount.shape));
    expect(Object.keys(ROLE_WORDS).sort()).toEqual(sent(schemas.addRoleAccount.shape).filter((k) => k !== 'production'));
    for (const text of [...Object.values(ACCESS_KEY_WORDS), ...Object.values(ROLE_WORDS)]) expect(text).toMatch(/\.$/);
  });
});

describe('role and key-update form messages', () => {
  it('explains a malformed role ARN, external id and session name', async () => {
    const issues = await refused('accounts:addRole', {
      name: 'x',
      clientName: 'Acme',
      sourcePath: 'p1',
      roleArn: 'ReadOnly',
      externalId: 'a',
      sessionName: 'has spaces',
      defaultRegion: 'eu-west-1',
    });
    const said = issuesInWords(issues, ROLE_WORDS);
    expect(said.roleArn).toEqual([ROLE_WORDS.roleArn]);
    expect(said.externalId).toEqual([ROLE_WORDS.externalId]);
    expect(said.sessionName).toEqual([ROLE_WORDS.sessionName]);
  });

  it('explains a bad new key pair', async () => {
    const issues = await refused('paths:updateKeys', { path: 'p1', accessKeyId: 'nope', secretAccessKey: '' });
    const said = issuesInWords(issues, UPDATE_KEYS_WORDS);
    expect(said.accessKeyId).toEqual([UPDATE_KEYS_WORDS.accessKeyId]);
    expect(said.secretAccessKey).toEqual([UPDATE_KEYS_WORDS.secretAccessKey]);
  });
});

describe('bulk role dialogs', () => {
  it('explain a bad role name and external id in words, for pasted accounts and an organization alike', async () => {
    const accounts = [{ awsAccountId: '123456789012', name: 'acme-dev', clientName: 'Acme' }];
    for (const [channel, input] of [
      ['discovery:bulkRoles', { sourcePath: 'p1', roleName: 'has spaces', externalId: 'a', accounts }],
      ['discovery:orgAdd', { account: 'a1', roleName: 'has spaces', externalId: 'a', accounts }],
    ] as const) {
      const said = issuesInWords(await refused(channel, input), BULK_ROLE_WORDS);
      expect(said.roleName, channel).toEqual([BULK_ROLE_WORDS.roleName]);
      expect(said.externalId, channel).toEqual([BULK_ROLE_WORDS.externalId]);
      expect(JSON.stringify(said), channel).not.toMatch(SCHEMA_TEXT);
    }
  });
});
