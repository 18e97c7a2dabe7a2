/**
 * KMS speaks awsJson1_1: the action in `X-Amz-Target: TrentService.<Action>`, input and output
 * as JSON objects, errors as `{"__type": "<Code>", "message": …}` (HTTP 400 for client errors).
 */
import { ApiError } from '../protocol/errors';
import { parseJsonObject } from '../protocol/json-body';
import type { ServiceAnswer } from '../service';

export const KMS_CONTENT_TYPE = 'application/x-amz-json-1.1';
export const KMS_TARGET_PREFIX = 'TrentService.';

export type JsonInput = Readonly<Record<string, unknown>>;

export function parseInput(body: Buffer): JsonInput {
  return parseJsonObject(body, () => new ApiError('SerializationException', 'Start of structure or map found where not expected.'));
}

/** KMS's wording for a missing or mistyped member. */
export function validationError(member: string, constraint: string): ApiError {
  return new ApiError('ValidationException', `1 validation error detected: Value at '${member}' failed to satisfy constraint: ${constraint}`);
}

export function optionalString(input: JsonInput, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validationError(lowerFirst(name), 'Member must be a string');
  return value;
}

export function requiredString(input: JsonInput, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined || value === '') throw validationError(lowerFirst(name), 'Member must not be null');
  return value;
}

export function optionalInt(input: JsonInput, name: string, min: number, max: number): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw validationError(lowerFirst(name), `Member must have value between ${min} and ${max}`);
  }
  return value;
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export function kmsErrorAnswer(error: ApiError, requestId: string): ServiceAnswer {
  // The query services' UnauthorizedOperation (denyAction knob) is KMS's AccessDeniedException.
  const code = error.code === 'UnauthorizedOperation' ? 'AccessDeniedException' : error.code;
  return {
    status: error.status === 403 && code === 'AccessDeniedException' ? 400 : error.status,
    body: JSON.stringify({ __type: code, message: error.message }),
    contentType: KMS_CONTENT_TYPE,
    headers: { 'x-amzn-errortype': code, 'x-amzn-requestid': requestId },
  };
}
