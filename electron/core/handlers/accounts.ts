/** Account and client channels: add (keys, roles, CLI profiles), edit, verify, remove. */
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { AppError } from '../../../shared/errors';
import type { AccountVerifyResult, ProfileImportResult } from '../../../shared/contract';
import type { ProfileInfo, RegionInfo } from '../../../shared/model';
import { IDENTITY_REGION, readIdentity } from '../accounts/identity';
import { listProfiles } from '../accounts/profiles';
import { secretKeyFor, type AccountRecord } from '../accounts/registry';
import type { AccountSource } from '../accounts/account-source';
import type { CoreContext } from '../context';
import type { Handlers } from './types';

type AccountHandlers = Pick<
  Handlers,
  | 'accounts:addAccessKey'
  | 'accounts:addRole'
  | 'accounts:update'
  | 'accounts:updateKeys'
  | 'accounts:remove'
  | 'accounts:verify'
  | 'clients:update'
  | 'profiles:list'
  | 'profiles:import'
  | 'regions:list'
  | 'mfa:answer'
  | 'keychain:useSessionOnly'
>;

/** Failures after which a new entry is not kept: AWS said no, so what was typed is wrong. */
const REJECTED = new Set(['AUTH_FAILED', 'ACCESS_DENIED', 'KEYCHAIN_UNAVAILABLE', 'VALIDATION', 'CONFLICT']);

export function verifyAccount(ctx: CoreContext, source: AccountSource, account: AccountRecord): Promise<AccountVerifyResult> {
  return ctx.withAccount(account.id, IDENTITY_REGION, 'sts:GetCallerIdentity', async (current) => {
    const identity = await readIdentity(ctx.pool, current);
    source.registry.setIdentity(current.id, identity);
    return identity;
  });
}

