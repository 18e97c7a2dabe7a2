/**
 * The sharing service: plan a share/unshare (read-only), apply it with the production and public
 * guards enforced here (not only in the page), reset, leave a share as the recipient, undo
 * from the audit log, and the share matrix read from the inventory. Serves `sharing:*` and
 * `audit:*` (see serve.ts): an undo re-applies through the same guarded apply, so the audit log's
 * channels live here rather than in a service that would have to reach back in.
 *
 * Every apply re-reads the images first, so the plan the user confirmed is checked against
 * AWS's state at that moment; a retry of the same request only does what is still missing.
 */
import { CancelImageLaunchPermissionCommand, ResetImageAttributeCommand, ResetSnapshotAttributeCommand } from '@aws-sdk/client-ec2';
import { AppError, type AppErrorShape } from '../../../shared/errors';
import type { AccountSummary } from '../../../shared/model';
import {
  entityKey,
  type AuditAction,
  type ImageRef,
  type KeyPolicyNeed,
  type ShareChangeRequest,
  type ShareEntity,
  type ShareItemResult,
  type SharePlan,
  type SharePlanItem,
  type ShareResult,
} from '../../../shared/sharing';
import type { AccountRecord, PathRecord } from '../accounts/registry';
import { actorOf } from '../accounts/access';
import { accountError, placeError, type CoreContext } from '../context';
import { requireConfirmations } from '../production-guard';
import type { InventoryReflector } from '../inventory/reflect-change';
import type { InventoryStore } from '../inventory/store';
import { applyItem } from './apply';
import type { AuditBook } from './audit-book';
import { withAuditNote } from './audit-log';
import { countEntities } from './entities';
import { readBlockPublicAccess, readImageFacts, type ImageFacts } from './image-facts';
import { shareMatrix } from './matrix';
import { OrganizationBook } from './organizations';
import { planItem } from './plan';
import { mapLimited } from '../map-limited';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import type { channels } from '../../../shared/contract/sharing';
import type { ServiceOf } from '../serve';

export interface SharingDeps {
  /** AWS through the accounts' paths: reads through any healthy one, changes through the acting one. */
  aws: Pick<CoreContext, 'read' | 'write' | 'pool'>;
  /** The accounts: where an image's account is, who acts for it, which are production, the open workspace. */
  accounts: Pick<CoreContext, 'require' | 'find' | 'actingPath' | 'workspace' | 'active'>;
  events: Pick<CoreContext, 'emit'>;
  audit: AuditBook;
  inventory: InventoryStore;
  reflect: InventoryReflector;
  /** How many images are read or changed at once. */
  concurrency?: number;
}

export class SharingService implements ServiceOf<typeof channels> {
  private readonly organizations: OrganizationBook;
  /** How many images are read or changed at once. */
  private readonly concurrency: number;

  constructor(private readonly deps: SharingDeps) {
    this.organizations = new OrganizationBook(deps.aws, deps.accounts);
    this.concurrency = deps.concurrency ?? 4;
  }

  async plan(request: ChannelParsedInput<'sharing:plan'>): Promise<SharePlan> {
    return this.planAll(request);
  }

  async apply(request: ChannelParsedInput<'sharing:apply'>): Promise<ShareResult> {
    return this.applyPlanned(request);
  }

