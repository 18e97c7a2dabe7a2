/**
 * What the pipeline wizard's checks answer as the user types: whether the base image exists in
 * the wizard's account and region (and what it is), and whether an instance profile has the role
 * and managed policies Image Builder's build instances need.
 */

export type ImagePlatform = 'Linux' | 'Windows' | 'macOS';

/** How the base image was written: an AMI id, an Image Builder image ARN, or `ssm:` and a parameter. */
export type BaseImageKind = 'ami' | 'managed' | 'ssm';

export interface BaseImageFound {
  ok: true;
  kind: BaseImageKind;
  /** What was checked, as typed (trimmed). */
  input: string;
  /** The image's name: the AMI's name, or the Image Builder image's name and version. */
  name: string;
  /** The AMI it stands for when known (an SSM parameter's value, a managed image's AMI in the region). */
  imageId: string | null;
  architecture: string | null;
  platform: ImagePlatform;
  /** Image Builder's OS version for managed images ("Amazon Linux 2023"); null for plain AMIs. */
  osVersion: string | null;
  /** One line to show under the field: "Amazon Linux 2023 x86 2025.1.1 (x86_64, Linux) in eu-west-1". */
  summary: string;
}

export interface BaseImageRefused {
  ok: false;
  kind: BaseImageKind | null;
  input: string;
  /** not-found: nothing by that name the account can see there; unusable: there, but not usable as a base (not available, other region); mismatch: chosen components are of another platform. */
  reason: 'malformed' | 'not-found' | 'unusable' | 'mismatch';
  /** In words, naming the account and region: "No AMI ami-… in eu-west-1 for acme-production." */
  message: string;
  /** The platform of the image when it was found (mismatch, unusable). */
  platform: ImagePlatform | null;
}

export type BaseImageCheck = BaseImageFound | BaseImageRefused;

/** The AWS managed policies an Image Builder build instance's role needs. */
export const IMAGE_BUILDER_INSTANCE_POLICIES = [
  { name: 'EC2InstanceProfileForImageBuilder', arn: 'arn:aws:iam::aws:policy/EC2InstanceProfileForImageBuilder' },
  { name: 'AmazonSSMManagedInstanceCore', arn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore' },
] as const;

export interface InstanceProfileCheck {
  profileName: string;
  /**
   * ok: the profile has a role with both policies attached; no-profile / no-role /
   * missing-policies: what stops builds; unverified: IAM could not be read (the error says why).
   */
  status: 'ok' | 'no-profile' | 'no-role' | 'missing-policies' | 'unverified';
  roleName: string | null;
  /** Managed policies attached to the role, by name. */
  attached: string[];
  /** Of the two needed policies, those not attached, by name. */
  missing: string[];
  /** In words, naming the account: "Attach AmazonSSMManagedInstanceCore to role ImageBuilderRole." */
  message: string;
  /** AWS CLI commands that make the profile complete (empty when nothing is to be done). */
  fix: string[];
}
