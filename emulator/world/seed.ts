/**
 * Builds the deterministic demo world from a seed: clients and accounts, their KMS keys, and a
 * few hundred private images with the history real teams accumulate — weekly golden images
 * copied to other regions and shared with other accounts, application images promoted from
 * staging to production by CopyImage, CI builds that failed or are still pending, deprecated
 * and deregistered images (whose snapshots stay behind), encrypted volumes, public images,
 * legacy instance-store and i386 images. The public catalogue is added lazily per region.
 */
import { buildClientsAndAccounts } from './accounts';
import { loadCatalogue } from './catalogue';
import { buildMfaDevices, buildRoles } from './iam';
import { addDays, addMinutes, dashedWithTime, dotted, patchWednesday, yearMonth, ymd } from './dates';
import { ImageFactory, type ImageSpec } from './factory';
import {
  World,
  type AccountRecord,
  type CreateVolumePermissionRecord,
  type ImageRecord,
  type LaunchPermissionRecord,
  type TagRecord,
} from './model';
import { Rng } from './random';
import { REGIONS } from './regions';
import { addImageReferenceFixtures } from './image-references';
import { addSharingFixtures } from './sharing-fixtures';
import { buildSso } from './sso';
import { addUsageFixtures } from './usage-fixtures';
import { addCleanupFixtures } from './cleanup-fixtures';

/** The world's "today". Names and dates of every image are relative to it. */
export const WORLD_ANCHOR = '2026-11-27T00:00:00.000Z';

/** An account outside the world that some images are shared with (shows as unknown). */
export const EXTERNAL_PARTNER_ACCOUNT_ID = '210987654321';

/**
 * The seeded world. `anchor` is its "today" (default WORLD_ANCHOR, so tests compute the same
 * answers on every run); the demo workspace anchors it at the real date so fresh copies and
 * builds do not look days old.
 */
export function createWorld(seed = 1, anchor: Date = new Date(WORLD_ANCHOR)): World {
  const rng = Rng.from(seed, 'world');
  const { clients, accounts } = buildClientsAndAccounts(Rng.from(seed, 'accounts'));
  // Separate streams, so adding IAM or SSO data never shifts account ids or images.
  const roles = buildRoles(accounts, Rng.from(seed, 'roles'));
  const { sso, roles: ssoRoles } = buildSso(accounts, Rng.from(seed, 'sso'));
  const world = new World({
    seed,
    anchor,
    regions: [...REGIONS],
    clients,
    accounts,
    roles: [...roles, ...ssoRoles],
    mfaDevices: buildMfaDevices(accounts, Rng.from(seed, 'mfa')),
    sso,
    catalogueLoader: loadCatalogue,
  });
  new PrivateImages(world, rng).build();
  addSharingFixtures(world, Rng.from(seed, 'sharing-fixtures'));
  addImageReferenceFixtures(world, Rng.from(seed, 'image-references'));
  addUsageFixtures(world, Rng.from(seed, 'usage-fixtures'));
  addCleanupFixtures(world, Rng.from(seed, 'cleanup-fixtures'));
  return world;
}

const tag = (key: string, value: string): TagRecord => ({ key, value });

class PrivateImages {
  private readonly factory: ImageFactory;
  private readonly anchor: Date;

  constructor(
    private readonly world: World,
    private readonly rng: Rng,
  ) {
    this.factory = new ImageFactory(world, rng);
    this.anchor = world.anchor;
  }

  build(): void {
    this.initechSharedServices();
    this.initechSandbox();
    const staging = this.acmeStaging();
    this.acmeProduction(staging);
    this.globexProd();
    this.globexDev();
  }

  private account(name: string): AccountRecord {
    const account = this.world.accounts.find((a) => a.name === name);
    if (!account) throw new Error(`unknown seeded account ${name}`);
    return account;
  }

