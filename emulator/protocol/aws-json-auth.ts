/**
 * How the awsJson1_1 services (KMS, Organizations) answer credential problems: one vocabulary,
 * HTTP 400 throughout, as those services do.
 */
import { ApiError } from './errors';
import type { AuthProblem } from '../service';

const UNRECOGNIZED = 'The security token included in the request is invalid.';

export function awsJsonAuthError(problem: AuthProblem, detail: string): ApiError {
  switch (problem) {
    case 'missing':
      return new ApiError('MissingAuthenticationTokenException', 'Missing Authentication Token', 400);
    case 'malformed':
      return new ApiError('IncompleteSignatureException', detail, 400);
    case 'unknown-key':
    case 'invalid-token':
      return new ApiError('UnrecognizedClientException', UNRECOGNIZED, 400);
    case 'expired-token':
      return new ApiError('ExpiredTokenException', 'The security token included in the request is expired', 400);
    case 'expired':
    case 'mismatch':
      return new ApiError('InvalidSignatureException', detail, 400);
  }
}

/** The answer for a region the caller may not use (a disabled opt-in region). */
export const unrecognizedClient = (): ApiError => new ApiError('UnrecognizedClientException', UNRECOGNIZED, 400);
