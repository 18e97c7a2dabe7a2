/**
 * An error the emulator answers with, carrying AWS's error code and HTTP status. Each service
 * renders it in its own wire shape (EC2's <Response><Errors>…, STS's <ErrorResponse>…).
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const missingParameter = (name: string): ApiError =>
  new ApiError('MissingParameter', `The request must contain the parameter ${name}`);

export const invalidParameterValue = (message: string): ApiError =>
  new ApiError('InvalidParameterValue', message);

export const invalidParameterCombination = (message: string): ApiError =>
  new ApiError('InvalidParameterCombination', message);

export const internalError = (): ApiError =>
  new ApiError('InternalError', 'An internal error has occurred', 500);
