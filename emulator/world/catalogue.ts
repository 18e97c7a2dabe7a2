/**
 * The public image catalogue every region offers: Amazon Linux 2023 / 2, Windows Server,
 * Ubuntu, Debian, RHEL and a handful of Marketplace products, named and dated the way their
 * publishers name them. The release schedule (names, dates) is the same in every region, as
 * in AWS; only the image ids differ per region. Each region is generated on first use.
 *
 * Public images get the AWS default deprecation time of two years after creation, so the
 * oldest releases are deprecated and only show with IncludeDeprecated.
 */
import { addDays, addMinutes, dotted, hhmm, patchWednesday, ymd } from './dates';
import { ImageFactory } from './factory';
import type { Architecture, ProductCodeRecord, VolumeType, World } from './model';
import type { OsKind } from './os';
import { Rng } from './random';

export const AMAZON_OWNER_ID = '137112412989';
export const AMAZON_WINDOWS_OWNER_ID = '801119661308';
export const AMAZON_DLAMI_OWNER_ID = '898082745236';
export const CANONICAL_OWNER_ID = '099720109477';
export const DEBIAN_OWNER_ID = '136693071363';
export const REDHAT_OWNER_ID = '309956199498';
export const MARKETPLACE_OWNER_ID = '679593333241';

/** How far back the public catalogue goes, in days before the anchor. */
const HISTORY_DAYS = 790;
const PUBLIC_DEPRECATION_DAYS = 730;

interface CatalogueEntry {
  name: string;
  description: string;
  os: OsKind;
  arch: Architecture;
  created: Date;
  ownerId: string;
  ownerAlias: string | null;
  rootVolumeGiB?: number;
  volumeType?: VolumeType;
  productCodes?: ProductCodeRecord[];
  freeTierEligible?: boolean;
}

const schedules = new WeakMap<World, CatalogueEntry[]>();

/** Adds the public catalogue of one region to the world. */
export function loadCatalogue(world: World, region: string): void {
  let schedule = schedules.get(world);
  if (!schedule) {
    schedule = buildSchedule(world.seed, world.anchor);
    schedules.set(world, schedule);
  }
  const factory = new ImageFactory(world, Rng.from(world.seed, `catalogue:${region}`));
  for (const entry of schedule) {
    factory.create({
      region,
      ownerId: entry.ownerId,
      ownerAlias: entry.ownerAlias,
      name: entry.name,
      description: entry.description,
      os: entry.os,
      arch: entry.arch,
      created: entry.created,
      rootVolumeGiB: entry.rootVolumeGiB,
      volumeType: entry.volumeType,
      productCodes: entry.productCodes,
      freeTierEligible: entry.freeTierEligible ?? false,
      launchPermissions: [{ group: 'all' }],
      deprecationTime: addDays(entry.created, PUBLIC_DEPRECATION_DAYS),
    });
  }
}

/** Release dates of one product line: from the start of history to the anchor, every ~`every` days. */
function releases(rng: Rng, anchor: Date, every: number, since = HISTORY_DAYS): Date[] {
  const dates: Date[] = [];
  let day = -since + rng.int(0, every - 1);
  while (day < 0) {
    dates.push(addMinutes(addDays(anchor, day), rng.int(0, 23 * 60)));
    day += Math.max(1, every + rng.int(-2, 2));
  }
  return dates;
}

export function buildSchedule(seed: number, anchor: Date): CatalogueEntry[] {
  const rng = Rng.from(seed, 'catalogue-schedule');
  const out: CatalogueEntry[] = [];
  amazonLinux2023(rng, anchor, out);
  amazonLinux2(rng, anchor, out);
  windowsServer(rng, anchor, out);
  deepLearning(rng, anchor, out);
  ubuntu(rng, anchor, out);
  debian(rng, anchor, out);
  rhel(rng, anchor, out);
  marketplace(rng, anchor, out);
  return out;
}