  async reset({ account, region, imageId, snapshots, confirmations }: ChannelParsedInput<'sharing:reset'>): Promise<ShareResult> {
    const { audit, aws, accounts, events } = this.deps;
    requireConfirmations(accounts, [account], confirmations, 'changing who may launch its images');
    const located = accounts.require(account);
    const log = audit.logFor(located.source);
    let facts: ImageFacts | null = null;
    try {
      facts = await aws.write(account, region, 'ec2:ResetImageAttribute', async (path) => {
        const ec2 = aws.pool.ec2(path, region);
        const wrap = this.wrapFor(path, region);
        const read = await readImageFacts(ec2, aws.pool.kms(path, region), imageId, path.awsAccountId, wrap);
        if (read.launchPermissions === null) {
          throw new AppError({ code: 'ACCESS_DENIED', message: `Only the owner (${read.ownerId}) can reset ${imageId}.`, retryable: false });
        }
        try {
          await ec2.send(new ResetImageAttributeCommand({ ImageId: imageId, Attribute: 'launchPermission' }));
          if (snapshots) {
            for (const s of read.snapshots) {
              await ec2.send(new ResetSnapshotAttributeCommand({ SnapshotId: s.snapshotId, Attribute: 'createVolumePermission' }));
            }
          }
        } catch (error) {
          throw wrap(error, 'ec2:ResetImageAttribute');
        }
        return read;
      });
    } catch (error) {
      const appError = error instanceof AppError ? error : accountError(error, located.account, region, 'ec2:ResetImageAttribute');
      const logged = log.record({ ...this.actor(account), ...resetEntry(located.account, region, imageId, facts, 'failed', appError.message) });
      return { items: [{ ref: { account, region, imageId }, imageName: facts?.name ?? imageId, outcome: 'failed', message: withAuditNote(appError.message, logged), error: shapeOf(appError), auditId: logged.id }] };
    }
    const removed = facts.launchPermissions ?? [];
    const outcome = removed.length === 0 ? 'unchanged' : 'ok';
    this.deps.reflect.permissions({ account, region, imageId }, []);
    const logged = log.record({ ...this.actor(account), ...resetEntry(located.account, region, imageId, facts, outcome, null) });
    events.emit('sharing:changed', { images: [{ account, region, imageId }], auditIds: logged.id ? [logged.id] : [] });
    return {
      items: [
        {
          ref: { account, region, imageId },
          imageName: facts.name,
          outcome: outcome === 'ok' ? 'changed' : 'unchanged',
          message: withAuditNote(outcome === 'ok' ? `Now private: removed ${countEntities(removed)}.` : 'It was already private; nothing changed.', logged),
          error: null,
          auditId: logged.id,
        },
      ],
    };
  
  }

  async leave({ account, region, imageId, confirmations }: ChannelParsedInput<'sharing:leave'>): Promise<ShareResult> {
    const { audit, aws, accounts, events } = this.deps;
    requireConfirmations(accounts, [account], confirmations ?? {}, 'leaving a share');
    const located = accounts.require(account);
    const log = audit.logFor(located.source);
    const ref = { account, region, imageId };
    let imageName = imageId;
    let ownerId = '';
    try {
      await aws.write(account, region, 'ec2:CancelImageLaunchPermission', async (path) => {
        const ec2 = aws.pool.ec2(path, region);
        const wrap = this.wrapFor(path, region);
        const facts = await readImageFacts(ec2, aws.pool.kms(path, region), imageId, path.awsAccountId, wrap);
        imageName = facts.name;
        ownerId = facts.ownerId;
        if (facts.ownerId === path.awsAccountId) {
          throw new AppError({ code: 'CONFLICT', message: `${path.accountName} owns ${imageId}: make it private instead of leaving the share.`, retryable: false });
        }
        try {
          await ec2.send(new CancelImageLaunchPermissionCommand({ ImageId: imageId }));
        } catch (error) {
          throw wrap(error, 'ec2:CancelImageLaunchPermission');
        }
      });
    } catch (error) {
      const appError = error instanceof AppError ? error : accountError(error, located.account, region, 'ec2:CancelImageLaunchPermission');
      const logged = log.record({ ...this.actor(account), ...leaveEntry(located.account, region, imageId, imageName, 'failed', appError.message) });
      return { items: [{ ref, imageName, outcome: 'failed', message: withAuditNote(appError.message, logged), error: shapeOf(appError), auditId: logged.id }] };
    }
    this.deps.reflect.left(ref, ownerId, located.account.awsAccountId);
    const logged = log.record({ ...this.actor(account), ...leaveEntry(located.account, region, imageId, imageName, 'ok', null) });
    events.emit('sharing:changed', { images: [ref], auditIds: logged.id ? [logged.id] : [] });
    return { items: [{ ref, imageName, outcome: 'changed', message: withAuditNote(`${located.account.name} can no longer launch ${imageName}.`, logged), error: null, auditId: logged.id }] };
  
  }

  async blockPublicAccess({ account, region }: ChannelParsedInput<'sharing:blockPublicAccess'>): Promise<ChannelOutput<'sharing:blockPublicAccess'>> {
    const { aws } = this.deps;
    return ({
    state: await aws.read(account, region, 'ec2:GetImageBlockPublicAccessState', (path) =>
      readBlockPublicAccess(aws.pool.ec2(path, region), this.wrapFor(path, region)),
    ),
  });
  }

  async matrix(source: ChannelParsedInput<'sharing:matrix'>): Promise<ChannelOutput<'sharing:matrix'>> {
    const { accounts } = this.deps;
    return shareMatrix(accounts, this.deps.inventory, this.organizations, source);
  }

  async list({ limit }: ChannelParsedInput<'audit:list'>): Promise<ChannelOutput<'audit:list'>> {
    const { audit, accounts } = this.deps;
    return audit.list([accounts.active()], limit);
  }

