/**
 * AWS Organizations' view of the accounts, for the management account: ListAccounts,
 * ListAccountsForParent, ListOrganizationalUnitsForParent, ListParents and
 * DescribeOrganizationalUnit, paged with MaxResults (1–20)
 * and NextToken. Other callers get AccessDeniedException, as AWS answers a member account that
 * is not a delegated administrator. An account's OUs come innermost first (world/accounts.ts);
 * the outermost OU's parent is the root, whose id is in the OU ids (ou-<root>-…).
 */
import { ApiError } from '../protocol/errors';
import type { ServiceCall } from '../service';
import type { AccountRecord, ClientRecord } from '../world/model';
import { optionalString, type JsonInput } from '../kms/json';

const MAX_RESULTS = 20;

function organizationOf(call: ServiceCall): { client: ClientRecord; management: string } {
  const client = call.world.clients.find((c) => c.organizationArn === call.caller.organizationArn);
  if (!client || call.caller.organizationArn === '') {
    throw new ApiError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
  }
  const management = client.organizationArn.split(':')[4] ?? '';
  if (call.caller.accountId !== management) {
    throw new ApiError('AccessDeniedException', "You don't have permissions to access this resource.");
  }
  return { client, management };
}

function members(call: ServiceCall, client: ClientRecord): AccountRecord[] {
  return call.world.accounts.filter((a) => a.organizationArn === client.organizationArn);
}

function page<T>(items: readonly T[], input: JsonInput): { items: T[]; NextToken?: string } {
  const raw = input.MaxResults;
  const max = raw === undefined || raw === null ? MAX_RESULTS : raw;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > MAX_RESULTS) {
    throw new ApiError('InvalidInputException', 'You provided a value that does not match the required pattern.');
  }
  const token = optionalString(input, 'NextToken');
  let start = 0;
  if (token !== undefined) {
    const decoded = /^n(\d{1,6})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!decoded?.[1]) throw new ApiError('InvalidInputException', 'The provided NextToken is not valid.');
    start = Number(decoded[1]);
  }
  const end = start + max;
  return { items: items.slice(start, end), ...(end < items.length ? { NextToken: Buffer.from(`n${end}`).toString('base64url') } : {}) };
}

function accountShape(call: ServiceCall, client: ClientRecord, management: string, a: AccountRecord): object {
  return {
    Id: a.accountId,
    Arn: `arn:aws:organizations::${management}:account/${client.organizationId}/${a.accountId}`,
    Email: a.email,
    Name: a.name,
    Status: a.organizationStatus ?? 'ACTIVE',
    JoinedMethod: a.accountId === management ? 'CREATED' : 'INVITED',
    JoinedTimestamp: Math.floor(call.world.anchor.getTime() / 1000) - 400 * 86_400,
  };
}

const idOf = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);
const rootOf = (ouId: string): string => `r-${ouId.split('-')[1] ?? ''}`;

export function listAccounts(call: ServiceCall, input: JsonInput): object {
  const { client, management } = organizationOf(call);
  const { items, NextToken } = page(members(call, client), input);
  return { Accounts: items.map((a) => accountShape(call, client, management, a)), ...(NextToken ? { NextToken } : {}) };
}

export function listAccountsForParent(call: ServiceCall, input: JsonInput): object {
  const { client, management } = organizationOf(call);
  const parent = optionalString(input, 'ParentId');
  if (!parent) throw new ApiError('InvalidInputException', 'You provided a value that does not match the required pattern.');
  const all = members(call, client);
  // An account in no OU sits under the root, whose id the OU ids carry.
  const someOu = all.flatMap((a) => a.organizationalUnitArns)[0];
  const root = someOu ? rootOf(idOf(someOu)) : null;
  const inParent = all.filter((a) => {
    const inner = a.organizationalUnitArns[0];
    return inner ? idOf(inner) === parent : root === parent;
  });
  if (inParent.length === 0 && !knownParent(all, parent)) throw new ApiError('ParentNotFoundException', 'We can\u2019t find a root or OU with the ParentId that you specified.');
  const { items, NextToken } = page(inParent, input);
  return { Accounts: items.map((a) => accountShape(call, client, management, a)), ...(NextToken ? { NextToken } : {}) };
}

export function listOrganizationalUnitsForParent(call: ServiceCall, input: JsonInput): object {
  const { client } = organizationOf(call);
  const parent = optionalString(input, 'ParentId');
  if (!parent) throw new ApiError('InvalidInputException', 'You provided a value that does not match the required pattern.');
  const all = members(call, client);
  if (!knownParent(all, parent)) throw new ApiError('ParentNotFoundException', 'We can\u2019t find a root or OU with the ParentId that you specified.');
  // The OUs whose next OU out (or the root, for the outermost) is the parent, each once.
  const children = new Map<string, string>();
  for (const a of all) {
    a.organizationalUnitArns.forEach((arn, at) => {
      const outer = a.organizationalUnitArns[at + 1];
      const parentOfThis = outer ? idOf(outer) : rootOf(idOf(arn));
      if (parentOfThis === parent) children.set(idOf(arn), arn);
    });
  }
  const ous = [...children].map(([id, arn]) => ({ Id: id, Arn: arn, Name: client.organizationalUnitNames?.[arn] ?? id }));
  const { items, NextToken } = page(ous, input);
  return { OrganizationalUnits: items, ...(NextToken ? { NextToken } : {}) };
}

export function listParents(call: ServiceCall, input: JsonInput): object {
  const { client } = organizationOf(call);
  const child = optionalString(input, 'ChildId');
  if (!child) throw new ApiError('InvalidInputException', 'You provided a value that does not match the required pattern.');
  const all = members(call, client);
  const account = all.find((a) => a.accountId === child);
  let parent: { Id: string; Type: 'ROOT' | 'ORGANIZATIONAL_UNIT' } | null = null;
  if (account) {
    const inner = account.organizationalUnitArns[0];
    parent = inner ? { Id: idOf(inner), Type: 'ORGANIZATIONAL_UNIT' } : null;
  } else {
    // An OU: its parent is the next OU out in any member's chain, or the root.
    for (const a of all) {
      const ids = a.organizationalUnitArns.map(idOf);
      const at = ids.indexOf(child);
      if (at < 0) continue;
      const outer = ids[at + 1];
      parent = outer ? { Id: outer, Type: 'ORGANIZATIONAL_UNIT' } : { Id: rootOf(child), Type: 'ROOT' };
      break;
    }
  }
  if (!parent) throw new ApiError('ChildNotFoundException', 'We can\u2019t find an organizational unit (OU) or AWS account with the ChildId that you specified.');
  const { items, NextToken } = page([parent], input);
  return { Parents: items, ...(NextToken ? { NextToken } : {}) };
}

export function describeOrganizationalUnit(call: ServiceCall, input: JsonInput): object {
  const { client } = organizationOf(call);
  const id = optionalString(input, 'OrganizationalUnitId');
  const arn = id ? members(call, client).flatMap((a) => a.organizationalUnitArns).find((ou) => idOf(ou) === id) : undefined;
  if (!arn || !id) throw new ApiError('OrganizationalUnitNotFoundException', 'We can\u2019t find an OU with the OrganizationalUnitId that you specified.');
  return { OrganizationalUnit: { Id: id, Arn: arn, Name: client.organizationalUnitNames?.[arn] ?? id } };
}

function knownParent(all: readonly AccountRecord[], parent: string): boolean {
  return all.some((a) => a.organizationalUnitArns.some((ou) => idOf(ou) === parent || rootOf(idOf(ou)) === parent));
}
