/**
 * Parameter constraints of the STS actions, reported the way STS reports them:
 * `ValidationError` with "N validation error(s) detected: Value 'x' at 'field' failed to
 * satisfy constraint: …", all failures of one request joined by "; ".
 */
import { ApiError } from '../protocol/errors';
import type { QueryParams } from '../protocol/query';

interface StringRule {
  /** The member name as the error message spells it (lower camel case). */
  field: string;
  param: string;
  min: number;
  max: number;
  /** The pattern as the API model writes it (shown in the message) and as a RegExp. */
  pattern?: { text: string; regex: RegExp };
  required?: boolean;
}

export const PATTERNS = {
  sessionName: { text: '[\\w+=,.@-]*', regex: /^[\w+=,.@-]*$/ },
  externalId: { text: '[\\w+=,.@:\\/-]*', regex: /^[\w+=,.@:/-]*$/ },
  serialNumber: { text: '[\\w+=/:,.@-]*', regex: /^[\w+=/:,.@-]*$/ },
  tokenCode: { text: '[\\d]*', regex: /^\d*$/ },
} as const;

export class Validator {
  private readonly problems: string[] = [];

  constructor(private readonly params: QueryParams) {}

  string(rule: StringRule): string | undefined {
    const value = this.params.string(rule.param);
    if (value === undefined) {
      if (rule.required) this.problems.push(`Value null at '${rule.field}' failed to satisfy constraint: Member must not be null`);
      return undefined;
    }
    const at = `Value '${value}' at '${rule.field}' failed to satisfy constraint:`;
    if (value.length < rule.min) this.problems.push(`${at} Member must have length greater than or equal to ${rule.min}`);
    else if (value.length > rule.max) this.problems.push(`${at} Member must have length less than or equal to ${rule.max}`);
    else if (rule.pattern && !rule.pattern.regex.test(value)) {
      this.problems.push(`${at} Member must satisfy regular expression pattern: ${rule.pattern.text}`);
    }
    return value;
  }

  integer(field: string, param: string, min: number, max: number): number | undefined {
    const raw = this.params.string(param);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    const at = `Value '${raw}' at '${field}' failed to satisfy constraint:`;
    if (!/^-?\d{1,10}$/.test(raw)) this.problems.push(`${at} Member must be a number`);
    else if (value < min) this.problems.push(`${at} Member must have value greater than or equal to ${min}`);
    else if (value > max) this.problems.push(`${at} Member must have value less than or equal to ${max}`);
    return value;
  }

  /** Throws the collected ValidationError, if any. */
  check(): void {
    if (this.problems.length === 0) return;
    const n = this.problems.length;
    throw validationError(`${n} validation error${n === 1 ? '' : 's'} detected: ${this.problems.join('; ')}`);
  }
}

export const validationError = (message: string): ApiError => new ApiError('ValidationError', message, 400);

export const accessDenied = (message: string): ApiError => new ApiError('AccessDenied', message, 403);
