/**
 * Seeded Image Builder resources, drawn from their own random stream so no other id of the
 * world moves, and registering no AMIs (seeded image counts stay as they are): in each of two
 * accounts a working pipeline (recipe on one of the account's own AMIs, Amazon-managed and own
 * components, infrastructure, distribution to two regions shared with another account, a
 * cron schedule) and a pipeline whose recipe holds `failing-hardening-test`, a test component
 * whose run always fails.
 *
 * Both accounts' pipelines also have a history of past builds, as Image Builder would list them
 * (see addHistory): scheduled nightly or weekly runs and some started by hand, successes whose AMIs
 * are images the EC2 seed already holds (so no image count moves), failures with their reason, a
 * cancelled run. The hub's weekly pipeline is kept without history: it is the one whose first run
 * the tests follow from nothing.
 */
import { awsTime } from './factory';
import { componentDocument } from './imagebuilder-amazon';
import { arnName, imageBuilderArn } from './imagebuilder-arns';
import type {
  BuildAmiRecord,
  ComponentRecord,
  ComponentType,
  DistributionConfigurationRecord,
  ImageBuildRecord,
  ImageBuilderState,
  ImagePipelineRecord,
  ImageRecipeRecord,
  InfrastructureConfigurationRecord,
} from './imagebuilder-model';
import { STEP_DEFINITIONS } from './imagebuilder-timeline';
import type { AccountRecord, ImageRecord, World } from './model';
import { NETWORK_FIXTURE, networkOf } from './network';
import { Rng } from './random';

interface PipelineFixture {
  accountName: string;
  region: string;
  /** The newest available image of the account in the region whose name starts with this is the recipes' parent. */
  parentImagePrefix: string;
  pipelineName: string;
  pipelineArnName: string;
  failingPipelineName: string;
  recipeName: string;
  failingRecipeName: string;
  recipeVersion: string;
  componentName: string;
  componentVersion: string;
  failingComponentName: string;
  infrastructureName: string;
  distributionName: string;
  amiNamePattern: string;
  distributionRegions: readonly string[];
  /** The account the distribution shares the AMIs with (launchPermission userIds). */
  sharedWithAccountName: string;
  scheduleExpression: string;
  failingScheduleExpression: string;
  /** Which pipelines have a seeded history of past builds. */
  historyOf: readonly ('working' | 'failing')[];
  /** The account's own images (in the pipeline's region) whose every copy a past successful build made. */
  historyOutputPrefix: string;
  /** What Image Builder says the images run (osVersion). */
  osVersion: string;
  /** Whether the failing pipeline built images before its test component started failing. */
  failingSucceededBefore: boolean;
  /** Days between the failing pipeline's runs (its schedule). */
  failingEveryDays: number;
  /** Where the infrastructure configuration uploads build logs in S3 (null: CloudWatch Logs only). */
  s3Logs: { bucket: string; prefix: string } | null;
}

