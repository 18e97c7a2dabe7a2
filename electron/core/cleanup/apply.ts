/**
 * Deregistering one account-region's AMIs of a clean-up: the AMIs read again at once (one may be
 * gone or protected since the plan was made), then each deregistered on its own with
 * DeleteAssociatedSnapshots, so EC2 itself deletes only the snapshots no other AMI uses and says
 * so per snapshot. Each AMI is audited and leaves the inventory; what happened to it and to each
 * of its snapshots is said in words.
 */
import { plural } from '../../../shared/words';
import { DeregisterImageCommand, DescribeImagesCommand, type EC2Client, type Image } from '@aws-sdk/client-ec2';
import type { CleanupItemResult } from '../../../shared/cleanup';
import { AppError, placeLabel } from '../../../shared/errors';
import type { ImageRef } from '../../../shared/sharing';
import type { AccountRecord } from '../accounts/registry';
import { accountError, placeError } from '../context';
import { auditPlace, withAuditNote } from '../sharing/audit-log';
import type { Wrap } from '../sharing/image-facts';
import { readRules, retentionFor, type BinRule } from './recycle-bin';
import type { CleanupDeps } from './service';

/** Ids per DescribeImages call (an `image-id` filter of this many values). */
const READ_CHUNK = 200;


async function readImages(ec2: EC2Client, imageIds: readonly string[], wrap: Wrap): Promise<Map<string, Image>> {
  const images = new Map<string, Image>();
  for (let i = 0; i < imageIds.length; i += READ_CHUNK) {
    const ids = imageIds.slice(i, i + READ_CHUNK);
    let nextToken: string | undefined;
    do {
      // By filter, not ImageIds: one AMI gone must not fail the question for the others.
      const page = await ec2
        .send(new DescribeImagesCommand({ Filters: [{ Name: 'image-id', Values: ids }], IncludeDeprecated: true, IncludeDisabled: true, ...(nextToken ? { NextToken: nextToken } : {}) }))
        .catch((error: unknown) => {
          throw wrap(error, 'ec2:DescribeImages');
        });
      for (const image of page.Images ?? []) if (image.ImageId) images.set(image.ImageId, image);
      nextToken = page.NextToken;
    } while (nextToken);
  }
  return images;
}

/** The account-region's Recycle Bin rules, or null when they cannot be read (nothing is said about the bin then). */
async function binRules(deps: CleanupDeps, account: string, region: string): Promise<BinRule[] | null> {
  const { aws } = deps;
  try {
    return await aws.read(account, region, 'rbin:ListRules', (path) => readRules(aws.pool.rbin(path, region)));
  } catch {
    return null;
  }
}

const snapshotIdsOf = (image: Image): string[] => [...new Set((image.BlockDeviceMappings ?? []).flatMap((b) => (b.Ebs?.SnapshotId ? [b.Ebs.SnapshotId] : [])))];

function protectionSkip(image: Image, name: string): string | null {
  const protection = image.DeregistrationProtection ?? '';
  const how = `turn it off (Unprotect in its lifecycle actions, or aws ec2 disable-image-deregistration-protection --image-id ${image.ImageId ?? ''}) and apply again`;
  if (protection.startsWith('enabled')) return `${name} has deregistration protection on: ${how}.`;
  if (protection.startsWith('disabled-until-')) {
    return `${name} stays protected until ${protection.slice('disabled-until-'.length)}: its deregistration protection was turned off with the 24-hour cooldown. Apply again after that.`;
  }
  return null;
}

/**
 * One account-region's AMIs, each deregistered on its own. `done` is called after each, for
 * progress. Results in the order of `refs`.
 */
