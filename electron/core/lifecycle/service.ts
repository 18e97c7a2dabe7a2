/**
 * The lifecycle service: what to know before acting on images (in use? shared?), and the actions
 * themselves — each image on its own, so a bulk action reports per image, through the
 * production guard, and into the audit log; and tag changes on many images (tags.ts). Serves
 * the `lifecycle:*` channels (see serve.ts).
 */
import { AppError } from '../../../shared/errors';
import type { ChannelParsedInput } from '../../../shared/contract';
import type { ImageUsage, LifecycleAction, LifecycleItemResult } from '../../../shared/lifecycle';
import type { AuditAction } from '../../../shared/sharing';
import { accountError, placeError, type CoreContext } from '../context';
import { applyAction } from './apply-action';
import { inspectImage } from './inspect';
import { requireConfirmations } from '../production-guard';
import type { AuditBook } from '../sharing/audit-book';
import { auditPlace, withAuditNote } from '../sharing/audit-log';
import type { InventoryReflector } from '../inventory/reflect-change';
import type { ImageRef } from '../../../shared/sharing';
import { tagEditProblems, type TagItemResult } from '../../../shared/tags';
import { mapLimited } from '../map-limited';
import { TagChanger } from './tags';

export interface LifecycleDeps {
  /** AWS through the accounts' paths: reads through any healthy one, changes through the acting one. */
  aws: Pick<CoreContext, 'read' | 'write' | 'pool'>;
  /** The accounts: where an image's account is, who acts for it, which are production. */
  accounts: Pick<CoreContext, 'require' | 'actingPath' | 'workspace' | 'knownAs'>;
  events: Pick<CoreContext, 'emit'>;
  audit: AuditBook;
  reflect: InventoryReflector;
}

/** Account-regions whose tags change at once. */
const TAG_GROUPS_AT_ONCE = 4;

const AUDIT_ACTION: Record<LifecycleAction['kind'], AuditAction> = {
  deregister: 'deregister',
  deprecate: 'deprecate',
  undeprecate: 'undeprecate',
  disable: 'disable',
  enable: 'enable',
  protect: 'protect',
  unprotect: 'unprotect',
};

export class LifecycleService {
  constructor(private readonly deps: LifecycleDeps) {}

  async inspect({ images }: { images: ImageRef[] }): Promise<ImageUsage[]> {
    return Promise.all(images.map((ref) => this.inspectOne(ref)));
  }

  async apply({ images, action, confirmations }: ChannelParsedInput<'lifecycle:apply'>): Promise<LifecycleItemResult[]> {
    const { accounts, aws, audit, reflect, events } = this.deps;
    if (action.kind === 'deprecate' && Date.parse(action.at) <= Date.now()) {
      throw new AppError({ code: 'VALIDATION', message: 'Choose a deprecation time in the future.', retryable: false, details: { issues: ['at: must be in the future'] } });
    }
    requireConfirmations(accounts, images.map((r) => r.account), confirmations, `to ${action.kind} its images`);
    const results: LifecycleItemResult[] = [];
    const changed: ImageRef[] = [];
    const auditIds: string[] = [];
    for (const ref of images) {
      const located = accounts.require(ref.account);
      const log = audit.logFor(located.source);
      let name = ref.imageId;
      const acting = accounts.actingPath(ref.account);
      const entry = { ...auditPlace(AUDIT_ACTION[action.kind], ref.account, located.account, acting, ref.region), imageId: ref.imageId };
      try {
        const usage = await this.inspectOne(ref);
        name = usage.name;
        const done = await aws.write(ref.account, ref.region, `ec2:${action.kind}`, (path) =>
          applyAction(aws.pool.ec2(path, ref.region), usage, action, (error, what) => placeError(error, path, ref.region, what)),
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
    events.emit('images:changed', { images: changed, auditIds });
    return results;
  }

  /**
   * Sets and removes tags on up to 500 images (and their snapshots): every production account
   * named first, then each account-region read once and changed in batches, a few at a time.
   */
  async tag({ images, set, remove, snapshotsToo, confirmations, runId }: ChannelParsedInput<'lifecycle:tag'>): Promise<TagItemResult[]> {
    const { accounts, events } = this.deps;
    const edit = { set, remove };
    const problems = tagEditProblems(edit);
    if (problems.length > 0) {
      throw new AppError({ code: 'VALIDATION', message: problems.join(' '), retryable: false, details: { issues: problems } });
    }
    const unique = [...new Map(images.map((r) => [`${r.account}|${r.region}|${r.imageId}`, r])).values()];
    requireConfirmations(accounts, unique.map((r) => r.account), confirmations ?? {}, 'changing the tags of its images');

    const groups = new Map<string, ImageRef[]>();
    for (const ref of unique) {
      const key = `${ref.account}|${ref.region}`;
      groups.set(key, [...(groups.get(key) ?? []), ref]);
    }
    const changer = new TagChanger(this.deps);
    let done = 0;
    const perGroup = await mapLimited([...groups.values()], TAG_GROUPS_AT_ONCE, async (refs) => {
      const first = refs[0]!;
      const results = await changer.group(first.account, first.region, refs, edit, snapshotsToo);
      done += refs.length;
      if (runId) events.emit('lifecycle:tagProgress', { runId, done, total: unique.length });
      return results;
    });
    const byRef = new Map(perGroup.flat().map((r) => [`${r.ref.account}|${r.ref.region}|${r.ref.imageId}`, r]));
    const results = unique.map((r) => byRef.get(`${r.account}|${r.region}|${r.imageId}`)!);
    events.emit('images:changed', {
      images: results.filter((r) => r.outcome === 'changed' || (r.outcome === 'failed' && r.tags !== null)).map((r) => r.ref),
      auditIds: results.flatMap((r) => (r.auditId ? [r.auditId] : [])),
    });
    return results;
  }

  private inspectOne(ref: ImageRef): Promise<ImageUsage> {
    const { aws, accounts } = this.deps;
    const production = accounts.workspace().accounts.find((a) => a.id === ref.account)?.production ?? false;
    return aws.read(ref.account, ref.region, 'ec2:DescribeImages', (path) =>
      inspectImage(aws.pool.ec2(path, ref.region), ref, { name: path.accountName, production }, (error, action) => placeError(error, path, ref.region, action)),
    );
  }
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
