/** Reading the JSON bodies of the rest-json SSO calls without trusting their shape. */
import { oidcError } from './errors';

export type JsonObject = Record<string, unknown>;

export function parseJsonObject(body: Buffer): JsonObject {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw oidcError('InvalidRequestException', 'Request body is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw oidcError('InvalidRequestException', 'Request body must be a JSON object');
  }
  return parsed as JsonObject;
}

export function optionalString(body: JsonObject, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw oidcError('InvalidRequestException', `${key} must be a string`);
  return value;
}

export function requiredString(body: JsonObject, key: string): string {
  const value = optionalString(body, key);
  if (value === undefined || value === '') throw oidcError('InvalidRequestException', `${key} is required`);
  return value;
}

export function stringList(body: JsonObject, key: string): string[] {
  const value = body[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw oidcError('InvalidRequestException', `${key} must be a list of strings`);
  }
  return value;
}
