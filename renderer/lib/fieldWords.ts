/**
 * What the account forms say when a value is refused, field by field. The contract's schemas
 * (shared/contract/accounts.ts, discovery.ts) decide what is valid; these say it in words a person
 * can act on. Kept in lib/ because the account forms and the discovery dialogs both use them.
 */
import type { FieldWords } from './errors';

const KEY_ID = 'Enter the 20-character access key ID (it starts with AKIA or ASIA).';
const SECRET = 'Paste the 40-character secret access key that was shown with this key ID when it was created.';

const placement = {
  name: 'Give the account a name you will recognise, such as prod-eu (up to 100 characters).',
  clientName: 'Name the client this account belongs to, such as Acme (up to 100 characters).',
  defaultRegion: 'Enter the region code where the account opens, such as eu-west-1.',
} as const;

export const ACCESS_KEY_WORDS: FieldWords = {
  ...placement,
  accessKeyId: KEY_ID,
  secretAccessKey: SECRET,
  endpoint: 'Enter the endpoint’s full address, such as https://ec2.eu-west-1.amazonaws.com, or leave it empty for AWS itself.',
  production: 'Tick or untick the production box.',
};

export const ROLE_WORDS: FieldWords = {
  ...placement,
  sourcePath: 'Choose the access path whose credentials assume the role.',
  roleArn: 'Enter the role’s ARN, such as arn:aws:iam::123456789012:role/ReadOnly.',
  externalId: 'An external ID is 2 to 1224 letters, digits or +=,.@:/- characters, as the role’s trust policy names it.',
  mfaSerial: 'Enter the MFA device’s ARN, such as arn:aws:iam::123456789012:mfa/name, or its serial number.',
  sessionName: 'A session name is 2 to 64 letters, digits or +=,.@- characters, without spaces.',
  durationSeconds: 'Choose a session duration between 15 minutes and 12 hours.',
};

/** The bulk role dialogs (pasted accounts, an organization's): one role name assumed in many accounts. */
export const BULK_ROLE_WORDS: FieldWords = {
  sourcePath: ROLE_WORDS.sourcePath ?? '',
  roleName: 'Enter the role’s name as it is in every account, such as OrganizationAccountAccessRole (letters, digits and +=,.@_- characters, up to 64).',
  externalId: ROLE_WORDS.externalId ?? '',
  mfaSerial: ROLE_WORDS.mfaSerial ?? '',
  clientName: placement.clientName,
};

export const UPDATE_KEYS_WORDS: FieldWords = {
  accessKeyId: KEY_ID,
  secretAccessKey: SECRET,
};
