/**
 * Image build runs and what they do to the EC2 world: once a run reaches DISTRIBUTING it
 * registers its AMI in every distribution region (owned by the pipeline's account, and a copy
 * for each target account), named by the distribution's name pattern and shared as its
 * launchPermission says; at AVAILABLE the AMIs and their snapshots become available. A run
 * cancelled or failed after registering deregisters them again. Applied lazily, before each
 * call, so `advanceClock` takes effect on the very next call of any service.
 */
import { awsTime, ImageFactory } from './factory';
import { imageBuilderArn } from './imagebuilder-arns';
import type {
  BuildAmiRecord,
  ComponentRecord,
  DistributionConfigurationRecord,
  DistributionRecord,
  ImageBuildRecord,
  ImageBuilderState,
  ImagePipelineRecord,
  ImageRecipeRecord,
  InfrastructureConfigurationRecord,
} from './imagebuilder-model';
import { buildView, STEP_DEFINITIONS } from './imagebuilder-timeline';
import type { Architecture, ImageRecord, LaunchPermissionRecord, TagRecord, World } from './model';
import type { OsKind } from './os';
import { latestVersion } from './usage-model';

export interface StartBuildInput {
  pipeline: ImagePipelineRecord;
  recipe: ImageRecipeRecord;
  infrastructure: InfrastructureConfigurationRecord;
  distribution: DistributionConfigurationRecord | null;
  /** The recipe's components, resolved to build versions. */
  components: ComponentRecord[];
  tags: Record<string, string>;
  buildType: ImageBuildRecord['buildType'];
}

function nextBuildNumber(state: ImageBuilderState, owner: string, region: string, name: string, version: string): number {
  let n = 0;
  for (const b of state.builds) {
    if (b.owner === owner && b.region === region && b.name === name && b.version.startsWith(`${version}/`)) {
      n = Math.max(n, Number(b.version.slice(version.length + 1)));
    }
  }
  return n + 1;
}

function executionId(state: ImageBuilderState, prefix: string): string {
  return `${prefix}-${state.ids.uuid()}`;
}

export function startBuild(world: World, state: ImageBuilderState, input: StartBuildInput): ImageBuildRecord {
  const { pipeline, recipe } = input;
  const build = nextBuildNumber(state, pipeline.owner, pipeline.region, recipe.name, recipe.version);
  const failing = input.components.find((c) => c.failsIn !== null);
  const record: ImageBuildRecord = {
    arn: imageBuilderArn(pipeline.region, pipeline.owner, 'image', recipe.arn.split('/')[1] ?? recipe.name, recipe.version, String(build)),
    owner: pipeline.owner,
    region: pipeline.region,
    name: recipe.name,
    version: `${recipe.version}/${build}`,
    platform: recipe.platform,
    osVersion: osVersionOf(world, recipe),
    recipe,
    infrastructure: input.infrastructure,
    distribution: input.distribution,
    imageTestsConfiguration: { ...pipeline.imageTestsConfiguration },
    pipelineArn: pipeline.arn,
    pipelineName: pipeline.name,
    buildType: input.buildType,
    enhancedImageMetadataEnabled: pipeline.enhancedImageMetadataEnabled,
    tags: { ...pipeline.imageTags, ...input.tags },
    startedAtMs: world.now().getTime(),
    // At least a millisecond: a zero-length run would have no order of phases; it is AVAILABLE on the next call.
    durationMs: Math.max(1, state.settings.buildSeconds * 1000),
    failure: failing?.failsIn ? { component: failing, phase: failing.failsIn } : null,
    cancelledAtMs: null,
    workflowExecutionIds: {
      BUILD: executionId(state, 'wf'),
      TEST: executionId(state, 'wf'),
      DISTRIBUTION: executionId(state, 'wf'),
    },
    stepExecutionIds: STEP_DEFINITIONS.map(() => executionId(state, 'step')),
    amis: [],
    settled: false,
  };
  state.builds.push(record);
  settleBuild(world, state, record);
  return record;
}

