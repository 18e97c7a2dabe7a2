/**
 * Accounts found in bulk: every account × role an IAM Identity Center user may use (through
 * the AWS access portal, after the device sign-in the app shares with the AWS CLI), and every
 * account of an AWS Organizations organization, reached through one role name.
 */
import { z } from 'zod';
import type { AppErrorShape } from '../errors';
import type { SsoSignInStart, Workspace } from '../model';
import { endpoint, externalId, mfaSerial } from './accounts';
import { displayName, id, region, output, event } from './fields';

/** The access portal's address: https only, as IAM Identity Center gives it. */
const startUrl = z.url({ protocol: /^https$/, error: 'must be the AWS access portal URL, such as https://my-org.awsapps.com/start' }).max(512);
/** An `[sso-session NAME]` of the AWS config, so the token is shared with the CLI's profiles. */
const sessionName = z.string().regex(/^[\w.-]{1,64}$/, '1–64 letters, digits, dots, dashes or underscores');
/** A permission set's name, as the portal lists it. */
const roleName = z.string().regex(/^[\w+=,.@-]{1,32}$/, 'must be a permission set name such as ReadOnlyAccess');

/** Accounts to add through a role: the 12-digit id, our name for it, its client. */
const roleAccounts = z
  .array(
    z.strictObject({
      awsAccountId: z.string().regex(/^\d{12}$/, 'must be a 12-digit account id'),
      name: displayName,
      clientName: displayName,
      /** A new account's production flag (changes there then ask for its name); an account the workspace has keeps its own. */
      production: z.boolean().optional(),
    }),
  )
  .min(1)
  .max(500);

export const schemas = {
  ssoDirectory: z.strictObject({
    startUrl,
    ssoRegion: region,
    sessionName: sessionName.nullable().optional(),
    /** An AWS-compatible endpoint for Identity Center's calls (default: AWS in ssoRegion). */
    endpoint: endpoint.nullable().optional(),
  }),
  ssoAdd: z.strictObject({
    startUrl,
    ssoRegion: region,
    /** Required here: the profiles written for the accounts name it. */
    sessionName,
    endpoint: endpoint.nullable().optional(),
    accounts: z
      .array(
        z.strictObject({
          awsAccountId: z.string().regex(/^\d{12}$/, 'must be a 12-digit account id'),
          /** As the portal names it (the profile is named after it). */
          accountName: displayName,
          /** The role reads go through. */
          readRole: roleName,
          /** The role changes go through (null: the read role). */
          writeRole: roleName.nullable().optional(),
          clientName: displayName,
          /** Our name for the account (default: the portal's). */
          name: displayName.optional(),
        }),
      )
      .min(1)
      .max(500),
  }),
  /** No start URL: every portal accounts were added from. */
  ssoRefresh: z.strictObject({ startUrl: startUrl.optional() }),
  ssoDismiss: z.strictObject({
    startUrl,
    /** Accounts × roles not to offer again. */
    offers: z.array(z.strictObject({ awsAccountId: z.string().regex(/^\d{12}$/), role: roleName })).max(2000),
    /** Ways in the portal no longer gives, kept on purpose: no longer flagged. */
    removals: z.array(z.strictObject({ awsAccountId: z.string().regex(/^\d{12}$/), role: roleName })).max(2000),
  }),
  orgAccounts: z.strictObject({ account: id }),
  bulkRoles: z.strictObject({
    /** The access path whose credentials assume the role in every account. */
    sourcePath: id,
    roleName: z.string().regex(/^[\w+=,.@/-]{1,64}$/, 'must be an IAM role name such as ReadOnlyImages'),
    externalId: externalId.nullable().optional(),
    mfaSerial: mfaSerial.nullable().optional(),
    accounts: roleAccounts,
  }),
  orgAdd: z.strictObject({
    /** The account whose acting path assumes the role (the management account, or a delegated administrator). */
    account: id,
    roleName: z.string().regex(/^[\w+=,.@-]{1,64}$/, 'must be an IAM role name such as OrganizationAccountAccessRole'),
    externalId: externalId.nullable().optional(),
    mfaSerial: mfaSerial.nullable().optional(),
    accounts: roleAccounts,
  }),
} as const;

/** An account of the organization, as its management account sees it. */
export interface OrgAccount {
  awsAccountId: string;
  name: string;
  email: string;
  /** SUSPENDED accounts are shown and skipped. */
  status: string;
  /** OU names from the root down, e.g. ['Workloads', 'Prod']. */
  ouPath: string[];
  inWorkspace: { account: string; accountName: string } | null;
}