  async undo({ id, confirmations }: ChannelParsedInput<'audit:undo'>): Promise<ShareResult> {
    const { audit, accounts } = this.deps;
    const found = audit.find([accounts.active()], id);
    if (!found) {
      throw new AppError({ code: 'NOT_FOUND', message: 'That audit entry no longer exists (its account was removed).', retryable: false });
    }
    const { entry } = found;
    if (!entry.undoable) {
      const why = entry.undoneBy ? 'it was already undone' : entry.outcome !== 'ok' ? 'it did not change anything' : `a ${entry.action} cannot be undone from here`;
      throw new AppError({ code: 'CONFLICT', message: `This entry cannot be undone: ${why}.`, retryable: false });
    }
    if (entry.removed.some((e) => e.kind === 'public')) {
      throw new AppError({
        code: 'CONFLICT',
        message: 'Undoing this would make the image public again. Do that from its launch permissions, where the name is confirmed.',
        retryable: false,
      });
    }
    return this.applyPlanned(
      {
        images: [{ account: entry.account, region: entry.region, imageId: entry.imageId }],
        add: entry.removed,
        remove: entry.added,
        snapshots: entry.snapshotIds.length > 0,
        confirmations,
      },
      { undoOf: entry.id, action: 'undo' },
    );
  
  }

  /** Plans every image; an image that cannot be read becomes an item with an UNREADABLE blocker. */
  private async planAll(request: ShareChangeRequest): Promise<SharePlan> {
    const { aws } = this.deps;
    const keyManagers = new Map<string, Promise<'AWS' | 'CUSTOMER' | null>>();
    const blockStates = new Map<string, Promise<'block-new-sharing' | 'unblocked'>>();
    const makesPublic = request.add.some((e) => e.kind === 'public');
    const items = await mapLimited(uniqueRefs(request.images), this.concurrency, async (ref) => {
      const summary = this.summaryOf(ref.account);
      const account = { name: summary?.name ?? 'an account no longer in the workspace', awsAccountId: summary?.awsAccountId ?? null, production: summary?.production ?? false };
      try {
        const facts = await aws.read(ref.account, ref.region, 'ec2:DescribeImages', (path) =>
          readImageFacts(aws.pool.ec2(path, ref.region), aws.pool.kms(path, ref.region), ref.imageId, path.awsAccountId, this.wrapFor(path, ref.region), {
            keyManagers,
            snapshotPermissions: request.snapshots,
          }),
        );
        let blockPublicAccess: 'block-new-sharing' | 'unblocked' | null = null;
        if (makesPublic) {
          const key = `${ref.account}|${ref.region}`;
          let pending = blockStates.get(key);
          if (!pending) {
            pending = aws.read(ref.account, ref.region, 'ec2:GetImageBlockPublicAccessState', (path) =>
              readBlockPublicAccess(aws.pool.ec2(path, ref.region), this.wrapFor(path, ref.region)),
            );
            blockStates.set(key, pending);
          }
          blockPublicAccess = await pending;
        }
        return planItem({ ref, facts, add: request.add, remove: request.remove, snapshots: request.snapshots, account, blockPublicAccess, region: ref.region });
      } catch (error) {
        return unreadableItem(ref, account, error);
      }
    });
    const confirm = new Map<string, string>();
    for (const item of items) if (item.production && item.blockers.length === 0) confirm.set(item.ref.account, item.accountName);
    return { items, confirmAccounts: [...confirm].map(([account, name]) => ({ account, name })) };
  }

  /** Applies a plan's items; `action` names the audit entries (derived from the request when absent). */
  private async applyPlanned(
    request: ShareChangeRequest & { confirmations: Record<string, string>; publicConfirmation?: string | undefined },
    extra: { undoOf?: string; action?: AuditAction } = {},
  ): Promise<ShareResult> {
    const { accounts, events } = this.deps;
    if (request.add.some((e) => e.kind === 'public') && uniqueRefs(request.images).length > 1) {
      throw new AppError({ code: 'VALIDATION', message: 'Make one image public at a time, confirming its name.', retryable: false });
    }
    requireConfirmations(accounts, request.images.map((r) => r.account), request.confirmations, 'changing who may launch its images');
    const planned = await this.planAll(request);
    for (const item of planned.items) {
      if (item.blockers.length === 0 && item.willAdd.some((e) => e.kind === 'public') && request.publicConfirmation?.trim() !== item.imageName) {
        throw new AppError({
          code: 'CONFIRMATION_REQUIRED',
          message: `Type the image name "${item.imageName}" to make it public.`,
          retryable: false,
          details: { account: item.ref.account, region: item.ref.region },
        });
      }
    }
    const action = extra.action ?? actionFor(request.add, request.remove);
    const changed: ImageRef[] = [];
    const auditIds: string[] = [];

    const items = await mapLimited(planned.items, this.concurrency, async (item) => {
      const result = await this.applyOne(item, { action, undoOf: extra.undoOf ?? null });
      if (result.auditId) auditIds.push(result.auditId);
      if (result.changed) changed.push(item.ref);
      return result.item;
    });
    events.emit('sharing:changed', { images: changed, auditIds });
    return { items };
  }

