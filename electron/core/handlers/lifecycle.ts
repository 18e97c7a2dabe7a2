/**
 * Lifecycle channels: what to know before acting on images (in use? shared?), and the actions
 * themselves — each image on its own, so a bulk action reports per image, through the
 * production guard, and into the audit log.
 */
import { AppError } from '../../../shared/errors';
import type { LifecycleAction, LifecycleItemResult } from '../../../shared/lifecycle';
import type { AuditAction } from '../../../shared/sharing';
import { accountError, placeError, type CoreContext } from '../context';
import { actorOf } from '../accounts/access';
import { applyAction } from '../lifecycle/apply-action';
import { inspectImage } from '../lifecycle/inspect';
import { requireConfirmations } from '../production-guard';
import type { AuditBook } from '../sharing/audit-book';
import { withAuditNote } from '../sharing/audit-log';
import type { InventoryReflector } from '../inventory/reflect-change';
import type { ImageRef } from '../../../shared/sharing';
import type { Handlers } from './types';

type LifecycleHandlers = Pick<Handlers, 'lifecycle:inspect' | 'lifecycle:apply'>;

const AUDIT_ACTION: Record<LifecycleAction['kind'], AuditAction> = {
  deregister: 'deregister',
  deprecate: 'deprecate',
  undeprecate: 'undeprecate',
  disable: 'disable',
  enable: 'enable',
  protect: 'protect',
  unprotect: 'unprotect',
};

export function lifecycleHandlers(ctx: CoreContext, audit: AuditBook, reflect: InventoryReflector): LifecycleHandlers {
  const summary = (account: string) => ctx.workspace().accounts.find((a) => a.id === account);

  const inspect = (ref: { account: string; region: string; imageId: string }) =>
    ctx.read(ref.account, ref.region, 'ec2:DescribeImages', (path) =>
      inspectImage(ctx.pool.ec2(path, ref.region), ref, { name: path.accountName, production: summary(ref.account)?.production ?? false }, (error, action) =>
        placeError(error, path, ref.region, action),
      ),
    );

  return {
    'lifecycle:inspect': async ({ images }) => Promise.all(images.map(inspect)),

    'lifecycle:apply': async ({ images, action, confirmations }) => {
      if (action.kind === 'deprecate' && Date.parse(action.at) <= Date.now()) {
        throw new AppError({ code: 'VALIDATION', message: 'Choose a deprecation time in the future.', retryable: false, details: { issues: ['at: must be in the future'] } });
      }
      requireConfirmations(ctx, images.map((r) => r.account), confirmations, `to ${action.kind} its images`);
      const results: LifecycleItemResult[] = [];
      const changed: Array<{ account: string; region: string; imageId: string }> = [];
      const auditIds: string[] = [];
      for (const ref of images) {
        const located = ctx.require(ref.account);
        const log = audit.logFor(located.source);
        let name = ref.imageId;
        const acting = ctx.actingPath(ref.account);
        const entry = {
          action: AUDIT_ACTION[action.kind],
          account: ref.account,
          accountName: located.account.name,
          awsAccountId: located.account.awsAccountId,
          ...(acting ? actorOf(acting) : {}),
          region: ref.region,
          imageId: ref.imageId,
          added: [],
          removed: [],
        };
        try {
          const usage = await inspect(ref);
          name = usage.name;
          const done = await ctx.write(ref.account, ref.region, `ec2:${action.kind}`, (path) =>
            applyAction(ctx.pool.ec2(path, ref.region), usage, action, (error, what) => placeError(error, path, ref.region, what)),
          );
          const logged = log.record({
            ...entry,
            imageName: name,
            removed: action.kind === 'disable' && done.changed ? usage.sharedWith : [],
            snapshotIds: action.kind === 'deregister' && action.deleteSnapshots ? usage.snapshotIds : [],
            outcome: done.changed ? 'ok' : 'unchanged',
            error: null,
            detail: done.detail,
          });
          if (logged.id) auditIds.push(logged.id);
          if (done.changed) {
            changed.push(ref);
            reflectAction(reflect, ref, action);
          }
          results.push({ ref, name, outcome: done.changed ? 'changed' : 'unchanged', message: withAuditNote(done.detail, logged), error: null, auditId: logged.id });
        } catch (error) {
          const appError = error instanceof AppError ? error : accountError(error, located.account, ref.region, `ec2:${action.kind}`);
          const logged = log.record({ ...entry, imageName: name, snapshotIds: [], outcome: 'failed', error: appError.message, detail: null });
          if (logged.id) auditIds.push(logged.id);
          results.push({ ref, name, outcome: 'failed', message: withAuditNote(appError.message, logged), error: appError.toShape(), auditId: logged.id });
        }
      }
      ctx.emit('images:changed', { images: changed, auditIds });
      return results;
    },
  };
}

/** What the inventory should now say about the image. */
function reflectAction(reflect: InventoryReflector, ref: ImageRef, action: LifecycleAction): void {
  const owned = { account: ref.account, region: ref.region, view: 'owned' as const };
  switch (action.kind) {
    case 'deregister':
      reflect.permissions(ref, []); // recipients lose it first, while the owner's row still exists
      reflect.row(owned, ref.imageId, () => null);
      return;
    case 'disable':
      reflect.permissions(ref, []); // AWS drops every share of a disabled image
      reflect.row(owned, ref.imageId, (row) => ({ ...row, state: 'disabled' }));
      return;
    case 'enable':
      reflect.row(owned, ref.imageId, (row) => ({ ...row, state: 'available' }));
      return;
    case 'deprecate':
      reflect.row(owned, ref.imageId, (row) => ({ ...row, deprecationTime: new Date(action.at).toISOString() }));
      return;
    case 'undeprecate':
      reflect.row(owned, ref.imageId, (row) => ({ ...row, deprecationTime: null }));
      return;
    case 'protect':
    case 'unprotect':
      return; // not an inventory column
  }
}
