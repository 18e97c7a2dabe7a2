/**
 * Image Builder's errors as the service spells them. It is a rest-json service: the SDK takes
 * the error's name from the `x-amzn-errortype` header (or the body's `__type`) and its class
 * from the HTTP status, and reads `message` from the JSON body.
 */
import { ApiError } from '../protocol/errors';
import type { ServiceAnswer } from '../service';

export const IMAGE_BUILDER_ERROR_STATUS = {
  ResourceNotFoundException: 404,
  ResourceAlreadyExistsException: 400,
  ResourceDependencyException: 400,
  ResourceInUseException: 400,
  InvalidParameterValueException: 400,
  InvalidParameterException: 400,
  InvalidParameterCombinationException: 400,
  InvalidRequestException: 400,
  InvalidVersionNumberException: 400,
  InvalidPaginationTokenException: 400,
  IdempotentParameterMismatchException: 400,
  ClientException: 400,
  ForbiddenException: 403,
  AccessDeniedException: 403,
  CallRateLimitExceededException: 429,
  ServiceQuotaExceededException: 402,
  DryRunOperationException: 412,
  ServiceException: 500,
  ServiceUnavailableException: 503,
} as const;

export type ImageBuilderErrorCode = keyof typeof IMAGE_BUILDER_ERROR_STATUS;

export function imageBuilderError(code: ImageBuilderErrorCode, message: string): ApiError {
  return new ApiError(code, message, IMAGE_BUILDER_ERROR_STATUS[code]);
}

export const notFound = (arn: string): ApiError =>
  imageBuilderError('ResourceNotFoundException', `The resource '${arn}' does not exist.`);

export const invalidValue = (member: string, detail: string): ApiError =>
  imageBuilderError('InvalidParameterValueException', `The value supplied for parameter '${member}' is not valid. ${detail}`);

export const JSON_CONTENT_TYPE = 'application/json';

/** Errors the server raises for every service, renamed into Image Builder's vocabulary. */
function rename(error: ApiError): { code: string; status: number } {
  switch (error.code) {
    case 'UnauthorizedOperation':
      return { code: 'AccessDeniedException', status: 403 };
    case 'InternalError':
      return { code: 'ServiceException', status: 500 };
    case 'RequestEntityTooLarge':
      return { code: 'ClientException', status: 413 };
    case 'InvalidParameterValue':
    case 'MissingParameter':
      return { code: 'InvalidParameterValueException', status: 400 };
    case 'UnsupportedOperation':
      return { code: 'ClientException', status: 400 };
    default:
      return { code: error.code, status: error.status };
  }
}

export function imageBuilderErrorAnswer(error: ApiError, requestId: string): ServiceAnswer {
  const { code, status } = rename(error);
  return {
    status,
    body: JSON.stringify({ message: error.message }),
    contentType: JSON_CONTENT_TYPE,
    headers: { 'x-amzn-errortype': code, 'x-amzn-requestid': requestId },
  };
}