export function accountHandlers(ctx: CoreContext): AccountHandlers {
  const { user } = ctx;

  /** Adds an entry, verifies it, and takes it back out when AWS rejects what was typed. */
  const addVerified = async (record: AccountRecord, secret: string | null) => {
    try {
      if (secret !== null) await user.secrets.set(secretKeyFor(record.id), secret);
      await verifyAccount(ctx, user, record);
    } catch (error) {
      if (error instanceof AppError && REJECTED.has(error.code)) {
        user.registry.removeAccount(record.id);
        await user.secrets.delete(secretKeyFor(record.id)).catch(() => false);
        ctx.forgetCredentials(record.id);
        ctx.health.forget(record.id);
        throw error;
      }
      // Unreachable or throttled: keep the entry (nothing typed is lost); its health says why.
    }
    return ctx.workspaceChanged();
  };

  const importedAs = (profileName: string) => user.registry.listAccounts().find((a) => a.kind === 'profile' && a.profileName === profileName)?.id ?? null;

  const profileInfos = async (): Promise<ProfileInfo[]> =>
    (await listProfiles(ctx.profileFiles)).map((p) => ({ ...p, importedAs: importedAs(p.name) }));

  return {
    'accounts:addAccessKey': async (input) => {
      await user.secrets.refresh();
      const client = user.registry.ensureClient(input.clientName);
      const record = user.registry.addAccount({
        kind: 'access-key',
        name: input.name,
        clientId: client.id,
        accessKeyId: input.accessKeyId,
        defaultRegion: input.defaultRegion,
        endpoint: input.endpoint ?? null,
        production: input.production ?? false,
      });
      return addVerified(record, input.secretAccessKey);
    },

    'accounts:addRole': async (input) => {
      const { account: source } = ctx.require(input.sourceAccount);
      const client = user.registry.ensureClient(input.clientName);
      const record = user.registry.addAccount({
        kind: 'assume-role',
        name: input.name,
        clientId: client.id,
        roleArn: input.roleArn,
        sourceAccount: source.id,
        externalId: input.externalId ?? null,
        mfaSerial: input.mfaSerial ?? null,
        sessionName: input.sessionName ?? null,
        durationSeconds: input.durationSeconds ?? null,
        defaultRegion: input.defaultRegion,
        // A role reached through a custom endpoint (e.g. the demo world) lives behind it too.
        endpoint: source.endpoint,
        production: input.production ?? false,
      });
      return addVerified(record, null);
    },

    'accounts:update': async ({ account, clientName, ...changes }) => {
      const { source, account: before } = ctx.require(account);
      const clientId = clientName ? source.registry.ensureClient(clientName).id : undefined;
      source.registry.updateAccount(account, { ...changes, ...(clientId ? { clientId } : {}) });
      if (changes.externalId !== undefined || changes.mfaSerial !== undefined) ctx.forgetCredentials(account);
      // Moving the last account out of a client leaves nothing to group: the empty client goes.
      if (clientId && clientId !== before.clientId) source.registry.removeClientIfEmpty(before.clientId);
      return ctx.workspaceChanged();
    },

    'accounts:updateKeys': async ({ account, accessKeyId, secretAccessKey }) => {
      const { source, account: before } = ctx.require(account);
      if (before.kind !== 'access-key') {
        throw new AppError({ code: 'VALIDATION', message: `${before.name} is not an access-key account; its credentials come from ${before.kind === 'profile' ? 'its AWS CLI profile' : 'its source account'}.`, retryable: false });
      }
      const previousSecret = await source.secrets.get(secretKeyFor(account));
      await source.secrets.set(secretKeyFor(account), secretAccessKey);
      source.registry.updateAccount(account, { accessKeyId });
      ctx.forgetCredentials(account);
      try {
        await verifyAccount(ctx, source, source.registry.getAccount(account)!);
      } catch (error) {
        if (error instanceof AppError && error.code === 'AUTH_FAILED') {
          // The new pair is wrong: put the old one back so nothing is lost.
          if (previousSecret !== null) await source.secrets.set(secretKeyFor(account), previousSecret);
          source.registry.updateAccount(account, { accessKeyId: before.accessKeyId });
          ctx.forgetCredentials(account);
        }
        throw error;
      }
      return ctx.workspaceChanged();
    },

    'accounts:remove': async ({ account }) => {
      const { source } = ctx.require(account);
      const dependents = source.registry.dependentsOf(account);
      if (dependents.length > 0) {
        throw new AppError({
          code: 'CONFLICT',
          message: `Other accounts assume roles through this one: ${dependents.map((d) => d.name).join(', ')}. Remove them or give them another source first.`,
          retryable: false,
          details: { account },
        });
      }
      ctx.forgetCredentials(account);
      source.registry.removeAccount(account);
      await source.secrets.delete(secretKeyFor(account));
      ctx.health.forget(account);
      return ctx.workspaceChanged();
    },

    'accounts:verify': async ({ account }) => {
      const { source, account: record } = ctx.require(account);
      ctx.forgetCredentials(account);
      const result = await verifyAccount(ctx, source, record);
      ctx.workspaceChanged();
      return result;
    },

    'clients:update': async ({ client, ...changes }) => {
      const owner = ctx.sources().find((s) => s.registry.getClient(client));
      if (!owner) throw new AppError({ code: 'NOT_FOUND', message: 'That client is no longer in the workspace.', retryable: false });
      owner.registry.updateClient(client, changes);
      return ctx.workspaceChanged();
    },

    'profiles:list': async () => profileInfos(),

    'profiles:import': async ({ profiles }) => {
      const available = new Map((await profileInfos()).map((p) => [p.name, p]));
      const results: ProfileImportResult['results'] = [];
      // One at a time: profiles sharing an MFA device or SSO session then ask only once.
      for (const request of profiles) {
        const profile = available.get(request.profileName);
        const refuse = (message: string) =>
          results.push({ profileName: request.profileName, account: null, verified: false, error: { code: 'VALIDATION', message, retryable: false } });
        if (!profile) {
          refuse(`There is no profile "${request.profileName}" in the AWS CLI files.`);
          continue;
        }
        if (profile.problem || profile.kind === 'unsupported') {
          refuse(profile.problem ?? `Profile "${profile.name}" has no credentials AMI Atlas can use.`);
          continue;
        }
        if (profile.importedAs) {
          refuse(`Profile "${profile.name}" is already imported.`);
          continue;
        }
        const client = user.registry.ensureClient(request.clientName);
        const record = user.registry.addAccount({
          kind: 'profile',
          name: request.name,
          clientId: client.id,
          profileName: profile.name,
          mfaSerial: profile.mfaSerial,
          externalId: profile.externalId,
          roleArn: profile.roleArn,
          defaultRegion: profile.region ?? 'us-east-1',
          endpoint: profile.endpointUrl,
          production: request.production ?? false,
        });
        try {
          await verifyAccount(ctx, user, record);
          results.push({ profileName: profile.name, account: record.id, verified: true, error: null });
        } catch (error) {
          // Kept either way: a profile needing SSO sign-in or MFA is fine to add; its health says what to do.
          const shape = error instanceof AppError ? error.toShape() : { code: 'INTERNAL' as const, message: String(error), retryable: false };
          results.push({ profileName: profile.name, account: record.id, verified: false, error: shape });
        }
      }
      return { workspace: ctx.workspaceChanged(), results };
    },

    'regions:list': async ({ account }) => {
      const { account: record } = ctx.require(account);
      return ctx.withAccount(account, record.defaultRegion, 'ec2:DescribeRegions', async (current) => {
        const out = await ctx.pool.ec2(current, current.defaultRegion).send(new DescribeRegionsCommand({ AllRegions: true }));
        const favorites = new Set(current.favoriteRegions);
        return (out.Regions ?? [])
          .filter((r): r is typeof r & { RegionName: string } => Boolean(r.RegionName))
          .map(
            (r): RegionInfo => ({
              name: r.RegionName,
              optInStatus: r.OptInStatus ?? 'opt-in-not-required',
              enabled: r.OptInStatus !== 'not-opted-in',
              favorite: favorites.has(r.RegionName),
            }),
          )
          .sort((a, b) => a.name.localeCompare(b.name));
      });
    },

    'mfa:answer': async ({ requestId, code }) => ({ accepted: ctx.mfa.answer(requestId, code) }),

    'keychain:useSessionOnly': async () => {
      const state = await user.secrets.refresh();
      if (state.available) {
        throw new AppError({ code: 'CONFLICT', message: 'The OS keychain is available; secrets are kept there.', retryable: false });
      }
      user.secrets.useSessionOnly();
      return ctx.workspaceChanged();
    },
  };
}
