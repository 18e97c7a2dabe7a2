/**
 * The IAM service (read-only, what the app needs to label accounts and find MFA devices).
 * IAM is global: any region in the credential scope is accepted, since SDK clients given a
 * custom endpoint sign with whatever region they were configured with. Errors are spelled as
 * STS spells them (InvalidClientTokenId, ExpiredToken, SignatureDoesNotMatch, Throttling).
 */
import { ApiError } from '../protocol/errors';
import type { AuthProblem, QueryService, ServiceCall } from '../service';
import { listAccountAliases } from './account-aliases';
import { listMfaDevices } from './mfa-devices';
import { IAM_API_VERSION, iamErrorAnswer } from './response';

type Action = (call: ServiceCall) => string | Promise<string>;

const ACTIONS: Record<string, Action> = {
  ListAccountAliases: listAccountAliases,
  ListMFADevices: listMfaDevices,
};

export const iamService: QueryService = {
  signingName: 'iam',
  apiVersion: IAM_API_VERSION,

  handle(call) {
    const name = call.params.string('Action');
    if (name === undefined || name === '') throw new ApiError('MissingAction', 'Missing Action');
    const action = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
    if (!action) throw new ApiError('InvalidAction', `Could not find operation ${name} for version ${IAM_API_VERSION}`);
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

  errorAnswer: iamErrorAnswer,
};
