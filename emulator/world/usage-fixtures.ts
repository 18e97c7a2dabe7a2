/**
 * Where images are used across the demo world's accounts, beyond the image-reference fixture
 * (image-references.ts): images shared with other accounts and used there, launch templates
 * whose default and latest versions differ, Auto Scaling groups through a launch template, a
 * mixed instances policy and a launch configuration, a launch template taking its AMI from a
 * parameter (`resolve:ssm:`), SSM parameters holding AMI ids, an image used only by a stopped
 * instance, and images used by a member of the organization or OU they are shared with. Drawn from their own random stream so no other id of the world moves; images
 * are picked by name and sharing, so the picks follow the seeded history. Every image not named
 * here or in the image-reference fixture is used by nothing (bar Image Builder's recipes).
 */
import type { AccountRecord, ImageRecord, World } from './model';
import type { Rng } from './random';
import { tagOf, templateSpec, UsageBuilder } from './usage-builder';

/** Names of the seeded resources, by the case they show. */
export const USAGE_FIXTURE = {
  /** initech-shared-services owns the golden AL2023 images; acme-staging uses one the hub itself does not. */
  sharedAndUsedElsewhere: {
    ownerName: 'initech-shared-services',
    accountName: 'acme-staging',
    region: 'us-east-1',
    launchTemplateName: 'ci-runner',
    autoScalingGroupName: 'ci-runners',
  },
  /**
   * acme-staging's checkout-web template: version 1 (an older build, used by nothing else), 2
   * (default; the group of the same name launches it), 3 (latest, a canary build nothing runs).
   */
  defaultAndLatestDiffer: { accountName: 'acme-staging', region: 'us-east-1', launchTemplateName: 'checkout-web', defaultVersion: 2, autoScalingGroupName: 'checkout-web' },
  /** A template whose only version takes its AMI from `/golden/web/latest`, and an instance launched from it. */
  resolveSsm: { accountName: 'acme-staging', region: 'us-east-1', launchTemplateName: 'web-canary', parameterName: '/golden/web/latest', instanceName: 'web-canary-1' },
  /** An AMI id kept in a `text` parameter (made before `aws:ec2:image` existed): not a reference DescribeImageReferences reports. */
  textParameter: { accountName: 'acme-staging', region: 'us-east-1', parameterName: '/platform/ami/al2023' },
  /** initech-sandbox's `sandbox-pg16-lab-*` image: used only by a stopped instance. */
  stoppedOnly: { accountName: 'initech-sandbox', region: 'us-east-1', imageNamePrefix: 'sandbox-pg16-lab-', instanceName: 'pg16-lab' },
  /** initech-sandbox runs the hub's second newest golden Ubuntu 24.04 image, shared with it. */
  sharedInstance: { ownerName: 'initech-shared-services', accountName: 'initech-sandbox', region: 'us-east-1', instanceName: 'ubuntu-dev-box' },
  /** The hub's own running instance and parameters. */
  hub: {
    accountName: 'initech-shared-services',
    region: 'us-east-1',
    instanceName: 'build-bastion',
    parameterPath: '/golden',
    parameterNames: ['/golden/al2023/x86_64/latest', '/golden/al2023/arm64/latest', '/golden/ubuntu-24.04/latest', '/golden/release-channel'],
  },
  /** globex-dev's workers run globex-prod's shared base image through a mixed instances policy. */
  mixedInstances: { ownerName: 'globex-prod', accountName: 'globex-dev', region: 'eu-central-1', launchTemplateName: 'orders-worker', autoScalingGroupName: 'orders-workers' },
  /** acme-production's standby group in us-west-2 launches a DR copy through a launch configuration. */
  launchConfiguration: { accountName: 'acme-production', region: 'us-west-2', launchConfigurationName: 'reporting-dr-lc', autoScalingGroupName: 'reporting-dr' },
  /** initech-sandbox runs the hub's newest golden arm64 image shared with Initech's organization (every member in the workspace). */
  organizationMember: { ownerName: 'initech-shared-services', accountName: 'initech-sandbox', region: 'us-east-1', imageNamePrefix: 'golden-al2023-arm64-', instanceName: 'arm-build-box' },
  /** globex-prod launches globex-dev's newest release candidate shared only with the Prod OU, from a launch template. */
  organizationalUnitMember: { ownerName: 'globex-dev', accountName: 'globex-prod', region: 'eu-central-1', imageNamePrefix: 'svc-orders-rc-', launchTemplateName: 'orders-rc-canary' },
} as const;

const DAY_MS = 86_400_000;

const newestFirst = (a: ImageRecord, b: ImageRecord): number => (a.creationDate < b.creationDate ? 1 : a.creationDate > b.creationDate ? -1 : 0);