  /** One planned item: blocked, nothing to do, or changed in AWS; always in the audit log (but a blocked one). */
  private async applyOne(item: SharePlanItem, how: { action: AuditAction; undoOf: string | null }): Promise<{ item: ShareItemResult; auditId: string | null; changed: boolean }> {
    const { aws, accounts } = this.deps;
    // Set once AWS took the change (a snapshot may still have failed after it).
    let changedInAws = false;
    const outcome = (result: ShareItemResult) => ({ item: result, auditId: result.auditId, changed: changedInAws });
    const run = async (): Promise<ShareItemResult> => {
      const base = { ref: item.ref, imageName: item.imageName };
      if (item.blockers.length > 0) {
        return { ...base, outcome: 'blocked', message: item.blockers.map((b) => b.message).join(' '), error: null, auditId: null };
      }
      const log = this.logOf(item.ref.account);
      const nothingToDo = item.willAdd.length === 0 && item.willRemove.length === 0 && item.snapshotChanges.length === 0;
      const entry = {
        ...this.actor(item.ref.account),
        action: how.action,
        account: item.ref.account,
        accountName: item.accountName,
        awsAccountId: item.awsAccountId,
        region: item.ref.region,
        imageId: item.ref.imageId,
        imageName: item.imageName,
        added: item.willAdd,
        removed: item.willRemove,
        undoOf: how.undoOf,
      };
      if (nothingToDo) {
        const logged = log.record({ ...entry, snapshotIds: [], outcome: 'unchanged', error: null });
        return { ...base, outcome: 'unchanged', message: withAuditNote(unchangedMessage(item), logged), error: null, auditId: logged.id };
      }
      try {
        const done = await aws.write(item.ref.account, item.ref.region, 'ec2:ModifyImageAttribute', (path) =>
          applyItem(aws.pool.ec2(path, item.ref.region), item, this.wrapFor(path, item.ref.region)),
        );
        changedInAws = true;
        const removed = new Set(item.willRemove.map(entityKey));
        this.deps.reflect.permissions(item.ref, [...item.current.filter((e) => !removed.has(entityKey(e))), ...item.willAdd]);
        const error = done.snapshotError;
        const logged = log.record({ ...entry, snapshotIds: done.snapshotIds, outcome: error ? 'failed' : 'ok', error: error?.message ?? null });
        if (error) {
          return { ...base, outcome: 'failed', message: withAuditNote(`Launch permission changed, but not every snapshot: ${error.message}`, logged), error: shapeOf(error), auditId: logged.id };
        }
        const keyPolicies = keyPolicyNeeds(item);
        return {
          ...base,
          outcome: 'changed',
          message: withAuditNote(`${changedMessage(item, done.snapshotIds.length)}${keyPolicies.length > 0 ? ` ${keyPolicyMessage(keyPolicies)}` : ''}`, logged),
          error: null,
          auditId: logged.id,
          ...(keyPolicies.length > 0 ? { keyPolicies } : {}),
        };
      } catch (error) {
        const appError = error instanceof AppError ? error : accountError(error, accounts.require(item.ref.account).account, item.ref.region, 'ec2:ModifyImageAttribute');
        const logged = log.record({ ...entry, snapshotIds: [], outcome: 'failed', error: appError.message });
        return { ...base, outcome: 'failed', message: withAuditNote(appError.message, logged), error: shapeOf(appError), auditId: logged.id };
      }
    };
    return outcome(await run());
  }

  private summaryOf(accountId: string): AccountSummary | undefined {
    return this.deps.accounts.workspace().accounts.find((a) => a.id === accountId);
  }

  private logOf(accountId: string) {
    return this.deps.audit.logFor(this.deps.accounts.require(accountId).source);
  }

  private actor(accountId: string) {
    const acting = this.deps.accounts.actingPath(accountId);
    return acting ? actorOf(acting) : {};
  }

