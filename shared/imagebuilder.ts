/**
 * EC2 Image Builder, as the app shows it: pipelines per account and region with what they are
 * made of, runs followed as jobs through their states to the AMIs they distribute, and a guided
 * pipeline creation (recipe → infrastructure → distribution → pipeline).
 */
import type { z } from 'zod';
import type { AppErrorShape } from './errors';
import type { schemas as contract } from './contract/builder';

export interface PipelineLastRun {
  status: string;
  imageBuildArn: string;
  at: string | null;
  reason: string | null;
}

export interface PipelineSummary {
  account: string;
  region: string;
  arn: string;
  name: string;
  description: string | null;
  /** ENABLED or DISABLED. */
  status: string;
  /** The cron expression; null when the pipeline only runs when started by hand. */
  schedule: string | null;
  dateLastRun: string | null;
  dateNextRun: string | null;
  lastRun: PipelineLastRun | null;
}

export interface RecipeComponent {
  arn: string;
  name: string;
  version: string;
}

export interface PipelineDetail extends PipelineSummary {
  recipe: {
    arn: string;
    name: string;
    version: string;
    parentImage: string;
    components: RecipeComponent[];
    blockDevices: Array<{ deviceName: string; volumeSizeGiB: number | null; volumeType: string | null; encrypted: boolean | null }>;
  } | null;
  infrastructure: {
    arn: string;
    name: string;
    instanceProfileName: string;
    instanceTypes: string[];
    subnetId: string | null;
    // The members below are always set by the core; optional so views built before them still type-check.
    securityGroupIds?: string[];
    keyPair?: string | null;
    /** Where build logs go in S3; null = not to S3. */
    s3Logs?: { bucket: string; prefix: string | null } | null;
    snsTopicArn?: string | null;
    terminateInstanceOnFailure: boolean;
  } | null;
  distribution: {
    arn: string;
    name: string;
    regions: Array<{
      region: string;
      amiName: string | null;
      launchPermission: { userIds: string[]; organizationArns: string[]; organizationalUnitArns: string[]; public: boolean };
      targetAccountIds: string[];
      // Always set by the core; optional for the same reason as the infrastructure's.
      kmsKeyId?: string | null;
      amiTags?: Record<string, string>;
      launchTemplates?: Array<{ launchTemplateId: string; accountId: string | null; setDefaultVersion: boolean }>;
    }>;
  } | null;
  tests: { enabled: boolean; timeoutMinutes: number | null };
}

/** The states of a build, in order; FAILED and CANCELLED can end it at any point. */
export const BUILD_STATES = ['PENDING', 'CREATING', 'BUILDING', 'TESTING', 'DISTRIBUTING', 'INTEGRATING', 'AVAILABLE'] as const;

export interface BuildStep {
  workflow: string;
  name: string;
  status: string;
  startTime: string | null;
  endTime: string | null;
  message: string | null;
}

export interface BuildAmi {
  region: string;
  imageId: string;
  name: string;
  /** The AWS account the AMI was distributed to (12 digits). */
  awsAccountId: string;
}

export interface BuildRun {
  id: string;
  account: string;
  accountName: string;
  region: string;
  pipelineArn: string;
  pipelineName: string;
  /** Set once StartImagePipelineExecution answered. */
  imageBuildArn: string | null;
  /** STARTING until Image Builder answered; then its own status. */
  status: string;
  /** 0–100 from the position of the status in BUILD_STATES. */
  progress: number;
  finished: boolean;
  steps: BuildStep[];
  reason: string | null;
  amis: BuildAmi[];
  startedAt: string;
  finishedAt: string | null;
  error: AppErrorShape | null;
}

export interface ComponentChoice {
  arn: string;
  name: string;
  version: string;
  type: 'BUILD' | 'TEST';
  owner: 'Self' | 'Amazon';
  platform: string;
  description: string | null;
}

/** What the wizard offers for where a build runs and which launch templates a distribution updates. */
export interface NetworkChoices {
  subnets: Array<{ id: string; name: string | null; vpcId: string; vpcName: string | null; availabilityZone: string; cidrBlock: string; defaultForAz: boolean }>;
  securityGroups: Array<{ id: string; name: string; vpcId: string; description: string | null }>;
  keyPairs: Array<{ name: string; type: string | null }>;
  launchTemplates: Array<{ id: string; name: string }>;
}

/** A new pipeline as the wizard fills it in (the create input without the typed production names). */
export type PipelineDraft = Omit<z.output<typeof contract.pipelineCreate>, 'confirmations'>;

export interface CreatedResource {
  kind: 'recipe' | 'infrastructure' | 'distribution' | 'pipeline';
  arn: string;
}

export interface CreatePipelineResult {
  pipelineArn: string;
  created: CreatedResource[];
}
