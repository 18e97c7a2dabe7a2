import type { InventoryRow } from '../../shared/inventory';

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
    scannedAt: '2026-11-28T00:00:00.000Z',
    ...overrides,
  };
}