  /** A KMS key of the account in the region (created on first use). */
  private kmsKey(account: AccountRecord, region: string, managedBy: 'aws' | 'customer'): string {
    const alias = managedBy === 'aws' ? 'alias/aws/ebs' : 'alias/ami-encryption';
    const existing = this.world.kmsKeys.find(
      (k) => k.accountId === account.accountId && k.region === region && k.alias === alias,
    );
    if (existing) return existing.arn;
    const arn = `arn:aws:kms:${region}:${account.accountId}:key/${this.rng.uuid()}`;
    this.world.kmsKeys.push({ arn, accountId: account.accountId, region, alias, managedBy });
    return arn;
  }

  /** Dates of the last `count` builds, newest first, roughly `every` days apart, all in the past. */
  private history(count: number, every: number, offsetDays = 1): Date[] {
    const dates: Date[] = [];
    let day = offsetDays;
    for (let i = 0; i < count; i++) {
      dates.push(addMinutes(addDays(this.anchor, -day), -this.rng.int(30, 18 * 60)));
      day += Math.max(1, every + this.rng.int(-1, 1));
    }
    return dates;
  }

  /** A moment `minutes` after `date`, but never past half-way to the anchor (no future dates). */
  private after(date: Date, minutes: number): Date {
    const halfway = date.getTime() + (this.anchor.getTime() - date.getTime()) / 2;
    return new Date(Math.min(date.getTime() + minutes * 60_000, halfway));
  }

  private create(spec: ImageSpec): ImageRecord {
    // Many teams copy the image's tags onto its snapshots; about two thirds do here.
    const tags = spec.tags ?? [];
    const snapshotTags =
      tags.length > 0 && this.rng.chance(0.65) ? tags.filter((t) => t.key === 'Name' || t.key === 'Team') : [];
    return this.factory.create({ snapshotTags, ...spec });
  }

  /**
   * CopyImage: same name, tags and sharing, new ids, lineage recorded. Encrypted sources stay
   * encrypted with the same kind of key in the destination region (KMS keys are regional).
   */
  private copy(
    source: ImageRecord,
    region: string,
    overrides: Partial<ImageSpec> & { os: ImageSpec['os'] },
  ): ImageRecord {
    const extraSizes = source.blockDevices.slice(1).flatMap((d) => (d.ebs ? [d.ebs.volumeSize] : []));
    const root = source.blockDevices[0]?.ebs;
    const ownerId = overrides.ownerId ?? source.ownerId;
    const sourceKey = root?.kmsKeyId ? this.world.kmsKey(root.kmsKeyId) : undefined;
    const owner = this.world.accountById(ownerId);
    const kmsKeyId = sourceKey && owner ? this.kmsKey(owner, region, sourceKey.managedBy) : null;
    // Teams re-share the copy the way the source was shared (CopyImage itself copies no sharing).
    const launchPermissions = overrides.launchPermissions ?? [...source.launchPermissions];
    return this.create({
      region,
      ownerId,
      name: source.name,
      description: source.description,
      arch: source.architecture,
      created: this.after(new Date(source.creationDate), this.rng.int(20, 240)),
      rootVolumeGiB: root?.volumeSize,
      volumeType: root?.volumeType,
      dataVolumesGiB: extraSizes,
      kmsKeyId,
      deprecationTime: source.deprecationTime ? new Date(source.deprecationTime) : null,
      tags: [...source.tags],
      launchPermissions,
      snapshotPermissions: PrivateImages.volumePermissions(launchPermissions),
      copiedFrom: source,
      ...overrides,
    });
  }

  /** Some time between creation and now, or null (never launched) with 1 - probability. */
  private lastLaunched(created: Date, probability: number): Date | null {
    if (!this.rng.chance(probability)) return null;
    const span = Math.max(0, this.anchor.getTime() - created.getTime());
    return new Date(created.getTime() + Math.floor(this.rng.next() * span));
  }

  private static userPermissions(ids: string[]): LaunchPermissionRecord[] {
    return ids.map((userId) => ({ userId }));
  }

  private static volumePermissions(permissions: LaunchPermissionRecord[]): CreateVolumePermissionRecord[] {
    return permissions.flatMap((p): CreateVolumePermissionRecord[] =>
      p.userId ? [{ userId: p.userId }] : p.group ? [{ group: p.group }] : [],
    );
  }

  // ---------------------------------------------------------------- Initech