export interface OrgDirectory {
  /** The account it was read through. */
  account: string;
  accounts: OrgAccount[];
}

export interface OrgAddResult {
  awsAccountId: string;
  name: string;
  account: string | null;
  verified: boolean;
  error: AppErrorShape | null;
}

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

/** A way into an account that the portal no longer gives (the profile and path are still there). */
export interface SsoRemoved {
  awsAccountId: string;
  role: string;
  account: string;
  accountName: string;
  path: string;
  profileName: string;
}

/**
 * What changed in a portal accounts were added from, against what the user saw when adding and
 * what the workspace has: new accounts and roles offered (until added or dismissed), ways in
 * the portal dropped flagged (until removed or kept). Nothing is added or removed by itself.
 */
export interface SsoPortalChanges {
  startUrl: string;
  ssoRegion: string;
  sessionName: string;
  endpoint: string | null;
  /** The client its accounts were added to. */
  clientName: string;
  /** When the portal was last read; null before the first look. */
  checkedAt: string | null;
  /** current: read at checkedAt; sign-in: the token has expired (nothing read); failed: see error. */
  state: 'current' | 'sign-in' | 'failed' | 'unchecked';
  error: AppErrorShape | null;
  /** Accounts with the roles that are new to the user (the account itself may be in the workspace). */
  offered: DirectoryAccount[];
  removed: SsoRemoved[];
}

/** An `[sso-session NAME]` of the user's AWS config, offered as a start. */
export interface SsoSessionInfo {
  name: string;
  startUrl: string;
  ssoRegion: string;
}

export interface SsoDiscoveryStatus {
  startUrl: string;
  state: 'pending' | 'signed-in' | 'denied' | 'expired' | 'failed';
  message: string | null;
}

/** What became of one account asked for: added (or joined) and verified, added but not verified yet, or not added. */
export interface SsoAddResult {
  awsAccountId: string;
  accountName: string;
  /** The workspace's account, when it was added or joined. */
  account: string | null;
  /** The AWS CLI profiles written for it (read role first). */
  profiles: string[];
  verified: boolean;
  error: AppErrorShape | null;
}

export const channels = {
  /** Starts the device sign-in for a start URL (a browser opens); `discovery:ssoStatus` says how it ends. */
  'discovery:ssoSignIn': { input: schemas.ssoDirectory, output: output<SsoSignInStart>() },
  /** Every account × role of the signed-in user, all pages read, throttling retried. */
  'discovery:ssoAccounts': { input: schemas.ssoDirectory, output: output<SsoDirectory>() },
  /**
   * Adds accounts through their roles: a marked AWS CLI profile per account × role (beside the
   * user's own, never replacing them), imported as the account's read and write paths.
   */
  'discovery:ssoAdd': { input: schemas.ssoAdd, output: output<{ workspace: Workspace; results: SsoAddResult[] }>() },
  /** The sso-session sections of the AWS config (start URL and region each), to start from one. */
  'discovery:ssoSessions': { input: z.strictObject({}), output: output<SsoSessionInfo[]>() },
  /** The portals accounts were added from, with the changes the last look found. */
  'discovery:ssoPortals': { input: z.strictObject({}), output: output<SsoPortalChanges[]>() },
  /** Reads the portals again now (all, or one) and compares; portals not signed in say so. */
  'discovery:ssoRefresh': { input: schemas.ssoRefresh, output: output<SsoPortalChanges[]>() },
  /** Offers not to make again and removals to stop flagging; answers the portals as they are now. */
  'discovery:ssoDismiss': { input: schemas.ssoDismiss, output: output<SsoPortalChanges[]>() },
  /** Every account of the organization with its OU path and status (organizations:ListAccounts through the account). */
  'discovery:orgAccounts': { input: schemas.orgAccounts, output: output<OrgDirectory>() },
  /** Adds accounts through one role name assumed from the account's acting path, each verified on its own. */
  'discovery:orgAdd': { input: schemas.orgAdd, output: output<{ workspace: Workspace; results: OrgAddResult[] }>() },
  /** The same role name in many accounts from one source path, each verified; failures say the fix. */
  'discovery:bulkRoles': { input: schemas.bulkRoles, output: output<{ workspace: Workspace; results: OrgAddResult[] }>() },
} as const;

export const events = {
  'discovery:ssoStatus': event<SsoDiscoveryStatus>(),
  /** A look at the portals made without being asked (at start, at most every few hours). */
  'discovery:ssoChanges': event<SsoPortalChanges[]>(),
} as const;
