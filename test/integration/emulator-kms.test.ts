/**
 * KMS (awsJson1_1 over the same endpoint) with the real KMS client: DescribeKey by every kind
 * of key id, ListAliases, key policies and cross-account access, and KMS's error vocabulary.
 */
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  KMSClient,
  ListAliasesCommand,
  PutKeyPolicyCommand,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type AccountRecord, type KmsKeyRecord, type RunningEmulator } from '../../emulator';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 1 });
});

afterAll(async () => {
  await emulator?.close();
});

function account(name: string): AccountRecord {
  const found = emulator.world.accounts.find((a) => a.name === name);
  if (!found) throw new Error(`no account ${name}`);
  return found;
}

function kms(accountName: string, region: string, secret?: string): KMSClient {
  const id = emulator.identities.find((i) => i.accountName === accountName);
  if (!id) throw new Error(`no identity ${accountName}`);
  return new KMSClient({
    endpoint: emulator.url,
    region,
    maxAttempts: 1,
    credentials: { accessKeyId: id.accessKeyId, secretAccessKey: secret ?? id.secretAccessKey },
  });
}

function key(accountName: string, region: string, managedBy: 'aws' | 'customer'): KmsKeyRecord {
  const owner = account(accountName);
  const found = emulator.world.kmsKeys.find((k) => k.accountId === owner.accountId && k.region === region && k.managedBy === managedBy);
  if (!found) throw new Error(`no ${managedBy} key of ${accountName} in ${region}`);
  return found;
}

const keyIdOf = (k: KmsKeyRecord): string => k.arn.slice(k.arn.lastIndexOf('/') + 1);
const REGION = 'eu-central-1';
const OWNER = 'globex-prod';

