/**
 * Instance profiles of the demo world and the managed policies attached to roles, made for each
 * account on first use (IAM reads of an account that never asks cost nothing). Every account has:
 *
 * - `EC2InstanceProfileForImageBuilder`, whose role of the same name has both policies Image
 *   Builder's build instances need (the seeded pipelines' infrastructure names it);
 * - `ImageBuilderLegacyProfile`, whose role `ImageBuilderLegacyRole` has
 *   EC2InstanceProfileForImageBuilder but not AmazonSSMManagedInstanceCore;
 * - `ImageBuilderEmptyProfile`, with no role;
 * - `<account name>-ec2`, the profile the seeded instances run with (its role has
 *   AmazonSSMManagedInstanceCore and CloudWatchAgentServerPolicy).
 *
 * The roles of iam.ts (AtlasReadOnly and the others) have managed policies too: administrators'
 * AdministratorAccess, the rest ReadOnlyAccess. Ids come from the seed; names are fixed.
 */
import type { World } from './model';
import { Rng } from './random';

export const INSTANCE_PROFILE_NAMES = {
  complete: 'EC2InstanceProfileForImageBuilder',
  missingSsm: 'ImageBuilderLegacyProfile',
  noRole: 'ImageBuilderEmptyProfile',
} as const;

export const LEGACY_ROLE_NAME = 'ImageBuilderLegacyRole';

const policy = (name: string) => ({ name, arn: `arn:aws:iam::aws:policy/${name}` });
export const MANAGED_POLICIES = {
  imageBuilder: policy('EC2InstanceProfileForImageBuilder'),
  ssmCore: policy('AmazonSSMManagedInstanceCore'),
  cloudWatchAgent: policy('CloudWatchAgentServerPolicy'),
  admin: policy('AdministratorAccess'),
  readOnly: policy('ReadOnlyAccess'),
} as const;

export interface ManagedPolicyRef {
  name: string;
  arn: string;
}

export interface ProfileRoleRecord {
  roleName: string;
  path: string;
  arn: string;
  roleId: string;
  createDate: string;
  description: string;
  /** The trust policy, as IAM answers it (URL-encoded JSON). */
  assumeRolePolicyDocument: string;
  maxSessionDuration: number;
  attached: ManagedPolicyRef[];
}

export interface InstanceProfileRecord {
  name: string;
  path: string;
  arn: string;
  instanceProfileId: string;
  createDate: string;
  /** Role names; an instance profile holds at most one. */
  roles: string[];
}

interface AccountIam {
  profiles: InstanceProfileRecord[];
  roles: ProfileRoleRecord[];
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const CREATED = '2024-06-03T14:12:09Z';
const EC2_TRUST = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }));
const ADMIN_ROLES = new Set(['OrganizationAccountAccessRole', 'MfaProtectedAdmin']);

const states = new WeakMap<World, Map<string, AccountIam>>();

function build(world: World, accountId: string): AccountIam {
  const account = world.accountById(accountId);
  const rng = Rng.from(world.seed, `iam-instance-profiles:${accountId}`);
  const role = (roleName: string, description: string, attached: ManagedPolicyRef[]): ProfileRoleRecord => ({
    roleName,
    path: '/',
    arn: `arn:aws:iam::${accountId}:role/${roleName}`,
    roleId: `AROA${rng.chars(17, ID_ALPHABET)}`,
    createDate: CREATED,
    description,
    assumeRolePolicyDocument: EC2_TRUST,
    maxSessionDuration: 3_600,
    attached,
  });
  const profile = (name: string, roles: string[]): InstanceProfileRecord => ({
    name,
    path: '/',
    arn: `arn:aws:iam::${accountId}:instance-profile/${name}`,
    instanceProfileId: `AIPA${rng.chars(17, ID_ALPHABET)}`,
    createDate: CREATED,
    roles,
  });
  const roles = [
    role(INSTANCE_PROFILE_NAMES.complete, 'Image Builder build and test instances', [MANAGED_POLICIES.imageBuilder, MANAGED_POLICIES.ssmCore]),
    role(LEGACY_ROLE_NAME, 'Image Builder instances, made before Systems Manager was required', [MANAGED_POLICIES.imageBuilder]),
  ];
  const profiles = [
    profile(INSTANCE_PROFILE_NAMES.complete, [INSTANCE_PROFILE_NAMES.complete]),
    profile(INSTANCE_PROFILE_NAMES.missingSsm, [LEGACY_ROLE_NAME]),
    profile(INSTANCE_PROFILE_NAMES.noRole, []),
  ];
  if (account) {
    const name = `${account.name}-ec2`;
    roles.push(role(`${name}-role`, `Instances of ${account.name}`, [MANAGED_POLICIES.ssmCore, MANAGED_POLICIES.cloudWatchAgent]));
    profiles.push(profile(name, [`${name}-role`]));
  }
  return { profiles, roles };
}

function accountIam(world: World, accountId: string): AccountIam {
  let byAccount = states.get(world);
  if (!byAccount) {
    byAccount = new Map();
    states.set(world, byAccount);
  }
  let iam = byAccount.get(accountId);
  if (!iam) {
    iam = build(world, accountId);
    byAccount.set(accountId, iam);
  }
  return iam;
}

/** IAM names are unique per account without regard to case, as in AWS. */
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function instanceProfile(world: World, accountId: string, name: string): InstanceProfileRecord | undefined {
  return accountIam(world, accountId).profiles.find((p) => same(p.name, name));
}

/** A role of the account: the instance profiles' roles, or the roles of iam.ts (with their managed policies). */
export function accountRole(world: World, accountId: string, roleName: string): ProfileRoleRecord | undefined {
  const own = accountIam(world, accountId).roles.find((r) => same(r.roleName, roleName));
  if (own) return own;
  const seeded = world.roles.find((r) => r.accountId === accountId && same(r.roleName, roleName));
  if (!seeded) return undefined;
  return {
    roleName: seeded.roleName,
    path: seeded.path,
    arn: seeded.arn,
    roleId: seeded.roleId,
    createDate: CREATED,
    description: seeded.description,
    assumeRolePolicyDocument: encodeURIComponent(
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: seeded.trust.principals }, Action: 'sts:AssumeRole' }] }),
    ),
    maxSessionDuration: seeded.maxSessionDuration,
    attached: [ADMIN_ROLES.has(seeded.roleName) ? MANAGED_POLICIES.admin : MANAGED_POLICIES.readOnly],
  };
}