/** Brings every run in flight up to the world clock. */
export function settleImageBuilds(world: World, state: ImageBuilderState): void {
  for (const build of state.buildsInFlight()) settleBuild(world, state, build);
}

function settleBuild(world: World, state: ImageBuilderState, build: ImageBuildRecord): void {
  const view = buildView(build, world.now().getTime());
  const distributing = view.status === 'DISTRIBUTING' || view.status === 'INTEGRATING' || view.status === 'AVAILABLE';
  if (distributing && build.amis.length === 0) registerAmis(world, state, build);
  if (view.status === 'AVAILABLE') {
    for (const ami of build.amis) makeAvailable(world, ami);
    updateLaunchTemplates(world, build);
    build.settled = true;
  } else if (view.status === 'FAILED' || view.status === 'CANCELLED') {
    for (const ami of build.amis) deregister(world, ami);
    build.amis = [];
    build.settled = true;
  }
}

function makeAvailable(world: World, ami: BuildAmiRecord): void {
  const image = world.image(ami.region, ami.imageId);
  if (!image || image.state !== 'pending') return;
  image.state = 'available';
  for (const device of image.blockDevices) {
    const snapshot = device.ebs?.snapshotId ? world.snapshot(ami.region, device.ebs.snapshotId) : undefined;
    if (snapshot && snapshot.state === 'pending') {
      snapshot.state = 'completed';
      snapshot.progress = '100%';
    }
  }
}

/**
 * A distribution's launchTemplateConfigurations: each named template (in the pipeline's account,
 * or the configuration's accountId) gets a new version, the latest's settings with the AMI that
 * account received in that region, made the default when setDefaultVersion says so. Done once
 * the AMIs are available, so a failed or cancelled run leaves the templates as they were.
 */
function updateLaunchTemplates(world: World, build: ImageBuildRecord): void {
  for (const distribution of build.distribution?.distributions ?? []) {
    for (const config of distribution.launchTemplateConfigurations ?? []) {
      const accountId = config.accountId ?? build.owner;
      const ami = build.amis.find((a) => a.region === distribution.region && a.accountId === accountId);
      const template = world.usage.launchTemplates.in(accountId, distribution.region).find((t) => t.launchTemplateId === config.launchTemplateId);
      if (!ami || !template) continue;
      const latest = latestVersion(template);
      const versionNumber = latest.versionNumber + 1;
      template.versions.push({
        versionNumber,
        description: `Image Builder: ${build.arn}`,
        createTime: awsTime(new Date(build.startedAtMs + build.durationMs)),
        createdBy: `arn:aws:sts::${accountId}:assumed-role/AWSServiceRoleForImageBuilder/ImageBuilder`,
        data: { ...latest.data, imageId: ami.imageId },
      });
      if (config.setDefaultVersion) template.defaultVersion = versionNumber;
    }
  }
}

function deregister(world: World, ami: BuildAmiRecord): void {
  const image = world.image(ami.region, ami.imageId);
  if (!image) return;
  image.state = 'deregistered';
  for (const device of image.blockDevices) {
    if (device.ebs?.snapshotId) world.removeSnapshot(device.ebs.snapshotId);
  }
}

/** `{{ imagebuilder:buildDate }}` is the start of the build, with `:` turned into `-` (AMI names allow no colons). */
export function amiName(pattern: string | null, build: ImageBuildRecord): string {
  const buildDate = new Date(build.startedAtMs).toISOString().replace(/:/g, '-');
  const template = pattern ?? `${build.name} {{ imagebuilder:buildDate }}`;
  return template
    .replace(/\{\{\s*imagebuilder:buildDate\s*\}\}/g, buildDate)
    .replace(/\{\{\s*imagebuilder:buildVersion\s*\}\}/g, build.version.split('/')[1] ?? '1');
}

function launchPermissions(distribution: DistributionRecord): LaunchPermissionRecord[] {
  const lp = distribution.amiDistributionConfiguration?.launchPermission;
  if (!lp) return [];
  return [
    ...lp.userIds.map((userId) => ({ userId })),
    ...lp.userGroups.filter((g) => g === 'all').map(() => ({ group: 'all' as const })),
    ...lp.organizationArns.map((organizationArn) => ({ organizationArn })),
    ...lp.organizationalUnitArns.map((organizationalUnitArn) => ({ organizationalUnitArn })),
  ];
}

