/**
 * Tags on many AMIs at once, and on their snapshots: each account-region is read once (the
 * images and snapshots by id, through any working path), then changed with as few CreateTags
 * and DeleteTags calls as AWS allows (1,000 resources each) through the account's acting path.
 *
 * Only the owner's account changes an AMI's tags: AWS lets an account that an image is shared
 * with tag it too, but those tags are that account's alone, which is never what editing an
 * AMI's tags means here. What AWS would refuse for one resource (over 50 tags) is found before
 * sending, so it fails that AMI only; a batch AWS refuses anyway is sent again AMI by AMI, so a
 * failure stays with the AMI it belongs to.
 */
import { plural } from '../../../shared/words';
import { CreateTagsCommand, DeleteTagsCommand, DescribeImagesCommand, DescribeSnapshotsCommand, type EC2Client, type Tag as SdkTag } from '@aws-sdk/client-ec2';
import { AppError, placeLabel } from '../../../shared/errors';
import type { Tag } from '../../../shared/model';
import type { ImageRef } from '../../../shared/sharing';
import { TAG_LIMITS, applyTagEdit, describeTagDiff, isEmptyDiff, tagDiff, userTagCount, type TagDiff, type TagEdit, type TagItemResult } from '../../../shared/tags';
import { accountError, placeError, type CoreContext } from '../context';
import type { AccountRecord } from '../accounts/registry';
import type { AuditLog, NewAuditEntry } from '../sharing/audit-log';
import type { Wrap } from '../sharing/image-facts';
import { auditPlace, withAuditNote } from '../sharing/audit-log';
import type { AuditBook } from '../sharing/audit-book';
import type { InventoryReflector } from '../inventory/reflect-change';

/** Ids per DescribeImages / DescribeSnapshots call (an `image-id` filter of this many values). */
const READ_CHUNK = 200;
/** Resource ids per CreateTags / DeleteTags call: AWS's limit. */
const WRITE_CHUNK = 1000;

export interface TagDeps {
  aws: Pick<CoreContext, 'read' | 'write' | 'pool'>;
  accounts: Pick<CoreContext, 'require' | 'actingPath' | 'knownAs'>;
  audit: AuditBook;
  reflect: InventoryReflector;
}

interface ImageSeen {
  name: string;
  ownerId: string;
  tags: Tag[];
  snapshotIds: string[];
}

interface GroupRead {
  awsAccountId: string | null;
  images: Map<string, ImageSeen>;
  /** The account's own snapshots among the images' (others' are left alone). */
  snapshots: Map<string, Tag[]>;
}

/** One AMI to change, with its snapshots: what is sent together and fails together. */
interface Unit {
  ref: ImageRef;
  name: string;
  tags: Tag[];
  diff: TagDiff;
  /** Snapshots whose tags change, with what they will be. */
  snapshots: Array<{ id: string; diff: TagDiff }>;
  /** Said with the result: snapshots left alone, and why. */
  notes: string[];
  /** Set once CreateTags / DeleteTags answered for it. */
  setDone: boolean;
  removeDone: boolean;
  error: AppError | null;
}

const fromSdk = (tags: readonly SdkTag[] | undefined): Tag[] => (tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' }));

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function readGroup(ec2: EC2Client, imageIds: readonly string[], snapshotsToo: boolean, wrap: Wrap): Promise<Omit<GroupRead, 'awsAccountId'>> {
  const images = new Map<string, ImageSeen>();
  for (const ids of chunks(imageIds, READ_CHUNK)) {
    // By filter, not ImageIds: one image gone must not fail the question for the others.
    let nextToken: string | undefined;
    do {
      const page = await ec2
        .send(new DescribeImagesCommand({ Filters: [{ Name: 'image-id', Values: ids }], IncludeDeprecated: true, IncludeDisabled: true, ...(nextToken ? { NextToken: nextToken } : {}) }))
        .catch((error: unknown) => {
          throw wrap(error, 'ec2:DescribeImages');
        });
      for (const image of page.Images ?? []) {
        if (!image.ImageId) continue;
        images.set(image.ImageId, {
          name: image.Name ?? image.ImageId,
          ownerId: image.OwnerId ?? '',
          tags: fromSdk(image.Tags),
          snapshotIds: [...new Set((image.BlockDeviceMappings ?? []).flatMap((b) => (b.Ebs?.SnapshotId ? [b.Ebs.SnapshotId] : [])))],
        });
      }
      nextToken = page.NextToken;
    } while (nextToken);
  }
  const snapshots = new Map<string, Tag[]>();
  if (snapshotsToo) {
    const wanted = [...new Set([...images.values()].flatMap((i) => i.snapshotIds))];
    for (const ids of chunks(wanted, READ_CHUNK)) {
      let nextToken: string | undefined;
      do {
        const page = await ec2
          .send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], Filters: [{ Name: 'snapshot-id', Values: ids }], ...(nextToken ? { NextToken: nextToken } : {}) }))
          .catch((error: unknown) => {
            throw wrap(error, 'ec2:DescribeSnapshots');
          });
        for (const s of page.Snapshots ?? []) if (s.SnapshotId) snapshots.set(s.SnapshotId, fromSdk(s.Tags));
        nextToken = page.NextToken;
      } while (nextToken);
    }
  }
  return { images, snapshots };
}


