/**
 * Operating-system traits that decide how an image looks on the wire: platform, billing
 * (PlatformDetails / UsageOperation, as listed in AWS's "AMI billing information" table),
 * root device layout and boot mode. Shared by the private world and the public catalogue.
 */
import type { Architecture, ImageRecord, VolumeType } from './model';

export type OsKind =
  | 'al2023'
  | 'al2'
  | 'ubuntu-24.04'
  | 'ubuntu-22.04'
  | 'ubuntu-20.04'
  | 'debian-12'
  | 'debian-11'
  | 'rhel-9'
  | 'sles-15'
  | 'windows'
  | 'windows-sql-web'
  | 'windows-sql-standard'
  | 'windows-sql-enterprise';

export interface OsProfile {
  platform: 'windows' | null;
  platformDetails: string;
  usageOperation: string;
  rootDeviceName: string;
  rootVolumeGiB: number;
  volumeType: VolumeType;
  bootMode(arch: Architecture): ImageRecord['bootMode'];
  imdsSupport: ImageRecord['imdsSupport'];
  tpmSupport: ImageRecord['tpmSupport'];
  /** Instance-store volumes AWS puts in the mapping (Ubuntu's images carry two). */
  ephemeralDevices: string[];
}

const LINUX = { platform: null, platformDetails: 'Linux/UNIX', usageOperation: 'RunInstances' } as const;

/** Canonical's images: /dev/sda1 root, two instance-store slots; 24.04 moved to gp3 and UEFI. */
const CANONICAL_UBUNTU: OsProfile = {
  ...LINUX,
  rootDeviceName: '/dev/sda1',
  rootVolumeGiB: 8,
  volumeType: 'gp2',
  bootMode: (arch) => (arch === 'arm64' ? 'uefi' : 'legacy-bios'),
  imdsSupport: null,
  tpmSupport: null,
  ephemeralDevices: ['/dev/sdb', '/dev/sdc'],
};

/** Amazon Linux 2 and Debian: /dev/xvda root on gp2, UEFI on arm64 only. */
const XVDA_GP2: OsProfile = {
  ...LINUX,
  rootDeviceName: '/dev/xvda',
  rootVolumeGiB: 8,
  volumeType: 'gp2',
  bootMode: (arch) => (arch === 'arm64' ? 'uefi' : null),
  imdsSupport: null,
  tpmSupport: null,
  ephemeralDevices: [],
};

const windows = (platformDetails: string, usageOperation: string): OsProfile => ({
  platform: 'windows',
  platformDetails,
  usageOperation,
  rootDeviceName: '/dev/sda1',
  rootVolumeGiB: 30,
  volumeType: 'gp3',
  bootMode: () => null,
  imdsSupport: null,
  tpmSupport: null,
  ephemeralDevices: [],
});

export const OS_PROFILES: Record<OsKind, OsProfile> = {
  al2023: {
    ...LINUX,
    rootDeviceName: '/dev/xvda',
    rootVolumeGiB: 8,
    volumeType: 'gp3',
    bootMode: (arch) => (arch === 'arm64' ? 'uefi' : 'uefi-preferred'),
    imdsSupport: 'v2.0',
    // AL2023's own AMIs are registered with NitroTPM support (it needs UEFI, which they boot with).
    tpmSupport: 'v2.0',
    ephemeralDevices: [],
  },
  al2: XVDA_GP2,
  'ubuntu-24.04': { ...CANONICAL_UBUNTU, volumeType: 'gp3', bootMode: (arch) => (arch === 'arm64' ? 'uefi' : 'uefi-preferred') },
  'ubuntu-22.04': CANONICAL_UBUNTU,
  'ubuntu-20.04': CANONICAL_UBUNTU,
  'debian-12': { ...XVDA_GP2, bootMode: (arch) => (arch === 'arm64' ? 'uefi' : 'uefi-preferred') },
  'debian-11': XVDA_GP2,
  'rhel-9': {
    platform: null,
    platformDetails: 'Red Hat Enterprise Linux',
    usageOperation: 'RunInstances:0010',
    rootDeviceName: '/dev/sda1',
    rootVolumeGiB: 10,
    volumeType: 'gp3',
    bootMode: (arch) => (arch === 'arm64' ? 'uefi' : 'uefi-preferred'),
    imdsSupport: null,
    tpmSupport: null,
    ephemeralDevices: [],
  },
  // SUSE's images: billed as SUSE Linux (RunInstances:000g), /dev/sda1 root, IMDSv2 only since 2024.
  'sles-15': {
    platform: null,
    platformDetails: 'SUSE Linux',
    usageOperation: 'RunInstances:000g',
    rootDeviceName: '/dev/sda1',
    rootVolumeGiB: 10,
    volumeType: 'gp3',
    bootMode: (arch) => (arch === 'arm64' ? 'uefi' : 'uefi-preferred'),
    imdsSupport: 'v2.0',
    tpmSupport: null,
    ephemeralDevices: [],
  },
  windows: windows('Windows', 'RunInstances:0002'),
  'windows-sql-web': windows('Windows with SQL Server Web', 'RunInstances:0202'),
  'windows-sql-standard': windows('Windows with SQL Server Standard', 'RunInstances:0006'),
  'windows-sql-enterprise': windows('Windows with SQL Server Enterprise', 'RunInstances:0102'),
};
