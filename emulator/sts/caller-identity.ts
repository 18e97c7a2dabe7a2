/** GetCallerIdentity: who the access key belongs to (the seeded IAM user of the account). */
import { el } from '../protocol/xml';
import type { ServiceCall } from '../service';
import { stsDocument } from './response';

export function getCallerIdentity(call: ServiceCall): string {
  const { caller } = call;
  return stsDocument('GetCallerIdentity', call.requestId, [
    el('Arn', `arn:aws:iam::${caller.accountId}:user/${caller.userName}`),
    el('UserId', caller.userId),
    el('Account', caller.accountId),
  ]);
}
