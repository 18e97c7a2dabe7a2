/**
 * Builds consistent image records: every EBS mapping gets a real snapshot in the same account
 * and region, with the size and encryption the mapping claims, and a description in the form
 * AWS writes for CreateImage / CopyImage. Ids are unique across the whole world.
 */
import type { Rng } from './random';
import { OS_PROFILES, type OsKind } from './os';
import type {
  Architecture,
  BlockDeviceRecord,
  CreateVolumePermissionRecord,
  ImageRecord,
  ImageState,
  LaunchPermissionRecord,
  ProductCodeRecord,
  SnapshotRecord,
  TagRecord,
  VolumeType,
  World,
} from './model';

export interface ImageSpec {
  region: string;
  ownerId: string;
  ownerAlias?: string | null;
  name: string;
  description?: string | null;
  os: OsKind;
  arch: Architecture;
  created: Date;
  state?: ImageState;
  stateReason?: { code: string; message: string } | null;
  rootDeviceType?: 'ebs' | 'instance-store';
  virtualizationType?: 'hvm' | 'paravirtual';
  rootVolumeGiB?: number;
  volumeType?: VolumeType;
  /** Extra EBS data volumes, in GiB. */
  dataVolumesGiB?: number[];
  /** KMS key ARN: every EBS volume of the image is encrypted with it. */
  kmsKeyId?: string | null;
  deprecationTime?: Date | null;
  lastLaunchedTime?: Date | null;
  tags?: TagRecord[];
  launchPermissions?: LaunchPermissionRecord[];
  /** Create-volume permissions on the image's snapshots (sharing an AMI does not share them). */
  snapshotPermissions?: CreateVolumePermissionRecord[];
  /** The image this one was copied from (CopyImage lineage). */
  copiedFrom?: ImageRecord | null;
  productCodes?: ProductCodeRecord[];
  freeTierEligible?: boolean | null;
  imageLocation?: string;
  /** Tags put on each of the image's snapshots. */
  snapshotTags?: TagRecord[];
  /** Include the OS's instance-store mappings (defaults to what the OS's own images carry). */
  ephemeralMappings?: boolean;
}

/** AWS rounds image times to the second and prints milliseconds as .000. */
export function awsTime(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString();
}

export class ImageFactory {
  constructor(
    private readonly world: World,
    private readonly rng: Rng,
  ) {}

  newId(prefix: 'ami' | 'snap' | 'vol' | 'i'): string {
    for (;;) {
      const id = `${prefix}-${this.rng.hex(17)}`;
      if (!this.world.hasId(id)) return id;
    }
  }

