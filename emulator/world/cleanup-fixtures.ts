/**
 * What cleaning up finds in the demo world: snapshots left behind by AMIs deregistered earlier
 * without their snapshots (described as CreateImage and CopyImage describe them, naming AMIs
 * that no longer exist), Recycle Bin rules in one region of acme-staging and none in its other,
 * an AMI already in that bin (its snapshot kept), and two AMIs registered from one snapshot.
 * Drawn from their own random stream so no other id of the world moves; a few records, so the
 * demo world costs no more to build.
 */
import { addDays, addMinutes } from './dates';
import { copyImageSnapshotDescription, createImageSnapshotDescription, ImageFactory } from './factory';
import type { AccountRecord, SnapshotRecord, World } from './model';
import type { Rng } from './random';

/** Names of the seeded cases, for tests and the README. */
export const CLEANUP_FIXTURE = {
  /** acme-staging us-east-1 keeps deregistered AMIs 14 days (and 30 for Team=checkout) and deleted snapshots 21 days. */
  binRules: { accountName: 'acme-staging', region: 'us-east-1', imageRetentionDays: 14, taggedImageRetentionDays: 30, taggedRule: { key: 'Team', value: 'checkout' }, snapshotRetentionDays: 21 },
  /** acme-staging us-west-2 has no rule: what is deleted there is gone. */
  noRules: { accountName: 'acme-staging', region: 'us-west-2' },
  /** Deregistered (its snapshot kept) three days before the world's today, in the bin. */
  inBin: { accountName: 'acme-staging', region: 'us-east-1', imageName: 'checkout-web-2026.10.28', daysAgo: 3 },
  /** Snapshots whose AMIs were deregistered without them. */
  orphans: [
    { accountName: 'acme-staging', region: 'us-west-2', kind: 'CreateImage', sizeGiB: 30 },
    { accountName: 'acme-staging', region: 'us-west-2', kind: 'CreateImage', sizeGiB: 100 },
    { accountName: 'acme-staging', region: 'us-west-2', kind: 'CopyImage', sizeGiB: 30 },
    { accountName: 'globex-dev', region: 'eu-west-1', kind: 'CreateImage', sizeGiB: 50 },
  ],
  /** Two AMIs registered from one root snapshot: deregistering one with its snapshots keeps it for the other. */
  sharedSnapshot: { accountName: 'acme-staging', region: 'us-west-2', imageNames: ['reporting-base-2026.09', 'reporting-base-2026.09-uefi'] },
} as const;

export function addCleanupFixtures(world: World, rng: Rng): void {
  const factory = new ImageFactory(world, rng);
  const account = (name: string): AccountRecord => {
    const found = world.accounts.find((a) => a.name === name);
    if (!found) throw new Error(`unknown seeded account ${name}`);
    return found;
  };
  const today = world.anchor;

  const rules = CLEANUP_FIXTURE.binRules;
  const staging = account(rules.accountName);
  const bin = world.recycleBin;
  const rule = (resourceType: 'EC2_IMAGE' | 'EBS_SNAPSHOT', retentionDays: number, description: string, resourceTags: Array<{ key: string; value: string | null }> = []) =>
    bin.addRule({ identifier: bin.nextIdentifier(world.seed), accountId: staging.accountId, region: rules.region, resourceType, retentionDays, description, resourceTags, tags: [] });
  rule('EC2_IMAGE', rules.imageRetentionDays, 'Keep deregistered AMIs two weeks');
  rule('EC2_IMAGE', rules.taggedImageRetentionDays, 'Checkout AMIs a month', [{ key: rules.taggedRule.key, value: rules.taggedRule.value }]);
  rule('EBS_SNAPSHOT', rules.snapshotRetentionDays, 'Keep deleted snapshots three weeks');

  const inBin = CLEANUP_FIXTURE.inBin;
  const binned = factory.create({
    region: inBin.region,
    ownerId: staging.accountId,
    name: inBin.imageName,
    description: 'checkout web build 412 from main',
    os: 'al2023',
    arch: 'x86_64',
    created: addDays(today, -30),
    tags: [{ key: 'Team', value: 'web' }, { key: 'Name', value: 'checkout-web' }],
  });
  // Deregistered without DeleteAssociatedSnapshots: its snapshot stayed, so it can come back at once.
  binned.state = 'deregistered';
  bin.holdImage(binned, addDays(today, -inBin.daysAgo), rules.imageRetentionDays);

  // Snapshots of AMIs that are gone: the AMI ids they name were never (or no longer) in the world.
  for (const [i, orphan] of CLEANUP_FIXTURE.orphans.entries()) {
    const owner = account(orphan.accountName);
    const created = addMinutes(addDays(today, -(90 + i * 17)), -rng.int(30, 600));
    const goneImageId = factory.newId('ami');
    const volumeId = factory.newId('vol');
    const description =
      orphan.kind === 'CreateImage'
        ? createImageSnapshotDescription(factory.newId('i'), goneImageId, volumeId)
        : copyImageSnapshotDescription(goneImageId, factory.newId('ami'), factory.newId('snap'), created);
    const snapshot: SnapshotRecord = {
      snapshotId: factory.newId('snap'),
      region: orphan.region,
      ownerId: owner.accountId,
      ownerAlias: null,
      volumeId: orphan.kind === 'CopyImage' ? 'vol-ffffffff' : volumeId,
      volumeSize: orphan.sizeGiB,
      state: 'completed',
      progress: '100%',
      startTime: created.toISOString(),
      description,
      encrypted: false,
      kmsKeyId: null,
      storageTier: 'standard',
      tags: [],
      createVolumePermissions: [],
    };
    world.addSnapshot(snapshot);
  }

  // RegisterImage twice from one snapshot (a BIOS and a UEFI variant of the same disk).
  const shared = CLEANUP_FIXTURE.sharedSnapshot;
  const reporting = account(shared.accountName);
  const created = addDays(today, -60);
  const [first, second] = shared.imageNames.map((name) =>
    factory.create({ region: shared.region, ownerId: reporting.accountId, name, description: 'reporting base image', os: 'al2023', arch: 'x86_64', created, tags: [{ key: 'Team', value: 'reporting' }] }),
  );
  const firstRoot = first!.blockDevices[0]!.ebs!;
  const secondRoot = second!.blockDevices[0]!.ebs!;
  world.removeSnapshot(secondRoot.snapshotId!);
  secondRoot.snapshotId = firstRoot.snapshotId;
  second!.bootMode = 'uefi';
}