  private initechSharedServices(): void {
    const ss = this.account('initech-shared-services');
    const sandbox = this.account('initech-sandbox');
    const acmeStaging = this.account('acme-staging');
    const acmeProd = this.account('acme-production');
    const org = ss.organizationArn;
    const home = 'us-east-1';
    const rng = this.rng;

    // Weekly golden Amazon Linux 2023 images, x86_64 and arm64.
    for (const arch of ['x86_64', 'arm64'] as const) {
      const built: ImageRecord[] = [];
      this.history(26, 7, 2).forEach((created, k) => {
        const failed = arch === 'arm64' && k === 3;
        const pending = arch === 'x86_64' && k === 0;
        const deregistered = k >= 20 && rng.chance(0.35);
        const deprecated = k >= 12;
        const permissions: LaunchPermissionRecord[] = [];
        if (!failed && !pending && !deregistered && !deprecated) {
          permissions.push({ userId: sandbox.accountId });
          if (k < 4) permissions.push({ userId: acmeStaging.accountId }, { userId: acmeProd.accountId });
          if (k === 1) permissions.push({ organizationArn: org });
          if (k === 2 && arch === 'x86_64') permissions.push({ userId: EXTERNAL_PARTNER_ACCOUNT_ID });
        }
        const name = `golden-al2023-${arch === 'arm64' ? 'arm64-' : ''}${dotted(created)}`;
        const image = this.create({
          region: home,
          ownerId: ss.accountId,
          name,
          description: `Initech golden Amazon Linux 2023 (${arch}), CIS level 1, SSM agent, CloudWatch agent`,
          os: 'al2023',
          arch,
          created,
          rootVolumeGiB: 16,
          state: failed ? 'failed' : pending ? 'pending' : deregistered ? 'deregistered' : 'available',
          stateReason: failed
            ? { code: 'Server.InternalError', message: 'Server.InternalError: Internal error on launch' }
            : null,
          deprecationTime: addDays(created, 84),
          lastLaunchedTime: k > 0 && k < 10 ? this.lastLaunched(created, 0.7) : null,
          tags: [tag('Name', name), tag('Team', 'platform'), tag('Env', 'shared'), tag('Build', `golden-${ymd(created)}`), tag('OS', 'al2023')],
          launchPermissions: permissions,
          snapshotPermissions: PrivateImages.volumePermissions(permissions),
        });
        built.push(image);
      });
      // The eight newest usable builds are copied to the other regions.
      const toCopy = built.filter((i) => i.state === 'available').slice(0, 8);
      for (const region of ['us-west-2', 'eu-west-1', 'ap-southeast-2']) {
        for (const source of toCopy) this.copy(source, region, { os: 'al2023' });
      }
    }

    // Golden Ubuntu images: 24.04 every two weeks, 22.04 every four.
    for (const [version, os, count, every] of [
      ['24.04', 'ubuntu-24.04', 13, 14],
      ['22.04', 'ubuntu-22.04', 8, 28],
    ] as const) {
      const built = this.history(count, every, 4).map((created, k) => {
        const name = `golden-ubuntu-${version}-${dotted(created)}`;
        const permissions = k < 6 ? PrivateImages.userPermissions([sandbox.accountId]) : [];
        return this.create({
          region: home,
          ownerId: ss.accountId,
          name,
          description: `Initech golden Ubuntu ${version} LTS`,
          os,
          arch: 'x86_64',
          created,
          rootVolumeGiB: 20,
          deprecationTime: addDays(created, 120),
          lastLaunchedTime: this.lastLaunched(created, 0.5),
          tags: [tag('Name', name), tag('Team', 'platform'), tag('Env', 'shared'), tag('OS', `ubuntu-${version}`)],
          launchPermissions: permissions,
          snapshotPermissions: PrivateImages.volumePermissions(permissions),
        });
      });
      if (version === '24.04') {
        for (const source of built.slice(0, 4)) this.copy(source, 'eu-west-1', { os });
      }
    }

    // Monthly hardened Windows Server 2022 images.
    const windows: ImageRecord[] = [];
    for (let k = 0; k < 8; k++) {
      const month = new Date(Date.UTC(this.anchor.getUTCFullYear(), this.anchor.getUTCMonth() - k, 1));
      const created = addMinutes(addDays(patchWednesday(month.getUTCFullYear(), month.getUTCMonth()), 5), rng.int(0, 600));
      if (created >= this.anchor) continue;
      const name = `windows-2022-hardened-${yearMonth(created)}`;
      const permissions = k < 2 ? PrivateImages.userPermissions([acmeProd.accountId]) : [];
      windows.push(
        this.create({
          region: home,
          ownerId: ss.accountId,
          name,
          description: 'Windows Server 2022 Datacenter, CIS benchmark, Initech baseline',
          os: 'windows',
          arch: 'x86_64',
          created,
          rootVolumeGiB: 50,
          deprecationTime: addDays(created, 180),
          lastLaunchedTime: this.lastLaunched(created, 0.6),
          tags: [tag('Name', name), tag('Team', 'platform'), tag('Env', 'shared'), tag('OS', 'windows-2022')],
          launchPermissions: permissions,
          snapshotPermissions: PrivateImages.volumePermissions(permissions),
        }),
      );
    }
    for (const source of windows.slice(0, 3)) this.copy(source, 'eu-west-1', { os: 'windows' });

    // Monthly RHEL 9 CIS images, encrypted with the account's own key.
    const rhelKey = this.kmsKey(ss, home, 'customer');
    this.history(6, 30, 9).forEach((created, k) => {
      const name = `rhel-9-cis-${dotted(created)}`;
      const permissions = k < 3 ? PrivateImages.userPermissions([sandbox.accountId]) : [];
      this.create({
        region: home,
        ownerId: ss.accountId,
        name,
        description: 'RHEL 9 with CIS level 2 hardening',
        os: 'rhel-9',
        arch: 'x86_64',
        created,
        rootVolumeGiB: 30,
        kmsKeyId: rhelKey,
        tags: [tag('Name', name), tag('Team', 'platform'), tag('Env', 'shared'), tag('OS', 'rhel-9')],
        launchPermissions: permissions,
        snapshotPermissions: PrivateImages.volumePermissions(permissions),
      });
    });

    // A deliberately public community image (and its public snapshot).
    const created = new Date(Date.UTC(2026, 9, 1, 14, 12));
    this.create({
      region: home,
      ownerId: ss.accountId,
      name: 'initech-tools-community-edition-2026.10.01',
      description: 'Initech TPS tools, community edition (public)',
      os: 'ubuntu-24.04',
      arch: 'x86_64',
      created,
      tags: [tag('Name', 'initech-tools-community-edition'), tag('Team', 'devrel'), tag('Env', 'public')],
      launchPermissions: [{ group: 'all' }],
      snapshotPermissions: [{ group: 'all' }],
    });
  }