function parentImage(world: World, recipe: ImageRecipeRecord): ImageRecord | undefined {
  return recipe.parentImage.startsWith('ami-') ? world.image(recipe.region, recipe.parentImage) : undefined;
}

function osKindOf(parent: ImageRecord | undefined, recipe: ImageRecipeRecord): OsKind {
  const text = `${parent?.name ?? ''} ${parent?.platformDetails ?? ''} ${recipe.parentImage}`.toLowerCase();
  if (recipe.platform === 'Windows' || text.includes('windows')) return 'windows';
  if (text.includes('red hat') || text.includes('rhel')) return 'rhel-9';
  if (text.includes('suse') || text.includes('sles')) return 'sles-15';
  if (text.includes('ubuntu-22') || text.includes('ubuntu-22.04') || text.includes('jammy')) return 'ubuntu-22.04';
  if (text.includes('ubuntu')) return 'ubuntu-24.04';
  if (text.includes('debian')) return 'debian-12';
  return 'al2023';
}

function osVersionOf(world: World, recipe: ImageRecipeRecord): string {
  const names: Record<OsKind, string> = {
    al2023: 'Amazon Linux 2023',
    al2: 'Amazon Linux 2',
    'ubuntu-24.04': 'Ubuntu 24',
    'ubuntu-22.04': 'Ubuntu 22',
    'ubuntu-20.04': 'Ubuntu 20',
    'debian-12': 'Debian 12',
    'debian-11': 'Debian 11',
    'rhel-9': 'Red Hat Enterprise Linux 9',
    'sles-15': 'SUSE Linux Enterprise Server 15',
    windows: 'Microsoft Windows Server 2022',
    'windows-sql-web': 'Microsoft Windows Server 2022',
    'windows-sql-standard': 'Microsoft Windows Server 2022',
    'windows-sql-enterprise': 'Microsoft Windows Server 2022',
  };
  return names[osKindOf(parentImage(world, recipe), recipe)];
}

function registerAmis(world: World, state: ImageBuilderState, build: ImageBuildRecord): void {
  const parent = parentImage(world, build.recipe);
  const os = osKindOf(parent, build.recipe);
  const arch: Architecture = parent?.architecture ?? 'x86_64';
  const factory = new ImageFactory(world, state.amiRng);
  const distributions: DistributionRecord[] = build.distribution?.distributions ?? [
    { region: build.region, amiDistributionConfiguration: null, licenseConfigurationArns: [] },
  ];
  const created = new Date(build.startedAtMs + build.durationMs * 0.45);
  for (const distribution of distributions) {
    if (!world.isRegionEnabled(distribution.region)) continue;
    const ami = distribution.amiDistributionConfiguration;
    const name = amiName(ami?.name ?? null, build);
    const description = ami?.description ?? build.recipe.description;
    const tags: TagRecord[] = [
      ...Object.entries({ ...build.recipe.amiTags, ...(ami?.amiTags ?? {}) }).map(([key, value]) => ({ key, value })),
      { key: 'Ec2ImageBuilderArn', value: build.arn },
      { key: 'CreatedBy', value: 'EC2 Image Builder' },
    ];
    const owners = [build.owner, ...(ami?.targetAccountIds ?? []).filter((id) => id !== build.owner)];
    for (const ownerId of owners) {
      const image = factory.create({
        region: distribution.region,
        ownerId,
        name,
        description,
        os,
        arch,
        created,
        state: 'pending',
        kmsKeyId: ami?.kmsKeyId ?? null,
        tags,
        launchPermissions: launchPermissions(distribution),
      });
      build.amis.push({ region: distribution.region, imageId: image.imageId, name, description, accountId: ownerId });
    }
  }
}

export const buildDateCreated = (build: ImageBuildRecord): string => awsTime(new Date(build.startedAtMs));