function amazonLinux2023(rng: Rng, anchor: Date, out: CatalogueEntry[]): void {
  const kernel612From = addDays(anchor, -600);
  for (const created of releases(rng, anchor, 6)) {
    // 2023.N bumps roughly every quarter.
    const minor = 4 + Math.floor((created.getTime() - addDays(anchor, -HISTORY_DAYS).getTime()) / (91 * 86_400_000));
    const version = `2023.${minor}.${ymd(created)}.${rng.int(0, 1)}`;
    const kernels = created >= kernel612From ? ['6.1', '6.12'] : ['6.1'];
    for (const kernel of kernels) {
      for (const arch of ['x86_64', 'arm64'] as const) {
        for (const minimal of [false, true]) {
          out.push({
            name: `al2023-ami-${minimal ? 'minimal-' : ''}${version}-kernel-${kernel}-${arch}`,
            description: `Amazon Linux 2023 ${minimal ? 'Minimal ' : ''}AMI ${version} ${arch} ${minimal ? 'Minimal ' : ''}HVM kernel-${kernel}`,
            os: 'al2023',
            arch,
            created,
            ownerId: AMAZON_OWNER_ID,
            ownerAlias: 'amazon',
            rootVolumeGiB: minimal ? 2 : 8,
            freeTierEligible: !minimal && arch === 'x86_64',
          });
        }
      }
      // ECS-optimized flavour ships with the 6.1 kernel line.
      if (kernel === '6.1' && rng.chance(0.5)) {
        for (const arch of ['x86_64', 'arm64'] as const) {
          out.push({
            name: `al2023-ami-ecs-hvm-2023.0.${ymd(created)}-kernel-6.1-${arch}`,
            description: `Amazon Linux AMI 2023.0.${ymd(created)} ${arch} ECS HVM EBS`,
            os: 'al2023',
            arch,
            created,
            ownerId: AMAZON_OWNER_ID,
            ownerAlias: 'amazon',
            rootVolumeGiB: 30,
          });
        }
      }
    }
  }
}

function amazonLinux2(rng: Rng, anchor: Date, out: CatalogueEntry[]): void {
  for (const created of releases(rng, anchor, 9)) {
    const version = `2.0.${ymd(created)}.${rng.int(0, 2)}`;
    const variants: Array<{ name: string; arch: Architecture; volumeType: VolumeType; description: string }> = [
      { name: `amzn2-ami-kernel-5.10-hvm-${version}-x86_64-gp2`, arch: 'x86_64', volumeType: 'gp2', description: `Amazon Linux 2 Kernel 5.10 AMI ${version} x86_64 HVM gp2` },
      { name: `amzn2-ami-kernel-5.10-hvm-${version}-arm64-gp2`, arch: 'arm64', volumeType: 'gp2', description: `Amazon Linux 2 Kernel 5.10 AMI ${version} arm64 HVM gp2` },
      { name: `amzn2-ami-hvm-${version}-x86_64-gp2`, arch: 'x86_64', volumeType: 'gp2', description: `Amazon Linux 2 AMI ${version} x86_64 HVM gp2` },
      { name: `amzn2-ami-hvm-${version}-x86_64-ebs`, arch: 'x86_64', volumeType: 'standard', description: `Amazon Linux 2 AMI ${version} x86_64 HVM ebs` },
      { name: `amzn2-ami-minimal-hvm-${version}-x86_64-ebs`, arch: 'x86_64', volumeType: 'standard', description: `Amazon Linux 2 AMI ${version} x86_64 Minimal HVM ebs` },
      { name: `amzn2-ami-minimal-hvm-${version}-arm64-ebs`, arch: 'arm64', volumeType: 'standard', description: `Amazon Linux 2 AMI ${version} arm64 Minimal HVM ebs` },
      { name: `amzn2-ami-ecs-hvm-2.0.${ymd(created)}-x86_64-ebs`, arch: 'x86_64', volumeType: 'gp2', description: `Amazon Linux AMI 2.0.${ymd(created)} x86_64 ECS HVM GP2` },
      { name: `amzn2-ami-ecs-hvm-2.0.${ymd(created)}-arm64-ebs`, arch: 'arm64', volumeType: 'gp2', description: `Amazon Linux AMI 2.0.${ymd(created)} arm64 ECS HVM GP2` },
    ];
    for (const v of variants) {
      out.push({
        ...v,
        os: 'al2',
        created,
        ownerId: AMAZON_OWNER_ID,
        ownerAlias: 'amazon',
        rootVolumeGiB: v.name.includes('-ecs-') ? 30 : v.name.includes('minimal') ? 2 : 8,
        freeTierEligible: v.name.startsWith('amzn2-ami-kernel-5.10') && v.arch === 'x86_64',
      });
    }
  }
}