  private initechSandbox(): void {
    const sandbox = this.account('initech-sandbox');
    const ss = this.account('initech-shared-services');
    const rng = this.rng;
    const experiments = [
      { word: 'k8s-node', os: 'al2023', arch: 'arm64' },
      { word: 'gpu-test', os: 'ubuntu-22.04', arch: 'x86_64' },
      { word: 'graviton-bench', os: 'al2023', arch: 'arm64' },
      { word: 'pg16-lab', os: 'debian-12', arch: 'x86_64' },
      { word: 'nix-builder', os: 'ubuntu-24.04', arch: 'x86_64' },
      { word: 'wasm-runner', os: 'al2023', arch: 'arm64' },
      { word: 'win-iis-poc', os: 'windows', arch: 'x86_64' },
      { word: 'rhel-upgrade', os: 'rhel-9', arch: 'x86_64' },
      { word: 'redis-bench', os: 'al2', arch: 'x86_64' },
      { word: 'ci-runner', os: 'ubuntu-24.04', arch: 'arm64' },
      { word: 'jupyter', os: 'ubuntu-22.04', arch: 'x86_64' },
      { word: 'kafka-lab', os: 'al2023', arch: 'x86_64' },
    ] as const;
    const infraOu = ss.organizationalUnitArns[0];
    experiments.forEach((e, i) => {
      const created = addMinutes(addDays(this.anchor, -rng.int(1, 200)), rng.int(0, 1400));
      const region = i % 3 === 2 ? 'ap-southeast-2' : 'us-east-1';
      const name = `sandbox-${e.word}-${ymd(created)}`;
      this.create({
        region,
        ownerId: sandbox.accountId,
        name,
        description: i % 4 === 0 ? null : `Experiment: ${e.word}`,
        os: e.os,
        arch: e.arch,
        created,
        state: i === 5 ? 'pending' : 'available',
        dataVolumesGiB: i % 5 === 1 ? [100] : [],
        lastLaunchedTime: this.lastLaunched(created, 0.4),
        tags: i % 4 === 3 ? [] : [tag('Name', name), tag('Owner', rng.pick(['milton', 'peter', 'samir', 'michael'])), tag('Env', 'sandbox')],
        // One experiment is offered to the platform team's OU for review.
        launchPermissions: i === 1 && infraOu ? [{ organizationalUnitArn: infraOu }] : [],
      });
    });

    // Two legacy 32-bit images: one instance-store, one EBS, both paravirtual.
    this.create({
      region: 'us-east-1',
      ownerId: sandbox.accountId,
      name: 'legacy-i386-lab-2019.06',
      description: 'Old 32-bit lab image kept for a customer repro',
      os: 'al2',
      arch: 'i386',
      created: new Date(Date.UTC(2019, 5, 12, 10, 4)),
      rootDeviceType: 'instance-store',
      virtualizationType: 'paravirtual',
      imageLocation: 'initech-legacy-bundles/legacy-i386-lab-2019.06/image.manifest.xml',
      tags: [tag('Name', 'legacy-i386-lab'), tag('Env', 'sandbox')],
    });
    this.create({
      region: 'us-east-1',
      ownerId: sandbox.accountId,
      name: 'legacy-i386-ebs-2018.11',
      description: '32-bit EBS image from the 2018 migration',
      os: 'al2',
      arch: 'i386',
      created: new Date(Date.UTC(2018, 10, 2, 16, 40)),
      virtualizationType: 'paravirtual',
      volumeType: 'standard',
      tags: [tag('Name', 'legacy-i386-ebs'), tag('Env', 'sandbox')],
    });
  }

