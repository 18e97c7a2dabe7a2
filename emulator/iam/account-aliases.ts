/** ListAccountAliases: the account's alias as a one-element list, or an empty list. */
import { el } from '../protocol/xml';
import type { ServiceCall } from '../service';
import { iamDocument } from './response';

export function listAccountAliases(call: ServiceCall): string {
  const alias = call.caller.alias;
  return iamDocument('ListAccountAliases', call.requestId, [
    el('IsTruncated', false),
    el('AccountAliases', alias === null ? [] : [el('member', alias)]),
  ]);
}
