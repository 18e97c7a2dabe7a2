/** Human wording for error codes; the code itself is still shown for support and search. */
import type { ErrorCode } from '../../shared/errors';

const titles: Record<ErrorCode, string> = {
  VALIDATION: 'Some values are not valid',
  UNKNOWN_CHANNEL: 'The app core does not know this request',
  FORBIDDEN_SENDER: 'Request refused by the app core',
  ACCOUNT_NOT_FOUND: 'Account not found',
  NOT_FOUND: 'Not found',
  ACCESS_DENIED: 'Access denied',
  AUTH_FAILED: 'Credentials rejected',
  THROTTLED: 'AWS is throttling requests',
  NETWORK: 'Endpoint unreachable',
  KEYCHAIN_UNAVAILABLE: 'Keychain unavailable',
  CONFLICT: 'This would break something else',
  CONFIRMATION_REQUIRED: 'Confirmation needed',
  AWS_ERROR: 'AWS returned an error',
  DATABASE_BUSY: 'The data folder is in use',
  DISK_FULL: 'The disk is full',
  STORAGE_FAILED: 'Could not save the app’s data',
  DATABASE_UNAVAILABLE: 'The app’s data could not be opened',
  INTERNAL: 'Something went wrong',
};

export function errorTitle(code: ErrorCode): string {
  return titles[code];
}

/**
 * Splits VALIDATION issues ("accessKeyId: must be …") by field, so each message can sit next
 * to its input. Issues that name no known field are returned under the empty key.
 */
export function issuesByField(issues: readonly string[] | undefined, fields: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues ?? []) {
    const match = /^\s*([A-Za-z0-9_.[\]]+)\s*:\s*(.*)$/s.exec(issue);
    const path = match?.[1]?.split(/[.[]/)[0] ?? '';
    const field = fields.includes(path) ? path : '';
    const text = field ? (match?.[2] ?? issue) : issue;
    (out[field] ??= []).push(text);
  }
  return out;
}

/** Per field, what to say when its value was refused: the sentence a person can act on. */
export type FieldWords = Readonly<Record<string, string>>;

/**
 * The schema's complaints, field by field, in the form's own words. The schema stays the one
 * judge of what is valid; its text ("Too small: expected string to have >=1 characters") is
 * replaced by the field's sentence. A message already written as a sentence for people (it ends
 * with a full stop, as the endpoint's checks do) is kept, since it says more than a generic one.
 * Issues that name no field of the form stay under the empty key, as issuesByField leaves them.
 */
export function issuesInWords(issues: readonly string[] | undefined, words: FieldWords): Record<string, string[]> {
  const byField = issuesByField(issues, Object.keys(words));
  const out: Record<string, string[]> = {};
  for (const [field, raw] of Object.entries(byField)) {
    const sentence = words[field];
    const said = raw.map((text) => (sentence === undefined || /\.\s*$/.test(text) ? text : sentence));
    out[field] = [...new Set(said)];
  }
  return out;
}
