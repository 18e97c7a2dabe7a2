/**
 * The key-policy statement a recipient needs before it can launch or copy an AMI whose
 * snapshots are encrypted with a customer managed key: AWS's documented set of actions for
 * sharing encrypted AMIs, granted to the recipient accounts (or to an organization / OU by
 * condition, since key policies cannot name those as principals).
 */
import type { ShareEntity } from '../../../shared/sharing';

const ACTIONS = ['kms:Decrypt', 'kms:DescribeKey', 'kms:CreateGrant', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'];

export function keyPolicyStatement(keyArn: string, recipients: readonly ShareEntity[]): string | null {
  const partition = keyArn.split(':')[1] ?? 'aws';
  const accounts = recipients.flatMap((e) => (e.kind === 'account' ? [`arn:${partition}:iam::${e.awsAccountId}:root`] : []));
  const orgIds = recipients.flatMap((e) => (e.kind === 'organization' ? [e.arn.split('/').pop()!] : []));
  const ouPaths = recipients.flatMap((e) => {
    if (e.kind !== 'organizational-unit') return [];
    // arn:aws:organizations::ACCOUNT:ou/o-xxx/ou-yyy → o-xxx/*/ou-yyy/* (aws:PrincipalOrgPaths)
    const [, org, ou] = e.arn.split(':ou/')[1]?.match(/^(o-[^/]+)\/(.+)$/) ?? [];
    return org && ou ? [`${org}/*/${ou}/*`] : [];
  });
  const statements: object[] = [];
  if (accounts.length > 0) {
    statements.push({
      Sid: 'AllowUseOfTheKeyForSharedAmis',
      Effect: 'Allow',
      Principal: { AWS: accounts.length === 1 ? accounts[0] : accounts },
      Action: ACTIONS,
      Resource: '*',
    });
  }
  if (orgIds.length > 0 || ouPaths.length > 0) {
    statements.push({
      Sid: 'AllowUseOfTheKeyForSharedAmisInOrganization',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ACTIONS,
      Resource: '*',
      Condition:
        orgIds.length > 0
          ? { StringEquals: { 'aws:PrincipalOrgID': orgIds.length === 1 ? orgIds[0] : orgIds } }
          : { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ouPaths } },
    });
  }
  if (statements.length === 0) return null;
  return JSON.stringify(statements.length === 1 ? statements[0] : statements, null, 2);
}
