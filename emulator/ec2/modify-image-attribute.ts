/**
 * ModifyImageAttribute (launch permissions and description), ResetImageAttribute and
 * CancelImageLaunchPermission. Only the owner may modify or reset; adding a permission that is
 * already there or removing one that is not is harmless, as in EC2. Sharing rules (public
 * access block, encryption, product codes, quotas) live in sharing-rules.ts.
 */
import { ApiError, invalidParameterCombination, invalidParameterValue } from '../protocol/errors';
import { el } from '../protocol/xml';
import type { ServiceCall } from '../service';
import { applyChanges, readPermissionChanges } from './launch-permission-params';
import { ownedImage, visibleImage } from './owned-resource';
import { ec2Document } from './response';
import { checkImageShare } from './sharing-rules';

/** Attributes this emulator changes; EC2 knows a few more (productCodes, imdsSupport). */
const MODIFIABLE = new Set(['launchPermission', 'description']);

const done = (action: string, requestId: string): string => ec2Document(action, requestId, [el('return', true)]);

export function modifyImageAttribute(call: ServiceCall): string {
  const { world, caller, region, params } = call;
  const imageId = params.required('ImageId');
  const attribute = params.string('Attribute');
  if (attribute !== undefined && !MODIFIABLE.has(attribute)) {
    throw invalidParameterValue(`Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`);
  }
  const changes = readPermissionChanges(params, 'image');
  const structuredDescription = params.string('Description.Value');
  const flatValue = attribute === 'description' ? params.string('Value') : undefined;
  const description = structuredDescription ?? flatValue;
  const touchesPermissions = changes.add.length > 0 || changes.remove.length > 0;
  if (!touchesPermissions && description === undefined) {
    throw invalidParameterCombination('No attributes specified.');
  }
  // The API reference: "You can specify only one attribute at a time."
  if (touchesPermissions && description !== undefined) {
    throw invalidParameterCombination('You can modify only one attribute at a time.');
  }
  const image = ownedImage(world, caller, region, imageId);

  if (touchesPermissions) {
    // DisableImage's documentation: "A disabled AMI can't be shared."
    if (image.state === 'disabled' && changes.add.length > 0) {
      throw new ApiError('IncorrectState', `Image ${image.imageId} is disabled and can't be shared. Enable it with EnableImage first.`);
    }
    const after = applyChanges(image.launchPermissions, changes);
    checkImageShare(world, image, changes.add, after);
    image.launchPermissions = after;
  }
  if (description !== undefined) image.description = description;
  return done('ModifyImageAttribute', call.requestId);
}

export function resetImageAttribute(call: ServiceCall): string {
  const { world, caller, region, params } = call;
  const imageId = params.required('ImageId');
  const attribute = params.required('Attribute');
  if (attribute !== 'launchPermission') {
    throw invalidParameterValue(`Value (${attribute}) for parameter attribute is invalid. Only launchPermission can be reset.`);
  }
  const image = ownedImage(world, caller, region, imageId);
  image.launchPermissions = [];
  return done('ResetImageAttribute', call.requestId);
}

/** The recipient removes its own account from an image shared with it. */
export function cancelImageLaunchPermission(call: ServiceCall): string {
  const { world, caller, region, params } = call;
  const imageId = params.required('ImageId');
  const image = visibleImage(world, caller, region, imageId);
  if (image.ownerId === caller.accountId) {
    throw new ApiError('InvalidParameter', `You cannot cancel launch permission for image ${imageId}: you own it.`);
  }
  image.launchPermissions = image.launchPermissions.filter((p) => p.userId !== caller.accountId);
  return done('CancelImageLaunchPermission', call.requestId);
}
