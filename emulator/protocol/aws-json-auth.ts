/**
 * How the JSON services answer credential problems: one vocabulary, with HTTP 400 throughout for
 * the awsJson1_1 ones (KMS, Organizations) and 403 behind the API front of the rest-json ones
 * (Image Builder, Recycle Bin).
 */
import { ApiError } from './errors';
import type { AuthProblem } from '../service';

const UNRECOGNIZED = 'The security token included in the request is invalid.';

export function awsJsonAuthError(problem: AuthProblem, detail: string, status: 400 | 403 = 400): ApiError {
  switch (problem) {
    case 'missing':
      return new ApiError('MissingAuthenticationTokenException', 'Missing Authentication Token', status);
    case 'malformed':
      return new ApiError('IncompleteSignatureException', detail, status);
    case 'unknown-key':
    case 'invalid-token':
      return new ApiError('UnrecognizedClientException', UNRECOGNIZED, status);
    case 'expired-token':
      return new ApiError('ExpiredTokenException', 'The security token included in the request is expired', status);
    case 'expired':
    case 'mismatch':
      return new ApiError('InvalidSignatureException', detail, status);
  }
}

/** The same for the rest-json services, whose API front answers 403. */
export const restJsonAuthError = (problem: AuthProblem, detail: string): ApiError => awsJsonAuthError(problem, detail, 403);

/** The answer for a region the caller may not use (a disabled opt-in region). */
export const unrecognizedClient = (status: 400 | 403 = 400): ApiError => new ApiError('UnrecognizedClientException', UNRECOGNIZED, status);
