/** Derived facts about AMIs that several views agree on. */
import type { AmiRow } from '../../shared/ami-rows';
import type { AccountSummary, AmiSummary } from '../../shared/model';
import { formatAccountId } from './format';
import { toMillis } from './time';

export type StateTone = 'success' | 'info' | 'danger' | 'warning' | 'neutral';

/**
 * EC2 has no "deprecated" state: an image stays "available" after its deprecation time.
 * The UI shows it as deprecated, because that is what matters when choosing an image.
 */
export function displayState(image: Pick<AmiSummary, 'state' | 'deprecationTime'>, now: number): string {
  const deprecatedAt = toMillis(image.deprecationTime);
  if (image.state === 'available' && deprecatedAt !== null && deprecatedAt <= now) return 'deprecated';
  return image.state;
}

export function stateTone(state: string): StateTone {
  switch (state) {
    case 'available':
      return 'success';
    case 'pending':
    case 'transient':
      return 'info';
    case 'failed':
    case 'error':
    case 'invalid':
      return 'danger';
    case 'deprecated':
    case 'disabled':
      return 'warning';
    default:
      return 'neutral';
  }
}

/** Maps 12-digit AWS account ids to the names of our own account entries. */
export function accountNamesByAwsId(accounts: readonly AccountSummary[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const a of accounts) if (a.awsAccountId && !names.has(a.awsAccountId)) names.set(a.awsAccountId, a.name);
  return names;
}

/** How an owner is named in lists: our account's name, AWS's alias ("amazon"), or the formatted id. */
export function ownerLabel(
  image: Pick<AmiSummary, 'ownerId' | 'ownerAlias'>,
  names: ReadonlyMap<string, string>,
): string {
  return names.get(image.ownerId) ?? image.ownerAlias ?? formatAccountId(image.ownerId);
}

/**
 * An image of the account view as an AMI row: what AWS just said about it, with what only the
 * inventory knows (who may launch it, the accounts it is available to, snapshot size, last
 * launch) when the inventory has it. Unknown stays unknown: never "Private" for want of a scan.
 */
export function listedRow(image: AmiSummary, known: AmiRow | undefined, view: 'owned' | 'shared'): AmiRow {
  const launchPermission = image.public ? 'public' : known && known.launchPermission !== 'public' ? known.launchPermission : null;
  return {
    key: `${image.ownerId}|${image.region}|${image.imageId}`,
    accounts: known?.accounts ?? [image.account],
    view,
    sharedWith: known?.sharedWith ?? [],
    snapshotIds: known?.snapshotIds ?? [],
    snapshotSizeGiB: known?.snapshotSizeGiB ?? null,
    lastLaunchedTime: known?.lastLaunchedTime ?? null,
    scannedAt: known?.scannedAt ?? '',
    ...image,
    launchPermission,
    account: image.account,
  };
}
