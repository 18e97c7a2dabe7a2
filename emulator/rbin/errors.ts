/**
 * Recycle Bin's errors as the service spells them (rest-json): the name in `x-amzn-errortype`,
 * the body `{"Message": …, "Reason": …}` with the reasons its model lists
 * (INVALID_PARAMETER_VALUE, INVALID_PAGE_TOKEN, RULE_NOT_FOUND, INVALID_RULE_STATE).
 */
import { ApiError } from '../protocol/errors';
import type { ServiceAnswer } from '../service';

export const RBIN_CONTENT_TYPE = 'application/json';

export class RbinError extends ApiError {
  constructor(
    code: string,
    message: string,
    status: number,
    readonly reason: string | null,
  ) {
    super(code, message, status);
  }
}

export const validation = (message: string, reason: 'INVALID_PARAMETER_VALUE' | 'INVALID_PAGE_TOKEN' = 'INVALID_PARAMETER_VALUE'): RbinError =>
  new RbinError('ValidationException', message, 400, reason);

export const ruleNotFound = (identifier: string): RbinError =>
  new RbinError('ResourceNotFoundException', `Rule with identifier ${identifier} not found.`, 404, 'RULE_NOT_FOUND');

export const quotaExceeded = (message: string): RbinError => new RbinError('ServiceQuotaExceededException', message, 402, 'SERVICE_QUOTA_EXCEEDED');

/** Errors the server raises for every service, in Recycle Bin's vocabulary. */
function rename(error: ApiError): { code: string; status: number } {
  switch (error.code) {
    case 'UnauthorizedOperation':
      return { code: 'AccessDeniedException', status: 403 };
    case 'InternalError':
      return { code: 'InternalServerException', status: 500 };
    case 'RequestEntityTooLarge':
      return { code: 'ValidationException', status: 413 };
    case 'UnsupportedOperation':
      return { code: 'UnknownOperationException', status: 404 };
    default:
      return { code: error.code, status: error.status };
  }
}

export function rbinErrorAnswer(error: ApiError, requestId: string): ServiceAnswer {
  const { code, status } = rename(error);
  const reason = error instanceof RbinError ? error.reason : null;
  return {
    status,
    body: JSON.stringify(reason ? { Message: error.message, Reason: reason } : { Message: error.message }),
    contentType: RBIN_CONTENT_TYPE,
    headers: { 'x-amzn-errortype': code, 'x-amzn-requestid': requestId },
  };
}
