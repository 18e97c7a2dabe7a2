/** Complete model values for renderer tests: each test states only the fields it cares about. */
import type { InventoryRow } from '../../shared/inventory';
import type { AccountSummary, AmiSummary } from '../../shared/model';

export function amiSummary(imageId: string, over: Partial<AmiSummary> = {}): AmiSummary {
  return {
    imageId,
    name: imageId,
    description: null,
    ownerId: '111111111111',
    ownerAlias: null,
    state: 'available',
    architecture: 'x86_64',
    platform: 'Linux/UNIX',
    rootDeviceType: 'ebs',
    virtualizationType: 'hvm',
    creationDate: null,
    deprecationTime: null,
    public: false,
    encrypted: false,
    tags: [],
    account: 'a1',
    region: 'eu-west-1',
    ...over,
  };
}

export function inventoryRow(imageId: string, over: Partial<InventoryRow> = {}): InventoryRow {
  return {
    ...amiSummary(imageId),
    awsAccountId: '111111111111',
    view: 'owned',
    launchPermission: 'private',
    sharedWith: [],
    snapshotIds: [],
    scannedAt: '2026-01-01T00:00:00Z',
    ...over,
  };
}

export function accountSummary(id: string, over: Partial<AccountSummary> = {}): AccountSummary {
  return {
    id,
    name: `name-${id}`,
    clientId: 'c1',
    kind: 'access-key',
    awsAccountId: null,
    arn: null,
    alias: null,
    production: false,
    defaultRegion: 'eu-west-1',
    favoriteRegions: [],
    endpoint: null,
    accessKeyId: 'AKIAEXAMPLE000000000',
    profileName: null,
    roleArn: null,
    sourceAccount: null,
    externalId: null,
    mfaSerial: null,
    via: 'access key',
    health: 'ok',
    healthMessage: null,
    fix: null,
    sessionExpiresAt: null,
    sameAccountAs: [],
    ...over,
  };
}
