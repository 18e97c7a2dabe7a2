/**
 * Seeded Image Builder resources, drawn from their own random stream so no other id of the
 * world moves, and registering no AMIs (seeded image counts stay as they are): in each of two
 * accounts a working pipeline (recipe on one of the account's own AMIs, Amazon-managed and own
 * components, infrastructure, distribution to two regions shared with another account, a
 * cron schedule) and a pipeline whose recipe holds `failing-hardening-test`, a test component
 * whose run always fails.
 */
import { awsTime } from './factory';
import { componentDocument } from './imagebuilder-amazon';
import { arnName, imageBuilderArn } from './imagebuilder-arns';
import type { ComponentRecord, ComponentType, ImageBuilderState, ImageRecipeRecord } from './imagebuilder-model';
import type { AccountRecord, World } from './model';
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
  state.infrastructure.push({
    arn: infraArn,
    owner: id,
    region,
    name: f.infrastructureName,
    description: 'Build and test instances in the private build subnet',
    instanceProfileName: 'EC2InstanceProfileForImageBuilder',
    instanceTypes: ['m6i.large', 'm5.large'],
    securityGroupIds: [`sg-${rng.hex(17)}`],
    subnetId: `subnet-${rng.hex(17)}`,
    keyPair: null,
    terminateInstanceOnFailure: true,
    snsTopicArn: null,
    dateCreated: date,
    dateUpdated: null,
    resourceTags: { Purpose: 'image-build' },
    tags: {},
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

  const pipeline = (name: string, recipeArn: string, scheduleExpression: string): void => {
    state.pipelines.push({
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
    });
  };
  pipeline(f.pipelineName, working.arn, f.scheduleExpression);
  pipeline(f.failingPipelineName, broken.arn, f.failingScheduleExpression);
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
