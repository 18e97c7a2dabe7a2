/**
 * Accounts found in bulk: every account × role an IAM Identity Center user may use (through
 * the AWS access portal, after the device sign-in the app shares with the AWS CLI).
 */
import { z } from 'zod';
import type { SsoSignInStart } from '../model';
import { endpoint } from './accounts';
import { region, output, event } from './fields';

/** The access portal's address: https only, as IAM Identity Center gives it. */
const startUrl = z.url({ protocol: /^https$/, error: 'must be the AWS access portal URL, such as https://my-org.awsapps.com/start' }).max(512);
/** An `[sso-session NAME]` of the AWS config, so the token is shared with the CLI's profiles. */
const sessionName = z.string().regex(/^[\w.-]{1,64}$/, '1–64 letters, digits, dots, dashes or underscores');

export const schemas = {
  ssoDirectory: z.strictObject({
    startUrl,
    ssoRegion: region,
    sessionName: sessionName.nullable().optional(),
    /** An AWS-compatible endpoint for Identity Center's calls (default: AWS in ssoRegion). */
    endpoint: endpoint.nullable().optional(),
  }),
} as const;

/** One account of the portal, with the roles the user may take in it. */
export interface DirectoryAccount {
  awsAccountId: string;
  /** As the portal names it. */
  accountName: string;
  email: string;
  /** Permission sets, sorted. */
  roles: string[];
  /** The workspace's account for it, when the workspace has one. */
  inWorkspace: { account: string; accountName: string } | null;
}

export interface SsoDirectory {
  startUrl: string;
  ssoRegion: string;
  /** By portal name. */
  accounts: DirectoryAccount[];
}

export interface SsoDiscoveryStatus {
  startUrl: string;
  state: 'pending' | 'signed-in' | 'denied' | 'expired' | 'failed';
  message: string | null;
}

export const channels = {
  /** Starts the device sign-in for a start URL (a browser opens); `discovery:ssoStatus` says how it ends. */
  'discovery:ssoSignIn': { input: schemas.ssoDirectory, output: output<SsoSignInStart>() },
  /** Every account × role of the signed-in user, all pages read, throttling retried. */
  'discovery:ssoAccounts': { input: schemas.ssoDirectory, output: output<SsoDirectory>() },
} as const;

export const events = {
  'discovery:ssoStatus': event<SsoDiscoveryStatus>(),
} as const;
