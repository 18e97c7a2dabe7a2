/**
 * Adding an access path: it goes into the account the user named, the one its own settings name
 * (a role ARN, an SSO account id), or a new account; then STS says which account it really
 * reaches. When AWS rejects what was typed, the path (and any account made for it) goes again.
 */
import { AppError } from '../../../shared/errors';
import type { ProfileImportResult } from '../../../shared/contract';
import type { ProfileInfo } from '../../../shared/model';
import type { CoreContext } from '../context';
import { hasHistory } from './attach';
import { listProfiles } from './profiles';
import { secretKeyFor, type AccountRecord, type NewPath } from './registry';

/** Failures after which a new path is not kept: AWS said no, so what was typed is wrong. */
const REJECTED = new Set(['AUTH_FAILED', 'ACCESS_DENIED', 'KEYCHAIN_UNAVAILABLE', 'VALIDATION', 'CONFLICT']);

/** Where a new path goes before STS has spoken: the account named, the one its settings name, or a new one. */
export interface Placement {
  name: string;
  clientName: string;
  defaultRegion: string;
  production?: boolean | undefined;
  endpoint: string | null;
  /** An account the user chose to add the path to. */
  account?: string | undefined;
  /** The account the path's own settings name (a role ARN, an SSO account id). */
  expected: string | null;
}

export interface ProfileRequest {
  profileName: string;
  name: string;
  clientName: string;
  production?: boolean | undefined;
  account?: string | undefined;
}

export type ProfileOutcome = ProfileImportResult['results'][number];

export interface PathAddingDeps {
  accounts: Pick<CoreContext, 'active' | 'verifyPath' | 'forgetCredentials' | 'health' | 'profileFiles' | 'workspaceChanged'>;
  /** The CLI's --endpoint: every profile's calls go there. */
  endpointOverride: string | null;
}

export class PathAdding {
  constructor(private readonly deps: PathAddingDeps) {}

  /** Adds a path, verifies it, and takes it back out when AWS rejects what was typed. */
  async add(placement: Placement, fields: NewPath, secret: string | null): Promise<{ account: string; accountName: string; path: string; joined: boolean }> {
    const { accounts } = this.deps;
    const { registry, secrets } = accounts.active();
    const before = this.accountIds();
    const { account, created } = this.place(placement);
    const path = registry.addPath(account.id, { ...fields, endpoint: placement.endpoint });
    try {
      if (secret !== null) await secrets.set(secretKeyFor(path.id), secret);
      const attached = await accounts.verifyPath(path.id);
      // Asked to add a way into this account, it reaches another: not what the user meant.
      if (placement.account && attached.account.id !== placement.account) throw reachesOther(account, attached.account.awsAccountId ?? 'another account');
    } catch (error) {
      if (error instanceof AppError && REJECTED.has(error.code)) {
        await this.undo(path.id, before);
        accounts.workspaceChanged();
        throw error;
      }
      // Unreachable or throttled: keep the path (nothing typed is lost); its health says why.
    }
    const now = registry.getPath(path.id) ?? path;
    return { account: now.accountId, accountName: now.accountName, path: path.id, joined: !created || now.accountId !== account.id };
  }