export const IMAGE_BUILDER_FIXTURES = {
  hub: {
    accountName: 'initech-shared-services',
    region: 'us-east-1',
    parentImagePrefix: 'golden-ubuntu-24.04-',
    pipelineName: 'golden-ubuntu-2404-weekly',
    pipelineArnName: 'golden-ubuntu-2404-weekly',
    failingPipelineName: 'golden-ubuntu-2404-hardened-nightly',
    recipeName: 'golden-ubuntu-2404',
    failingRecipeName: 'golden-ubuntu-2404-hardened',
    recipeVersion: '1.0.0',
    componentName: 'cis-hardening-linux',
    componentVersion: '1.0.0',
    failingComponentName: 'failing-hardening-test',
    infrastructureName: 'golden-build-infra',
    distributionName: 'golden-ubuntu-distribution',
    amiNamePattern: 'ib-golden-ubuntu-24.04-{{ imagebuilder:buildDate }}',
    distributionRegions: ['us-east-1', 'us-west-2'],
    sharedWithAccountName: 'initech-sandbox',
    scheduleExpression: 'cron(0 6 ? * MON *)',
    failingScheduleExpression: 'cron(30 2 * * ? *)',
    historyOf: ['failing'],
    historyOutputPrefix: 'golden-ubuntu-24.04-',
    osVersion: 'Ubuntu 24',
    failingSucceededBefore: true,
    failingEveryDays: 1,
    s3Logs: null,
  },
  staging: {
    accountName: 'acme-staging',
    region: 'us-east-1',
    parentImagePrefix: 'build-',
    pipelineName: 'app-base-nightly',
    pipelineArnName: 'app-base-nightly',
    failingPipelineName: 'app-base-cis-check',
    recipeName: 'app-base',
    failingRecipeName: 'app-base-cis',
    recipeVersion: '2.1.0',
    componentName: 'payments-runtime-setup',
    componentVersion: '1.2.0',
    failingComponentName: 'failing-hardening-test',
    infrastructureName: 'staging-build-infra',
    distributionName: 'app-base-distribution',
    amiNamePattern: 'ib-app-base-{{ imagebuilder:buildDate }}',
    distributionRegions: ['us-east-1', 'us-west-2'],
    sharedWithAccountName: 'acme-production',
    scheduleExpression: 'cron(0 3 * * ? *)',
    failingScheduleExpression: 'cron(0 4 ? * SUN *)',
    historyOf: ['working', 'failing'],
    historyOutputPrefix: 'app-checkout-web-',
    osVersion: 'Amazon Linux 2023',
    failingSucceededBefore: false,
    failingEveryDays: 7,
    s3Logs: { bucket: 'acme-staging-build-logs', prefix: 'image-builder' },
  },
} as const satisfies Record<string, PipelineFixture>;

function component(
  owner: AccountRecord,
  region: string,
  name: string,
  version: string,
  type: ComponentType,
  description: string,
  created: Date,
  failsIn: ComponentRecord['failsIn'],
): ComponentRecord {
  const command = failsIn ? 'echo "CIS control 1.1.1 not satisfied" && exit 1' : `sudo /opt/${name}/apply.sh`;
  return {
    arn: imageBuilderArn(region, owner.accountId, 'component', arnName(name), version, '1'),
    owner: owner.accountId,
    region,
    name,
    version,
    buildNumber: 1,
    description,
    changeDescription: 'Initial version',
    type,
    platform: 'Linux',
    supportedOsVersions: ['Ubuntu', 'Amazon Linux 2023'],
    data: componentDocument(name, description, type === 'BUILD' ? 'build' : 'test', 'ExecuteBash', command),
    kmsKeyId: null,
    dateCreated: awsTime(created),
    tags: {},
    sharedWith: [],
    failsIn,
  };
}

