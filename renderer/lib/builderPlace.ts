/**
 * The pipeline wizard's "where": the build instance's network (subnet, security groups, key
 * pair), its S3 logs and SNS topic, and per distribution region the organizations and OUs it is
 * shared with, the accounts it is copied to, its KMS key, AMI tags and the launch templates it
 * updates. What each step must hold, and the part of the draft it makes. Pure.
 */
import { BUILDER_PATTERNS } from '../../shared/contract/builder';
import type { NetworkChoices, PipelineDraft } from '../../shared/imagebuilder';

export interface LaunchTemplateUpdate {
  launchTemplateId: string;
  /** The 12-digit account the template is in (one the AMI is copied to); null = the pipeline's own account. */
  accountId: string | null;
  /** The template's name as listed, to show; null when typed by id. */
  name: string | null;
  setDefaultVersion: boolean;
}

export interface RegionPlace {
  /** Account ids, organization ARNs and OU ARNs that may launch this region's AMI (sorted into the three kinds when sent). */
  orgTargets: string[];
  /** Accounts the AMI is copied to (each gets its own). */
  targetAccountIds: string[];
  /** The KMS key ARN for this region; null = the default EBS key. */
  kmsKeyArn: string | null;
  launchTemplates: LaunchTemplateUpdate[];
  /** "Key=Value, Key=Value", as typed. */
  amiTags: string;
}

export interface PlaceForm {
  subnetId: string | null;
  securityGroupIds: string[];
  keyPair: string | null;
  s3Logging: boolean;
  s3Bucket: string;
  s3Prefix: string;
  snsTopicArn: string;
  /** By region; a region without an entry has none of these settings. */
  regions: Record<string, RegionPlace>;
}

export function initialPlaceForm(): PlaceForm {
  return { subnetId: null, securityGroupIds: [], keyPair: null, s3Logging: false, s3Bucket: '', s3Prefix: 'image-builder/', snsTopicArn: '', regions: {} };
}

export function emptyRegionPlace(): RegionPlace {
  return { orgTargets: [], targetAccountIds: [], kmsKeyArn: null, launchTemplates: [], amiTags: '' };
}

export const regionPlace = (form: PlaceForm, region: string): RegionPlace => form.regions[region] ?? emptyRegionPlace();

export type OrgTargetKind = 'account' | 'organization' | 'ou';

/** A launch target as typed: an account id (dashes and spaces allowed, as copied from the console) or an ARN as is. */
export function normalizeLaunchTarget(text: string): string {
  const t = text.trim();
  return /^[\d\s-]+$/.test(t) ? t.replace(/[\s-]/g, '') : t;
}

export function orgTargetKind(arn: string): OrgTargetKind | null {
  if (/^\d{12}$/.test(arn)) return 'account';
  if (BUILDER_PATTERNS.organizationArn.test(arn)) return 'organization';
  if (BUILDER_PATTERNS.organizationalUnitArn.test(arn)) return 'ou';
  return null;
}

/**
 * What is wrong with an account id, organization ARN or OU ARN as it is typed; null when it is
 * one. Says which part is wrong, so a half-pasted ARN is easy to fix.
 */
