/**
 * Planning a share: every rule the confirm sheet shows before anything is sent to AWS.
 */
import { describe, expect, it } from 'vitest';
import { planItem, type PlanInput } from '../../electron/core/sharing/plan';
import type { ImageFacts } from '../../electron/core/sharing/image-facts';
import { keyPolicyStatement } from '../../electron/core/sharing/key-policy';
import { AuditLog } from '../../electron/core/sharing/audit-log';
import { openDatabase } from '../../electron/core/db/database';
import { parseEntity, type ShareEntity } from '../../shared/sharing';

const OWNER = '111111111111';
const OTHER = '222222222222';
const CMK = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ORG = 'arn:aws:organizations::999999999999:organization/o-a1b2c3d4e5';
const OU = 'arn:aws:organizations::999999999999:ou/o-a1b2c3d4e5/ou-ab12-cd34ef56';

function facts(over: Partial<ImageFacts> = {}): ImageFacts {
  return {
    imageId: 'ami-0123456789abcdef0',
    name: 'golden-base',
    ownerId: OWNER,
    state: 'available',
    rootDeviceType: 'ebs',
    productCodes: [],
    launchPermissions: [],
    snapshots: [{ snapshotId: 'snap-0123456789abcdef0', encrypted: false, kmsKeyId: null, keyManager: null, createVolumeAccounts: [] }],
    ...over,
  };
}

function plan(over: Partial<PlanInput> & { facts?: ImageFacts }) {
  return planItem({
    ref: { account: 'acc-1', region: 'eu-west-1', imageId: 'ami-0123456789abcdef0' },
    facts: facts(),
    add: [],
    remove: [],
    snapshots: false,
    account: { name: 'Build', awsAccountId: OWNER, production: false },
    blockPublicAccess: null,
    region: 'eu-west-1',
    ...over,
  });
}

const account = (accountId: string): ShareEntity => ({ kind: 'account', awsAccountId: accountId });

describe('planning a share', () => {
  it('adds only what is missing and reports the rest as unchanged', () => {
    const item = plan({ facts: facts({ launchPermissions: [account(OTHER)] }), add: [account(OTHER), account('333333333333')] });
    expect(item.willAdd).toEqual([account('333333333333')]);
    expect(item.unchanged).toEqual([account(OTHER)]);
    expect(item.blockers).toEqual([]);
  });

  it('removing what is not shared is harmless: unchanged, nothing to remove', () => {
    const item = plan({ remove: [account(OTHER)] });
    expect(item.willRemove).toEqual([]);
    expect(item.unchanged).toEqual([account(OTHER)]);
  });

  it('leaves out the owner itself with a note', () => {
    const item = plan({ add: [account(OWNER), account(OTHER)] });
    expect(item.willAdd).toEqual([account(OTHER)]);
    expect(item.warnings.map((w) => w.code)).toContain('SELF');
  });

  it('refuses sharing snapshots encrypted with the AWS managed key, and says how to fix it', () => {
    const item = plan({
      facts: facts({ snapshots: [{ snapshotId: 'snap-1', encrypted: true, kmsKeyId: 'arn:aws:kms:eu-west-1:111111111111:key/aws', keyManager: 'AWS', createVolumeAccounts: [] }] }),
      add: [account(OTHER)],
    });
    expect(item.blockers.map((b) => b.code)).toEqual(['AWS_MANAGED_KEY']);
    expect(item.blockers[0]!.fix).toMatch(/customer managed KMS key/);
  });

  it('warns about a customer managed key with the key-policy statement filled in', () => {
    const item = plan({
      facts: facts({ snapshots: [{ snapshotId: 'snap-1', encrypted: true, kmsKeyId: CMK, keyManager: 'CUSTOMER', createVolumeAccounts: [] }] }),
      add: [account(OTHER)],
    });
    expect(item.blockers).toEqual([]);
    const warning = item.warnings.find((w) => w.code === 'CUSTOMER_KEY')!;
    expect(warning.keyArn).toBe(CMK);
    const statement = JSON.parse(warning.policyStatement!) as { Principal: { AWS: string }; Action: string[] };
    expect(statement.Principal.AWS).toBe(`arn:aws:iam::${OTHER}:root`);
    expect(statement.Action).toEqual(expect.arrayContaining(['kms:Decrypt', 'kms:CreateGrant', 'kms:DescribeKey', 'kms:ReEncrypt*']));
  });

  it('refuses making public an image with encrypted snapshots or product codes', () => {
    const encrypted = plan({
      facts: facts({ snapshots: [{ snapshotId: 'snap-1', encrypted: true, kmsKeyId: CMK, keyManager: 'CUSTOMER', createVolumeAccounts: [] }] }),
      add: [{ kind: 'public' }],
      blockPublicAccess: 'unblocked',
    });
    expect(encrypted.blockers.map((b) => b.code)).toEqual(['ENCRYPTED_PUBLIC']);
    const marketplace = plan({ facts: facts({ productCodes: ['prod-abc'] }), add: [{ kind: 'public' }], blockPublicAccess: 'unblocked' });
    expect(marketplace.blockers.map((b) => b.code)).toEqual(['PRODUCT_CODES']);
  });

  it('explains block public access instead of trying', () => {
    const item = plan({ add: [{ kind: 'public' }], blockPublicAccess: 'block-new-sharing' });
    expect(item.blockers.map((b) => b.code)).toEqual(['BLOCK_PUBLIC_ACCESS']);
    expect(item.blockers[0]!.fix).toContain('disable-image-block-public-access --region eu-west-1');
  });

  it('keeps within the share quota', () => {
    const current = Array.from({ length: 3 }, (_, i) => account(String(100000000000 + i)));
    const item = plan({ facts: facts({ launchPermissions: current }), add: [account(OTHER)], entityLimit: 3 });
    expect(item.blockers.map((b) => b.code)).toEqual(['SHARE_QUOTA']);
  });

  it('only the owner may change launch permissions', () => {
    const item = plan({ facts: facts({ ownerId: OTHER, launchPermissions: null }), add: [account('333333333333')] });
    expect(item.blockers.map((b) => b.code)).toEqual(['NOT_OWNER']);
  });
});