  // ---------------------------------------------------------------- Acme

  private acmeStaging(): ImageRecord[] {
    const staging = this.account('acme-staging');
    const prod = this.account('acme-production');
    const rng = this.rng;
    const region = 'us-east-1';
    const key = this.kmsKey(staging, region, 'customer');
    const services = [
      { svc: 'payments-api', team: 'payments', arch: 'x86_64', encrypted: true, data: [20] },
      { svc: 'checkout-web', team: 'web', arch: 'x86_64', encrypted: false, data: [] },
      { svc: 'ledger-worker', team: 'ledger', arch: 'arm64', encrypted: false, data: [50] },
      { svc: 'notifications', team: 'messaging', arch: 'arm64', encrypted: false, data: [] },
    ] as const;
    let buildNumber = 4100;
    const promoted: ImageRecord[] = [];
    for (const s of services) {
      const built = this.history(rng.int(10, 14), 5, 1).map((created, k) => {
        const name = `app-${s.svc}-${dashedWithTime(created)}`;
        const deregistered = k >= 9 && rng.chance(0.4);
        const permissions = k < 3 && !deregistered ? PrivateImages.userPermissions([prod.accountId]) : [];
        return this.create({
          region,
          ownerId: staging.accountId,
          name,
          description: `${s.svc} build ${buildNumber + k} from main`,
          os: 'al2023',
          arch: s.arch,
          created,
          rootVolumeGiB: 16,
          dataVolumesGiB: [...s.data],
          kmsKeyId: s.encrypted ? key : null,
          state: deregistered ? 'deregistered' : 'available',
          lastLaunchedTime: this.lastLaunched(created, 0.8),
          tags: [
            tag('Name', name),
            tag('Team', s.team),
            tag('Env', 'staging'),
            tag('Build', String(buildNumber + k)),
            tag('GitSha', rng.hex(7)),
          ],
          launchPermissions: permissions,
          snapshotPermissions: PrivateImages.volumePermissions(permissions),
        });
      });
      buildNumber += 50;
      for (const source of built.slice(0, 2)) {
        this.copy(source, 'us-west-2', { os: 'al2023' });
      }
      promoted.push(...built.filter((i) => i.state === 'available').slice(0, 5));
    }

    // CI images: several a day, some failed, the newest still being created.
    const perDay = new Map<string, number>();
    this.history(40, 1, 0).forEach((created, k) => {
      const day = ymd(created);
      const n = (perDay.get(day) ?? 0) + 1;
      perDay.set(day, n);
      const failed = k > 1 && rng.chance(0.1);
      const name = `build-${day}-${n}`;
      this.create({
        region,
        ownerId: staging.accountId,
        name,
        description: `CI image for pipeline run ${7000 + 40 - k}`,
        os: 'al2023',
        arch: rng.chance(0.7) ? 'x86_64' : 'arm64',
        created,
        state: k === 0 ? 'pending' : failed ? 'failed' : 'available',
        stateReason: failed
          ? { code: 'Client.InvalidSnapshot.NotFound', message: 'Client.InvalidSnapshot.NotFound: The snapshot was deleted during image creation' }
          : null,
        tags: [tag('Name', name), tag('Team', 'platform'), tag('Env', 'ci'), tag('Build', String(7000 + 40 - k))],
      });
    });
    return promoted;
  }