export function orgTargetProblem(text: string): string | null {
  const arn = normalizeLaunchTarget(text);
  if (!arn) return null;
  if (orgTargetKind(arn)) return null;
  if (/^\d+$/.test(arn)) return `An account id has 12 digits (this has ${arn.length}).`;
  if (/^(o|ou|r)-[a-z0-9-]+$/.test(arn)) return 'Paste the whole ARN (arn:aws:organizations::…), not only the id.';
  if (!arn.startsWith('arn:')) return 'A 12-digit account id, or an ARN starting with arn:aws:organizations::.';
  if (!/^arn:aws[^:]*:organizations::/.test(arn)) return 'Only AWS Organizations ARNs (arn:aws:organizations::…) can be shared with.';
  if (!/^arn:aws[^:]*:organizations::\d{12}:/.test(arn)) return 'After organizations:: comes the management account’s 12-digit id.';
  if (/:ou\//.test(arn)) return 'An OU ARN ends in ou/o-<organization id>/ou-<root>-<ou id>.';
  if (/:organization\//.test(arn)) return 'An organization ARN ends in organization/o- and 10 to 32 letters or digits.';
  return 'Not an organization (…:organization/o-…) or OU (…:ou/o-…/ou-…) ARN.';
}

export function snsTopicProblem(text: string): string | null {
  const arn = text.trim();
  if (!arn || BUILDER_PATTERNS.snsTopicArn.test(arn)) return null;
  if (!arn.startsWith('arn:')) return 'An SNS topic ARN, such as arn:aws:sns:us-east-1:123456789012:image-builds.';
  if (!/^arn:aws[^:]*:sns:/.test(arn)) return 'Only an SNS topic can be notified (arn:aws:sns:…).';
  return 'An SNS topic ARN: arn:aws:sns:<region>:<12-digit account>:<topic name of letters, digits, - and _>.';
}

export function s3BucketProblem(text: string): string | null {
  const bucket = text.trim();
  if (!bucket) return 'Name the bucket the logs go to.';
  if (bucket.startsWith('s3://')) return 'The bucket name alone, without s3://.';
  if (bucket.length < 3 || bucket.length > 63) return 'Bucket names have 3 to 63 characters.';
  if (/[A-Z_]/.test(bucket)) return 'Bucket names have lower-case letters, digits, dots and hyphens only.';
  if (!BUILDER_PATTERNS.s3Bucket.test(bucket)) return 'Bucket names start and end with a letter or digit, and have lower-case letters, digits, dots and hyphens.';
  return null;
}

/** "Team=platform, Env=prod" → tags; the first problem when it cannot be read. */
export function parseAmiTags(text: string): { tags: Record<string, string>; problem: string | null } {
  const tags: Record<string, string> = {};
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  for (const part of parts) {
    const at = part.indexOf('=');
    const key = (at < 0 ? part : part.slice(0, at)).trim();
    if (at < 0 || !key) return { tags, problem: `“${part}” is not Key=Value.` };
    if (key.length > 128) return { tags, problem: `The tag key “${key.slice(0, 20)}…” is longer than 128 characters.` };
    if (key in tags) return { tags, problem: `The tag “${key}” appears twice.` };
    tags[key] = part.slice(at + 1).trim();
  }
  if (Object.keys(tags).length > 50) return { tags, problem: 'At most 50 tags.' };
  return { tags, problem: null };
}

export type PlaceIssueKey = 'securityGroupIds' | 's3Bucket' | 'snsTopicArn' | 'regionSettings';
export type PlaceIssues = Partial<Record<PlaceIssueKey, string>>;

/** What stops the infrastructure or distribution step beyond the basic form's checks. */
export function placeIssues(step: string, form: PlaceForm, regions: readonly string[]): PlaceIssues {
  const issues: PlaceIssues = {};
  if (step === 'infrastructure') {
    if (form.securityGroupIds.length > 0 && !form.subnetId) issues.securityGroupIds = 'Security groups need a subnet: choose one, or clear the groups.';
    else if (form.securityGroupIds.length > 5) issues.securityGroupIds = 'At most 5 security groups.';
    if (form.s3Logging) {
      const problem = s3BucketProblem(form.s3Bucket);
      if (problem) issues.s3Bucket = problem;
    }
    const sns = snsTopicProblem(form.snsTopicArn);
    if (sns) issues.snsTopicArn = sns;
  }
  if (step === 'distribution') {
    for (const region of regions) {
      const r = regionPlace(form, region);
      const bad = r.orgTargets.find((a) => !orgTargetKind(a));
      const tags = parseAmiTags(r.amiTags).problem;
      const problem = bad ? `“${bad}” is not an account id, organization ARN or OU ARN.` : tags ? `AMI tags: ${tags}` : null;
      if (problem) {
        issues.regionSettings = `${region}: ${problem}`;
        break;
      }
    }
  }
  return issues;
}

export type PlaceDraft = Pick<PipelineDraft, 'subnetId' | 'securityGroupIds' | 'keyPair' | 's3Logs' | 'snsTopicArn' | 'regionSettings'>;

export function toPlaceDraft(form: PlaceForm, regions: readonly string[]): PlaceDraft {
  const regionSettings = regions
    .map((region) => {
      const r = regionPlace(form, region);
      return {
        region,
        targetAccountIds: [...r.targetAccountIds],
        userIds: r.orgTargets.filter((a) => orgTargetKind(a) === 'account'),
        organizationArns: r.orgTargets.filter((a) => orgTargetKind(a) === 'organization'),
        organizationalUnitArns: r.orgTargets.filter((a) => orgTargetKind(a) === 'ou'),
        kmsKeyId: r.kmsKeyArn,
        launchTemplates: r.launchTemplates
          // A template in an account the AMI is no longer copied to would get no AMI.
          .filter((t) => t.accountId === null || r.targetAccountIds.includes(t.accountId))
          .map((t) => ({ launchTemplateId: t.launchTemplateId, accountId: t.accountId, setDefaultVersion: t.setDefaultVersion })),
        amiTags: parseAmiTags(r.amiTags).tags,
      };
    })
    .filter((r) => r.targetAccountIds.length + r.organizationArns.length + r.organizationalUnitArns.length + r.launchTemplates.length + Object.keys(r.amiTags).length > 0 || r.kmsKeyId);
  const bucket = form.s3Bucket.trim();
  return {
    subnetId: form.subnetId,
    securityGroupIds: form.subnetId ? [...form.securityGroupIds] : [],
    keyPair: form.keyPair,
    s3Logs: form.s3Logging && bucket ? { bucket, prefix: form.s3Prefix.trim() } : null,
    snsTopicArn: form.snsTopicArn.trim() || null,
    ...(regionSettings.length > 0 ? { regionSettings } : {}),
  };
}

type Subnet = NetworkChoices['subnets'][number];

/** "build-private-a" or, unnamed, the id; the VPC by name where it has one. */
export function subnetLabel(s: Subnet): string {
  return s.name ?? s.id;
}

export function vpcLabel(s: Pick<Subnet, 'vpcId' | 'vpcName'>): string {
  return s.vpcName ? `${s.vpcName} (${s.vpcId})` : s.vpcId;
}

/** Subnets grouped by VPC, the VPCs in the order their first subnet comes. */
export function subnetsByVpc(subnets: readonly Subnet[]): Array<{ vpcId: string; label: string; subnets: Subnet[] }> {
  const groups = new Map<string, { vpcId: string; label: string; subnets: Subnet[] }>();
  for (const s of subnets) {
    const g = groups.get(s.vpcId) ?? { vpcId: s.vpcId, label: vpcLabel(s), subnets: [] };
    g.subnets.push(s);
    groups.set(s.vpcId, g);
  }
  return [...groups.values()];
}

/** A new subnet keeps only the security groups of its VPC (groups belong to one VPC). */
export function withSubnet(form: PlaceForm, subnetId: string | null, choices: NetworkChoices | null): Pick<PlaceForm, 'subnetId' | 'securityGroupIds'> {
  if (!subnetId) return { subnetId: null, securityGroupIds: [] };
  const vpcId = choices?.subnets.find((s) => s.id === subnetId)?.vpcId;
  const inVpc = new Set((choices?.securityGroups ?? []).filter((g) => g.vpcId === vpcId).map((g) => g.id));
  return { subnetId, securityGroupIds: form.securityGroupIds.filter((id) => inVpc.has(id)) };
}