describe('key-policy statements', () => {
  it('grants organizations and OUs by condition', () => {
    const org = JSON.parse(keyPolicyStatement(CMK, [{ kind: 'organization', arn: ORG }])!) as { Condition: unknown; Principal: unknown };
    expect(org.Principal).toEqual({ AWS: '*' });
    expect(org.Condition).toEqual({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } });
    const ou = JSON.parse(keyPolicyStatement(CMK, [{ kind: 'organizational-unit', arn: OU }])!) as { Condition: unknown };
    expect(ou.Condition).toEqual({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/*/ou-ab12-cd34ef56/*'] } });
  });
});

describe('reading what the user typed', () => {
  it('accepts account ids (with dashes), organization and OU ARNs, and explains the rest', () => {
    expect(parseEntity('1111-2222-3333')).toEqual(account('111122223333'));
    expect(parseEntity(ORG)).toEqual({ kind: 'organization', arn: ORG });
    expect(parseEntity(OU)).toEqual({ kind: 'organizational-unit', arn: OU });
    expect(parseEntity('12345')).toEqual({ error: expect.stringContaining('12 digits') });
    expect(parseEntity('arn:aws:organizations::999999999999:organization/bad')).toEqual({ error: expect.stringContaining('organization ARN') });
  });
});

describe('the audit log', () => {
  it('records changes, offers undo once, and marks the entry undone', () => {
    const log = new AuditLog(openDatabase(':memory:'), 'user');
    const base = { account: 'acc-1', accountName: 'Build', awsAccountId: OWNER, region: 'eu-west-1', imageId: 'ami-1', imageName: 'golden', snapshotIds: [], error: null };
    const shared = log.append({ ...base, action: 'share', added: [account(OTHER)], removed: [], outcome: 'ok' });
    const noop = log.append({ ...base, action: 'share', added: [], removed: [], outcome: 'unchanged' });
    expect(log.get(shared)!.undoable).toBe(true);
    expect(log.get(noop)!.undoable).toBe(false);
    const undo = log.append({ ...base, action: 'undo', added: [], removed: [account(OTHER)], outcome: 'ok', undoOf: shared });
    expect(log.get(shared)).toMatchObject({ undoable: false, undoneBy: undo });
    expect(log.list(10).map((e) => e.id)).toEqual([undo, noop, shared]);
  });
});

describe('snapshot permissions', () => {
  it('plans only the accounts a snapshot is missing, and none for organizations', () => {
    const item = plan({
      facts: facts({ snapshots: [{ snapshotId: 'snap-1', encrypted: false, kmsKeyId: null, keyManager: null, createVolumeAccounts: [OTHER] }] }),
      add: [account(OTHER), account('333333333333'), { kind: 'organization', arn: ORG }],
      snapshots: true,
    });
    expect(item.snapshotChanges).toEqual([{ snapshotId: 'snap-1', add: ['333333333333'], remove: [] }]);
    expect(item.warnings.map((w) => w.code)).toContain('SNAPSHOTS_ACCOUNTS_ONLY');
  });
});
