/**
 * Account and client channels: add access paths (keys, roles, CLI profiles) — each attached to
 * the AWS account it reaches, joining it when the workspace has it already — edit accounts and
 * paths, verify, remove.
 */
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { AppError } from '../../../shared/errors';
import type { AddPathResult, ProfileImportResult } from '../../../shared/contract';
import type { ProfileInfo, RegionInfo } from '../../../shared/model';
import { accountOfArn, listProfiles } from '../accounts/profiles';
import { secretKeyFor, type AccountRecord, type NewPath } from '../accounts/registry';
import { hasHistory } from '../accounts/attach';
import type { AccountSource } from '../accounts/account-source';
import { nameOf } from '../accounts/access';
import type { CoreContext } from '../context';
import { auditProductionChanges, guardAccountChange, guardClientChange } from '../production-flag';
import { requireConfirmations } from '../production-guard';
import type { AuditBook } from '../sharing/audit-book';
import type { Handlers } from './types';

type AccountHandlers = Pick<
  Handlers,
  | 'accounts:addAccessKey'
  | 'accounts:addRole'
  | 'accounts:update'
  | 'accounts:remove'
  | 'paths:update'
  | 'paths:updateKeys'
  | 'paths:remove'
  | 'paths:verify'
  | 'clients:update'
  | 'profiles:list'
  | 'profiles:import'
  | 'regions:list'
  | 'mfa:answer'
  | 'keychain:useSessionOnly'
>;

/** Failures after which a new path is not kept: AWS said no, so what was typed is wrong. */
const REJECTED = new Set(['AUTH_FAILED', 'ACCESS_DENIED', 'KEYCHAIN_UNAVAILABLE', 'VALIDATION', 'CONFLICT']);