describe('DescribeKey', () => {
  it('finds a customer key by alias, key ARN, key id and alias ARN', async () => {
    const k = key(OWNER, REGION, 'customer');
    const client = kms(OWNER, REGION);
    const aliasArn = `arn:aws:kms:${REGION}:${k.accountId}:${k.alias}`;
    for (const keyId of [k.alias, k.arn, keyIdOf(k), aliasArn]) {
      const out = await client.send(new DescribeKeyCommand({ KeyId: keyId }));
      expect(out.KeyMetadata).toMatchObject({
        Arn: k.arn,
        KeyId: keyIdOf(k),
        AWSAccountId: k.accountId,
        KeyManager: 'CUSTOMER',
        KeyState: 'Enabled',
        Enabled: true,
        KeyUsage: 'ENCRYPT_DECRYPT',
      });
      expect(out.KeyMetadata?.CreationDate).toBeInstanceOf(Date);
      expect(out.KeyMetadata?.Description).toEqual(expect.any(String));
    }
  });

  it('reports the AWS-managed EBS key as KeyManager AWS', async () => {
    const out = await kms(OWNER, REGION).send(new DescribeKeyCommand({ KeyId: 'alias/aws/ebs' }));
    expect(out.KeyMetadata?.KeyManager).toBe('AWS');
    expect(out.KeyMetadata?.Arn).toBe(key(OWNER, REGION, 'aws').arn);
  });

  it('answers NotFoundException for unknown aliases and keys, and for keys of another region', async () => {
    const client = kms(OWNER, REGION);
    await expect(client.send(new DescribeKeyCommand({ KeyId: 'alias/nope' }))).rejects.toMatchObject({ name: 'NotFoundException' });
    await expect(client.send(new DescribeKeyCommand({ KeyId: '00000000-0000-4000-8000-000000000000' }))).rejects.toMatchObject({
      name: 'NotFoundException',
    });
    await expect(client.send(new DescribeKeyCommand({ KeyId: 'not a key' }))).rejects.toMatchObject({ name: 'NotFoundException' });
    const k = key(OWNER, REGION, 'customer');
    await expect(kms(OWNER, 'us-east-1').send(new DescribeKeyCommand({ KeyId: k.arn }))).rejects.toMatchObject({
      name: 'NotFoundException',
    });
    await expect(client.send(new DescribeKeyCommand({ KeyId: undefined }))).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('answers KMS auth errors and honours denyAction', async () => {
    await expect(kms(OWNER, REGION, 'z'.repeat(40)).send(new DescribeKeyCommand({ KeyId: 'alias/aws/ebs' }))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
    });
    const owner = account(OWNER);
    emulator.denyAction(owner.accountId, 'DescribeKey');
    try {
      await expect(kms(OWNER, REGION).send(new DescribeKeyCommand({ KeyId: 'alias/aws/ebs' }))).rejects.toMatchObject({
        name: 'AccessDeniedException',
      });
    } finally {
      emulator.allowAction(owner.accountId, 'DescribeKey');
    }
  });
});

describe('ListAliases', () => {
  it("lists the caller's aliases in the region with their target keys, paging with Limit/Marker", async () => {
    const client = kms(OWNER, REGION);
    const out = await client.send(new ListAliasesCommand({}));
    const owner = account(OWNER);
    const expected = emulator.world.kmsKeys.filter((k) => k.accountId === owner.accountId && k.region === REGION);
    expect((out.Aliases ?? []).map((a) => a.AliasName).sort()).toEqual(expected.map((k) => k.alias).sort());
    for (const alias of out.Aliases ?? []) {
      const target = expected.find((k) => k.alias === alias.AliasName);
      expect(alias.TargetKeyId).toBe(target ? keyIdOf(target) : undefined);
      expect(alias.AliasArn).toBe(`arn:aws:kms:${REGION}:${owner.accountId}:${alias.AliasName ?? ''}`);
    }
    expect(out.Truncated).toBe(false);

    const first = await client.send(new ListAliasesCommand({ Limit: 1 }));
    expect(first.Aliases).toHaveLength(1);
    expect(first.Truncated).toBe(true);
    const second = await client.send(new ListAliasesCommand({ Limit: 1, Marker: first.NextMarker }));
    expect(second.Aliases?.[0]?.AliasName).not.toBe(first.Aliases?.[0]?.AliasName);

    const aws = key(OWNER, REGION, 'aws');
    const filtered = await client.send(new ListAliasesCommand({ KeyId: keyIdOf(aws) }));
    expect((filtered.Aliases ?? []).map((a) => a.AliasName)).toEqual(['alias/aws/ebs']);
  });
});

describe('key policies', () => {
  it('GetKeyPolicy answers a default policy naming the owner account root', async () => {
    const k = key(OWNER, REGION, 'customer');
    const out = await kms(OWNER, REGION).send(new GetKeyPolicyCommand({ KeyId: k.alias }));
    expect(out.PolicyName).toBe('default');
    const policy = JSON.parse(out.Policy ?? '{}') as { Statement: Array<{ Principal: { AWS: string }; Action: string }> };
    expect(policy.Statement[0]?.Principal.AWS).toBe(`arn:aws:iam::${k.accountId}:root`);
    expect(policy.Statement[0]?.Action).toBe('kms:*');
    await expect(kms(OWNER, REGION).send(new GetKeyPolicyCommand({ KeyId: k.alias, PolicyName: 'other' }))).rejects.toMatchObject({
      name: 'NotFoundException',
    });
  });

  it('PutKeyPolicy stores the policy; another account may then use the key by ARN', async () => {
    const k = key(OWNER, REGION, 'customer');
    const owner = kms(OWNER, REGION);
    const recipient = kms('globex-dev', REGION);
    const recipientId = account('globex-dev').accountId;
    await expect(recipient.send(new DescribeKeyCommand({ KeyId: k.arn }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    // An alias name always means the caller's own account.
    await expect(recipient.send(new DescribeKeyCommand({ KeyId: k.alias }))).rejects.toMatchObject({ name: 'NotFoundException' });

    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Owner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${k.accountId}:root` }, Action: 'kms:*', Resource: '*' },
        {
          Sid: 'Recipient',
          Effect: 'Allow',
          Principal: { AWS: [`arn:aws:iam::${recipientId}:root`] },
          Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:CreateGrant', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'],
          Resource: '*',
        },
      ],
    });
    await owner.send(new PutKeyPolicyCommand({ KeyId: k.arn, Policy: policy }));
    expect((await owner.send(new GetKeyPolicyCommand({ KeyId: k.arn }))).Policy).toBe(policy);
    const described = await recipient.send(new DescribeKeyCommand({ KeyId: k.arn }));
    expect(described.KeyMetadata?.AWSAccountId).toBe(k.accountId);
    // Key policies stay with the owner, whatever the policy grants.
    await expect(recipient.send(new GetKeyPolicyCommand({ KeyId: k.arn }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(recipient.send(new PutKeyPolicyCommand({ KeyId: k.arn, Policy: policy }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
  });

  it('refuses malformed policies and changes to AWS-managed keys', async () => {
    const owner = kms(OWNER, REGION);
    const k = key(OWNER, REGION, 'customer');
    await expect(owner.send(new PutKeyPolicyCommand({ KeyId: k.arn, Policy: '{"Version":"2012-10-17"' }))).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
    });
    await expect(owner.send(new PutKeyPolicyCommand({ KeyId: k.arn, Policy: '{"Version":"2012-10-17"}' }))).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
    });
    const aws = key(OWNER, REGION, 'aws');
    const current = (await owner.send(new GetKeyPolicyCommand({ KeyId: aws.arn }))).Policy ?? '';
    expect(current).toContain('kms:ViaService');
    await expect(owner.send(new PutKeyPolicyCommand({ KeyId: aws.arn, Policy: current }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    // An AWS-managed key is never usable by another account, even by ARN.
    await expect(kms('globex-dev', REGION).send(new DescribeKeyCommand({ KeyId: aws.arn }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
  });

  it('evaluates organization conditions: aws:PrincipalOrgID and aws:PrincipalOrgPaths', async () => {
    const region = 'us-east-1';
    const k = key('acme-staging', region, 'customer');
    const owner = kms('acme-staging', region);
    const member = kms('acme-production', region);
    const outsider = kms('globex-prod', region);
    const staging = account('acme-staging');
    const orgId = staging.organizationArn.slice(staging.organizationArn.lastIndexOf('/') + 1);
    const statement = (condition: object) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'Owner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${k.accountId}:root` }, Action: 'kms:*', Resource: '*' },
          { Sid: 'Org', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:DescribeKey', 'kms:Decrypt'], Resource: '*', Condition: condition },
        ],
      });

    await expect(member.send(new DescribeKeyCommand({ KeyId: k.arn }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await owner.send(new PutKeyPolicyCommand({ KeyId: k.arn, Policy: statement({ StringEquals: { 'aws:PrincipalOrgID': orgId } }) }));
    expect((await member.send(new DescribeKeyCommand({ KeyId: k.arn }))).KeyMetadata?.Arn).toBe(k.arn);
    await expect(outsider.send(new DescribeKeyCommand({ KeyId: k.arn }))).rejects.toMatchObject({ name: 'AccessDeniedException' });

    const prodOu = account('acme-production').organizationalUnitArns[0] ?? '';
    const ouId = prodOu.slice(prodOu.lastIndexOf('/') + 1);
    await owner.send(
      new PutKeyPolicyCommand({ KeyId: k.arn, Policy: statement({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': [`${orgId}/*/${ouId}/*`] } }) }),
    );
    expect((await member.send(new DescribeKeyCommand({ KeyId: k.arn }))).KeyMetadata?.Arn).toBe(k.arn);
    await expect(outsider.send(new DescribeKeyCommand({ KeyId: k.arn }))).rejects.toMatchObject({ name: 'AccessDeniedException' });

    // A condition the emulator cannot satisfy for a direct call keeps the key closed.
    await owner.send(new PutKeyPolicyCommand({ KeyId: k.arn, Policy: statement({ StringEquals: { 'kms:ViaService': `ec2.${region}.amazonaws.com` } }) }));
    await expect(member.send(new DescribeKeyCommand({ KeyId: k.arn }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });
});
