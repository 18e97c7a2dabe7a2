/** Maps EC2's Image shape to our model: every optional AWS field gets an explicit value. */
import type { Image, LaunchPermission as Ec2LaunchPermission, Snapshot } from '@aws-sdk/client-ec2';
import type { AmiDetail, AmiSummary, BlockDevice, LaunchPermission, SnapshotInfo } from '../../../shared/model';

export interface Listed {
  account: string;
  region: string;
}

export function toAmiSummary(image: Image, where: Listed): AmiSummary {
  return {
    imageId: image.ImageId ?? '',
    name: image.Name ?? '',
    description: image.Description ?? null,
    ownerId: image.OwnerId ?? '',
    ownerAlias: image.ImageOwnerAlias ?? null,
    state: image.State ?? 'unknown',
    architecture: image.Architecture ?? 'unknown',
    platform: image.PlatformDetails ?? (String(image.Platform ?? '').toLowerCase() === 'windows' ? 'Windows' : 'Linux/UNIX'),
    rootDeviceType: image.RootDeviceType ?? 'ebs',
    virtualizationType: image.VirtualizationType ?? 'hvm',
    creationDate: image.CreationDate ?? null,
    deprecationTime: image.DeprecationTime ?? null,
    public: image.Public ?? false,
    encrypted: (image.BlockDeviceMappings ?? []).some((b) => b.Ebs?.Encrypted === true),
    tags: (image.Tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })),
    account: where.account,
    region: where.region,
  };
}

export function toBlockDevices(image: Image): BlockDevice[] {
  return (image.BlockDeviceMappings ?? []).map((b) => ({
    deviceName: b.DeviceName ?? '',
    snapshotId: b.Ebs?.SnapshotId ?? null,
    volumeSizeGiB: b.Ebs?.VolumeSize ?? null,
    volumeType: b.Ebs?.VolumeType ?? null,
    encrypted: b.Ebs ? (b.Ebs.Encrypted ?? false) : null,
    kmsKeyId: b.Ebs?.KmsKeyId ?? null,
    deleteOnTermination: b.Ebs?.DeleteOnTermination ?? null,
    virtualName: b.VirtualName ?? null,
    iops: b.Ebs?.Iops ?? null,
    throughputMiBs: b.Ebs?.Throughput ?? null,
  }));
}

/** `knownAs` names an account id after one of our own entries, when we have it. */
export function toLaunchPermissions(perms: Ec2LaunchPermission[], knownAs: (awsAccountId: string) => string | null): LaunchPermission[] {
  const out: LaunchPermission[] = [];
  for (const p of perms) {
    if (p.UserId) out.push({ kind: 'account', value: p.UserId, knownAs: knownAs(p.UserId) });
    else if (p.Group) out.push({ kind: 'group', value: p.Group, knownAs: null });
    else if (p.OrganizationArn) out.push({ kind: 'organization', value: p.OrganizationArn, knownAs: null });
    else if (p.OrganizationalUnitArn) out.push({ kind: 'organizational-unit', value: p.OrganizationalUnitArn, knownAs: null });
  }
  return out;
}

export function toSnapshotInfo(s: Snapshot): SnapshotInfo {
  return {
    snapshotId: s.SnapshotId ?? '',
    volumeSizeGiB: s.VolumeSize ?? null,
    encrypted: s.Encrypted ?? false,
    kmsKeyId: s.KmsKeyId ?? null,
    state: s.State ?? null,
    description: s.Description ?? null,
  };
}

export function toAmiDetail(
  image: Image,
  where: Listed,
  extra: { launchPermissions: LaunchPermission[] | null; snapshots: SnapshotInfo[] },
): AmiDetail {
  return {
    ...toAmiSummary(image, where),
    imageLocation: image.ImageLocation ?? null,
    rootDeviceName: image.RootDeviceName ?? null,
    enaSupport: image.EnaSupport ?? null,
    bootMode: image.BootMode ?? null,
    sourceImageId: image.SourceImageId ?? null,
    sourceRegion: image.SourceImageRegion ?? null,
    lastLaunchedTime: image.LastLaunchedTime ?? null,
    usageOperation: image.UsageOperation ?? null,
    imdsSupport: image.ImdsSupport ?? null,
    tpmSupport: image.TpmSupport ?? null,
    deregistrationProtection: image.DeregistrationProtection ?? null,
    blockDevices: toBlockDevices(image),
    launchPermissions: extra.launchPermissions,
    snapshots: extra.snapshots,
    stale: null,
  };
}
