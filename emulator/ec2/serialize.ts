/**
 * World records → EC2 XML, element names as in the EC2 API's wire shapes (imagesSet/item,
 * blockDeviceMapping/item/ebs, tagSet/item, launchPermission/item, snapshotSet/item). Fields
 * only an owner may see (lastLaunchedTime, sourceInstanceId, deregistrationProtection) are
 * left out for everybody else.
 */
import { el, itemList, type XmlNode } from '../protocol/xml';
import {
  isPublicImage,
  type AccountRecord,
  type BlockDeviceRecord,
  type ImageRecord,
  type LaunchPermissionRecord,
  type SnapshotRecord,
  type TagRecord,
} from '../world/model';

export function tagSet(tags: readonly TagRecord[]): XmlNode | null {
  if (tags.length === 0) return null;
  return itemList(
    'tagSet',
    tags.map((t) => [el('key', t.key), el('value', t.value)]),
  );
}

export function blockDeviceMappingItems(devices: readonly BlockDeviceRecord[]): XmlNode[][] {
  return devices.map((d) => [
    el('deviceName', d.deviceName),
    el('virtualName', d.virtualName),
    d.ebs
      ? el('ebs', [
          el('snapshotId', d.ebs.snapshotId),
          el('volumeSize', d.ebs.volumeSize),
          el('deleteOnTermination', d.ebs.deleteOnTermination),
          el('volumeType', d.ebs.volumeType),
          el('iops', d.ebs.iops),
          el('throughput', d.ebs.throughput),
          el('encrypted', d.ebs.encrypted),
          el('kmsKeyId', d.ebs.kmsKeyId),
        ])
      : null,
  ]).map((children) => children.filter((c): c is XmlNode => c !== null));
}

export function launchPermissionItems(permissions: readonly LaunchPermissionRecord[]): XmlNode[][] {
  return permissions.map((p) => [
    el('group', p.group),
    el('userId', p.userId),
    el('organizationArn', p.organizationArn),
    el('organizationalUnitArn', p.organizationalUnitArn),
  ]);
}

export function productCodeItems(image: ImageRecord): XmlNode | null {
  if (image.productCodes.length === 0) return null;
  return itemList(
    'productCodes',
    image.productCodes.map((p) => [el('productCode', p.productCodeId), el('type', p.productCodeType)]),
  );
}

export function imageItem(image: ImageRecord, caller: AccountRecord): XmlNode[] {
  const owner = image.ownerId === caller.accountId;
  const nodes: Array<XmlNode | null> = [
    el('imageId', image.imageId),
    el('imageLocation', image.imageLocation),
    el('imageState', image.state),
    el('imageOwnerId', image.ownerId),
    el('creationDate', image.creationDate),
    el('isPublic', isPublicImage(image)),
    productCodeItems(image),
    el('architecture', image.architecture),
    el('imageType', image.imageType),
    el('kernelId', image.kernelId),
    el('ramdiskId', image.ramdiskId),
    el('platform', image.platform),
    el('platformDetails', image.platformDetails),
    el('usageOperation', image.usageOperation),
    image.stateReason
      ? el('stateReason', [el('code', image.stateReason.code), el('message', image.stateReason.message)])
      : null,
    el('imageOwnerAlias', image.ownerAlias),
    el('name', image.name),
    el('description', image.description),
    el('rootDeviceType', image.rootDeviceType),
    el('rootDeviceName', image.rootDeviceName),
    itemList('blockDeviceMapping', blockDeviceMappingItems(image.blockDevices)),
    el('virtualizationType', image.virtualizationType),
    tagSet(image.tags),
    el('hypervisor', image.hypervisor),
    el('enaSupport', image.enaSupport),
    el('sriovNetSupport', image.sriovNetSupport),
    el('bootMode', image.bootMode),
    el('tpmSupport', image.tpmSupport),
    el('deprecationTime', image.deprecationTime),
    el('imdsSupport', image.imdsSupport),
    el('sourceInstanceId', owner ? image.sourceInstanceId : null),
    el('deregistrationProtection', owner ? image.deregistrationProtection : null),
    el('lastLaunchedTime', owner ? image.lastLaunchedTime : null),
    el('sourceImageId', image.sourceImageId),
    el('sourceImageRegion', image.sourceImageRegion),
    el('freeTierEligible', image.freeTierEligible),
  ];
  return nodes.filter((n): n is XmlNode => n !== null);
}

export function snapshotItem(snapshot: SnapshotRecord): XmlNode[] {
  const nodes: Array<XmlNode | null> = [
    el('snapshotId', snapshot.snapshotId),
    el('volumeId', snapshot.volumeId),
    el('status', snapshot.state),
    el('startTime', snapshot.startTime),
    el('progress', snapshot.progress),
    el('ownerId', snapshot.ownerId),
    el('volumeSize', snapshot.volumeSize),
    el('description', snapshot.description),
    el('encrypted', snapshot.encrypted),
    el('kmsKeyId', snapshot.kmsKeyId),
    el('ownerAlias', snapshot.ownerAlias),
    el('storageTier', snapshot.storageTier),
    tagSet(snapshot.tags),
  ];
  return nodes.filter((n): n is XmlNode => n !== null);
}