export class TagChanger {
  constructor(private readonly deps: TagDeps) {}

  /** One account-region's AMIs: read, plan, send, record. Results in the order of `refs`. */
  async group(account: string, region: string, refs: readonly ImageRef[], edit: TagEdit, snapshotsToo: boolean): Promise<TagItemResult[]> {
    const { accounts, aws, audit } = this.deps;
    let located;
    try {
      located = accounts.require(account);
    } catch (error) {
      const appError = error instanceof AppError ? error : new AppError({ code: 'INTERNAL', message: String(error), retryable: false });
      return refs.map((ref) => ({ ref, name: ref.imageId, outcome: 'failed', message: appError.message, error: appError.toShape(), auditId: null, tags: null, snapshotIds: [] }));
    }
    const record = located.account;
    const log = audit.logFor(located.source);
    const acting = accounts.actingPath(account);
    const entry = (ref: ImageRef, name: string): EntryBase => ({ ...auditPlace('tag', account, record, acting, region), imageId: ref.imageId, imageName: name });
    const failed = (ref: ImageRef, name: string, error: AppError): TagItemResult => {
      const logged = log.record({ ...entry(ref, name), snapshotIds: [], outcome: 'failed', error: error.message, detail: null });
      return { ref, name, outcome: 'failed', message: withAuditNote(error.message, logged), error: error.toShape(), auditId: logged.id, tags: null, snapshotIds: [] };
    };

    let seen: GroupRead;
    try {
      seen = await aws.read(account, region, 'ec2:DescribeImages', async (path) => ({
        awsAccountId: path.awsAccountId,
        ...(await readGroup(aws.pool.ec2(path, region), refs.map((r) => r.imageId), snapshotsToo, (error, action) => placeError(error, path, region, action))),
      }));
    } catch (error) {
      const appError = error instanceof AppError ? error : accountError(error, record, region, 'ec2:DescribeImages');
      return refs.map((ref) => failed(ref, ref.imageId, appError));
    }

    const results = new Map<ImageRef, TagItemResult>();
    const units: Unit[] = [];
    for (const ref of refs) {
      const planned = this.plan(ref, record, region, seen, edit, snapshotsToo);
      if ('error' in planned) results.set(ref, failed(ref, planned.name, planned.error));
      else if ('unchanged' in planned) {
        const detail = `Already as asked${snapshotsToo && planned.unchanged.snapshotCount > 0 ? `, and so ${planned.unchanged.snapshotCount === 1 ? 'was its snapshot' : `were its ${planned.unchanged.snapshotCount} snapshots`}` : ''}: nothing was sent.`;
        const message = [detail, ...planned.unchanged.notes].join(' ');
        const logged = log.record({ ...entry(ref, planned.name), snapshotIds: [], outcome: 'unchanged', error: null, detail: message });
        results.set(ref, { ref, name: planned.name, outcome: 'unchanged', message: withAuditNote(message, logged), error: null, auditId: logged.id, tags: planned.unchanged.tags, snapshotIds: [] });
      } else units.push(planned.unit);
    }

    const setting = units.filter((u) => setsSomething(u.diff) || u.snapshots.some((s) => setsSomething(s.diff)));
    await this.send(account, region, record, setting, 'ec2:CreateTags', (ec2, ids) => ec2.send(new CreateTagsCommand({ Resources: ids, Tags: edit.set.map((t) => ({ Key: t.key, Value: t.value })) })), (u) => {
      u.setDone = true;
    }, (u) => [...(setsSomething(u.diff) ? [u.ref.imageId] : []), ...u.snapshots.filter((s) => setsSomething(s.diff)).map((s) => s.id)]);
    const removing = units.filter((u) => u.error === null && (u.diff.removed.length > 0 || u.snapshots.some((s) => s.diff.removed.length > 0)));
    // A key alone: AWS deletes the tag whatever its value, which is what "remove" means here.
    await this.send(account, region, record, removing, 'ec2:DeleteTags', (ec2, ids) => ec2.send(new DeleteTagsCommand({ Resources: ids, Tags: edit.remove.map((key) => ({ Key: key })) })), (u) => {
      u.removeDone = true;
    }, (u) => [...(u.diff.removed.length > 0 ? [u.ref.imageId] : []), ...u.snapshots.filter((s) => s.diff.removed.length > 0).map((s) => s.id)]);

    for (const unit of units) results.set(unit.ref, this.finish(unit, edit, region, log, entry(unit.ref, unit.name)));
    return refs.map((ref) => results.get(ref)!);
  }

