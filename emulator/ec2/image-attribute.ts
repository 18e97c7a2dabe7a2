/**
 * DescribeImageAttribute. Any caller who can see an image may read its descriptive attributes;
 * launch permissions, last-launched time and deregistration protection belong to the owner,
 * and everybody else gets AuthFailure "Not authorized for image:…", as EC2 answers.
 */
import { ApiError, invalidParameterValue } from '../protocol/errors';
import { el, itemList, type XmlNode } from '../protocol/xml';
import type { ServiceCall } from '../service';
import type { ImageRecord } from '../world/model';
import { isVisibleImage, ownsImage } from '../world/visibility';
import { checkImageId, imagesNotFound } from './ids';
import { ec2Document } from './response';
import { blockDeviceMappingItems, launchPermissionItems } from './serialize';

const value = (name: string, v: string | boolean | null): XmlNode => el(name, v === null ? [] : [el('value', v)]);

const ATTRIBUTES: Record<string, { ownerOnly: boolean; render: (image: ImageRecord) => XmlNode }> = {
  description: { ownerOnly: false, render: (i) => value('description', i.description) },
  kernel: { ownerOnly: false, render: (i) => value('kernel', i.kernelId) },
  ramdisk: { ownerOnly: false, render: (i) => value('ramdisk', i.ramdiskId) },
  launchPermission: { ownerOnly: true, render: (i) => itemList('launchPermission', launchPermissionItems(i.launchPermissions)) },
  productCodes: {
    ownerOnly: false,
    render: (i) => itemList('productCodes', i.productCodes.map((p) => [el('productCode', p.productCodeId), el('type', p.productCodeType)])),
  },
  blockDeviceMapping: { ownerOnly: false, render: (i) => itemList('blockDeviceMapping', blockDeviceMappingItems(i.blockDevices)) },
  sriovNetSupport: { ownerOnly: false, render: (i) => value('sriovNetSupport', i.sriovNetSupport) },
  bootMode: { ownerOnly: false, render: (i) => value('bootMode', i.bootMode) },
  tpmSupport: { ownerOnly: false, render: (i) => value('tpmSupport', i.tpmSupport) },
  uefiData: { ownerOnly: true, render: () => value('uefiData', null) },
  lastLaunchedTime: { ownerOnly: true, render: (i) => value('lastLaunchedTime', i.lastLaunchedTime) },
  imdsSupport: { ownerOnly: false, render: (i) => value('imdsSupport', i.imdsSupport) },
  deregistrationProtection: {
    ownerOnly: true,
    render: (i) => value('deregistrationProtection', i.deregistrationProtection ?? 'disabled'),
  },
};

export function describeImageAttribute(call: ServiceCall): string {
  const { world, caller, region, params } = call;
  const attribute = params.required('Attribute');
  const imageId = params.required('ImageId');
  const spec = Object.hasOwn(ATTRIBUTES, attribute) ? ATTRIBUTES[attribute] : undefined;
  if (!spec) {
    throw invalidParameterValue(`Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`);
  }
  checkImageId(imageId);
  const image = world.image(region, imageId);
  if (!image || !isVisibleImage(caller, image)) throw imagesNotFound([imageId]);
  if (spec.ownerOnly && !ownsImage(caller, image)) {
    throw new ApiError('AuthFailure', `Not authorized for image:${imageId}`, 401);
  }
  return ec2Document('DescribeImageAttribute', call.requestId, [el('imageId', image.imageId), spec.render(image)]);
}
