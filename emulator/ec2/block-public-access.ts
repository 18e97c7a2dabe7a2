/**
 * Block public access for AMIs: Get / Enable / DisableImageBlockPublicAccess, per account and
 * region. AWS takes up to ten minutes to apply a change; the emulator applies it at once.
 */
import { invalidParameterValue } from '../protocol/errors';
import { el } from '../protocol/xml';
import type { ServiceCall } from '../service';
import { ec2Document } from './response';

const BLOCKED = 'block-new-sharing';
const UNBLOCKED = 'unblocked';

export function getImageBlockPublicAccessState(call: ServiceCall): string {
  const blocked = call.world.isImagePublicSharingBlocked(call.caller.accountId, call.region);
  return ec2Document('GetImageBlockPublicAccessState', call.requestId, [
    el('imageBlockPublicAccessState', blocked ? BLOCKED : UNBLOCKED),
    el('managedBy', 'account'),
  ]);
}

export function enableImageBlockPublicAccess(call: ServiceCall): string {
  const state = call.params.required('ImageBlockPublicAccessState');
  if (state !== BLOCKED) {
    throw invalidParameterValue(
      `Value (${state}) for parameter ImageBlockPublicAccessState is invalid. Valid values: ${BLOCKED}.`,
    );
  }
  call.world.setImagePublicSharingBlocked(call.caller.accountId, call.region, true);
  return ec2Document('EnableImageBlockPublicAccess', call.requestId, [el('imageBlockPublicAccessState', BLOCKED)]);
}

export function disableImageBlockPublicAccess(call: ServiceCall): string {
  call.world.setImagePublicSharingBlocked(call.caller.accountId, call.region, false);
  return ec2Document('DisableImageBlockPublicAccess', call.requestId, [el('imageBlockPublicAccessState', UNBLOCKED)]);
}
