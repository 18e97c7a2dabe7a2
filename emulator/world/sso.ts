/**
 * The demo world's IAM Identity Center: one instance (start URL, home region us-east-1) with
 * one user, two permission sets and their assignments. Every assignment provisions the role
 * Identity Center would create in that account (AWSReservedSSO_<set>_<hash> under the
 * /aws-reserved/sso.amazonaws.com/ path, trusting the instance's SAML provider only), so role
 * credentials from the portal are ordinary sessions of a real role of the account.
 */
import { newRoleId, roleArn } from './iam';
import type { AccountRecord, RoleRecord, SsoInstanceRecord, SsoPermissionSetRecord } from './model';
import type { Rng } from './random';

export const SSO_START_URL = 'https://atlas-demo.awsapps.com/start';
export const SSO_REGION = 'us-east-1';
const SSO_ROLE_PATH = '/aws-reserved/sso.amazonaws.com/';

interface PermissionSetPlan {
  name: string;
  description: string;
  sessionDurationSeconds: number;
  /** Account names the set is assigned in. */
  accounts: string[];
}

/** initech-sandbox has no assignment at all: the portal does not list it. */
const PERMISSION_SETS: readonly PermissionSetPlan[] = [
  {
    name: 'AdministratorAccess',
    description: 'Full access to non-production accounts',
    sessionDurationSeconds: 3_600,
    accounts: ['acme-staging', 'globex-dev'],
  },
  {
    name: 'ReadOnlyAccess',
    description: 'Read-only access',
    sessionDurationSeconds: 14_400,
    accounts: ['acme-production', 'acme-staging', 'globex-prod', 'globex-dev', 'initech-shared-services'],
  },
];

export function buildSso(accounts: readonly AccountRecord[], rng: Rng): { sso: SsoInstanceRecord; roles: RoleRecord[] } {
  const instanceId = `ssoins-${rng.hex(16)}`;
  const sso: SsoInstanceRecord = {
    instanceArn: `arn:aws:sso:::instance/${instanceId}`,
    startUrl: SSO_START_URL,
    region: SSO_REGION,
    user: { userName: 'ana.lopez', displayName: 'Ana López', email: 'ana.lopez@atlas-demo.example' },
    samlProvider: `AWSSSO_${rng.hex(16)}_DO_NOT_DELETE`,
    permissionSets: [],
    assignments: [],
  };
  const roles: RoleRecord[] = [];
  for (const plan of PERMISSION_SETS) {
    const set = permissionSet(sso, plan.name, plan.description, plan.sessionDurationSeconds, rng);
    for (const accountName of plan.accounts) {
      const account = accounts.find((a) => a.name === accountName);
      if (!account) throw new Error(`unknown seeded account ${accountName}`);
      roles.push(assign(sso, account, set, rng));
    }
  }
  return { sso, roles };
}

/** A permission set of the instance (made the first time it is named). */
export function permissionSet(sso: SsoInstanceRecord, name: string, description: string, sessionDurationSeconds: number, rng: Rng): SsoPermissionSetRecord {
  const existing = sso.permissionSets.find((p) => p.name === name);
  if (existing) return existing;
  const instanceId = sso.instanceArn.slice(sso.instanceArn.lastIndexOf('/') + 1);
  const set: SsoPermissionSetRecord = {
    name,
    description,
    arn: `arn:aws:sso:::permissionSet/${instanceId}/ps-${rng.hex(16)}`,
    sessionDurationSeconds,
    roleName: `AWSReservedSSO_${name}_${rng.hex(16)}`,
  };
  sso.permissionSets.push(set);
  return set;
}

/** Assigns a permission set in an account, with the role Identity Center provisions there. */
export function assign(sso: SsoInstanceRecord, account: AccountRecord, set: SsoPermissionSetRecord, rng: Rng): RoleRecord {
  sso.assignments.push({ accountId: account.accountId, permissionSet: set.name });
  return {
    accountId: account.accountId,
    roleName: set.roleName,
    path: SSO_ROLE_PATH,
    arn: roleArn(account.accountId, SSO_ROLE_PATH, set.roleName),
    roleId: newRoleId(rng),
    description: `Provisioned by IAM Identity Center for ${set.name}`,
    maxSessionDuration: set.sessionDurationSeconds,
    trust: {
      principals: [`arn:aws:iam::${account.accountId}:saml-provider/${sso.samlProvider}`],
      externalId: null,
      mfaRequired: false,
    },
    ssoPermissionSet: set.name,
  };
}