  /** What changes for one AMI, or why it cannot change here, or that it already is as asked. */
  private plan(
    ref: ImageRef,
    record: AccountRecord,
    region: string,
    seen: GroupRead,
    edit: TagEdit,
    snapshotsToo: boolean,
  ): { unit: Unit } | { name: string; error: AppError } | { name: string; unchanged: { tags: Tag[]; snapshotCount: number; notes: string[] } } {
    const where = placeLabel(record.name, record.awsAccountId, region);
    const details = { account: ref.account, accountName: record.name, ...(record.awsAccountId ? { awsAccountId: record.awsAccountId } : {}), region };
    const image = seen.images.get(ref.imageId);
    if (!image) {
      return {
        name: ref.imageId,
        error: new AppError({ code: 'NOT_FOUND', message: `${ref.imageId} is not in ${where} any more (deregistered?): rescan to update the list.`, retryable: false, details: { ...details, action: 'ec2:DescribeImages' } }),
      };
    }
    const owner = seen.awsAccountId ?? record.awsAccountId;
    if (image.ownerId !== owner) {
      const ownerName = this.deps.accounts.knownAs(image.ownerId);
      const who = ownerName ? `${ownerName} (${image.ownerId})` : `account ${image.ownerId}`;
      return {
        name: image.name,
        error: new AppError({
          code: 'ACCESS_DENIED',
          message: `${image.name} belongs to ${who} and is only shared with ${record.name}: only its owner can change its tags${ownerName ? `; change them from ${ownerName}` : ''}.`,
          retryable: false,
          details: { ...details, action: 'ec2:CreateTags' },
        }),
      };
    }
    const diff = tagDiff(image.tags, edit);
    const notes: string[] = [];
    const snapshots: Unit['snapshots'] = [];
    let snapshotCount = 0;
    if (snapshotsToo) {
      const others = image.snapshotIds.filter((id) => !seen.snapshots.has(id));
      if (others.length > 0) notes.push(`Left ${plural(others.length, 'snapshot')} that ${record.name} does not own: ${others.join(', ')}.`);
      for (const id of image.snapshotIds) {
        const tags = seen.snapshots.get(id);
        if (!tags) continue;
        snapshotCount++;
        const snapshotDiff = tagDiff(tags, edit);
        if (userTagCount(applyTagEdit(tags, edit)) > TAG_LIMITS.perResource) {
          return { name: image.name, error: tooMany(`its snapshot ${id}`, applyTagEdit(tags, edit), where, details) };
        }
        if (!isEmptyDiff(snapshotDiff)) snapshots.push({ id, diff: snapshotDiff });
      }
    }
    const after = applyTagEdit(image.tags, edit);
    if (userTagCount(after) > TAG_LIMITS.perResource) return { name: image.name, error: tooMany(image.name, after, where, details) };
    if (isEmptyDiff(diff) && snapshots.length === 0) return { name: image.name, unchanged: { tags: image.tags, snapshotCount, notes } };
    return { unit: { ref, name: image.name, tags: image.tags, diff, snapshots, notes, setDone: false, removeDone: false, error: null } };
  }