  private acmeProduction(fromStaging: ImageRecord[]): void {
    const prod = this.account('acme-production');
    const rng = this.rng;
    const home = 'us-east-1';
    const key = (region: string): string => this.kmsKey(prod, region, 'customer');
    const byService = new Map<string, ImageRecord[]>();

    // Promotion: the last five staging builds of each service are copied into production.
    fromStaging.forEach((source, i) => {
      const service = source.name.replace(/^app-/, '').replace(/-\d{4}-\d{2}-\d{2}T\d{4}$/, '');
      const old = i % 5 === 4;
      const created = this.after(new Date(source.creationDate), rng.int(60, 3 * 1440));
      const image = this.copy(source, home, {
        os: 'al2023',
        ownerId: prod.accountId,
        kmsKeyId: key(home),
        created,
        // Two old releases were disabled rather than deregistered.
        state: old && i < 10 ? 'disabled' : 'available',
        launchPermissions: [],
        lastLaunchedTime: this.lastLaunched(created, 0.9),
        tags: [...source.tags.filter((t) => t.key !== 'Env'), tag('Env', 'production'), tag('PromotedFrom', source.imageId)],
      });
      const list = byService.get(service) ?? [];
      list.push(image);
      byService.set(service, list);
    });

    // Disaster-recovery copies: two newest per service in us-west-2, the newest in eu-west-1.
    for (const images of byService.values()) {
      const usable = images.filter((i) => i.state === 'available');
      for (const source of usable.slice(0, 2)) {
        this.copy(source, 'us-west-2', { os: 'al2023', tags: [...source.tags, tag('Purpose', 'dr')] });
      }
      for (const source of usable.slice(0, 1)) {
        this.copy(source, 'eu-west-1', { os: 'al2023', tags: [...source.tags, tag('Purpose', 'dr')] });
      }
    }

    // Monthly Windows reporting servers.
    for (let k = 0; k < 5; k++) {
      const month = new Date(Date.UTC(this.anchor.getUTCFullYear(), this.anchor.getUTCMonth() - k - 1, 1));
      const created = addMinutes(addDays(patchWednesday(month.getUTCFullYear(), month.getUTCMonth()), 9), rng.int(0, 600));
      const name = `acme-win-2022-reporting-${yearMonth(created)}`;
      this.create({
        region: home,
        ownerId: prod.accountId,
        name,
        description: 'SQL Server Reporting Services on Windows Server 2022',
        os: 'windows-sql-standard',
        arch: 'x86_64',
        created,
        rootVolumeGiB: 60,
        dataVolumesGiB: [100],
        kmsKeyId: key(home),
        lastLaunchedTime: this.lastLaunched(created, 0.8),
        tags: [tag('Name', name), tag('Team', 'bi'), tag('Env', 'production'), tag('OS', 'windows-2022')],
      });
    }
  }