/** Where a new path goes before STS has spoken: the account named, the one its settings name, or a new one. */
interface Placement {
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

export interface AccountHandlerOptions {
  /** The CLI's --endpoint: every profile's calls go there. */
  endpointOverride: string | null;
  /** Where changes of production status are recorded. */
  audit: AuditBook;
}

export function accountHandlers(ctx: CoreContext, options: AccountHandlerOptions): AccountHandlers {
  const own = (): AccountSource => ctx.active();

  /** The account a new path starts in, and whether it joined one the workspace had. */
  const place = (placement: Placement): { account: AccountRecord; created: boolean } => {
    const { registry } = own();
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
  };

  /** Takes a path back out, with the accounts made for it (those not in `before`) when nothing else is in them. */
  const undoPath = async (pathId: string, before: ReadonlySet<string>): Promise<void> => {
    const { registry, secrets } = own();
    registry.removePath(pathId);
    await secrets.delete(secretKeyFor(pathId)).catch(() => false);
    ctx.forgetCredentials(pathId);
    ctx.health.forget(pathId);
    for (const account of registry.listAccounts()) {
      if (!before.has(account.id) && registry.pathsOf(account.id).length === 0 && !hasHistory(registry.db, account.id)) registry.removeAccount(account.id);
    }
  };

  /** Adds a path, verifies it, and takes it back out when AWS rejects what was typed. */
  const addPath = async (placement: Placement, fields: NewPath, secret: string | null): Promise<AddPathResult> => {
    const { registry, secrets } = own();
    const before = new Set(registry.listAccounts().map((a) => a.id));
    const { account, created } = place(placement);
    const path = registry.addPath(account.id, { ...fields, endpoint: placement.endpoint });
    try {
      if (secret !== null) await secrets.set(secretKeyFor(path.id), secret);
      const attached = await ctx.verifyPath(path.id);
      // Asked to add a way into this account, it reaches another: not what the user meant.
      if (placement.account && attached.account.id !== placement.account) throw reachesOther(account, attached.account.awsAccountId ?? 'another account');
    } catch (error) {
      if (error instanceof AppError && REJECTED.has(error.code)) {
        await undoPath(path.id, before);
        ctx.workspaceChanged();
        throw error;
      }
      // Unreachable or throttled: keep the path (nothing typed is lost); its health says why.
    }
    const now = registry.getPath(path.id) ?? path;
    return { workspace: ctx.workspaceChanged(), account: now.accountId, accountName: now.accountName, path: path.id, joined: !created || now.accountId !== account.id };
  };

  const importedAs = (profileName: string) => {
    const path = own()
      .registry.listPaths()
      .find((p) => p.kind === 'profile' && p.profileName === profileName);
    return path ? { path: path.id, account: path.accountId, accountName: path.accountName } : null;
  };

  const profileInfos = async (): Promise<ProfileInfo[]> => (await listProfiles(ctx.profileFiles)).map((p) => ({ ...p, imported: importedAs(p.name) }));

  return {
    'accounts:addAccessKey': async (input) => {
      await ctx.user.secrets.refresh();
      return addPath(
        {
          name: input.name,
          clientName: input.clientName,
          defaultRegion: input.defaultRegion,
          production: input.production,
          endpoint: input.endpoint ?? null,
          account: input.account,
          expected: null,
        },
        { kind: 'access-key', accessKeyId: input.accessKeyId },
        input.secretAccessKey,
      );
    },

    'accounts:addRole': async (input) => {
      const { path: source } = ctx.requirePath(input.sourcePath);
      return addPath(
        {
          name: input.name,
          clientName: input.clientName,
          defaultRegion: input.defaultRegion,
          production: input.production,
          // A role reached through a custom endpoint (e.g. the demo world) lives behind it too.
          endpoint: source.endpoint,
          account: input.account,
          expected: accountOfArn(input.roleArn),
        },
        {
          kind: 'assume-role',
          roleArn: input.roleArn,
          sourcePath: source.id,
          externalId: input.externalId ?? null,
          mfaSerial: input.mfaSerial ?? null,
          sessionName: input.sessionName ?? null,
          durationSeconds: input.durationSeconds ?? null,
        },
        null,
      );
    },

    'accounts:update': async ({ account, clientName, confirmations, ...changes }) => {
      const { source, account: before } = ctx.require(account);
      guardAccountChange(ctx, source, account, { production: changes.production, clientName }, confirmations ?? {});
      const summariesBefore = ctx.workspace().accounts;
      for (const pathId of [changes.readPath, changes.writePath]) {
        if (pathId && source.registry.getPath(pathId)?.accountId !== account) {
          throw new AppError({ code: 'VALIDATION', message: 'That access path does not reach this account.', retryable: false, details: { issues: ['path: not one of the account\'s paths'] } });
        }
      }
      const clientId = clientName ? source.registry.ensureClient(clientName).id : undefined;
      source.registry.updateAccount(account, {
        ...changes,
        ...(clientId ? { clientId } : {}),
      });
      // Moving the last account out of a client leaves nothing to group: the empty client goes.
      if (clientId && clientId !== before.clientId) source.registry.removeClientIfEmpty(before.clientId);
      const moved = clientId && clientId !== before.clientId ? ` (moved to client ${source.registry.getClient(clientId)?.name ?? clientName})` : '';
      const workspace = ctx.workspaceChanged();
      auditProductionChanges(options.audit, source, summariesBefore, workspace.accounts, `its own production flag${moved}`);
      return workspace;
    },

    'accounts:remove': async ({ account, confirmations }) => {
      const { source, account: record } = ctx.require(account);
      // Removing a production account removes its guard with it: its name first, and a line in
      // the audit log (kept with the client's other entries).
      requireConfirmations(ctx, [account], confirmations ?? {}, 'removing it from AMI Atlas');
      const summary = ctx.workspace().accounts.find((a) => a.id === account);
      const paths = source.registry.pathsOf(account);
      const outside = paths.flatMap((p) => source.registry.dependentsOf(p.id)).filter((d) => d.accountId !== account);
      if (outside.length > 0) {
        throw new AppError({
          code: 'CONFLICT',
          message: `Other accounts assume roles through ${record.name}: ${[...new Set(outside.map((d) => d.accountName))].join(', ')}. Remove those paths or give them another source first.`,
          retryable: false,
          details: { account, accountName: record.name },
        });
      }
      for (const path of paths) {
        ctx.forgetCredentials(path.id);
        ctx.health.forget(path.id);
      }
      source.registry.removeAccount(account);
      if (summary?.production) auditProductionChanges(options.audit, source, [summary], [{ ...summary, production: false }], 'the account was removed from AMI Atlas');
      for (const path of paths) await source.secrets.delete(secretKeyFor(path.id));
      return ctx.workspaceChanged();
    },

    'paths:update': async ({ path: pathId, ...changes }) => {
      const { source } = ctx.requirePath(pathId);
      source.registry.updatePath(pathId, changes);
      if (changes.externalId !== undefined || changes.mfaSerial !== undefined) ctx.forgetCredentials(pathId);
      return ctx.workspaceChanged();
    },

    'paths:updateKeys': async ({ path: pathId, accessKeyId, secretAccessKey }) => {
      const { source, path: before } = ctx.requirePath(pathId);
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
      ctx.forgetCredentials(pathId);
      try {
        const attached = await ctx.verifyPath(pathId);
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
          ctx.forgetCredentials(pathId);
        }
        throw error;
      }
      return ctx.workspaceChanged();
    },

    'paths:remove': async ({ path: pathId }) => {
      const { source, path } = ctx.requirePath(pathId);
      const dependents = source.registry.dependentsOf(pathId);
      if (dependents.length > 0) {
        throw new AppError({
          code: 'CONFLICT',
          message: `Roles are assumed through ${nameOf(path)}: ${dependents.map((d) => `${d.accountName} (${nameOf(d)})`).join(', ')}. Remove those paths or give them another source first.`,
          retryable: false,
          details: { account: path.accountId, accountName: path.accountName },
        });
      }
      ctx.forgetCredentials(pathId);
      source.registry.removePath(pathId);
      await source.secrets.delete(secretKeyFor(pathId));
      ctx.health.forget(pathId);
      return ctx.workspaceChanged();
    },

    'paths:verify': async ({ path: pathId }) => {
      const { path } = ctx.requirePath(pathId);
      ctx.forgetCredentials(pathId);
      const attached = await ctx.verifyPath(pathId);
      const now = ctx.requirePath(pathId).path;
      ctx.workspaceChanged();
      return {
        awsAccountId: attached.account.awsAccountId ?? '',
        arn: now.arn ?? '',
        alias: attached.account.alias,
        account: attached.account.id,
        accountName: attached.account.name,
        moved: attached.account.id !== path.accountId,
      };
    },

    'clients:update': async ({ client, confirmations, ...changes }) => {
      const owner = own();
      const record = owner.registry.getClient(client);
      if (!record) throw new AppError({ code: 'NOT_FOUND', message: 'That client is no longer in the workspace.', retryable: false });
      guardClientChange(owner, client, changes.production, confirmations ?? {});
      const summariesBefore = ctx.workspace().accounts;
      if (changes.name) {
        const same = owner.registry.findClient(changes.name);
        if (same && same.id !== client) {
          throw new AppError({
            code: 'CONFLICT',
            message: `There is a client called ${same.name} already. Move this client's accounts to it instead, or choose another name.`,
            retryable: false,
            details: { issues: [`name: ${same.name} exists`] },
          });
        }
      }
      owner.registry.updateClient(client, changes);
      const workspace = ctx.workspaceChanged();
      auditProductionChanges(options.audit, owner, summariesBefore, workspace.accounts, `the production flag of client ${changes.name ?? record.name}`);
      return workspace;
    },

    'profiles:list': async () => profileInfos(),

    'profiles:import': async ({ profiles }) => {
      const available = new Map((await profileInfos()).map((p) => [p.name, p]));
      const results: ProfileImportResult['results'] = [];
      // One at a time: profiles sharing an MFA device or SSO session then ask only once.
      for (const request of profiles) {
        const profile = available.get(request.profileName);
        const refuse = (message: string) =>
          results.push({
            profileName: request.profileName,
            account: null,
            accountName: null,
            path: null,
            joined: false,
            verified: false,
            error: { code: 'VALIDATION', message, retryable: false },
          });
        if (!profile) {
          refuse(`There is no profile "${request.profileName}" in the AWS CLI files.`);
          continue;
        }
        if (profile.problem || profile.kind === 'unsupported') {
          refuse(profile.problem ?? `Profile "${profile.name}" has no credentials AMI Atlas can use.`);
          continue;
        }
        const already = importedAs(profile.name);
        if (already) {
          refuse(`Profile "${profile.name}" is already a way into ${already.accountName}.`);
          continue;
        }
        try {
          const added = await addProfile(request, profile);
          results.push(added);
        } catch (error) {
          const shape = error instanceof AppError ? error.toShape() : { code: 'INTERNAL' as const, message: String(error), retryable: false };
          results.push({ profileName: profile.name, account: null, accountName: null, path: null, joined: false, verified: false, error: shape });
        }
      }
      return { workspace: ctx.workspaceChanged(), results };
    },

    'regions:list': async ({ account }) => {
      const { account: record } = ctx.require(account);
      return ctx.read(account, record.defaultRegion, 'ec2:DescribeRegions', async (path) => {
        const out = await ctx.pool.ec2(path, record.defaultRegion).send(new DescribeRegionsCommand({ AllRegions: true }));
        const favorites = new Set(record.favoriteRegions);
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
      const state = await ctx.user.secrets.refresh();
      if (state.available) {
        throw new AppError({ code: 'CONFLICT', message: 'The OS keychain is available; secrets are kept there.', retryable: false });
      }
      ctx.user.secrets.useSessionOnly();
      return ctx.workspaceChanged();
    },
  };

  /** One profile: kept even when it cannot be verified yet (SSO sign-in, MFA); its health says what to do. */
  async function addProfile(
    request: { profileName: string; name: string; clientName: string; production?: boolean | undefined; account?: string | undefined },
    profile: ProfileInfo,
  ): Promise<ProfileImportResult['results'][number]> {
    const { registry } = own();
    const before = new Set(registry.listAccounts().map((a) => a.id));
    // A command line's --endpoint wins over the profile's endpoint_url.
    const endpoint = options.endpointOverride ?? profile.endpointUrl;
    const { account, created } = place({
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
      const attached = await ctx.verifyPath(path.id);
      if (request.account && attached.account.id !== request.account) {
        await undoPath(path.id, before);
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
}

function reachesOther(account: AccountRecord, awsAccountId: string): AppError {
  return new AppError({
    code: 'CONFLICT',
    message: `These credentials reach AWS account ${awsAccountId}, not ${account.name}${account.awsAccountId ? ` (${account.awsAccountId})` : ''}. Add them as their own account instead.`,
    retryable: false,
    details: { account: account.id, accountName: account.name },
  });
}
