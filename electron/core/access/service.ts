/**
 * The access service: the ways into an account once it is in the workspace — paths edited, given
 * new keys, verified, removed; AWS CLI profiles listed and imported as paths; SSO sign-in; MFA
 * codes answered. Serves the `paths:*`, `profiles:*`, `sso:*` and `mfa:*` channels (see serve.ts).
 */
import { AppError } from '../../../shared/errors';
import type { AccountVerifyResult, ChannelParsedInput, ProfileImportResult } from '../../../shared/contract';
import type { ProfileInfo, SsoSignInStart, Workspace } from '../../../shared/model';
import { nameOf } from '../accounts/access';
import { reachesOther, type PathAdding, type ProfileOutcome } from '../accounts/path-adding';
import { secretKeyFor } from '../accounts/registry';
import type { CoreContext } from '../context';
import type { SsoSignIns } from './sso-sign-ins';

export interface AccessDeps {
  accounts: Pick<CoreContext, 'requirePath' | 'verifyPath' | 'forgetCredentials' | 'health' | 'workspaceChanged' | 'mfa'>;
  adding: PathAdding;
  sso: SsoSignIns;
}

export class AccessService {
  constructor(private readonly deps: AccessDeps) {}

  /** `paths:update`: a label, or the ExternalId / MFA device its role is assumed with. */
  async update({ path: pathId, ...changes }: ChannelParsedInput<'paths:update'>): Promise<Workspace> {
    const { accounts } = this.deps;
    const { source } = accounts.requirePath(pathId);
    source.registry.updatePath(pathId, changes);
    if (changes.externalId !== undefined || changes.mfaSerial !== undefined) accounts.forgetCredentials(pathId);
    return accounts.workspaceChanged();
  }

  /** `paths:updateKeys`: a rotated key pair, kept only when it reaches the same account. */
  async updateKeys({ path: pathId, accessKeyId, secretAccessKey }: ChannelParsedInput<'paths:updateKeys'>): Promise<Workspace> {
    const { accounts } = this.deps;
    const { source, path: before } = accounts.requirePath(pathId);
    if (before.kind !== 'access-key') {
      throw new AppError({
        code: 'VALIDATION',
        message: `${nameOf(before)} is not a key pair; its credentials come from ${before.kind === 'profile' ? 'its AWS CLI profile' : 'its source path'}.`,
        retryable: false,
      });
    }
    const previousSecret = await source.secrets.get(secretKeyFor(pathId));
    await source.secrets.set(secretKeyFor(pathId), secretAccessKey);
    source.registry.updatePath(pathId, { accessKeyId });
    accounts.forgetCredentials(pathId);
    try {
      const attached = await accounts.verifyPath(pathId);
      if (attached.account.id !== before.accountId) {
        // A key of another account is not a new key for this one: put the old one back.
        throw reachesOther(source.registry.getAccount(before.accountId) ?? attached.account, attached.account.awsAccountId ?? 'another account');
      }
    } catch (error) {
      if (error instanceof AppError && (error.code === 'AUTH_FAILED' || error.code === 'CONFLICT')) {
        // The new pair is wrong: put the old one back so nothing is lost.
        if (previousSecret !== null) await source.secrets.set(secretKeyFor(pathId), previousSecret);
        source.registry.updatePath(pathId, { accessKeyId: before.accessKeyId });
        if (source.registry.getPath(pathId)?.accountId !== before.accountId) source.registry.movePath(pathId, before.accountId);
        accounts.forgetCredentials(pathId);
      }
      throw error;
    }
    return accounts.workspaceChanged();
  }

  /** `paths:remove`: one way in goes; the account stays. */
  async remove({ path: pathId }: ChannelParsedInput<'paths:remove'>): Promise<Workspace> {
    const { accounts } = this.deps;
    const { source, path } = accounts.requirePath(pathId);
    const dependents = source.registry.dependentsOf(pathId);
    if (dependents.length > 0) {
      throw new AppError({
        code: 'CONFLICT',
        message: `Roles are assumed through ${nameOf(path)}: ${dependents.map((d) => `${d.accountName} (${nameOf(d)})`).join(', ')}. Remove those paths or give them another source first.`,
        retryable: false,
        details: { account: path.accountId, accountName: path.accountName },
      });
    }
    accounts.forgetCredentials(pathId);
    source.registry.removePath(pathId);
    await source.secrets.delete(secretKeyFor(pathId));
    accounts.health.forget(pathId);
    return accounts.workspaceChanged();
  }

  async verify({ path: pathId }: ChannelParsedInput<'paths:verify'>): Promise<AccountVerifyResult> {
    const { accounts } = this.deps;
    const { path } = accounts.requirePath(pathId);
    accounts.forgetCredentials(pathId);
    const attached = await accounts.verifyPath(pathId);
    const now = accounts.requirePath(pathId).path;
    accounts.workspaceChanged();
    return {
      awsAccountId: attached.account.awsAccountId ?? '',
      arn: now.arn ?? '',
      alias: attached.account.alias,
      account: attached.account.id,
      accountName: attached.account.name,
      moved: attached.account.id !== path.accountId,
    };
  }

  /** `profiles:list`. */
  async list(): Promise<ProfileInfo[]> {
    return this.deps.adding.profiles();
  }

  /** `profiles:import`: each profile on its own, so one refused does not stop the rest. */
  async import({ profiles }: ChannelParsedInput<'profiles:import'>): Promise<ProfileImportResult> {
    const { adding, accounts } = this.deps;
    const available = new Map((await adding.profiles()).map((p) => [p.name, p]));
    const results: ProfileOutcome[] = [];
    const refused = (profileName: string, message: string): ProfileOutcome => ({
      profileName,
      account: null,
      accountName: null,
      path: null,
      joined: false,
      verified: false,
      error: { code: 'VALIDATION', message, retryable: false },
    });
    // One at a time: profiles sharing an MFA device or SSO session then ask only once.
    for (const request of profiles) {
      const profile = available.get(request.profileName);
      if (!profile) {
        results.push(refused(request.profileName, `There is no profile "${request.profileName}" in the AWS CLI files.`));
        continue;
      }
      if (profile.problem || profile.kind === 'unsupported') {
        results.push(refused(request.profileName, profile.problem ?? `Profile "${profile.name}" has no credentials AMI Atlas can use.`));
        continue;
      }
      const already = adding.importedAs(profile.name);
      if (already) {
        results.push(refused(request.profileName, `Profile "${profile.name}" is already a way into ${already.accountName}.`));
        continue;
      }
      try {
        results.push(await adding.addProfile(request, profile));
      } catch (error) {
        const shape = error instanceof AppError ? error.toShape() : { code: 'INTERNAL' as const, message: String(error), retryable: false };
        results.push({ profileName: profile.name, account: null, accountName: null, path: null, joined: false, verified: false, error: shape });
      }
    }
    return { workspace: accounts.workspaceChanged(), results };
  }

  /** `sso:signIn`: the device code and page to open; the outcome comes as `sso:status`. */
  async signIn({ path }: ChannelParsedInput<'sso:signIn'>): Promise<SsoSignInStart> {
    return this.deps.sso.signIn(path);
  }

  async cancel({ path }: ChannelParsedInput<'sso:cancel'>): Promise<Workspace> {
    this.deps.sso.cancel(path);
    return this.deps.accounts.workspaceChanged();
  }

  /** `mfa:answer`: a code (or null to cancel) for a waiting prompt. */
  async answer({ requestId, code }: ChannelParsedInput<'mfa:answer'>): Promise<{ accepted: boolean }> {
    return { accepted: this.deps.accounts.mfa.answer(requestId, code) };
  }
}