  // ---------------------------------------------------------------- Globex

  private globexProd(): void {
    const prod = this.account('globex-prod');
    const dev = this.account('globex-dev');
    const rng = this.rng;
    const home = 'eu-central-1';

    const base = this.history(10, 14, 3).map((created, k) => {
      const name = `globex-base-ubuntu-22.04-${ymd(created)}`;
      const permissions = k < 5 ? PrivateImages.userPermissions([dev.accountId]) : [];
      return this.create({
        region: home,
        ownerId: prod.accountId,
        name,
        description: 'Globex base image: Ubuntu 22.04, hardened, monitoring agents',
        os: 'ubuntu-22.04',
        arch: 'x86_64',
        created,
        rootVolumeGiB: 20,
        deprecationTime: addDays(created, 90),
        lastLaunchedTime: this.lastLaunched(created, 0.6),
        tags: [tag('Name', name), tag('Team', 'sre'), tag('Env', 'prod'), tag('OS', 'ubuntu-22.04')],
        launchPermissions: permissions,
        snapshotPermissions: PrivateImages.volumePermissions(permissions),
      });
    });

    // svc-orders uses the AWS-managed EBS key (which can never be shared).
    const orders = this.history(15, 4, 1).map((created) => {
      const name = `svc-orders-${ymd(created)}-${rng.hex(7)}`;
      return this.create({
        region: home,
        ownerId: prod.accountId,
        name,
        description: 'orders service',
        os: 'ubuntu-22.04',
        arch: 'x86_64',
        created,
        rootVolumeGiB: 20,
        dataVolumesGiB: [50],
        kmsKeyId: this.kmsKey(prod, home, 'aws'),
        lastLaunchedTime: this.lastLaunched(created, 0.8),
        tags: [tag('Name', name), tag('Team', 'orders'), tag('Env', 'prod')],
      });
    });

    const search = this.history(12, 6, 2).map((created) => {
      const name = `svc-search-${ymd(created)}-${rng.hex(7)}`;
      return this.create({
        region: home,
        ownerId: prod.accountId,
        name,
        description: 'search service (OpenSearch sidecars)',
        os: 'ubuntu-22.04',
        arch: 'arm64',
        created,
        rootVolumeGiB: 30,
        kmsKeyId: this.kmsKey(prod, home, 'customer'),
        lastLaunchedTime: this.lastLaunched(created, 0.8),
        tags: [tag('Name', name), tag('Team', 'search'), tag('Env', 'prod')],
      });
    });

    for (let k = 0; k < 6; k++) {
      const month = new Date(Date.UTC(this.anchor.getUTCFullYear(), this.anchor.getUTCMonth() - k - 1, 1));
      const created = addMinutes(addDays(patchWednesday(month.getUTCFullYear(), month.getUTCMonth()), 3), rng.int(0, 600));
      const name = `windows-2019-iis-${yearMonth(created)}`;
      this.create({
        region: home,
        ownerId: prod.accountId,
        name,
        description: 'IIS 10 on Windows Server 2019 for the legacy portal',
        os: 'windows',
        arch: 'x86_64',
        created,
        rootVolumeGiB: 40,
        lastLaunchedTime: this.lastLaunched(created, 0.5),
        tags: [tag('Name', name), tag('Team', 'portal'), tag('Env', 'prod'), tag('OS', 'windows-2019')],
      });
    }

    for (const source of [...orders.slice(0, 4), ...search.slice(0, 4)]) {
      this.copy(source, 'eu-west-1', { os: 'ubuntu-22.04', tags: [...source.tags, tag('Purpose', 'dr')] });
    }
    for (const source of [...search.slice(0, 3), ...base.slice(0, 2)]) {
      this.copy(source, 'ap-southeast-2', { os: 'ubuntu-22.04' });
    }
  }

