/**
 * The KMS service: awsJson1_1 dispatch on `X-Amz-Target: TrentService.<Action>` and KMS's
 * error vocabulary — UnrecognizedClientException (unknown key, bad session token, disabled
 * region), InvalidSignatureException (bad signature, clock skew), ExpiredTokenException,
 * ThrottlingException, UnknownOperationException.
 */
import { awsJsonAuthError, unrecognizedClient } from '../protocol/aws-json-auth';
import { ApiError } from '../protocol/errors';
import type { QueryService } from '../service';
import type { World } from '../world/model';
import { describeKey, getKeyPolicy, listAliases, putKeyPolicy, type KmsAction } from './actions';
import { KMS_CONTENT_TYPE, KMS_TARGET_PREFIX, kmsErrorAnswer, parseInput } from './json';

const ACTIONS: Record<string, KmsAction> = {
  DescribeKey: describeKey,
  ListAliases: listAliases,
  GetKeyPolicy: getKeyPolicy,
  PutKeyPolicy: putKeyPolicy,
};

function actionOf(headers: Readonly<Record<string, string>>): string {
  const target = headers['x-amz-target'] ?? '';
  return target.startsWith(KMS_TARGET_PREFIX) ? target.slice(KMS_TARGET_PREFIX.length) : '';
}


export const kmsService: QueryService = {
  signingName: 'kms',
  apiVersion: '2014-11-01',
  contentType: KMS_CONTENT_TYPE,

  actionName: (_params, headers) => actionOf(headers),

  handle(call) {
    const name = actionOf(call.headers);
    const action = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
    if (!action) throw new ApiError('UnknownOperationException', `Unknown operation ${call.headers['x-amz-target'] ?? ''}`);
    return JSON.stringify(action(call, parseInput(call.body)));
  },

  authError: awsJsonAuthError,

  regionError(world: World, region: string) {
    return world.isRegionEnabled(region) ? null : unrecognizedClient();
  },

  throttleError() {
    return new ApiError('ThrottlingException', 'Rate exceeded', 400);
  },

  errorAnswer: kmsErrorAnswer,
};
