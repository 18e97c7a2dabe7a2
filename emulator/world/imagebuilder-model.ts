/**
 * EC2 Image Builder's resources, per account and region: components, image recipes,
 * infrastructure and distribution configurations, pipelines and the image build versions their
 * runs make. Records use Image Builder's own vocabulary so the wire layer serialises them as is.
 * Kept apart from the EC2 model: a build only touches EC2 when it registers its AMIs.
 */

import { Rng } from './random';

export type ComponentType = 'BUILD' | 'TEST';
export type ImageBuilderPlatform = 'Linux' | 'Windows' | 'macOS';

/** The phase of a component document a failing component breaks in (an emulator fixture). */
export type FailingPhase = 'build' | 'test';

export interface ComponentRecord {
  /** Build-version ARN: …:component/NAME/1.0.0/BUILD (account `aws` for Amazon-managed ones). */
  arn: string;
  /** `aws` or a 12-digit account id. */
  owner: string;
  region: string;
  name: string;
  /** Semantic version, e.g. 1.0.0. */
  version: string;
  buildNumber: number;
  description: string | null;
  changeDescription: string | null;
  type: ComponentType;
  platform: ImageBuilderPlatform;
  supportedOsVersions: string[];
  /** The YAML document (or the S3 URI it was created from). */
  data: string;
  kmsKeyId: string | null;
  dateCreated: string;
  tags: Record<string, string>;
  /** Account ids the component is shared with (ListComponents owner=Shared). */
  sharedWith: string[];
  /** Set when the component's run always fails in that phase. */
  failsIn: FailingPhase | null;
}

export interface ComponentConfigurationRecord {
  componentArn: string;
  parameters?: Array<{ name: string; value: string[] }>;
}

export interface InstanceBlockDeviceRecord {
  deviceName?: string;
  ebs?: {
    encrypted?: boolean;
    deleteOnTermination?: boolean;
    iops?: number;
    kmsKeyId?: string;
    snapshotId?: string;
    volumeSize?: number;
    volumeType?: string;
    throughput?: number;
  };
  virtualName?: string;
  noDevice?: string;
}

export interface ImageRecipeRecord {
  arn: string;
  owner: string;
  region: string;
  name: string;
  version: string;
  description: string | null;
  platform: ImageBuilderPlatform;
  /** An AMI id or an Image Builder image ARN. */
  parentImage: string;
  components: ComponentConfigurationRecord[];
  blockDeviceMappings: InstanceBlockDeviceRecord[];
  workingDirectory: string | null;
  dateCreated: string;
  tags: Record<string, string>;
  amiTags: Record<string, string>;
}

export interface InfrastructureConfigurationRecord {
  arn: string;
  owner: string;
  region: string;
  name: string;
  description: string | null;
  instanceProfileName: string;
  instanceTypes: string[];
  securityGroupIds: string[];
  subnetId: string | null;
  keyPair: string | null;
  terminateInstanceOnFailure: boolean;
  snsTopicArn: string | null;
  /** Where the build's logs go in S3 (absent: nowhere). */
  logging?: { s3Logs?: { s3BucketName?: string; s3KeyPrefix?: string } };
  dateCreated: string;
  dateUpdated: string | null;
  resourceTags: Record<string, string>;
  tags: Record<string, string>;
}

export interface LaunchPermissionConfigurationRecord {
  userIds: string[];
  userGroups: string[];
  organizationArns: string[];
  organizationalUnitArns: string[];
}

export interface AmiDistributionRecord {
  /** May hold `{{ imagebuilder:buildDate }}` / `{{ imagebuilder:buildVersion }}`. */
  name: string | null;
  description: string | null;
  targetAccountIds: string[];
  amiTags: Record<string, string>;
  kmsKeyId: string | null;
  launchPermission: LaunchPermissionConfigurationRecord | null;
}

export interface DistributionRecord {
  region: string;
  amiDistributionConfiguration: AmiDistributionRecord | null;
  licenseConfigurationArns: string[];
  /** Launch templates whose new version gets the region's AMI (absent: none). */
  launchTemplateConfigurations?: Array<{ launchTemplateId: string; accountId?: string; setDefaultVersion: boolean }>;
}

export interface DistributionConfigurationRecord {
  arn: string;
  owner: string;
  region: string;
  name: string;
  description: string | null;
  distributions: DistributionRecord[];
  timeoutMinutes: number;
  dateCreated: string;
  dateUpdated: string | null;
  tags: Record<string, string>;
}

export type PipelineStatus = 'ENABLED' | 'DISABLED';

export interface ScheduleRecord {
  scheduleExpression: string;
  timezone: string;
  pipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY' | 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE';
}

export interface ImageTestsConfigurationRecord {
  imageTestsEnabled: boolean;
  timeoutMinutes: number;
}

