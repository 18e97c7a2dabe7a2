/**
 * Finding the KMS key a call names, the ways KMS accepts: key id, key ARN, alias name
 * (`alias/x`, in the caller's account) or alias ARN. Keys are regional: a key or alias of
 * another region is not found from this region's endpoint. A key of another account is
 * reachable only by ARN, and only when its key policy allows the caller the action.
 */
import { ApiError } from '../protocol/errors';
import type { ServiceCall } from '../service';
import type { AccountRecord, KmsKeyRecord } from '../world/model';
import { defaultKeyPolicy, policyAllows, type PolicyCaller } from './policy';

const KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEY_ARN = /^arn:aws:kms:([a-z0-9-]+):(\d{12}):key\/(.+)$/;
const ALIAS_ARN = /^arn:aws:kms:([a-z0-9-]+):(\d{12}):(alias\/.+)$/;

export function keyId(key: KmsKeyRecord): string {
  return key.arn.slice(key.arn.lastIndexOf('/') + 1);
}

export function aliasArn(key: KmsKeyRecord): string {
  return `arn:aws:kms:${key.region}:${key.accountId}:${key.alias}`;
}

export function keyPolicy(call: ServiceCall, key: KmsKeyRecord): string {
  return call.world.kmsKeyPolicies.get(key.arn) ?? defaultKeyPolicy(key);
}

function notFound(message: string): ApiError {
  return new ApiError('NotFoundException', message);
}

function findByAlias(call: ServiceCall, accountId: string, region: string, alias: string): KmsKeyRecord {
  const key = call.world.kmsKeys.find((k) => k.accountId === accountId && k.region === region && k.alias === alias);
  if (!key || region !== call.region) throw notFound(`Alias arn:aws:kms:${region}:${accountId}:${alias} is not found.`);
  return key;
}

/** The key named by `keyIdInput`, checked for `action` (e.g. `kms:DescribeKey`). */
export function resolveKey(call: ServiceCall, keyIdInput: string, action: string): KmsKeyRecord {
  const { world, caller, region } = call;
  let key: KmsKeyRecord | undefined;
  const aliasMatch = ALIAS_ARN.exec(keyIdInput);
  const keyMatch = KEY_ARN.exec(keyIdInput);
  if (keyIdInput.startsWith('alias/')) {
    key = findByAlias(call, caller.accountId, region, keyIdInput);
  } else if (aliasMatch?.[1] && aliasMatch[2] && aliasMatch[3]) {
    key = findByAlias(call, aliasMatch[2], aliasMatch[1], aliasMatch[3]);
  } else if (keyMatch) {
    key = keyMatch[1] === region ? world.kmsKey(keyIdInput) : undefined;
    if (!key) throw notFound(`Key '${keyIdInput}' does not exist`);
  } else if (KEY_ID.test(keyIdInput)) {
    key = world.kmsKeys.find((k) => k.accountId === caller.accountId && k.region === region && keyId(k) === keyIdInput);
    if (!key) throw notFound(`Key 'arn:aws:kms:${region}:${caller.accountId}:key/${keyIdInput}' does not exist`);
  } else {
    throw notFound(`Invalid keyId '${keyIdInput}'`);
  }
  if (key.accountId !== caller.accountId && !policyAllows(keyPolicy(call, key), policyCaller(caller, call.principal.arn), action)) {
    throw accessDenied(call, key, action);
  }
  return key;
}

/** The caller's organization path, `o-…/r-…/ou-…/…/`, from its OU ARNs (innermost first). */
export function policyCaller(account: AccountRecord, arn: string): PolicyCaller {
  const organizationId = account.organizationArn.slice(account.organizationArn.lastIndexOf('/') + 1);
  const ouIds = account.organizationalUnitArns.map((a) => a.slice(a.lastIndexOf('/') + 1)).reverse();
  const root = ouIds[0]?.split('-')[1];
  const path = [organizationId, ...(root ? [`r-${root}`] : []), ...ouIds].join('/');
  return { accountId: account.accountId, arn, organizationId, organizationPaths: [`${path}/`] };
}

export function accessDenied(call: ServiceCall, key: KmsKeyRecord, action: string): ApiError {
  return new ApiError(
    'AccessDeniedException',
    `User: ${call.principal.arn} is not authorized to perform: ${action} on resource: ${key.arn} because no resource-based policy allows the ${action} action`,
  );
}
