/**
 * An awsJson1_1 service (KMS, Parameter Store): the action from `X-Amz-Target: <Prefix>.<Action>`,
 * the input from the JSON body, the answer as JSON, and the errors every such service shares
 * (UnrecognizedClientException for a disabled region, ThrottlingException,
 * UnknownOperationException). What differs — names, actions, access denied — is the caller's.
 */
import { awsJsonAuthError, unrecognizedClient } from './aws-json-auth';
import { ApiError } from './errors';
import type { QueryService, ServiceCall } from '../service';
import type { World } from '../world/model';
import { KMS_CONTENT_TYPE, kmsErrorAnswer, parseInput, type JsonInput } from '../kms/json';

export interface AwsJsonServiceSpec {
  signingName: string;
  apiVersion: string;
  /** e.g. `TrentService.`, `AmazonSSM.` */
  targetPrefix: string;
  actions: Readonly<Record<string, (call: ServiceCall, input: JsonInput) => unknown>>;
  /** How policies name its actions (`ssm:` for `ssm:GetParameters`); default none. */
  actionPrefix?: string;
  accessDenied?: QueryService['accessDenied'];
}

export function awsJsonService(spec: AwsJsonServiceSpec): QueryService {
  const { targetPrefix, actions, actionPrefix = '' } = spec;
  const actionOf = (headers: Readonly<Record<string, string>>): string => {
    const target = headers['x-amz-target'] ?? '';
    return target.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : '';
  };
  return {
    signingName: spec.signingName,
    apiVersion: spec.apiVersion,
    contentType: KMS_CONTENT_TYPE,
    actionName: (_params, headers) => `${actionPrefix}${actionOf(headers)}`,
    handle(call) {
      const name = actionOf(call.headers);
      const action = Object.hasOwn(actions, name) ? actions[name] : undefined;
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
    ...(spec.accessDenied ? { accessDenied: spec.accessDenied } : {}),
    unknownActionError(action) {
      return new ApiError('UnknownOperationException', `Unknown operation ${targetPrefix}${action.slice(actionPrefix.length)}`);
    },
    errorAnswer: kmsErrorAnswer,
  };
}
