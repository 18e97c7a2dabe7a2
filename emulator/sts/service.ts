/**
 * The STS service. STS is global, so any region in the credential scope is accepted. Its
 * error vocabulary differs from EC2's: an unknown key or a bad session token is
 * InvalidClientTokenId, an expired session ExpiredToken, a wrong secret SignatureDoesNotMatch
 * (all HTTP 403), throttling is Throttling (HTTP 400).
 */
import { ApiError } from '../protocol/errors';
import type { AuthProblem, QueryService, ServiceCall } from '../service';
import { assumeRole } from './assume-role';
import { getCallerIdentity } from './caller-identity';
import { STS_API_VERSION, stsErrorAnswer } from './response';
import { getSessionToken } from './session-token';

type Action = (call: ServiceCall) => string | Promise<string>;

const ACTIONS: Record<string, Action> = {
  GetCallerIdentity: getCallerIdentity,
  AssumeRole: assumeRole,
  GetSessionToken: getSessionToken,
};

export const stsService: QueryService = {
  signingName: 'sts',
  apiVersion: STS_API_VERSION,

  handle(call) {
    const name = call.params.string('Action');
    if (name === undefined || name === '') throw new ApiError('MissingAction', 'Missing Action');
    const action = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
    if (!action) throw new ApiError('InvalidAction', `Could not find operation ${name} for version ${STS_API_VERSION}`);
    return action(call);
  },

  authError(problem: AuthProblem, detail: string) {
    switch (problem) {
      case 'missing':
        return new ApiError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
      case 'malformed':
        return new ApiError('IncompleteSignature', detail, 400);
      case 'unknown-key':
      case 'invalid-token':
        return new ApiError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
      case 'expired-token':
        return new ApiError('ExpiredToken', 'The security token included in the request is expired', 403);
      case 'expired':
      case 'mismatch':
        return new ApiError('SignatureDoesNotMatch', detail, 403);
    }
  },

  regionError() {
    return null;
  },

  throttleError() {
    return new ApiError('Throttling', 'Rate exceeded', 400);
  },

  errorAnswer: stsErrorAnswer,
};
