import { packRow, type InventoryPage, type InventoryRow, type PackedGroup } from '../../shared/inventory';

/** A complete inventory row with sensible defaults. */
export function row(overrides: Partial<InventoryRow> = {}): InventoryRow {
  return {
    imageId: 'ami-0123456789abcdef0',
    name: 'golden-al2023',
    description: null,
    ownerId: '111122223333',
    ownerAlias: null,
    state: 'available',
    architecture: 'x86_64',
    platform: 'Linux/UNIX',
    rootDeviceType: 'ebs',
    virtualizationType: 'hvm',
    creationDate: '2026-11-01T00:00:00.000Z',
    deprecationTime: null,
    public: false,
    encrypted: false,
    tags: [],
    account: 'acct-1',
    region: 'us-east-1',
    awsAccountId: '111122223333',
    view: 'owned',
    launchPermission: 'private',
    sharedWith: [],
    snapshotIds: [],
    snapshotSizeGiB: 8,
    lastLaunchedTime: null,
    scannedAt: '2026-11-28T00:00:00.000Z',
    ...overrides,
  };
}

/**
 * An inventory:rows answer holding these rows (consecutive rows of a target share a group,
 * whose header takes the scan time and account id of its first row, as the cache's would).
 */
export function page(rows: readonly InventoryRow[], total: number): InventoryPage {
  const groups: PackedGroup[] = [];
  for (const r of rows) {
    const last = groups[groups.length - 1];
    if (last && last[0] === r.account && last[1] === r.region && last[2] === r.view) last[5].push(packRow(r, { scannedAt: last[3], awsAccountId: last[4] }));
    else groups.push([r.account, r.region, r.view, r.scannedAt, r.awsAccountId, [packRow(r, r)]]);
  }
  return { groups: JSON.stringify(groups), count: rows.length, total };
}