export async function applyGroup(deps: CleanupDeps, account: string, region: string, refs: readonly ImageRef[], done: () => void): Promise<CleanupItemResult[]> {
  const { accounts, aws, audit, reflect } = deps;
  let record: AccountRecord;
  let log;
  try {
    const located = accounts.require(account);
    record = located.account;
    log = audit.logFor(located.source);
  } catch (error) {
    const appError = error instanceof AppError ? error : new AppError({ code: 'INTERNAL', message: String(error), retryable: false });
    return refs.map((ref) => {
      done();
      return { ref, name: ref.imageId, accountName: '', outcome: 'failed', message: appError.message, snapshotsDeleted: [], snapshotsKept: [], error: appError.toShape(), auditId: null };
    });
  }
  const where = placeLabel(record.name, record.awsAccountId, region);
  const acting = accounts.actingPath(account);
  const entry = (ref: ImageRef, name: string) => ({ ...auditPlace('deregister', account, record, acting, region), imageId: ref.imageId, imageName: name });
  const result = (ref: ImageRef, name: string, outcome: CleanupItemResult['outcome'], message: string, extra: Partial<CleanupItemResult> = {}): CleanupItemResult => ({
    ref,
    name,
    accountName: record.name,
    outcome,
    message,
    snapshotsDeleted: [],
    snapshotsKept: [],
    error: null,
    auditId: null,
    ...extra,
  });
  const failed = (ref: ImageRef, name: string, error: AppError): CleanupItemResult => {
    const logged = log.record({ ...entry(ref, name), snapshotIds: [], outcome: 'failed', error: error.message, detail: null });
    done();
    return result(ref, name, 'failed', withAuditNote(error.message, logged), { error: error.toShape(), auditId: logged.id });
  };

  let seen: { awsAccountId: string | null; images: Map<string, Image> };
  try {
    seen = await aws.read(account, region, 'ec2:DescribeImages', async (path) => ({
      awsAccountId: path.awsAccountId,
      images: await readImages(aws.pool.ec2(path, region), refs.map((r) => r.imageId), (error, action) => placeError(error, path, region, action)),
    }));
  } catch (error) {
    const appError = error instanceof AppError ? error : accountError(error, record, region, 'ec2:DescribeImages');
    return refs.map((ref) => failed(ref, ref.imageId, appError));
  }
  const owner = seen.awsAccountId ?? record.awsAccountId;
  const rules = await binRules(deps, account, region);

  const results: CleanupItemResult[] = [];
  for (const ref of refs) {
    const image = seen.images.get(ref.imageId);
    if (!image) {
      const message = `${ref.imageId} is not in ${where} any more (deregistered since the plan was made?): nothing was sent.`;
      const logged = log.record({ ...entry(ref, ref.imageId), snapshotIds: [], outcome: 'unchanged', error: null, detail: message });
      done();
      results.push(result(ref, ref.imageId, 'skipped', withAuditNote(message, logged), { auditId: logged.id }));
      continue;
    }
    const name = image.Name ?? ref.imageId;
    if (image.OwnerId !== owner) {
      const ownerName = image.OwnerId ? accounts.knownAs(image.OwnerId) : null;
      const who = ownerName ? `${ownerName} (${image.OwnerId ?? ''})` : `account ${image.OwnerId ?? 'unknown'}`;
      results.push(
        failed(ref, name, new AppError({ code: 'ACCESS_DENIED', message: `${name} belongs to ${who} and is only shared with ${record.name}: only its owner can deregister it.`, retryable: false, details: { account, accountName: record.name, ...(record.awsAccountId ? { awsAccountId: record.awsAccountId } : {}), region, action: 'ec2:DeregisterImage' } })),
      );
      continue;
    }
    const protectedWhy = protectionSkip(image, name);
    if (protectedWhy) {
      const logged = log.record({ ...entry(ref, name), snapshotIds: [], outcome: 'unchanged', error: null, detail: protectedWhy });
      done();
      results.push(result(ref, name, 'skipped', withAuditNote(protectedWhy, logged), { auditId: logged.id }));
      continue;
    }
    try {
      const out = await aws.write(account, region, 'ec2:DeregisterImage', (path) =>
        aws.pool
          .ec2(path, region)
          .send(new DeregisterImageCommand({ ImageId: ref.imageId, DeleteAssociatedSnapshots: true }))
          .catch((error: unknown) => {
            throw placeError(error, path, region, 'ec2:DeregisterImage');
          }),
      );
      const deleted: string[] = [];
      const kept: Array<{ snapshotId: string; why: string }> = [];
      const answered = new Set<string>();
      for (const r of out.DeleteSnapshotResults ?? []) {
        if (!r.SnapshotId) continue;
        answered.add(r.SnapshotId);
        if (r.ReturnCode === 'success') deleted.push(r.SnapshotId);
        else if (r.ReturnCode === 'skipped') kept.push({ snapshotId: r.SnapshotId, why: 'another AMI still uses it' });
        else if (r.ReturnCode === 'missing-permissions') kept.push({ snapshotId: r.SnapshotId, why: `${record.name} does not own it (or may not delete it)` });
        else kept.push({ snapshotId: r.SnapshotId, why: `AWS answered ${r.ReturnCode ?? 'nothing'} for it` });
      }
      for (const id of snapshotIdsOf(image)) if (!answered.has(id)) kept.push({ snapshotId: id, why: 'AWS said nothing about it' });
      const tags = (image.Tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' }));
      const message = deregisteredMessage(name, deleted, kept, rules && retentionFor(rules, 'EC2_IMAGE', tags), rules && retentionFor(rules, 'EBS_SNAPSHOT', []));
      const logged = log.record({ ...entry(ref, name), snapshotIds: deleted, outcome: 'ok', error: null, detail: message });
      reflect.permissions(ref, []); // recipients lose it first, while the owner's row still exists
      reflect.row({ account, region, view: 'owned' }, ref.imageId, () => null);
      done();
      results.push(result(ref, name, 'deregistered', withAuditNote(message, logged), { snapshotsDeleted: deleted, snapshotsKept: kept, auditId: logged.id }));
    } catch (error) {
      const appError = error instanceof AppError ? error : accountError(error, record, region, 'ec2:DeregisterImage');
      results.push(failed(ref, name, appError));
    }
  }
  return results;
}

function deregisteredMessage(
  name: string,
  deleted: readonly string[],
  kept: ReadonlyArray<{ snapshotId: string; why: string }>,
  imageDays: number | null,
  snapshotDays: number | null,
): string {
  const parts = [`Deregistered ${name}.`];
  if (deleted.length > 0) parts.push(`Deleted its ${deleted.length === 1 ? 'snapshot' : plural(deleted.length, 'snapshot')} ${deleted.join(', ')}.`);
  for (const k of kept) parts.push(`Kept ${k.snapshotId}: ${k.why}.`);
  if (deleted.length === 0 && kept.length === 0) parts.push('It had no EBS snapshots.');
  if (imageDays !== null) {
    const snapshotsBack = deleted.length === 0 || snapshotDays !== null;
    parts.push(`The Recycle Bin keeps it ${plural(imageDays, 'day')}${snapshotsBack ? '' : ', but not its deleted snapshots, so it could not be restored'}.`);
  }
  return parts.join(' ');
}