export interface ImagePipelineRecord {
  arn: string;
  owner: string;
  region: string;
  name: string;
  description: string | null;
  platform: ImageBuilderPlatform;
  enhancedImageMetadataEnabled: boolean;
  imageRecipeArn: string;
  infrastructureConfigurationArn: string;
  distributionConfigurationArn: string | null;
  imageTestsConfiguration: ImageTestsConfigurationRecord;
  schedule: ScheduleRecord | null;
  status: PipelineStatus;
  dateCreated: string;
  dateUpdated: string | null;
  tags: Record<string, string>;
  imageTags: Record<string, string>;
}

export type ImageStatus =
  | 'PENDING'
  | 'CREATING'
  | 'BUILDING'
  | 'TESTING'
  | 'DISTRIBUTING'
  | 'INTEGRATING'
  | 'AVAILABLE'
  | 'CANCELLED'
  | 'FAILED'
  | 'DEPRECATED'
  | 'DELETED';

/** An AMI a build registered, and the account that owns it. */
export interface BuildAmiRecord {
  region: string;
  imageId: string;
  name: string;
  description: string | null;
  accountId: string;
}

/**
 * One image build version. Its status is a function of the world clock (see
 * imagebuilder-builds.ts); the record keeps only what was decided when the run started and
 * what happened to it since (cancellation, AMIs registered).
 */
export interface ImageBuildRecord {
  arn: string;
  owner: string;
  region: string;
  /** The recipe's name: the image's name. */
  name: string;
  /** `1.0.0/N`. */
  version: string;
  platform: ImageBuilderPlatform;
  osVersion: string;
  /** Snapshots of the resources the run used, as GetImage reports them. */
  recipe: ImageRecipeRecord;
  infrastructure: InfrastructureConfigurationRecord;
  distribution: DistributionConfigurationRecord | null;
  imageTestsConfiguration: ImageTestsConfigurationRecord;
  pipelineArn: string | null;
  pipelineName: string | null;
  buildType: 'USER_INITIATED' | 'SCHEDULED' | 'IMPORT';
  enhancedImageMetadataEnabled: boolean;
  tags: Record<string, string>;
  /** World-clock milliseconds. */
  startedAtMs: number;
  /** Fixed when the run starts, so changing the knob does not move runs in flight. */
  durationMs: number;
  /** The component that makes the run fail, if any. */
  failure: { component: ComponentRecord; phase: FailingPhase } | null;
  cancelledAtMs: number | null;
  /** Workflow execution ids, by workflow type. */
  workflowExecutionIds: { BUILD: string; TEST: string; DISTRIBUTION: string };
  /** Step execution ids, in the order of the step plan. */
  stepExecutionIds: string[];
  amis: BuildAmiRecord[];
  /** True once the terminal status has been applied to the world (AMIs settled). */
  settled: boolean;
}

/** How Image Builder runs behave; changeable at runtime. */
export interface ImageBuilderSettings {
  /** World-clock seconds from StartImagePipelineExecution to AVAILABLE. */
  buildSeconds: number;
}

export const DEFAULT_IMAGE_BUILDER_SETTINGS: Readonly<ImageBuilderSettings> = { buildSeconds: 10 };

interface TokenRecord {
  fingerprint: string;
  response: Record<string, unknown>;
}

export class ImageBuilderState {
  readonly settings: ImageBuilderSettings = { ...DEFAULT_IMAGE_BUILDER_SETTINGS };
  readonly components: ComponentRecord[] = [];
  /** Amazon-managed components, built per region on first use. */
  readonly amazonComponents = new Map<string, ComponentRecord[]>();
  readonly recipes: ImageRecipeRecord[] = [];
  readonly infrastructure: InfrastructureConfigurationRecord[] = [];
  readonly distributions: DistributionConfigurationRecord[] = [];
  readonly pipelines: ImagePipelineRecord[] = [];
  readonly builds: ImageBuildRecord[] = [];
  private readonly tokens = new Map<string, TokenRecord>();
  /** Execution ids come from their own stream, and so do the AMIs runs register: same seed, same ids. */
  readonly ids: Rng;
  readonly amiRng: Rng;

  constructor(seed: number) {
    this.ids = Rng.from(seed, 'imagebuilder-ids');
    this.amiRng = Rng.from(seed, 'imagebuilder-amis');
  }

  /** Client tokens are scoped to account, region and operation. */
  token(scope: string, token: string): TokenRecord | undefined {
    return this.tokens.get(`${scope}/${token}`);
  }

  rememberToken(scope: string, token: string, record: TokenRecord): void {
    this.tokens.set(`${scope}/${token}`, record);
  }

  /** Builds whose terminal state has not been applied to the world yet. */
  buildsInFlight(): ImageBuildRecord[] {
    return this.builds.filter((b) => !b.settled);
  }
}
