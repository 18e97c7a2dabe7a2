/**
 * Key policies: the default KMS writes for a customer-managed key (the owner account's root
 * may do everything, which delegates to IAM), the one AWS sets on an AWS-managed EBS key, and
 * a small evaluator that answers whether a policy lets another account call an action
 * directly — enough to tell whether a key has been shared for cross-account use.
 */
import type { KmsKeyRecord } from '../world/model';

export function defaultKeyPolicy(key: KmsKeyRecord): string {
  const root = `arn:aws:iam::${key.accountId}:root`;
  if (key.managedBy === 'customer') {
    return JSON.stringify(
      {
        Version: '2012-10-17',
        Id: 'key-default-1',
        Statement: [
          { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: root }, Action: 'kms:*', Resource: '*' },
        ],
      },
      null,
      2,
    );
  }
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Id: 'auto-ebs-2',
      Statement: [
        {
          Sid: 'Allow access through EBS for all principals in the account that are authorized to use EBS',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
          Resource: '*',
          Condition: {
            StringEquals: { 'kms:ViaService': `ec2.${key.region}.amazonaws.com`, 'kms:CallerAccount': key.accountId },
          },
        },
        {
          Sid: 'Allow direct access to key metadata to the account',
          Effect: 'Allow',
          Principal: { AWS: root },
          Action: ['kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:RevokeGrant'],
          Resource: '*',
        },
      ],
    },
    null,
    2,
  );
}

/** True when the text is a JSON object with a Statement (object or array of objects). */
export function isWellFormedPolicy(text: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  if (!isObject(parsed)) return false;
  const statements = parsed.Statement;
  return Array.isArray(statements) ? statements.length > 0 && statements.every(isObject) : isObject(statements);
}

/** Who is calling, as a key policy sees it. */
export interface PolicyCaller {
  accountId: string;
  arn: string;
  /** o-… of the caller's organization. */
  organizationId: string;
  /** aws:PrincipalOrgPaths values, e.g. `o-abc/r-ab12/ou-ab12-11111111/`. */
  organizationPaths: string[];
}

/**
 * Whether an Allow statement names the caller (its account root, its principal ARN or `*`)
 * for the action, with every condition holding. The condition keys evaluated are the ones
 * cross-account sharing uses (aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount,
 * kms:CallerAccount); any other key (kms:ViaService …) never holds for a direct call.
 */
export function policyAllows(policyText: string, caller: PolicyCaller, action: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(policyText);
  } catch {
    return false;
  }
  if (!isObject(parsed)) return false;
  const statements = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
  const names = [`arn:aws:iam::${caller.accountId}:root`, caller.accountId, caller.arn, '*'];
  return statements.some(
    (s) =>
      isObject(s) &&
      s.Effect === 'Allow' &&
      principals(s.Principal).some((p) => names.includes(p)) &&
      strings(s.Action).some((a) => globMatches(a, action)) &&
      conditionsHold(s.Condition, caller),
  );
}

function contextValues(key: string, caller: PolicyCaller): string[] | null {
  switch (key.toLowerCase()) {
    case 'aws:principalorgid':
      return [caller.organizationId];
    case 'aws:principalorgpaths':
      return caller.organizationPaths;
    case 'aws:principalaccount':
    case 'kms:calleraccount':
      return [caller.accountId];
    default:
      return null;
  }
}

function conditionsHold(condition: unknown, caller: PolicyCaller): boolean {
  if (condition === undefined) return true;
  if (!isObject(condition)) return false;
  return Object.entries(condition).every(([operator, tests]) => {
    const op = operator.replace(/^ForAnyValue:/, '');
    if (!isObject(tests) || (op !== 'StringEquals' && op !== 'StringLike')) return false;
    return Object.entries(tests).every(([key, expected]) => {
      const actual = contextValues(key, caller);
      if (actual === null) return false;
      const patterns = strings(expected);
      return actual.some((v) => patterns.some((p) => (op === 'StringLike' ? globMatches(p, v, false) : p === v)));
    });
  });
}

function principals(value: unknown): string[] {
  if (value === '*') return ['*'];
  return isObject(value) ? strings(value.AWS) : [];
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** IAM's `*` / `?` wildcards; actions compare case-insensitively, condition values do not. */
function globMatches(pattern: string, value: string, ignoreCase = true): boolean {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, ignoreCase ? 'i' : '').test(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