  private wrapFor(path: PathRecord, region: string) {
    return (error: unknown, action: string) => placeError(error, path, region, action);
  }
}

function actionFor(add: readonly ShareEntity[], remove: readonly ShareEntity[]): AuditAction {
  if (add.some((e) => e.kind === 'public')) return 'make-public';
  if (remove.some((e) => e.kind === 'public')) return 'make-private';
  return add.length > 0 ? 'share' : 'unshare';
}

function changedMessage(item: SharePlanItem, snapshots: number): string {
  const parts: string[] = [];
  if (item.willAdd.length > 0) parts.push(item.willAdd.some((e) => e.kind === 'public') ? 'made public' : `shared with ${countEntities(item.willAdd)}`);
  if (item.willRemove.length > 0) parts.push(`unshared from ${countEntities(item.willRemove)}`);
  if (snapshots > 0) parts.push(`${snapshots} snapshot${snapshots === 1 ? '' : 's'} updated`);
  const text = parts.join('; ') || 'snapshots updated';
  const already = item.unchanged.length > 0 ? ` (${countEntities(item.unchanged)} already as asked)` : '';
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${already}.`;
}

/** The customer managed keys whose policies must let the new recipients in, with the statement to add. */
function keyPolicyNeeds(item: SharePlanItem): KeyPolicyNeed[] {
  return item.warnings.flatMap((w) => (w.code === 'CUSTOMER_KEY' && w.keyArn && w.policyStatement ? [{ keyArn: w.keyArn, statement: w.policyStatement }] : []));
}

function keyPolicyMessage(needs: readonly KeyPolicyNeed[]): string {
  const keys = needs.map((n) => n.keyArn).join(', ');
  return needs.length === 1
    ? `The recipients cannot launch or copy it yet: its snapshots are encrypted with the customer managed key ${keys}, whose key policy must allow them first. Add the statement below to that key's policy, in the key's own account.`
    : `The recipients cannot launch or copy it yet: its snapshots are encrypted with the customer managed keys ${keys}, whose key policies must allow them first. Add each statement below to its key's policy, in the key's own account.`;
}

function unchangedMessage(item: SharePlanItem): string {
  const present = new Set(item.current.map(entityKey));
  const adds = item.unchanged.filter((e) => present.has(entityKey(e)));
  if (adds.length > 0 && adds.length === item.unchanged.length) return `Already shared with ${countEntities(adds)}; nothing changed.`;
  if (adds.length === 0) return `Not shared with ${countEntities(item.unchanged)}; nothing to remove.`;
  return 'Already as asked; nothing changed.';
}

function unreadableItem(ref: ImageRef, account: { name: string; awsAccountId: string | null; production: boolean }, error: unknown): SharePlanItem {
  const message = error instanceof Error ? error.message : String(error);
  return {
    ref,
    imageName: ref.imageId,
    accountName: account.name,
    awsAccountId: account.awsAccountId,
    production: account.production,
    willAdd: [],
    willRemove: [],
    unchanged: [],
    snapshots: [],
    snapshotChanges: [],
    current: [],
    blockers: [{ code: 'UNREADABLE', message, fix: 'Check the account in the sidebar, then try again.' }],
    warnings: [],
  };
}

function resetEntry(account: AccountRecord, region: string, imageId: string, facts: ImageFacts | null, outcome: 'ok' | 'unchanged' | 'failed', error: string | null) {
  return {
    action: 'reset' as const,
    account: account.id,
    accountName: account.name,
    awsAccountId: account.awsAccountId,
    region,
    imageId,
    imageName: facts?.name ?? imageId,
    added: [],
    removed: outcome === 'ok' ? (facts?.launchPermissions ?? []) : [],
    snapshotIds: [],
    outcome,
    error,
  };
}

function leaveEntry(account: AccountRecord, region: string, imageId: string, imageName: string, outcome: 'ok' | 'failed', error: string | null) {
  return {
    action: 'leave-share' as const,
    account: account.id,
    accountName: account.name,
    awsAccountId: account.awsAccountId,
    region,
    imageId,
    imageName,
    added: [],
    removed: account.awsAccountId ? [{ kind: 'account' as const, awsAccountId: account.awsAccountId }] : [],
    snapshotIds: [],
    outcome,
    error,
  };
}

function shapeOf(error: AppError): AppErrorShape {
  return error.toShape();
}

function uniqueRefs(refs: readonly ImageRef[]): ImageRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = `${r.account}|${r.region}|${r.imageId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
