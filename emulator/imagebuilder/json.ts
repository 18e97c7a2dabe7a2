/**
 * Reading Image Builder's rest-json input without trusting its shape: members come from the
 * JSON body (PUT/POST) or the query string (GET/DELETE), and a member of the wrong type is
 * InvalidParameterValueException naming the member, as the service answers.
 */
import { parseJsonObject } from '../protocol/json-body';
import { imageBuilderError, invalidValue } from './errors';

export type JsonObject = Readonly<Record<string, unknown>>;

export function parseJsonBody(body: Buffer): JsonObject {
  return parseJsonObject(body, (problem) =>
    imageBuilderError('ClientException', problem === 'syntax' ? 'The request body is not valid JSON.' : 'The request body must be a JSON object.'),
  );
}

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function optString(input: JsonObject, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidValue(name, 'It must be a string.');
  return value;
}

export function reqString(input: JsonObject, name: string): string {
  const value = optString(input, name);
  if (value === undefined || value === '') {
    throw imageBuilderError('InvalidRequestException', `The request is missing the required parameter '${name}'.`);
  }
  return value;
}

export function optBool(input: JsonObject, name: string): boolean | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidValue(name, 'It must be a boolean.');
  return value;
}

export function optInt(input: JsonObject, name: string, min: number, max: number): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidValue(name, `It must be an integer from ${min} to ${max}.`);
  }
  return value;
}

export function stringList(input: JsonObject, name: string): string[] {
  const value = input[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw invalidValue(name, 'It must be a list of strings.');
  }
  return value;
}

export function stringMap(input: JsonObject, name: string): Record<string, string> {
  const value = input[name];
  if (value === undefined || value === null) return {};
  if (!isObject(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw invalidValue(name, 'It must be a map of strings.');
  }
  return { ...(value as Record<string, string>) };
}

export function objectList(input: JsonObject, name: string): JsonObject[] {
  const value = input[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every(isObject)) throw invalidValue(name, 'It must be a list of objects.');
  return value;
}

export function optObject(input: JsonObject, name: string): JsonObject | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw invalidValue(name, 'It must be an object.');
  return value;
}

/** Drops undefined and null members, so answers carry only what a resource has (as AWS's do). */
export function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) out[k] = v;
  return out as Partial<T>;
}