interface WindowsVariant {
  version: '2016' | '2019' | '2022' | '2025';
  edition: string;
  os: OsKind;
  description: string;
}

const WINDOWS_VARIANTS: WindowsVariant[] = [
  { version: '2016', edition: 'English-Full-Base', os: 'windows', description: 'Full Locale English' },
  { version: '2016', edition: 'English-Core-Base', os: 'windows', description: 'Core Locale English' },
  { version: '2019', edition: 'English-Full-Base', os: 'windows', description: 'Full Locale English' },
  { version: '2019', edition: 'English-Core-Base', os: 'windows', description: 'Core Locale English' },
  { version: '2019', edition: 'English-Full-SQL_2019_Standard', os: 'windows-sql-standard', description: 'Full Locale English with SQL Standard 2019' },
  { version: '2019', edition: 'English-Full-SQL_2019_Web', os: 'windows-sql-web', description: 'Full Locale English with SQL Web 2019' },
  { version: '2019', edition: 'Japanese-Full-Base', os: 'windows', description: 'Full Locale Japanese' },
  { version: '2019', edition: 'German-Full-Base', os: 'windows', description: 'Full Locale German' },
  { version: '2019', edition: 'English-Full-ContainersLatest', os: 'windows', description: 'Full Locale English with Containers' },
  { version: '2022', edition: 'English-Full-Base', os: 'windows', description: 'Full Locale English' },
  { version: '2022', edition: 'English-Core-Base', os: 'windows', description: 'Core Locale English' },
  { version: '2022', edition: 'English-Full-SQL_2022_Standard', os: 'windows-sql-standard', description: 'Full Locale English with SQL Standard 2022' },
  { version: '2022', edition: 'English-Full-SQL_2022_Enterprise', os: 'windows-sql-enterprise', description: 'Full Locale English with SQL Enterprise 2022' },
  { version: '2022', edition: 'English-Full-SQL_2022_Web', os: 'windows-sql-web', description: 'Full Locale English with SQL Web 2022' },
  { version: '2022', edition: 'Korean-Full-Base', os: 'windows', description: 'Full Locale Korean' },
  { version: '2022', edition: 'French-Full-Base', os: 'windows', description: 'Full Locale French' },
  { version: '2022', edition: 'English-Full-ECS_Optimized', os: 'windows', description: 'Full Locale English ECS Optimized' },
  { version: '2025', edition: 'English-Full-Base', os: 'windows', description: 'Full Locale English' },
  { version: '2025', edition: 'English-Core-Base', os: 'windows', description: 'Core Locale English' },
  { version: '2025', edition: 'English-Full-SQL_2022_Standard', os: 'windows-sql-standard', description: 'Full Locale English with SQL Standard 2022' },
];

function windowsServer(rng: Rng, anchor: Date, out: CatalogueEntry[]): void {
  const start = addDays(anchor, -HISTORY_DAYS);
  const firstOf2025Server = Date.UTC(2024, 10, 1);
  for (let y = start.getUTCFullYear(), m = start.getUTCMonth(); ; m++) {
    if (m > 11) {
      m = 0;
      y++;
    }
    const day = patchWednesday(y, m);
    if (day >= anchor) break;
    if (day < start) continue;
    for (const v of WINDOWS_VARIANTS) {
      if (v.version === '2025' && day.getTime() < firstOf2025Server) continue;
      out.push({
        name: `Windows_Server-${v.version}-${v.edition}-${dotted(day)}`,
        description: `Microsoft Windows Server ${v.version} ${v.description} AMI provided by Amazon`,
        os: v.os,
        arch: 'x86_64',
        created: addMinutes(day, rng.int(60, 600)),
        ownerId: AMAZON_WINDOWS_OWNER_ID,
        ownerAlias: 'amazon',
        rootVolumeGiB: v.os === 'windows' ? 30 : 50,
        freeTierEligible: v.edition === 'English-Full-Base',
      });
    }
  }
}

