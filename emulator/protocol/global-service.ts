/**
 * A query-protocol service in the style of AWS's global identity services (STS, IAM): any
 * region in the credential scope is accepted (SDK clients with a custom endpoint sign with
 * whatever region they were given), and auth failures use their shared vocabulary —
 * InvalidClientTokenId, ExpiredToken, SignatureDoesNotMatch (HTTP 403), Throttling (HTTP 400).
 */
import { ApiError } from './errors';
import type { AuthProblem, QueryService, ServiceCall } from '../service';

export type Action = (call: ServiceCall) => string | Promise<string>;

export interface GlobalServiceSpec {
  signingName: string;
  apiVersion: string;
  actions: Record<string, Action>;
  errorAnswer: QueryService['errorAnswer'];
}

export function globalQueryService(spec: GlobalServiceSpec): QueryService {
  return {
    signingName: spec.signingName,
    apiVersion: spec.apiVersion,

    handle(call) {
      const name = call.params.string('Action');
      if (name === undefined || name === '') throw new ApiError('MissingAction', 'Missing Action');
      const action = Object.hasOwn(spec.actions, name) ? spec.actions[name] : undefined;
      if (!action) throw new ApiError('InvalidAction', `Could not find operation ${name} for version ${spec.apiVersion}`);
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

    errorAnswer: spec.errorAnswer,
  };
}
