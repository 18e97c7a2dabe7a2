/**
 * The KMS actions the emulator answers: DescribeKey, ListAliases, GetKeyPolicy, PutKeyPolicy.
 * Enough for an app to learn who manages the key behind an encrypted snapshot and whether its
 * policy lets another account use it.
 */
import { ApiError } from '../protocol/errors';
import type { ServiceCall } from '../service';
import type { KmsKeyRecord } from '../world/model';
import { optionalInt, optionalString, requiredString, type JsonInput } from './json';
import { isWellFormedPolicy } from './policy';
import { accessDenied, aliasArn, keyId, keyPolicy, resolveKey } from './keys';

export type KmsAction = (call: ServiceCall, input: JsonInput) => unknown;

/** Seeded keys carry no dates; they are dated a while before the world's anchor. */
function creationDate(call: ServiceCall): number {
  return Math.floor(call.world.anchor.getTime() / 1000) - 400 * 86_400;
}

function description(key: KmsKeyRecord): string {
  if (key.description !== undefined) return key.description;
  return key.managedBy === 'aws'
    ? 'Default key that protects my EBS volumes when no other key is defined'
    : 'AMI and EBS snapshot encryption';
}

export const describeKey: KmsAction = (call, input) => {
  const key = resolveKey(call, requiredString(input, 'KeyId'), 'kms:DescribeKey');
  return {
    KeyMetadata: {
      AWSAccountId: key.accountId,
      KeyId: keyId(key),
      Arn: key.arn,
      CreationDate: creationDate(call),
      Enabled: true,
      Description: description(key),
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: 'Enabled',
      Origin: 'AWS_KMS',
      KeyManager: key.managedBy === 'aws' ? 'AWS' : 'CUSTOMER',
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      MultiRegion: false,
    },
  };
};

/** The caller's aliases in the region, by alias name; Marker is the offset of the next page. */
export const listAliases: KmsAction = (call, input) => {
  const limit = optionalInt(input, 'Limit', 1, 100) ?? 50;
  const marker = optionalString(input, 'Marker');
  const filterKey = optionalString(input, 'KeyId');
  const target = filterKey === undefined ? undefined : resolveKey(call, filterKey, 'kms:ListAliases');
  if (target && target.accountId !== call.caller.accountId) throw accessDenied(call, target, 'kms:ListAliases');
  const aliases = call.world.kmsKeys
    .filter((k) => k.accountId === call.caller.accountId && k.region === call.region && (!target || k === target))
    .sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0));
  const start = marker === undefined ? 0 : Number(marker);
  if (!Number.isInteger(start) || start < 0 || start > aliases.length) {
    throw new ApiError('InvalidMarkerException', 'The marker is not valid.');
  }
  const page = aliases.slice(start, start + limit);
  const next = start + page.length;
  return {
    Aliases: page.map((k) => ({
      AliasName: k.alias,
      AliasArn: aliasArn(k),
      TargetKeyId: keyId(k),
      CreationDate: creationDate(call),
      LastUpdatedDate: creationDate(call),
    })),
    Truncated: next < aliases.length,
    ...(next < aliases.length ? { NextMarker: String(next) } : {}),
  };
};

function policyName(input: JsonInput): string {
  const name = optionalString(input, 'PolicyName') ?? 'default';
  if (name !== 'default') throw new ApiError('NotFoundException', `No such policy exists: ${name}. The only valid policy name is default.`);
  return name;
}

/** Key policies are read and written only from the key's own account (as in KMS). */
function ownKey(call: ServiceCall, input: JsonInput, action: string): KmsKeyRecord {
  const key = resolveKey(call, requiredString(input, 'KeyId'), action);
  if (key.accountId !== call.caller.accountId) throw accessDenied(call, key, action);
  return key;
}

export const getKeyPolicy: KmsAction = (call, input) => {
  const key = ownKey(call, input, 'kms:GetKeyPolicy');
  return { Policy: keyPolicy(call, key), PolicyName: policyName(input) };
};

export const putKeyPolicy: KmsAction = (call, input) => {
  const key = ownKey(call, input, 'kms:PutKeyPolicy');
  policyName(input);
  const policy = requiredString(input, 'Policy');
  if (key.managedBy === 'aws') throw accessDenied(call, key, 'kms:PutKeyPolicy');
  if (!isWellFormedPolicy(policy)) {
    throw new ApiError('MalformedPolicyDocumentException', 'The key policy is not a valid policy document: it must be a JSON object with at least one Statement.');
  }
  call.world.kmsKeyPolicies.set(key.arn, policy);
  return {};
};