  private globexDev(): void {
    const dev = this.account('globex-dev');
    const prod = this.account('globex-prod');
    const rng = this.rng;
    const home = 'eu-central-1';

    const perDay = new Map<string, number>();
    this.history(30, 2, 0).forEach((created, k) => {
      const day = ymd(created);
      const n = (perDay.get(day) ?? 0) + 1;
      perDay.set(day, n);
      const failed = k > 0 && rng.chance(0.12);
      const name = `build-${day}-${n}`;
      this.create({
        region: k % 6 === 5 ? 'eu-west-1' : home,
        ownerId: dev.accountId,
        name,
        description: `feature branch image #${900 + 30 - k}`,
        os: 'ubuntu-22.04',
        arch: rng.chance(0.5) ? 'x86_64' : 'arm64',
        created,
        state: k === 0 ? 'pending' : failed ? 'failed' : k > 24 && rng.chance(0.5) ? 'deregistered' : 'available',
        stateReason: failed ? { code: 'Server.InternalError', message: 'Server.InternalError: Internal error on launch' } : null,
        tags: [tag('Name', name), tag('Team', 'orders'), tag('Env', 'dev'), tag('Build', String(900 + 30 - k))],
      });
    });

    const prodOu = prod.organizationalUnitArns[0];
    this.history(10, 3, 1).forEach((created, k) => {
      const name = `svc-orders-rc-${ymd(created)}-${rng.hex(7)}`;
      const permissions: LaunchPermissionRecord[] =
        k < 3 ? [{ userId: prod.accountId }] : k < 5 && prodOu ? [{ organizationalUnitArn: prodOu }] : [];
      this.create({
        region: home,
        ownerId: dev.accountId,
        name,
        description: 'orders service release candidate',
        os: 'ubuntu-22.04',
        arch: 'x86_64',
        created,
        dataVolumesGiB: [50],
        lastLaunchedTime: this.lastLaunched(created, 0.5),
        tags: [tag('Name', name), tag('Team', 'orders'), tag('Env', 'dev'), tag('Stage', 'rc')],
        launchPermissions: permissions,
        snapshotPermissions: PrivateImages.volumePermissions(permissions),
      });
    });

    // Made public by mistake: the kind of finding an audit should surface.
    this.create({
      region: home,
      ownerId: dev.accountId,
      name: 'globex-demo-appliance-2026.08',
      description: 'Sales demo appliance',
      os: 'ubuntu-24.04',
      arch: 'x86_64',
      created: new Date(Date.UTC(2026, 7, 19, 8, 15)),
      tags: [tag('Name', 'globex-demo-appliance'), tag('Team', 'sales-eng'), tag('Env', 'dev')],
      launchPermissions: [{ group: 'all' }],
    });

    this.create({
      region: home,
      ownerId: dev.accountId,
      name: 'legacy-batch-pv-2016.03',
      description: 'Nightly batch host (instance-store, paravirtual)',
      os: 'al2',
      arch: 'x86_64',
      created: new Date(Date.UTC(2016, 2, 8, 22, 30)),
      rootDeviceType: 'instance-store',
      virtualizationType: 'paravirtual',
      imageLocation: 'globex-ami-bundles/legacy-batch-pv-2016.03/image.manifest.xml',
      tags: [tag('Name', 'legacy-batch')],
    });
    this.create({
      region: home,
      ownerId: dev.accountId,
      name: 'test-instance-store-hvm-2025.02',
      description: null,
      os: 'al2',
      arch: 'x86_64',
      created: new Date(Date.UTC(2025, 1, 14, 9, 0)),
      rootDeviceType: 'instance-store',
      imageLocation: 'globex-ami-bundles/test-instance-store-hvm-2025.02/image.manifest.xml',
    });

    // A public snapshot of a database dump, not behind any image.
    this.world.addSnapshot({
      snapshotId: this.factory.newId('snap'),
      region: home,
      ownerId: dev.accountId,
      ownerAlias: null,
      volumeId: this.factory.newId('vol'),
      volumeSize: 200,
      state: 'completed',
      progress: '100%',
      startTime: addMinutes(addDays(this.anchor, -140), 180).toISOString(),
      description: 'orders db dump before migration',
      encrypted: false,
      kmsKeyId: null,
      storageTier: 'standard',
      tags: [tag('Name', 'orders-db-dump-2026-07')],
      createVolumePermissions: [{ group: 'all' }],
    });
  }
}