function deepLearning(rng: Rng, anchor: Date, out: CatalogueEntry[]): void {
  for (const created of releases(rng, anchor, 21)) {
    const torch = `2.${Math.min(9, 3 + Math.floor((created.getTime() - addDays(anchor, -HISTORY_DAYS).getTime()) / (150 * 86_400_000)))}`;
    for (const [base, os] of [
      ['Amazon Linux 2023', 'al2023'],
      ['Ubuntu 22.04', 'ubuntu-22.04'],
    ] as const) {
      for (const arch of ['x86_64', 'arm64'] as const) {
        const flavour = arch === 'arm64' ? 'ARM64 ' : '';
        out.push({
          name: `Deep Learning ${flavour}OSS Nvidia Driver AMI GPU PyTorch ${torch} (${base}) ${ymd(created)}`,
          description: `Supported EC2 instances: G4dn, G5, G6, Gr6, G6e, P4, P4de, P5, P5e. PyTorch-${torch}, ${base}`,
          os,
          arch,
          created,
          ownerId: AMAZON_DLAMI_OWNER_ID,
          ownerAlias: 'amazon',
          rootVolumeGiB: 75,
          volumeType: 'gp3',
        });
      }
    }
  }
}

function ubuntu(rng: Rng, anchor: Date, out: CatalogueEntry[]): void {
  const series = [
    { version: '24.04', code: 'noble', os: 'ubuntu-24.04', store: 'hvm-ssd-gp3', every: 12, minimal: true, since: 580 },
    { version: '22.04', code: 'jammy', os: 'ubuntu-22.04', store: 'hvm-ssd', every: 14, minimal: true, since: HISTORY_DAYS },
    { version: '20.04', code: 'focal', os: 'ubuntu-20.04', store: 'hvm-ssd', every: 21, minimal: false, since: HISTORY_DAYS },
  ] as const;
  for (const s of series) {
    for (const created of releases(rng, anchor, s.every, s.since)) {
      for (const [arch, debArch] of [
        ['x86_64', 'amd64'],
        ['arm64', 'arm64'],
      ] as const) {
        out.push({
          name: `ubuntu/images/${s.store}/ubuntu-${s.code}-${s.version}-${debArch}-server-${ymd(created)}`,
          description: `Canonical, Ubuntu, ${s.version}, ${debArch} ${s.code} image`,
          os: s.os,
          arch,
          created,
          ownerId: CANONICAL_OWNER_ID,
          ownerAlias: null,
          freeTierEligible: arch === 'x86_64',
        });
        if (s.minimal) {
          out.push({
            name: `ubuntu-minimal/images/${s.store}/ubuntu-${s.code}-${s.version}-${debArch}-minimal-${ymd(created)}`,
            description: `Canonical, Ubuntu Minimal, ${s.version}, ${debArch} ${s.code} image`,
            os: s.os,
            arch,
            created,
            ownerId: CANONICAL_OWNER_ID,
            ownerAlias: null,
          });
        }
      }
    }
  }
}

function debian(rng: Rng, anchor: Date, out: CatalogueEntry[]): void {
  for (const [version, os, every] of [
    ['12', 'debian-12', 20],
    ['11', 'debian-11', 30],
  ] as const) {
    for (const created of releases(rng, anchor, every)) {
      const build = `${ymd(created)}-${hhmm(created)}`;
      for (const [arch, debArch] of [
        ['x86_64', 'amd64'],
        ['arm64', 'arm64'],
      ] as const) {
        out.push({
          name: `debian-${version}-${debArch}-${build}`,
          description: `Debian ${version} (${build})`,
          os,
          arch,
          created,
          ownerId: DEBIAN_OWNER_ID,
          ownerAlias: null,
        });
      }
    }
  }
}

function rhel(rng: Rng, anchor: Date, out: CatalogueEntry[]): void {
  for (const created of releases(rng, anchor, 30)) {
    const minor = Math.min(7, 4 + Math.floor((created.getTime() - addDays(anchor, -HISTORY_DAYS).getTime()) / (182 * 86_400_000)));
    for (const arch of ['x86_64', 'arm64'] as const) {
      out.push({
        name: `RHEL-9.${minor}.0_HVM-${ymd(created)}-${arch}-0-Hourly2-GP3`,
        description: `Provided by Red Hat, Inc.`,
        os: 'rhel-9',
        arch,
        created,
        ownerId: REDHAT_OWNER_ID,
        ownerAlias: null,
      });
    }
  }
}

