/**
 * GetCallerIdentity: the IAM user of a long-term key or GetSessionToken session, or the
 * assumed-role session (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION, AROA…:SESSION).
 */
import { el } from '../protocol/xml';
import type { ServiceCall } from '../service';
import { stsDocument } from './response';

export function getCallerIdentity(call: ServiceCall): string {
  const { principal } = call;
  return stsDocument('GetCallerIdentity', call.requestId, [
    el('Arn', principal.arn),
    el('UserId', principal.userId),
    el('Account', principal.accountId),
  ]);
}
