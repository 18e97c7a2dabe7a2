/**
 * The wizard's instance profile check: the profile exists, holds a role, and the role has the
 * two AWS managed policies Image Builder's build and test instances need
 * (EC2InstanceProfileForImageBuilder and AmazonSSMManagedInstanceCore). When something is
 * missing, the answer says what in words and gives the AWS CLI commands that fix it. Policies
 * granted some other way (inline, customer managed) cannot be told apart from missing ones by
 * these reads, so only the managed policies count.
 */
import { GetInstanceProfileCommand, ListAttachedRolePoliciesCommand, type AttachedPolicy, type IAMClient } from '@aws-sdk/client-iam';
import { IMAGE_BUILDER_INSTANCE_POLICIES, type InstanceProfileCheck } from '../../../shared/imagebuilder-checks';
import type { Wrap } from '../sharing/image-facts';

const EC2_TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}';

/** The SDK names IAM's NoSuchEntity after its shape, NoSuchEntityException. */
const isNoSuchEntity = (error: unknown): boolean => /^NoSuchEntity(Exception)?$/.test(awsCode(error));

const awsCode = (error: unknown): string => (typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '');

const attach = (role: string, names: readonly string[]): string[] =>
  IMAGE_BUILDER_INSTANCE_POLICIES.filter((p) => names.includes(p.name)).map((p) => `aws iam attach-role-policy --role-name ${role} --policy-arn ${p.arn}`);

const ALL = IMAGE_BUILDER_INSTANCE_POLICIES.map((p) => p.name);

/** A role for EC2 with both policies, put in the profile. */
const newRole = (profile: string): string[] => [
  `aws iam create-role --role-name ${profile} --assume-role-policy-document '${EC2_TRUST}'`,
  ...attach(profile, ALL),
  `aws iam add-role-to-instance-profile --instance-profile-name ${profile} --role-name ${profile}`,
];

async function attachedPolicies(iam: IAMClient, roleName: string, wrap: Wrap): Promise<AttachedPolicy[] | null> {
  const out: AttachedPolicy[] = [];
  let marker: string | undefined;
  try {
    do {
      const page = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName, ...(marker ? { Marker: marker } : {}) }));
      out.push(...(page.AttachedPolicies ?? []));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
  } catch (error) {
    if (isNoSuchEntity(error)) return null;
    throw wrap(error, 'iam:ListAttachedRolePolicies');
  }
  return out;
}

export async function checkInstanceProfile(iam: IAMClient, profileName: string, accountName: string, wrap: Wrap): Promise<InstanceProfileCheck> {
  const base = { profileName, roleName: null, attached: [], missing: [...ALL] };
  let profile;
  try {
    profile = (await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: profileName }))).InstanceProfile;
  } catch (error) {
    if (!isNoSuchEntity(error)) throw wrap(error, 'iam:GetInstanceProfile');
  }
  if (!profile) {
    return {
      ...base,
      status: 'no-profile',
      message: `No instance profile ${profileName} in ${accountName}. Create it with a role that has ${ALL.join(' and ')}:`,
      fix: [`aws iam create-instance-profile --instance-profile-name ${profileName}`, ...newRole(profileName)],
    };
  }
  const roleName = profile.Roles?.[0]?.RoleName;
  if (!roleName) {
    return {
      ...base,
      status: 'no-role',
      message: `The instance profile ${profileName} in ${accountName} has no role, so build instances get no permissions. Give it one with ${ALL.join(' and ')}:`,
      fix: newRole(profileName),
    };
  }
  const policies = await attachedPolicies(iam, roleName, wrap);
  if (policies === null) {
    return {
      ...base,
      roleName,
      status: 'no-role',
      message: `The instance profile ${profileName} in ${accountName} names the role ${roleName}, which no longer exists. Replace it with a role that has ${ALL.join(' and ')}:`,
      fix: [`aws iam remove-role-from-instance-profile --instance-profile-name ${profileName} --role-name ${roleName}`, ...newRole(profileName)],
    };
  }
  const arns = new Set(policies.map((p) => p.PolicyArn ?? ''));
  const attached = policies.map((p) => p.PolicyName ?? p.PolicyArn ?? '').filter(Boolean);
  const missing = IMAGE_BUILDER_INSTANCE_POLICIES.filter((p) => !arns.has(p.arn)).map((p) => p.name);
  if (missing.length === 0) {
    return { profileName, roleName, attached, missing, status: 'ok', message: `${profileName} has the role ${roleName} with ${ALL.join(' and ')}.`, fix: [] };
  }
  return {
    profileName,
    roleName,
    attached,
    missing,
    status: 'missing-policies',
    message: `Attach ${missing.join(' and ')} to role ${roleName} (the instance profile ${profileName} in ${accountName}): without ${missing.length === 1 ? 'it' : 'them'} Image Builder cannot manage the build instance.`,
    fix: attach(roleName, missing),
  };
}
