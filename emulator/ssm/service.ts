/**
 * AWS Systems Manager Parameter Store (signing name `ssm`), awsJson1_1 on
 * `X-Amz-Target: AmazonSSM.<Action>`. Errors as the JSON services spell them
 * (`{"__type": …, "message": …}`, HTTP 400): UnrecognizedClientException (unknown or deleted
 * key, bad session token, a region the account has not enabled), InvalidSignatureException,
 * ExpiredTokenException, ThrottlingException, AccessDeniedException for what denyAction refuses
 * (named `ssm:<Action>`), UnknownOperationException for an action it does not know.
 */
import { awsJsonAuthError, unrecognizedClient } from '../protocol/aws-json-auth';
import { ApiError } from '../protocol/errors';
import type { QueryService } from '../service';
import type { World } from '../world/model';
import { KMS_CONTENT_TYPE, kmsErrorAnswer, parseInput } from '../kms/json';
import { describeParameters, getParameters, getParametersByPath, type SsmAction } from './parameters';

const TARGET_PREFIX = 'AmazonSSM.';
export const SSM_ACTION_PREFIX = 'ssm:';

const ACTIONS: Record<string, SsmAction> = {
  GetParametersByPath: getParametersByPath,
  DescribeParameters: describeParameters,
  GetParameters: getParameters,
};

function actionOf(headers: Readonly<Record<string, string>>): string {
  const target = headers['x-amz-target'] ?? '';
  return target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
}

export const ssmService: QueryService = {
  signingName: 'ssm',
  apiVersion: '2014-11-06',
  contentType: KMS_CONTENT_TYPE,

  actionName: (_params, headers) => `${SSM_ACTION_PREFIX}${actionOf(headers)}`,

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

  accessDenied({ action, principalArn, accountId, region }) {
    return new ApiError(
      'AccessDeniedException',
      `User: ${principalArn} is not authorized to perform: ${action} on resource: arn:aws:ssm:${region}:${accountId}:* because no identity-based policy allows the ${action} action`,
      400,
    );
  },

  unknownActionError(action) {
    return new ApiError('UnknownOperationException', `Unknown operation ${TARGET_PREFIX}${action.slice(SSM_ACTION_PREFIX.length)}`);
  },

  // Parameter Store speaks the same awsJson1_1 error shape as KMS.
  errorAnswer: kmsErrorAnswer,
};
