/**
 * Reading an IAM Identity Center user's directory through the AWS access portal: every account
 * (ListAccounts) and, for each, the roles the user may take (ListAccountRoles), all pages. The
 * bearer token is the one the device sign-in left in the AWS CLI's cache, so a sign-in by
 * `aws sso login` serves too. Throttling (TooManyRequestsException) is retried by the SDK.
 */
import { paginateListAccountRoles, paginateListAccounts, SSOClient } from '@aws-sdk/client-sso';
import { AppError } from '../../../shared/errors';
import { toAppError } from '../aws/errors';
import { parseCacheTimestamp, readJsonFile, tokenCacheFile } from '../credentials/sso-cache';
import { mapLimited } from '../map-limited';

export interface DirectoryEntry {
  awsAccountId: string;
  accountName: string;
  email: string;
  roles: string[];
}

export interface DirectoryRead {
  accessToken: string;
  region: string;
  endpoint: string | null;
  /** Results per portal page (the portal allows up to 100 with the SDK's default). */
  pageSize: number;
  /** Accounts whose roles are read at once. */
  concurrency: number;
  maxAttempts: number;
}

/** The cached token for this start URL (or sso-session), when it is there and not expired. */
export async function cachedSsoToken(cacheDir: string, sessionName: string | null, startUrl: string, now: Date): Promise<string | null> {
  const value = await readJsonFile(tokenCacheFile(cacheDir, sessionName, startUrl));
  if (typeof value !== 'object' || value === null) return null;
  const token = value as Record<string, unknown>;
  const expiresAt = parseCacheTimestamp(token.expiresAt);
  if (typeof token.accessToken !== 'string' || !expiresAt || expiresAt.getTime() <= now.getTime()) return null;
  return token.accessToken;
}

export async function readSsoDirectory(read: DirectoryRead): Promise<DirectoryEntry[]> {
  const client = new SSOClient({ region: read.region, maxAttempts: read.maxAttempts, ...(read.endpoint ? { endpoint: read.endpoint } : {}) });
  try {
    const accounts: Array<{ accountId: string; accountName: string; email: string }> = [];
    for await (const page of paginateListAccounts({ client, pageSize: read.pageSize }, { accessToken: read.accessToken })) {
      for (const a of page.accountList ?? []) {
        if (a.accountId) accounts.push({ accountId: a.accountId, accountName: a.accountName ?? a.accountId, email: a.emailAddress ?? '' });
      }
    }
    const entries = await mapLimited(accounts, read.concurrency, async (a): Promise<DirectoryEntry> => {
      const roles: string[] = [];
      for await (const page of paginateListAccountRoles({ client, pageSize: read.pageSize }, { accessToken: read.accessToken, accountId: a.accountId })) {
        for (const r of page.roleList ?? []) if (r.roleName) roles.push(r.roleName);
      }
      return { awsAccountId: a.accountId, accountName: a.accountName, email: a.email, roles: [...new Set(roles)].sort() };
    });
    return entries.sort((x, y) => x.accountName.localeCompare(y.accountName) || x.awsAccountId.localeCompare(y.awsAccountId));
  } catch (error) {
    if (error instanceof AppError) throw error;
    const name = (error as { name?: string }).name;
    if (name === 'UnauthorizedException') {
      throw new AppError({ code: 'AUTH_FAILED', message: 'The AWS access portal no longer accepts the sign-in: sign in again.', retryable: false });
    }
    // Named as the portal, not as an account: no account of the workspace is involved yet.
    const shape = toAppError(error, { account: '', accountName: 'the AWS access portal', region: read.region, action: 'sso:ListAccounts' }).toShape();
    throw new AppError({ ...shape, details: { region: read.region, action: 'sso:ListAccounts', ...(shape.details?.awsCode ? { awsCode: shape.details.awsCode } : {}) } });
  } finally {
    client.destroy();
  }
}