  /** One profile: kept even when it cannot be verified yet (SSO sign-in, MFA); its health says what to do. */
  async addProfile(request: ProfileRequest, profile: ProfileInfo): Promise<ProfileOutcome> {
    const { accounts, endpointOverride } = this.deps;
    const { registry } = accounts.active();
    const before = this.accountIds();
    // A command line's --endpoint wins over the profile's endpoint_url.
    const endpoint = endpointOverride ?? profile.endpointUrl;
    const { account, created } = this.place({
      name: request.name,
      clientName: request.clientName,
      defaultRegion: profile.region ?? 'us-east-1',
      production: request.production,
      endpoint,
      account: request.account,
      expected: profile.expectedAccountId,
    });
    const path = registry.addPath(account.id, {
      kind: 'profile',
      profileName: profile.name,
      mfaSerial: profile.mfaSerial,
      externalId: profile.externalId,
      roleArn: profile.roleArn,
      endpoint,
    });
    try {
      const attached = await accounts.verifyPath(path.id);
      if (request.account && attached.account.id !== request.account) {
        await this.undo(path.id, before);
        throw reachesOther(account, attached.account.awsAccountId ?? 'another account');
      }
      const now = registry.getPath(path.id)!;
      return { profileName: profile.name, account: now.accountId, accountName: now.accountName, path: path.id, joined: !created || now.accountId !== account.id, verified: true, error: null };
    } catch (error) {
      if (error instanceof AppError && error.code === 'CONFLICT') throw error;
      // Kept either way: a profile needing SSO sign-in or MFA is fine to add; its health says what to do.
      const shape = error instanceof AppError ? error.toShape() : { code: 'INTERNAL' as const, message: String(error), retryable: false };
      const now = registry.getPath(path.id) ?? path;
      return { profileName: profile.name, account: now.accountId, accountName: now.accountName, path: path.id, joined: !created, verified: false, error: shape };
    }
  }

  /** The AWS CLI's profiles, each with the path it was imported as (if any). */
  async profiles(): Promise<ProfileInfo[]> {
    return (await listProfiles(this.deps.accounts.profileFiles)).map((p) => ({ ...p, imported: this.importedAs(p.name) }));
  }

  importedAs(profileName: string): ProfileInfo['imported'] {
    const path = this.deps.accounts
      .active()
      .registry.listPaths()
      .find((p) => p.kind === 'profile' && p.profileName === profileName);
    return path ? { path: path.id, account: path.accountId, accountName: path.accountName } : null;
  }

  private accountIds(): ReadonlySet<string> {
    return new Set(this.deps.accounts.active().registry.listAccounts().map((a) => a.id));
  }

  /** The account a new path starts in, and whether it joined one the workspace had. */
  private place(placement: Placement): { account: AccountRecord; created: boolean } {
    const { registry } = this.deps.accounts.active();
    if (placement.account) {
      const chosen = registry.getAccount(placement.account);
      if (!chosen) throw new AppError({ code: 'ACCOUNT_NOT_FOUND', message: 'That account is no longer in the workspace.', retryable: false });
      if (placement.expected && chosen.awsAccountId && placement.expected !== chosen.awsAccountId) throw reachesOther(chosen, placement.expected);
      return { account: chosen, created: false };
    }
    const existing = placement.expected ? registry.findByIdentity(placement.expected, placement.endpoint) : undefined;
    if (existing) return { account: existing, created: false };
    const client = registry.ensureClient(placement.clientName);
    const account = registry.addAccount({
      name: placement.name,
      clientId: client.id,
      defaultRegion: placement.defaultRegion,
      endpoint: placement.endpoint,
      production: placement.production ?? false,
      awsAccountId: placement.expected,
    });
    return { account, created: true };
  }

  /** Takes a path back out, with the accounts made for it (those not in `before`) when nothing else is in them. */
  private async undo(pathId: string, before: ReadonlySet<string>): Promise<void> {
    const { accounts } = this.deps;
    const { registry, secrets } = accounts.active();
    registry.removePath(pathId);
    await secrets.delete(secretKeyFor(pathId)).catch(() => false);
    accounts.forgetCredentials(pathId);
    accounts.health.forget(pathId);
    for (const account of registry.listAccounts()) {
      if (!before.has(account.id) && registry.pathsOf(account.id).length === 0 && !hasHistory(registry.db, account.id)) registry.removeAccount(account.id);
    }
  }
}

export function reachesOther(account: AccountRecord, awsAccountId: string): AppError {
  return new AppError({
    code: 'CONFLICT',
    message: `These credentials reach AWS account ${awsAccountId}, not ${account.name}${account.awsAccountId ? ` (${account.awsAccountId})` : ''}. Add them as their own account instead.`,
    retryable: false,
    details: { account: account.id, accountName: account.name },
  });
}
