/** EC2 Image Builder: pipelines, runs followed as jobs, components, and creating a pipeline. */
import { z } from 'zod';
import type { BuildRun, ComponentChoice, CreatePipelineResult, NetworkChoices, PipelineDetail, PipelineSummary } from '../imagebuilder';
import { id, region, imageId, confirmations, common, output, event } from './fields';

const builderArn = z.string().max(1024).regex(/^arn:aws[a-z-]*:imagebuilder:[a-z0-9-]+:(\d{12}|aws):[a-z-]+\/[\w./-]+$/, 'must be an Image Builder ARN');
const builderName = z.string().trim().min(1).max(126).regex(/^[-_A-Za-z0-9]+$/, 'letters, digits, - and _ only');
const accountId = z.string().regex(/^\d{12}$/, 'must be a 12-digit account id');

/** The patterns Image Builder's API checks (service model), shared with the wizard's as-you-type checks. */
export const BUILDER_PATTERNS = {
  subnetId: /^subnet-[0-9a-f]{8,17}$/,
  securityGroupId: /^sg-[0-9a-f]{8,17}$/,
  // S3's bucket naming rules: 3–63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit.
  s3Bucket: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
  snsTopicArn: /^arn:aws[^:]*:sns:[^:]+:[0-9]{12}:[a-zA-Z0-9-_]{1,256}$/,
  organizationArn: /^arn:aws[^:]*:organizations::[0-9]{12}:organization\/o-[a-z0-9]{10,32}$/,
  organizationalUnitArn: /^arn:aws[^:]*:organizations::[0-9]{12}:ou\/o-[a-z0-9]{10,32}\/ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/,
  launchTemplateId: /^lt-[a-z0-9-_]{17}$/,
  // A key ARN, alias ARN, alias name, key id or multi-Region key id: what EC2 accepts for an image copy's key.
  kmsKeyId: /^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[\w/-]+|alias\/[\w/-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/,
} as const;

const launchTemplateUpdate = z.strictObject({
  launchTemplateId: z.string().regex(BUILDER_PATTERNS.launchTemplateId, 'must be a launch template id such as lt-0123456789abcdef0'),
  /** The account the template is in; null = the pipeline's own account. */
  accountId: accountId.nullable(),
  /** Make the new version (with the new AMI) the template's default. */
  setDefaultVersion: z.boolean(),
});

/** What one distribution region does besides naming the AMI: who gets it, how it is encrypted, what it updates. */
const regionDistribution = z.strictObject({
  region,
  /** Accounts the AMI is copied to (each owns its copy). */
  targetAccountIds: z.array(accountId).max(50),
  /** Accounts that may launch the AMI, beside shareWithAccounts (which applies to every region). */
  userIds: z.array(accountId).max(100),
  organizationArns: z.array(z.string().regex(BUILDER_PATTERNS.organizationArn, 'must be an organization ARN such as arn:aws:organizations::123456789012:organization/o-abcdefghij')).max(25),
  organizationalUnitArns: z
    .array(z.string().regex(BUILDER_PATTERNS.organizationalUnitArn, 'must be an OU ARN such as arn:aws:organizations::123456789012:ou/o-abcdefghij/ou-ab12-cdefghij'))
    .max(25),
  /** The region's KMS key for the AMI's snapshots; null = the default EBS key. */
  kmsKeyId: z.string().max(1024).regex(BUILDER_PATTERNS.kmsKeyId, 'must be a KMS key ARN, key id or alias').nullable(),
  launchTemplates: z.array(launchTemplateUpdate).max(100),
  amiTags: z.record(z.string().min(1).max(128), z.string().max(256)).refine((tags) => Object.keys(tags).length <= 50, 'at most 50 tags'),
});

export const schemas = {
  pipelineRef: z.strictObject({ account: id, region, arn: builderArn }),
  pipelineStart: z.strictObject({ account: id, region, arn: builderArn, confirmations }),
  pipelineCreate: z.strictObject({
    account: id,
    region,
    name: builderName,
    description: z.string().max(1024),
    // An AMI id, an Image Builder image ARN, or `ssm:` and a Parameter Store parameter holding an AMI id.
    parentImage: z.union([imageId, builderArn, z.string().max(2048).regex(/^ssm:[\w./-]+$/, 'must be ssm: and a parameter name')]),
    recipeVersion: z.string().regex(/^\d+\.\d+\.\d+$/, 'must look like 1.0.0'),
    components: z.array(builderArn).min(1).max(20),
    tests: z.array(builderArn).max(20),
    instanceProfileName: z.string().min(1).max(256).regex(/^[\w+=,.@-]+$/, 'must be an instance profile name'),
    instanceTypes: z.array(z.string().regex(/^[a-z0-9]+[a-z0-9-]*\.[a-z0-9]+$/, 'must be an instance type such as m5.large')).min(1).max(10),
    terminateInstanceOnFailure: z.boolean(),
    /** Where the build instance runs; without it, the default VPC's subnets. */
    subnetId: z.string().regex(BUILDER_PATTERNS.subnetId, 'must be a subnet id such as subnet-0123456789abcdef0').nullable().optional(),
    /** Only with a subnet (Image Builder refuses security groups without one). */
    securityGroupIds: z.array(z.string().regex(BUILDER_PATTERNS.securityGroupId, 'must be a security group id such as sg-0123456789abcdef0')).max(5).optional(),
    keyPair: z.string().min(1).max(255).nullable().optional(),
    /** Build logs to S3; null = no S3 logs. */
    s3Logs: z
      .strictObject({
        bucket: z.string().regex(BUILDER_PATTERNS.s3Bucket, 'must be an S3 bucket name (3–63 lower-case letters, digits, dots and hyphens)'),
        prefix: z.string().max(1024),
      })
      .nullable()
      .optional(),
    snsTopicArn: z.string().regex(BUILDER_PATTERNS.snsTopicArn, 'must be an SNS topic ARN such as arn:aws:sns:us-east-1:123456789012:builds').nullable().optional(),
    regions: z.array(region).min(1).max(32),
    amiName: z.string().min(1).max(127),
    shareWithAccounts: z.array(z.string().regex(/^\d{12}$/, 'must be a 12-digit account id')).max(100),
    schedule: z.string().max(256).regex(/^cron\(.+\)$/, 'must be a cron expression such as cron(0 6 ? * MON *)').nullable(),
    /** Per-region settings, for regions of `regions` only; a region without one gets the name and shares alone. */
    regionSettings: z.array(regionDistribution).max(32).optional(),
    confirmations,
  }),
} as const;

export const channels = {
  'builder:pipelines': { input: common.regionRef, output: output<PipelineSummary[]>() },
  'builder:pipeline': { input: schemas.pipelineRef, output: output<PipelineDetail>() },
  /** Starts a run (with a client token) and follows it as a job. */
  'builder:start': { input: schemas.pipelineStart, output: output<BuildRun>() },
  'builder:runs': { input: common.empty, output: output<BuildRun[]>() },
  'builder:cancel': { input: common.jobCancel, output: output<BuildRun>() },
  /** The account's and Amazon's components in a region. */
  'builder:components': { input: common.regionRef, output: output<ComponentChoice[]>() },
  /** Creates recipe, infrastructure, distribution and pipeline in order; rolls back on failure. */
  'builder:create': { input: schemas.pipelineCreate, output: output<CreatePipelineResult>() },
  /** The subnets, security groups, key pairs and launch templates the wizard offers in an account and region. */
  'builder:networkChoices': { input: common.regionRef, output: output<NetworkChoices>() },
} as const;

export const events = {
  /** An Image Builder run was started, moved on, or ended. */
  'builder:run': event<BuildRun>(),
} as const;
