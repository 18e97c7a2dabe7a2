/**
 * Keeps the offline inventory true after changes made through the app, without a rescan: the
 * owner's row gets its new launch permissions or state (or goes, when deregistered), and
 * recipients in the workspace gain or lose their "shared with me" row. Each touched target is
 * sent to the page like a scanned one, so the grid and the share matrix follow at once.
 */
import type { Image } from '@aws-sdk/client-ec2';
import type { InventoryRow, ScanTarget } from '../../../shared/inventory';
import type { ImageRef, ShareEntity } from '../../../shared/sharing';
import { toLaunchPermission } from '../sharing/entities';
import { toInventoryRow, toLaunchAccess } from './rows';
import type { CoreContext } from '../context';
import { storageError } from '../db/storage-errors';
import type { InventoryStore } from './store';

export class InventoryReflector {
  constructor(
    private readonly ctx: CoreContext,
    private readonly store: InventoryStore,
    /** Told when the inventory cannot follow (the change in AWS stands; the next scan catches up). */
    private readonly onFault: (what: string, error: unknown) => void = () => undefined,
  ) {}

  /** The owner's row now has exactly these launch permissions; recipients follow. */
  permissions(ref: ImageRef, entities: readonly ShareEntity[]): void {
    // The same reading of permissions a scan makes, so a rescan changes nothing.
    const { launchPermission, sharedWith } = toLaunchAccess(entities.map(toLaunchPermission));
    const isPublic = launchPermission === 'public';
    let ownerRow: InventoryRow | null = null;
    this.write({ account: ref.account, region: ref.region, view: 'owned' }, ref.imageId, (row) => {
      ownerRow = row ? { ...row, sharedWith, launchPermission, public: isPublic } : null;
      return ownerRow;
    });
    const source = ownerRow as InventoryRow | null;
    if (!source) return;
    const recipients = new Set(entities.flatMap((e) => (e.kind === 'account' ? [e.awsAccountId] : [])));
    for (const account of this.ctx.workspace().accounts) {
      if (account.id === ref.account || account.awsAccountId === null || account.awsAccountId === source.ownerId) continue;
      const target: ScanTarget = { account: account.id, region: ref.region, view: 'shared' };
      const awsAccountId = account.awsAccountId;
      this.write(target, ref.imageId, (row) => {
        if (!recipients.has(awsAccountId)) return isPublic ? row : null;
        return { ...(row ?? source), account: account.id, awsAccountId, view: 'shared', launchPermission: null, sharedWith: [], scannedAt: row?.scannedAt ?? source.scannedAt };
      });
    }
  }

  /** A recipient left a share: its row goes, and the owner's row (when we have the owner) forgets it. */
  left(recipient: ImageRef, ownerId: string, recipientAwsId: string | null): void {
    this.row({ account: recipient.account, region: recipient.region, view: 'shared' }, recipient.imageId, () => null);
    if (!recipientAwsId) return;
    for (const owner of this.ctx.workspace().accounts.filter((a) => a.awsAccountId === ownerId)) {
      this.row({ account: owner.id, region: recipient.region, view: 'owned' }, recipient.imageId, (row) => {
        const sharedWith = row.sharedWith.filter((s) => s !== recipientAwsId);
        return { ...row, sharedWith, launchPermission: row.public ? 'public' : sharedWith.length > 0 ? 'shared' : 'private' };
      });
    }
  }

  /** A new image of ours (a finished copy): added to its target, as a scan would list it. */
  added(target: ScanTarget, image: Image, awsAccountId: string | null): void {
    this.write(target, image.ImageId ?? '', () => toInventoryRow(image, target, awsAccountId, { launchPermission: 'private', sharedWith: [] }, new Date().toISOString()));
  }

  /** The row in one target changed (state, deprecation) or is gone (null). */
  row(target: ScanTarget, imageId: string, change: (row: InventoryRow) => InventoryRow | null): void {
    this.write(target, imageId, (row) => (row ? change(row) : null));
  }

  private write(target: ScanTarget, imageId: string, change: (row: InventoryRow | null) => InventoryRow | null): void {
    const located = this.ctx.find(target.account);
    if (!located) return;
    const cache = this.store.cacheFor(located.source);
    try {
      if (cache.writeRow(target, imageId, change)) {
        this.ctx.emit('inventory:targetRows', { scanId: 'change', target, rows: cache.targetRows(target) });
      }
    } catch (error) {
      // The change was made in AWS: a database that cannot take it now must not undo that report.
      const stored = storageError(error, `updating the inventory after a change to ${imageId}`);
      if (!stored) throw error;
      this.onFault('the inventory', stored);
    }
  }
}