  create(spec: ImageSpec): ImageRecord {
    const rng = this.rng;
    const profile = OS_PROFILES[spec.os];
    const imageId = this.newId('ami');
    const state = spec.state ?? 'available';
    const rootDeviceType = spec.rootDeviceType ?? 'ebs';
    const virtualizationType = spec.virtualizationType ?? 'hvm';
    const kmsKeyId = spec.kmsKeyId ?? null;
    const volumeType = spec.volumeType ?? profile.volumeType;
    const sourceInstanceId = spec.copiedFrom || spec.ownerAlias ? null : this.newId('i');
    const snapshotState = state === 'pending' ? 'pending' : state === 'failed' ? 'error' : 'completed';
    const startTime = new Date(spec.created.getTime() - rng.int(60, 900) * 1000);

    const blockDevices: BlockDeviceRecord[] = [];
    const addVolume = (deviceName: string, size: number, sourceSnapshotIndex: number): void => {
      const snapshotId = this.newId('snap');
      const sourceSnapshot = spec.copiedFrom?.blockDevices[sourceSnapshotIndex]?.ebs?.snapshotId;
      // Ids drawn in the same order as ever, so seeded worlds keep their ids.
      const instanceId = spec.copiedFrom ? null : (sourceInstanceId ?? this.newId('i'));
      // Copied snapshots report the placeholder volume AWS uses for them.
      const volumeId = spec.copiedFrom ? 'vol-ffffffff' : this.newId('vol');
      const description = spec.copiedFrom
        ? copyImageSnapshotDescription(imageId, spec.copiedFrom.imageId, sourceSnapshot ?? 'snap-unknown', spec.created)
        : createImageSnapshotDescription(instanceId ?? 'i-unknown', imageId, volumeId);
      const snapshot: SnapshotRecord = {
        snapshotId,
        region: spec.region,
        ownerId: spec.ownerId,
        ownerAlias: spec.ownerAlias ?? null,
        volumeId,
        volumeSize: size,
        state: snapshotState,
        progress: snapshotState === 'pending' ? `${rng.int(3, 97)}%` : '100%',
        startTime: new Date(startTime.getTime()).toISOString(),
        description,
        encrypted: kmsKeyId !== null,
        kmsKeyId,
        storageTier: 'standard',
        tags: spec.snapshotTags ? [...spec.snapshotTags] : [],
        createVolumePermissions: spec.snapshotPermissions ? [...spec.snapshotPermissions] : [],
      };
      this.world.addSnapshot(snapshot);
      blockDevices.push({
        deviceName,
        ebs: {
          snapshotId,
          volumeSize: size,
          volumeType,
          deleteOnTermination: sourceSnapshotIndex === 0 || rng.chance(0.5),
          encrypted: kmsKeyId !== null,
          kmsKeyId,
          iops: volumeType === 'gp3' ? 3000 : volumeType === 'io1' || volumeType === 'io2' ? 4000 : null,
          throughput: volumeType === 'gp3' ? 125 : null,
        },
      });
    };

    if (rootDeviceType === 'ebs') {
      addVolume(profile.rootDeviceName, spec.rootVolumeGiB ?? profile.rootVolumeGiB, 0);
      const dataDevices = ['/dev/sdf', '/dev/sdg', '/dev/sdh'];
      (spec.dataVolumesGiB ?? []).forEach((size, i) => {
        addVolume(dataDevices[i] ?? `/dev/sd${String.fromCharCode(105 + i)}`, size, i + 1);
      });
      if (spec.ephemeralMappings ?? profile.ephemeralDevices.length > 0) {
        profile.ephemeralDevices.forEach((deviceName, i) => {
          blockDevices.push({ deviceName, virtualName: `ephemeral${i}` });
        });
      }
    } else {
      blockDevices.push({ deviceName: '/dev/sdb', virtualName: 'ephemeral0' });
    }

    const paravirtual = virtualizationType === 'paravirtual';
    const image: ImageRecord = {
      imageId,
      region: spec.region,
      ownerId: spec.ownerId,
      ownerAlias: spec.ownerAlias ?? null,
      name: spec.name,
      description: spec.description ?? null,
      state,
      stateReason: spec.stateReason ?? null,
      architecture: spec.arch,
      platform: profile.platform,
      platformDetails: profile.platformDetails,
      usageOperation: profile.usageOperation,
      imageType: 'machine',
      virtualizationType,
      hypervisor: 'xen',
      rootDeviceType,
      rootDeviceName: rootDeviceType === 'ebs' ? profile.rootDeviceName : '/dev/sda1',
      imageLocation:
        spec.imageLocation ??
        (rootDeviceType === 'ebs'
          ? `${spec.ownerAlias ?? spec.ownerId}/${spec.name}`
          : `${spec.name.toLowerCase()}-bundles/${spec.name}/image.manifest.xml`),
      enaSupport: paravirtual ? null : true,
      sriovNetSupport: paravirtual ? null : 'simple',
      bootMode: paravirtual ? null : profile.bootMode(spec.arch),
      tpmSupport: profile.tpmSupport,
      imdsSupport: profile.imdsSupport,
      kernelId: paravirtual ? `aki-${rng.hex(8)}` : null,
      ramdiskId: null,
      creationDate: awsTime(spec.created),
      deprecationTime: spec.deprecationTime ? awsTime(roundToMinute(spec.deprecationTime)) : null,
      lastLaunchedTime: spec.lastLaunchedTime ? awsTime(spec.lastLaunchedTime) : null,
      deregistrationProtection: spec.ownerAlias ? null : 'disabled',
      freeTierEligible: spec.freeTierEligible ?? null,
      productCodes: spec.productCodes ?? [],
      blockDevices,
      tags: spec.tags ?? [],
      launchPermissions: spec.launchPermissions ?? [],
      sourceImageId: spec.copiedFrom?.imageId ?? null,
      sourceImageRegion: spec.copiedFrom?.region ?? null,
      sourceInstanceId,
    };
    this.world.addImage(image);
    return image;
  }
}

/** Deprecation times are kept to the minute, as EnableImageDeprecation does. */
function roundToMinute(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 60_000) * 60_000);
}

/** The description AWS gives a snapshot CreateImage makes. */
export function createImageSnapshotDescription(instanceId: string, imageId: string, volumeId: string): string {
  return `Created by CreateImage(${instanceId}) for ${imageId} from ${volumeId}`;
}

/** The description AWS gives a snapshot CopyImage makes (the task's time in milliseconds, grouped by thousands). */
export function copyImageSnapshotDescription(destinationImageId: string, sourceImageId: string, sourceSnapshotId: string, created: Date): string {
  return `Copied for DestinationAmi ${destinationImageId} from SourceAmi ${sourceImageId} for SourceSnapshot ${sourceSnapshotId}. Task created on ${groupThousands(created.getTime())}.`;
}

function groupThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