function addPipelines(world: World, state: ImageBuilderState, rng: Rng, f: PipelineFixture): void {
  const owner = world.accounts.find((a) => a.name === f.accountName);
  const target = world.accounts.find((a) => a.name === f.sharedWithAccountName);
  if (!owner || !target) return;
  const parent = world
    .seededImagesIn(f.region)
    .filter((i) => i.ownerId === owner.accountId && i.state === 'available' && i.architecture === 'x86_64' && i.name.startsWith(f.parentImagePrefix))
    .sort((a, b) => (a.creationDate < b.creationDate ? 1 : -1))[0];
  if (!parent) return;
  const { region } = f;
  const id = owner.accountId;
  const created = new Date(world.anchor.getTime() - rng.int(60, 120) * 86_400_000 - rng.int(0, 86_399) * 1000);
  const date = awsTime(created);
  const amazon = (name: string): string => imageBuilderArn(region, 'aws', 'component', name, 'x.x.x');

  const own = component(owner, region, f.componentName, f.componentVersion, 'BUILD', `${f.componentName} settings for ${owner.clientName}`, created, null);
  own.sharedWith = [target.accountId];
  const failing = component(owner, region, f.failingComponentName, '1.0.0', 'TEST', 'CIS benchmark checks (fails on the current parent image)', created, 'test');
  state.components.push(own, failing);

  const recipe = (name: string, components: string[]): ImageRecipeRecord => ({
    arn: imageBuilderArn(region, id, 'image-recipe', arnName(name), f.recipeVersion),
    owner: id,
    region,
    name,
    version: f.recipeVersion,
    description: `${name} on ${parent.name}`,
    platform: 'Linux',
    parentImage: parent.imageId,
    components: components.map((componentArn) => ({ componentArn })),
    blockDeviceMappings: [{ deviceName: parent.rootDeviceName, ebs: { volumeSize: 30, volumeType: 'gp3', deleteOnTermination: true, encrypted: false } }],
    workingDirectory: null,
    dateCreated: date,
    tags: {},
    amiTags: { Team: 'platform' },
  });
  const working = recipe(f.recipeName, [amazon('update-linux'), amazon('aws-cli-version-2-linux'), own.arn, amazon('reboot-test-linux')]);
  const broken = recipe(f.failingRecipeName, [amazon('update-linux'), own.arn, failing.arn]);
  state.recipes.push(working, broken);

  const infraArn = imageBuilderArn(region, id, 'infrastructure-configuration', arnName(f.infrastructureName));
  const network = networkOf(world, id, region);
  const buildSubnet = network.subnets.find((n) => n.tags.some((t) => t.key === 'Name' && t.value === NETWORK_FIXTURE.buildSubnetNames[0]))!;
  const buildGroup = network.securityGroups.find((g) => g.groupName === NETWORK_FIXTURE.buildSecurityGroupName && g.vpcId === buildSubnet.vpcId)!;
  // The build subnet and group of the account's own network, as DescribeSubnets lists them. The
  // ids were once drawn here: the two draws stay so every later fixture keeps its seeded values.
  rng.hex(17);
  rng.hex(17);
  state.infrastructure.push({
    arn: infraArn,
    owner: id,
    region,
    name: f.infrastructureName,
    description: 'Build and test instances in the private build subnet',
    instanceProfileName: 'EC2InstanceProfileForImageBuilder',
    instanceTypes: ['m6i.large', 'm5.large'],
    securityGroupIds: [buildGroup.groupId],
    subnetId: buildSubnet.subnetId,
    keyPair: null,
    terminateInstanceOnFailure: true,
    snsTopicArn: null,
    dateCreated: date,
    dateUpdated: null,
    resourceTags: { Purpose: 'image-build' },
    tags: {},
    ...(f.s3Logs ? { logging: { s3Logs: { s3BucketName: f.s3Logs.bucket, s3KeyPrefix: f.s3Logs.prefix } } } : {}),
  });

  const distributionArn = imageBuilderArn(region, id, 'distribution-configuration', arnName(f.distributionName));
  state.distributions.push({
    arn: distributionArn,
    owner: id,
    region,
    name: f.distributionName,
    description: `Distributes to ${f.distributionRegions.join(' and ')}, shared with ${target.name}`,
    distributions: f.distributionRegions.map((r) => ({
      region: r,
      amiDistributionConfiguration: {
        name: f.amiNamePattern,
        description: `${f.recipeName} built by EC2 Image Builder`,
        targetAccountIds: [],
        amiTags: { Source: 'image-builder' },
        kmsKeyId: null,
        launchPermission: { userIds: [target.accountId], userGroups: [], organizationArns: [], organizationalUnitArns: [] },
      },
      licenseConfigurationArns: [],
    })),
    timeoutMinutes: 720,
    dateCreated: date,
    dateUpdated: null,
    tags: {},
  });

  const pipeline = (name: string, recipeArn: string, scheduleExpression: string): ImagePipelineRecord => {
    const record: ImagePipelineRecord = {
      arn: imageBuilderArn(region, id, 'image-pipeline', arnName(name)),
      owner: id,
      region,
      name,
      description: `Builds ${name}`,
      platform: 'Linux',
      enhancedImageMetadataEnabled: true,
      imageRecipeArn: recipeArn,
      infrastructureConfigurationArn: infraArn,
      distributionConfigurationArn: distributionArn,
      imageTestsConfiguration: { imageTestsEnabled: true, timeoutMinutes: 720 },
      schedule: { scheduleExpression, timezone: 'Etc/UTC', pipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY' },
      status: 'ENABLED',
      dateCreated: date,
      dateUpdated: null,
      tags: { Team: 'platform' },
      imageTags: {},
    };
    state.pipelines.push(record);
    return record;
  };
  const workingPipeline = pipeline(f.pipelineName, working.arn, f.scheduleExpression);
  const brokenPipeline = pipeline(f.failingPipelineName, broken.arn, f.failingScheduleExpression);

  const infrastructure = state.infrastructure.find((i) => i.arn === infraArn)!;
  const distribution = state.distributions.find((d) => d.arn === distributionArn)!;
  const outputs = world
    .seededImagesIn(region)
    .filter((i) => i.ownerId === id && i.state === 'available' && i.name.startsWith(f.historyOutputPrefix) && i.imageId !== parent.imageId)
    .sort((a, b) => (a.creationDate < b.creationDate ? -1 : 1));
  // A stream of its own: the history moves no id of the fixtures drawn after it.
  const base = { world, state, rng: Rng.from(world.seed, `imagebuilder-history-${id}`), infrastructure, distribution, osVersion: f.osVersion };
  if (f.historyOf.includes('working')) {
    // Every output a success, and a failure of the own component now and then between them.
    addHistory({ ...base, pipeline: workingPipeline, recipe: working, successes: outputs.slice(-8), failure: { component: own, phase: 'build' }, failEvery: 3, failingRuns: null });
  }
  if (f.historyOf.includes('failing')) {
    // Succeeded (if ever) until the failing test component met the current parent image; fails on every run since.
    addHistory({
      ...base,
      pipeline: brokenPipeline,
      recipe: broken,
      successes: f.failingSucceededBefore ? outputs.slice(-3) : [],
      failure: { component: failing, phase: 'test' },
      failEvery: 0,
      failingRuns: { everyDays: f.failingEveryDays },
    });
  }
}

interface HistoryPlan {
  world: World;
  state: ImageBuilderState;
  rng: Rng;
  pipeline: ImagePipelineRecord;
  recipe: ImageRecipeRecord;
  infrastructure: InfrastructureConfigurationRecord;
  distribution: DistributionConfigurationRecord;
  /** Images a successful past build made, oldest first. */
  successes: readonly ImageRecord[];
  osVersion: string;
  failure: NonNullable<ImageBuildRecord['failure']>;
  /** A failed run after every this many successes (0: none between them). */
  failEvery: number;
  /** After the successes, failed runs this many days apart up to the day before the anchor; the last one cancelled by hand. */
  failingRuns: { everyDays: number } | null;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Every copy of a seeded image: itself, the same image copied to other regions, and copies promoted into other accounts. */
function copiesOf(all: readonly ImageRecord[], source: ImageRecord): BuildAmiRecord[] {
  const copies = all.filter(
    (i) =>
      i.imageId === source.imageId ||
      (i.name === source.name && i.ownerId === source.ownerId && i.region !== source.region) ||
      i.tags.some((t) => t.key === 'PromotedFrom' && t.value === source.imageId),
  );
  return copies.map((i) => ({ region: i.region, imageId: i.imageId, name: i.name, description: i.description, accountId: i.ownerId }));
}

/** The distribution as it was for a past build: the regions and target accounts its AMIs went to. */
function distributionFor(d: DistributionConfigurationRecord, amis: readonly BuildAmiRecord[], owner: string): DistributionConfigurationRecord {
  const template = d.distributions[0]!;
  const regions = [...new Set(amis.map((a) => a.region))];
  return {
    ...d,
    distributions: regions.map((region) => ({
      ...template,
      region,
      amiDistributionConfiguration: template.amiDistributionConfiguration && {
        ...template.amiDistributionConfiguration,
        targetAccountIds: [...new Set(amis.filter((a) => a.region === region && a.accountId !== owner).map((a) => a.accountId))],
      },
    })),
  };
}

function addHistory(plan: HistoryPlan): void {
  const { world, state, rng, pipeline, recipe } = plan;
  const runs: Array<{ startedAtMs: number; durationMs: number; amis: BuildAmiRecord[]; failed: boolean; cancelled: boolean; byHand: boolean }> = [];
  // Read once: copies are looked for among every seeded image of every region.
  const all = plan.successes.length > 0 ? world.regions.flatMap((r) => world.seededImagesIn(r.name)) : [];
  const duration = (): number => rng.int(38, 56) * MINUTE;
  plan.successes.forEach((image, k) => {
    const durationMs = duration();
    // The AMI is taken at 45 % of the run (see imagebuilder-timeline.ts).
    const startedAtMs = new Date(image.creationDate).getTime() - Math.round(durationMs * 0.45);
    runs.push({ startedAtMs, durationMs, amis: copiesOf(all, image), failed: false, cancelled: false, byHand: k % 4 === 2 });
    if (plan.failEvery > 0 && k % plan.failEvery === plan.failEvery - 1 && k < plan.successes.length - 1) {
      runs.push({ startedAtMs: startedAtMs + DAY + rng.int(0, 120) * MINUTE, durationMs: duration(), amis: [], failed: true, cancelled: false, byHand: false });
    }
  });
  if (plan.failingRuns) {
    const every = plan.failingRuns.everyDays * DAY;
    const last = plan.successes.at(-1);
    const from = last ? new Date(last.creationDate).getTime() + every : world.anchor.getTime() - 6 * every;
    const count = Math.max(2, Math.min(6, Math.floor((world.anchor.getTime() - DAY - from) / every)));
    for (let n = 0; n < count; n++) {
      const cancelled = n === count - 1;
      runs.push({ startedAtMs: from + n * every + rng.int(0, 90) * MINUTE, durationMs: duration(), amis: [], failed: !cancelled, cancelled, byHand: cancelled });
    }
  }
  runs
    .filter((r) => r.startedAtMs + r.durationMs < world.anchor.getTime())
    .sort((a, b) => a.startedAtMs - b.startedAtMs)
    .forEach((run, k) => {
      const build = k + 1;
      state.builds.push({
        arn: imageBuilderArn(pipeline.region, pipeline.owner, 'image', arnName(recipe.name), recipe.version, String(build)),
        owner: pipeline.owner,
        region: pipeline.region,
        name: recipe.name,
        version: `${recipe.version}/${build}`,
        platform: recipe.platform,
        osVersion: plan.osVersion,
        recipe,
        infrastructure: plan.infrastructure,
        distribution: run.amis.length > 0 ? distributionFor(plan.distribution, run.amis, pipeline.owner) : plan.distribution,
        imageTestsConfiguration: { ...pipeline.imageTestsConfiguration },
        pipelineArn: pipeline.arn,
        pipelineName: pipeline.name,
        buildType: run.byHand ? 'USER_INITIATED' : 'SCHEDULED',
        enhancedImageMetadataEnabled: pipeline.enhancedImageMetadataEnabled,
        tags: {},
        startedAtMs: run.startedAtMs,
        durationMs: run.durationMs,
        failure: run.failed ? plan.failure : null,
        // Cancelled a third of the way in: while it was building.
        cancelledAtMs: run.cancelled ? run.startedAtMs + Math.round(run.durationMs / 3) : null,
        workflowExecutionIds: { BUILD: `wf-${state.ids.uuid()}`, TEST: `wf-${state.ids.uuid()}`, DISTRIBUTION: `wf-${state.ids.uuid()}` },
        stepExecutionIds: STEP_DEFINITIONS.map(() => `step-${state.ids.uuid()}`),
        amis: run.amis,
        settled: true,
      });
    });
}

/** Recipes the EC2 world's seeding asked for (images used as a parent; see usage-model.ts), without pipelines. */
function addPlannedRecipes(world: World, state: ImageBuilderState): void {
  for (const planned of world.usage.plannedRecipes) {
    const { region, accountId } = planned;
    state.recipes.push({
      arn: imageBuilderArn(region, accountId, 'image-recipe', arnName(planned.name), planned.version),
      owner: accountId,
      region,
      name: planned.name,
      version: planned.version,
      description: planned.description,
      platform: 'Linux',
      parentImage: planned.parentImage,
      components: [{ componentArn: imageBuilderArn(region, 'aws', 'component', 'update-linux', 'x.x.x') }],
      blockDeviceMappings: [{ deviceName: planned.rootDeviceName, ebs: { volumeSize: 20, volumeType: 'gp3', deleteOnTermination: true, encrypted: false } }],
      workingDirectory: null,
      dateCreated: planned.dateCreated,
      tags: {},
      amiTags: {},
    });
  }
}

export function addImageBuilderFixtures(world: World, state: ImageBuilderState): void {
  const rng = Rng.from(world.seed, 'imagebuilder-fixtures');
  addPipelines(world, state, rng, IMAGE_BUILDER_FIXTURES.hub);
  addPipelines(world, state, rng, IMAGE_BUILDER_FIXTURES.staging);
  addPlannedRecipes(world, state);
}