class Picker {
  constructor(private readonly world: World) {}

  account(name: string): AccountRecord {
    const account = this.world.accounts.find((a) => a.name === name);
    if (!account) throw new Error(`unknown seeded account ${name}`);
    return account;
  }

  /** The owner's available images in the region matching `test`, newest first. */
  images(owner: AccountRecord, region: string, test: (i: ImageRecord) => boolean): ImageRecord[] {
    return this.world
      .seededImagesIn(region)
      .filter((i) => i.ownerId === owner.accountId && i.state === 'available' && test(i))
      .sort(newestFirst);
  }

  /** Days from the image's creation to the anchor, times `fraction`. */
  since(image: ImageRecord, fraction: number): number {
    return ((this.world.anchor.getTime() - Date.parse(image.creationDate)) / DAY_MS) * fraction;
  }
}

const sharedWith = (account: AccountRecord) => (i: ImageRecord): boolean => i.launchPermissions.some((p) => p.userId === account.accountId);

/** Images some seeded resource already uses (the image-reference fixture runs first). */
function usedImageIds(world: World): Set<string> {
  const { usage } = world;
  return new Set([
    ...usage.instances.all.map((i) => i.imageId),
    ...usage.launchTemplates.all.flatMap((t) => t.versions.map((v) => v.data.imageId ?? '')),
    ...usage.parameters.all.map((p) => p.value),
    ...usage.plannedRecipes.map((r) => r.parentImage),
  ]);
}

