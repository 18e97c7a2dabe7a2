/**
 * ListMFADevices: the virtual MFA devices of an IAM user of the caller's account — the
 * caller's own when UserName is left out (which a role session cannot do).
 */
import { ApiError } from '../protocol/errors';
import { el } from '../protocol/xml';
import type { ServiceCall } from '../service';
import { iamDocument } from './response';

export function listMfaDevices(call: ServiceCall): string {
  const { principal, world } = call;
  const requested = call.params.string('UserName');
  let userName: string;
  if (requested !== undefined) {
    if (requested !== call.caller.userName) {
      throw new ApiError('NoSuchEntity', `The user with name ${requested} cannot be found.`, 404);
    }
    userName = requested;
  } else if (principal.kind === 'user') {
    userName = principal.userName;
  } else {
    throw new ApiError('ValidationError', 'Must specify userName when calling with non-User credentials', 400);
  }
  const devices = world.mfaDevices.filter((d) => d.accountId === call.caller.accountId && d.userName === userName);
  return iamDocument('ListMFADevices', call.requestId, [
    el('IsTruncated', false),
    el(
      'MFADevices',
      devices.map((d) =>
        el('member', [el('UserName', d.userName), el('SerialNumber', d.serialNumber), el('EnableDate', d.enableDate)]),
      ),
    ),
  ]);
}