  /**
   * One call per 1,000 resources (an AMI and its snapshots always in the same call). When AWS
   * refuses a call of several AMIs for something one of them may cause, each is sent alone.
   */
  private async send(
    account: string,
    region: string,
    record: AccountRecord,
    units: readonly Unit[],
    action: 'ec2:CreateTags' | 'ec2:DeleteTags',
    call: (ec2: EC2Client, ids: string[]) => Promise<unknown>,
    done: (unit: Unit) => void,
    idsOf: (unit: Unit) => string[],
  ): Promise<void> {
    const { aws } = this.deps;
    const batches: Unit[][] = [];
    let batch: Unit[] = [];
    let size = 0;
    for (const unit of units) {
      const n = idsOf(unit).length;
      if (batch.length > 0 && size + n > WRITE_CHUNK) {
        batches.push(batch);
        batch = [];
        size = 0;
      }
      batch.push(unit);
      size += n;
    }
    if (batch.length > 0) batches.push(batch);

    const attempt = async (members: readonly Unit[]): Promise<AppError | null> => {
      const ids = [...new Set(members.flatMap(idsOf))];
      try {
        await aws.write(account, region, action, async (path) => {
          try {
            await call(aws.pool.ec2(path, region), ids);
          } catch (error) {
            throw placeError(error, path, region, action);
          }
        });
        return null;
      } catch (error) {
        return error instanceof AppError ? error : accountError(error, record, region, action);
      }
    };
    for (const members of batches) {
      const error = await attempt(members);
      if (!error) {
        members.forEach(done);
        continue;
      }
      // Credentials, permissions, the network: the same for every AMI, so no call per AMI.
      const perResource = members.length > 1 && (error.code === 'NOT_FOUND' || error.code === 'AWS_ERROR');
      if (!perResource) {
        for (const u of members) u.error = error;
        continue;
      }
      for (const u of members) {
        const alone = await attempt([u]);
        if (alone) u.error = alone;
        else done(u);
      }
    }
  }

  /** The result and audit entry of one AMI, and the inventory row when its tags changed. */
  private finish(unit: Unit, edit: TagEdit, region: string, log: AuditLog, entry: EntryBase): TagItemResult {
    const applied: TagEdit = { set: unit.setDone ? edit.set : [], remove: unit.removeDone ? edit.remove : [] };
    const tags = applyTagEdit(unit.tags, applied);
    const snapshotIds = unit.snapshots.filter((s) => (unit.setDone && setsSomething(s.diff)) || (unit.removeDone && s.diff.removed.length > 0)).map((s) => s.id);
    if (!isEmptyDiff(tagDiff(unit.tags, applied))) {
      this.deps.reflect.row({ account: unit.ref.account, region, view: 'owned' }, unit.ref.imageId, (row) => ({ ...row, tags }));
    }
    const what = isEmptyDiff(unit.diff) ? 'The AMI already had these tags' : describeTagDiff(unit.diff);
    const onSnapshots = unit.snapshots.length > 0 ? `; also on ${unit.snapshots.length === 1 ? 'its snapshot' : `its ${unit.snapshots.length} snapshots`}` : '';
    if (unit.error) {
      // A set that went through stays: say so, so the half-done change is no surprise.
      const partly = unit.setDone && !unit.removeDone && edit.remove.length > 0 ? ` The tags to set were set; removing ${edit.remove.join(', ')} failed.` : '';
      const message = `${unit.error.message}${partly}`;
      const logged = log.record({ ...entry, snapshotIds, outcome: 'failed', error: message, detail: unit.setDone ? `${what}${onSnapshots} (the removal failed).` : null });
      return { ref: unit.ref, name: unit.name, outcome: 'failed', message: withAuditNote(message, logged), error: { ...unit.error.toShape(), message }, auditId: logged.id, tags: unit.setDone ? tags : null, snapshotIds };
    }
    const detail = [`${what}${onSnapshots}.`, ...unit.notes].join(' ');
    const logged = log.record({ ...entry, snapshotIds, outcome: 'ok', error: null, detail });
    return { ref: unit.ref, name: unit.name, outcome: 'changed', message: withAuditNote(detail, logged), error: null, auditId: logged.id, tags, snapshotIds };
  }
}

/** An audit entry of this change before its outcome. */
type EntryBase = Omit<NewAuditEntry, 'snapshotIds' | 'outcome' | 'error' | 'detail'>;

const setsSomething = (diff: TagDiff): boolean => diff.added.length + diff.changed.length > 0;

function tooMany(what: string, after: readonly Tag[], where: string, details: Record<string, string>): AppError {
  return new AppError({
    code: 'VALIDATION',
    message: `${what} in ${where} would have ${userTagCount(after)} tags; AWS allows ${TAG_LIMITS.perResource} per resource. Remove some of its tags first.`,
    retryable: false,
    details: { ...details, action: 'ec2:CreateTags', awsCode: 'TagLimitExceeded' },
  });
}
