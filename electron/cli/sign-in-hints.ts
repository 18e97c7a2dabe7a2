/**
 * What a script's author should do about an account whose credentials failed, in one line: the
 * CLI cannot open a browser or show the app's fix buttons, so it names the command or file.
 */
import type { AccountSummary } from '../../shared/model';

export function signInHint(account: Pick<AccountSummary, 'name' | 'fix' | 'fixPath' | 'paths'>): string {
  const path = account.paths.find((p) => p.id === account.fixPath) ?? account.paths[0];
  const profile = path?.profileName ?? null;
  if (!profile) return `open AMI Atlas and use the fix shown on ${account.name}, then run this again`;
  switch (account.fix) {
    case 'sso-sign-in':
      return `run "aws sso login --profile ${profile}" (the AWS CLI and AMI Atlas share its token cache), then run this again`;
    case 'enter-mfa':
      return `run this in a terminal to be asked for the MFA code of profile ${profile}`;
    case 'update-keys':
      return `the access key of profile ${profile} was rejected: update it in your AWS credentials file, then run this again`;
    case 'fix-source':
      return `profile ${profile} assumes its role through a profile that failed: fix that one first`;
    case 'edit-profile':
      return `fix profile ${profile} in your AWS config or credentials file (AWS rejected what it gives), then run this again`;
    case 'retry':
    case null:
      return 'try again when AWS can be reached';
  }
}