/**
 * Marketplace products as their sellers publish them: the seller, the OS the image runs (which
 * decides PlatformDetails and billing) and, where the seller names only one in its image names,
 * the architecture.
 */
export interface MarketplaceProduct {
  name: string;
  vendor: string;
  os: OsKind;
  /** Set when the product is built for one architecture only (its name says x86_64 or VM64). */
  arch?: Architecture;
  version(n: number): string;
}

export const MARKETPLACE_PRODUCTS: readonly MarketplaceProduct[] = [
  { name: 'bitnami-wordpress', vendor: 'Bitnami by Broadcom', os: 'debian-12', arch: 'x86_64', version: (n) => `6.${n}.1-r0${n % 5}-linux-debian-12-x86_64-hvm-ebs-nami` },
  { name: 'bitnami-nginx', vendor: 'Bitnami by Broadcom', os: 'debian-12', arch: 'x86_64', version: (n) => `1.2${n}.0-r0${n % 4}-linux-debian-12-x86_64-hvm-ebs-nami` },
  { name: 'CIS Ubuntu Linux 22.04 LTS Benchmark - Level 1', vendor: 'Center for Internet Security', os: 'ubuntu-22.04', version: (n) => `v1.0.${n}` },
  { name: 'CIS Microsoft Windows Server 2022 Benchmark - Level 1', vendor: 'Center for Internet Security', os: 'windows', arch: 'x86_64', version: (n) => `v3.0.${n}` },
  { name: 'OpenVPN Access Server', vendor: 'OpenVPN Inc.', os: 'ubuntu-24.04', version: (n) => `2.14.${n}` },
  // FortiOS is Fortinet's own system; AWS lists it as Linux/UNIX. VM64 is the x86_64 build.
  { name: 'FortiGate-VM64-AWSONDEMAND', vendor: 'Fortinet Inc.', os: 'debian-12', arch: 'x86_64', version: (n) => `build2${700 + n * 12} (7.4.${n})` },
  { name: 'NGINX Plus Ubuntu 24.04', vendor: 'F5, Inc.', os: 'ubuntu-24.04', version: (n) => `R3${n}` },
  { name: 'Veeam Backup for AWS', vendor: 'Veeam Software', os: 'ubuntu-22.04', version: (n) => `8.${n}.0.${100 + n * 7}` },
  { name: 'Tableau Server on Windows', vendor: 'Salesforce (Tableau)', os: 'windows', arch: 'x86_64', version: (n) => `2025.${n}` },
  { name: 'SUSE Linux Enterprise Server 15 SP6 for SAP', vendor: 'SUSE', os: 'sles-15', version: (n) => `v2025${String(n + 1).padStart(2, '0')}` },
];

function marketplace(rng: Rng, anchor: Date, out: CatalogueEntry[]): void {
  for (const product of MARKETPLACE_PRODUCTS) {
    const productCode = rng.chars(25, 'abcdefghijklmnopqrstuvwxyz0123456789');
    const productUuid = rng.uuid();
    const versions = rng.int(4, 8);
    for (let n = 0; n < versions; n++) {
      const created = addMinutes(addDays(anchor, -rng.int(10, 700)), rng.int(0, 1400));
      // Drawn for every product, so one fixed to an architecture leaves the others' draws as they were.
      const drawn: Architecture = product.os.startsWith('windows') || rng.chance(0.7) ? 'x86_64' : 'arm64';
      const arch = product.arch ?? drawn;
      out.push({
        name: `${product.name} ${product.version(n)}-${productUuid}`,
        description: `${product.name} ${product.version(n)}, by ${product.vendor}`,
        os: product.os,
        arch,
        created,
        ownerId: MARKETPLACE_OWNER_ID,
        ownerAlias: 'aws-marketplace',
        productCodes: [{ productCodeId: productCode, productCodeType: 'marketplace' }],
      });
    }
  }
}