export function addUsageFixtures(world: World, rng: Rng): void {
  const avoid = usedImageIds(world);
  const pick = new Picker(world);
  const build = new UsageBuilder(world, rng);
  const hub = pick.account('initech-shared-services');
  const staging = pick.account('acme-staging');
  const sandbox = pick.account('initech-sandbox');
  const east = 'us-east-1';

  // The hub: parameters naming its newest golden images, and one running instance of its own.
  const goldenX86 = pick.images(hub, east, (i) => /^golden-al2023-\d/.test(i.name));
  const goldenArm = pick.images(hub, east, (i) => i.name.startsWith('golden-al2023-arm64-'));
  const ubuntu2404 = pick.images(hub, east, (i) => i.name.startsWith('golden-ubuntu-24.04-'));
  const ubuntu2204 = pick.images(hub, east, (i) => i.name.startsWith('golden-ubuntu-22.04-'));
  const [x86Latest] = goldenX86;
  const [armLatest] = goldenArm;
  const [ubuntuLatest, ubuntuPrevious] = ubuntu2404;
  const [bastionImage] = ubuntu2204;
  if (x86Latest) {
    build.parameter({ account: hub, region: east, name: '/golden/al2023/x86_64/latest', value: x86Latest.imageId, dataType: 'aws:ec2:image', version: 25, daysAgo: pick.since(x86Latest, 0.9), description: 'Newest golden Amazon Linux 2023 (x86_64)', labels: ['weekly'] });
  }
  if (armLatest) {
    build.parameter({ account: hub, region: east, name: '/golden/al2023/arm64/latest', value: armLatest.imageId, dataType: 'aws:ec2:image', version: 24, daysAgo: pick.since(armLatest, 0.9), description: 'Newest golden Amazon Linux 2023 (arm64)' });
  }
  if (ubuntuLatest) {
    build.parameter({ account: hub, region: east, name: '/golden/ubuntu-24.04/latest', value: ubuntuLatest.imageId, dataType: 'aws:ec2:image', version: 13, daysAgo: pick.since(ubuntuLatest, 0.9) });
  }
  build.parameter({ account: hub, region: east, name: '/golden/release-channel', value: 'weekly', daysAgo: 200, description: 'How often golden images are rebuilt' });
  if (bastionImage) {
    build.instance({ account: hub, region: east, image: bastionImage, state: 'running', instanceType: 't3.medium', name: USAGE_FIXTURE.hub.instanceName });
  }

  // acme-staging runs its CI fleet on a golden image the hub shares with it but does not use itself.
  const sharedGolden = goldenX86.filter(sharedWith(staging)).filter((i) => i !== x86Latest);
  const [ciImage, ciOlder] = sharedGolden;
  if (ciImage && ciOlder) {
    const ciRunner = build.launchTemplate({
      account: staging,
      region: east,
      name: USAGE_FIXTURE.sharedAndUsedElsewhere.launchTemplateName,
      versions: [
        { imageId: ciOlder.imageId, instanceType: 'm6i.large', description: ciOlder.name, daysAgo: pick.since(ciOlder, 0.8) },
        { imageId: ciImage.imageId, instanceType: 'm6i.large', description: ciImage.name, daysAgo: pick.since(ciImage, 0.8) },
      ],
      defaultVersion: 2,
      tags: [tagOf('Team', 'platform')],
    });
    const groupName = USAGE_FIXTURE.sharedAndUsedElsewhere.autoScalingGroupName;
    const runners = [1, 2, 3, 4].map((n) =>
      build.instance({ account: staging, region: east, image: ciImage, state: 'running', instanceType: 'm6i.large', name: `ci-runner-${n}`, fromTemplate: { template: ciRunner, version: 2 }, group: groupName }),
    );
    // Scaled in an hour ago: still listed by DescribeInstances, no longer a member of the group.
    build.instance({ account: staging, region: east, image: ciOlder, state: 'terminated', instanceType: 'm6i.large', name: 'ci-runner-0', fromTemplate: { template: ciRunner, version: 1 }, group: groupName });
    build.autoScalingGroup({ account: staging, region: east, name: groupName, launchTemplate: templateSpec(ciRunner, '$Default'), minSize: 1, maxSize: 6, instances: runners, daysAgo: pick.since(ciOlder, 0.8), tags: [tagOf('Team', 'platform')] });
    build.parameter({ account: staging, region: east, name: USAGE_FIXTURE.textParameter.parameterName, value: ciImage.imageId, daysAgo: pick.since(ciImage, 0.7), version: 31, description: 'AMI for CI runners (kept in sync by hand)' });
  }

  // checkout-web: three versions, each on another build; the default is not the latest.
  const checkout = pick.images(staging, east, (i) => i.name.startsWith('app-checkout-web-'));
  const [c1, c2, c3] = checkout;
  if (c1 && c2 && c3) {
    const checkoutWeb = build.launchTemplate({
      account: staging,
      region: east,
      name: USAGE_FIXTURE.defaultAndLatestDiffer.launchTemplateName,
      versions: [
        { imageId: c3.imageId, instanceType: 'c6i.large', description: c3.name, daysAgo: pick.since(c3, 0.9) },
        { imageId: c2.imageId, instanceType: 'c6i.large', description: c2.name, daysAgo: pick.since(c2, 0.9) },
        { imageId: c1.imageId, instanceType: 'c7i.large', description: `${c1.name} (canary)`, daysAgo: pick.since(c1, 0.9) },
      ],
      defaultVersion: USAGE_FIXTURE.defaultAndLatestDiffer.defaultVersion,
      tags: [tagOf('Team', 'web')],
    });
    const { autoScalingGroupName } = USAGE_FIXTURE.defaultAndLatestDiffer;
    const web = [1, 2].map((n) =>
      build.instance({ account: staging, region: east, image: c2, state: 'running', instanceType: 'c6i.large', name: `checkout-web-${n}`, fromTemplate: { template: checkoutWeb, version: 2 }, group: autoScalingGroupName }),
    );
    build.autoScalingGroup({ account: staging, region: east, name: autoScalingGroupName, launchTemplate: templateSpec(checkoutWeb, '$Default'), minSize: 2, maxSize: 10, instances: web, daysAgo: pick.since(c3, 0.9), tags: [tagOf('Team', 'web')] });
    const { parameterName, launchTemplateName, instanceName } = USAGE_FIXTURE.resolveSsm;
    build.parameter({ account: staging, region: east, name: parameterName, value: c2.imageId, dataType: 'aws:ec2:image', version: 7, daysAgo: pick.since(c2, 0.8), description: 'The web tier’s released AMI' });
    const canary = build.launchTemplate({
      account: staging,
      region: east,
      name: launchTemplateName,
      versions: [{ imageId: `resolve:ssm:${parameterName}`, instanceType: 't3.large', description: 'Follows the released web AMI', daysAgo: pick.since(c3, 0.9) }],
    });
    build.instance({ account: staging, region: east, image: c2, state: 'running', instanceType: 't3.large', name: instanceName, launched: new Date(world.anchor.getTime() - pick.since(c2, 0.5) * DAY_MS), fromTemplate: { template: canary, version: 1 } });
  }
  build.parameter({ account: staging, region: east, name: '/platform/ci/registry-token', value: `glpat-${rng.hex(20)}`, type: 'SecureString', daysAgo: 40, description: 'Registry token for CI runners' });

  // initech-sandbox: a lab image only a stopped instance uses, and the hub's shared Ubuntu image running.
  const [lab] = pick.images(sandbox, east, (i) => i.name.startsWith(USAGE_FIXTURE.stoppedOnly.imageNamePrefix));
  if (lab) build.instance({ account: sandbox, region: east, image: lab, state: 'stopped', instanceType: 'r6i.large', name: USAGE_FIXTURE.stoppedOnly.instanceName });
  if (ubuntuPrevious && sharedWith(sandbox)(ubuntuPrevious)) {
    build.instance({ account: sandbox, region: east, image: ubuntuPrevious, state: 'running', instanceType: 't3.xlarge', name: USAGE_FIXTURE.sharedInstance.instanceName });
  }

  // globex-dev: a worker group with on-demand and spot capacity on globex-prod's shared base image.
  const mixed = USAGE_FIXTURE.mixedInstances;
  const globexProd = pick.account(mixed.ownerName);
  const globexDev = pick.account(mixed.accountName);
  const [base] = pick.images(globexProd, mixed.region, (i) => i.name.startsWith('globex-base-ubuntu-22.04-') && sharedWith(globexDev)(i) && !avoid.has(i.imageId));
  if (base) {
    const worker = build.launchTemplate({
      account: globexDev,
      region: mixed.region,
      name: mixed.launchTemplateName,
      versions: [{ imageId: base.imageId, instanceType: 'm6i.large', description: base.name, daysAgo: pick.since(base, 0.7) }],
    });
    const workers = [
      build.instance({ account: globexDev, region: mixed.region, image: base, state: 'running', instanceType: 'm6i.large', name: 'orders-worker', fromTemplate: { template: worker, version: 1 }, group: mixed.autoScalingGroupName }),
      build.instance({ account: globexDev, region: mixed.region, image: base, state: 'running', instanceType: 'm5.large', name: 'orders-worker', fromTemplate: { template: worker, version: 1 }, group: mixed.autoScalingGroupName }),
    ];
    build.autoScalingGroup({
      account: globexDev,
      region: mixed.region,
      name: mixed.autoScalingGroupName,
      mixedInstancesPolicy: {
        launchTemplate: templateSpec(worker, '$Default'),
        overrides: [
          { instanceType: 'm6i.large', weightedCapacity: null, launchTemplate: null },
          { instanceType: 'm5.large', weightedCapacity: null, launchTemplate: null },
        ],
        onDemandBaseCapacity: 1,
        onDemandPercentageAboveBaseCapacity: 0,
        spotAllocationStrategy: 'price-capacity-optimized',
      },
      minSize: 1,
      maxSize: 8,
      instances: workers,
      daysAgo: pick.since(base, 0.6),
      tags: [tagOf('Team', 'orders')],
    });
  }

  // acme-production: a standby group in the DR region, still on a launch configuration.
  const lc = USAGE_FIXTURE.launchConfiguration;
  const prod = pick.account(lc.accountName);
  const [drImage] = pick.images(prod, lc.region, (i) => i.name.startsWith('app-'));
  if (drImage) {
    build.launchConfiguration({ account: prod, region: lc.region, name: lc.launchConfigurationName, image: drImage, instanceType: 'm5.large', daysAgo: pick.since(drImage, 0.5) });
    build.autoScalingGroup({ account: prod, region: lc.region, name: lc.autoScalingGroupName, launchConfigurationName: lc.launchConfigurationName, minSize: 0, maxSize: 4, instances: [], daysAgo: pick.since(drImage, 0.5), tags: [tagOf('Purpose', 'dr')] });
  }

  // Used by a member of the organization or OU an image is shared with (seeded last, so nothing above moves).
  const orgCase = USAGE_FIXTURE.organizationMember;
  const [orgImage] = pick.images(pick.account(orgCase.ownerName), orgCase.region, (i) => i.name.startsWith(orgCase.imageNamePrefix) && i.launchPermissions.some((p) => p.organizationArn) && !avoid.has(i.imageId));
  if (orgImage) build.instance({ account: pick.account(orgCase.accountName), region: orgCase.region, image: orgImage, state: 'running', instanceType: 'c7g.large', name: orgCase.instanceName });
  const ouCase = USAGE_FIXTURE.organizationalUnitMember;
  const [ouImage] = pick.images(pick.account(ouCase.ownerName), ouCase.region, (i) => i.name.startsWith(ouCase.imageNamePrefix) && i.launchPermissions.some((p) => p.organizationalUnitArn) && !avoid.has(i.imageId));
  if (ouImage) {
    build.launchTemplate({
      account: pick.account(ouCase.accountName),
      region: ouCase.region,
      name: ouCase.launchTemplateName,
      versions: [{ imageId: ouImage.imageId, instanceType: 'm6i.large', description: ouImage.name, daysAgo: pick.since(ouImage, 0.5) }],
      tags: [tagOf('Team', 'orders')],
    });
  }
}
