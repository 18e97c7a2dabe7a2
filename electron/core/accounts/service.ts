/**
 * The accounts service: an account added through a new key pair or role (joining the account it
 * reaches when the workspace has it), edited, removed; the regions it can use. Serves the
 * `accounts:*` and `regions:*` channels (see serve.ts).
 */
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { AppError } from '../../../shared/errors';
import type { AddPathResult, ChannelParsedInput } from '../../../shared/contract';
import type { RegionInfo, Workspace } from '../../../shared/model';
import type { CoreContext } from '../context';
import { auditProductionChanges, guardAccountChange } from '../production-flag';
import { requireConfirmations } from '../production-guard';
import type { AuditBook } from '../sharing/audit-book';
import { accountOfArn } from './profiles';
import type { PathAdding, Placement } from './path-adding';
import { secretKeyFor } from './registry';

export interface AccountsDeps {
  aws: Pick<CoreContext, 'read' | 'pool'>;
  accounts: Pick<CoreContext, 'require' | 'requirePath' | 'forgetCredentials' | 'health' | 'workspace' | 'workspaceChanged' | 'user' | 'quietly'>;
  adding: PathAdding;
  /** Where changes of production status are recorded. */
  audit: AuditBook;
}

/** Where a new access path's account goes: the form's name, client, region and production flag. */
function placementOf(
  input: Pick<ChannelParsedInput<'accounts:addAccessKey'>, 'name' | 'clientName' | 'defaultRegion' | 'production' | 'account'>,
  endpoint: string | null,
  expected: string | null,
): Placement {
  return { name: input.name, clientName: input.clientName, defaultRegion: input.defaultRegion, production: input.production, endpoint, account: input.account, expected };
}

export class AccountsService {
  constructor(private readonly deps: AccountsDeps) {}

  async addAccessKey(input: ChannelParsedInput<'accounts:addAccessKey'>): Promise<AddPathResult> {
    await this.deps.accounts.user.secrets.refresh();
    // Not announced while STS is asked: a page would show an account that may vanish again (and
    // the first-run screen would give way to the app and come back, losing what was typed).
    const added = await this.deps.accounts.quietly(() =>
      this.deps.adding.add(
        placementOf(input, input.endpoint ?? null, null),
        { kind: 'access-key', accessKeyId: input.accessKeyId },
        input.secretAccessKey,
      ),
    );
    return { workspace: this.deps.accounts.workspaceChanged(), ...added };
  }

  async addRole(input: ChannelParsedInput<'accounts:addRole'>): Promise<AddPathResult> {
    const { path: source } = this.deps.accounts.requirePath(input.sourcePath);
    const added = await this.deps.accounts.quietly(() =>
      // A role reached through a custom endpoint (e.g. the demo world) lives behind it too.
      this.deps.adding.add(
        placementOf(input, source.endpoint, accountOfArn(input.roleArn)),
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
      ),
    );
    return { workspace: this.deps.accounts.workspaceChanged(), ...added };
  }

  async update({ account, clientName, confirmations, ...changes }: ChannelParsedInput<'accounts:update'>): Promise<Workspace> {
    const { accounts, audit } = this.deps;
    const { source, account: before } = accounts.require(account);
    guardAccountChange(accounts, source, account, { production: changes.production, clientName }, confirmations ?? {});
    const summariesBefore = accounts.workspace().accounts;
    for (const pathId of [changes.readPath, changes.writePath]) {
      if (pathId && source.registry.getPath(pathId)?.accountId !== account) {
        throw new AppError({ code: 'VALIDATION', message: 'That access path does not reach this account.', retryable: false, details: { issues: ["path: not one of the account's paths"] } });
      }
    }
    const clientId = clientName ? source.registry.ensureClient(clientName).id : undefined;
    source.registry.updateAccount(account, { ...changes, ...(clientId ? { clientId } : {}) });
    // Moving the last account out of a client leaves nothing to group: the empty client goes.
    if (clientId && clientId !== before.clientId) source.registry.removeClientIfEmpty(before.clientId);
    const moved = clientId && clientId !== before.clientId ? ` (moved to client ${source.registry.getClient(clientId)?.name ?? clientName})` : '';
    const workspace = accounts.workspaceChanged();
    auditProductionChanges(audit, source, summariesBefore, workspace.accounts, `its own production flag${moved}`);
    return workspace;
  }

  async remove({ account, confirmations }: ChannelParsedInput<'accounts:remove'>): Promise<Workspace> {
    const { accounts, audit } = this.deps;
    const { source, account: record } = accounts.require(account);
    // Removing a production account removes its guard with it: its name first, and a line in
    // the audit log (kept with the client's other entries).
    requireConfirmations(accounts, [account], confirmations ?? {}, 'removing it from AMI Atlas');
    const summary = accounts.workspace().accounts.find((a) => a.id === account);
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
      accounts.forgetCredentials(path.id);
      accounts.health.forget(path.id);
    }
    source.registry.removeAccount(account);
    if (summary?.production) auditProductionChanges(audit, source, [summary], [{ ...summary, production: false }], 'the account was removed from AMI Atlas');
    for (const path of paths) await source.secrets.delete(secretKeyFor(path.id));
    return accounts.workspaceChanged();
  }

  /** `regions:list`: every region, with its opt-in state and whether the user made it a favourite. */
  async list({ account }: ChannelParsedInput<'regions:list'>): Promise<RegionInfo[]> {
    const { aws, accounts } = this.deps;
    const { account: record } = accounts.require(account);
    return aws.read(account, record.defaultRegion, 'ec2:DescribeRegions', async (path) => {
      const out = await aws.pool.ec2(path, record.defaultRegion).send(new DescribeRegionsCommand({ AllRegions: true }));
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
  }
}
