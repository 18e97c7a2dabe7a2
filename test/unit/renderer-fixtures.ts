/** Complete model values for renderer tests: each test states only the fields it cares about. */
import { mergeListings, type AmiRow } from '../../shared/ami-rows';
import type { InventoryRow } from '../../shared/inventory';
import type { AccessPathSummary, AccountSummary, AmiSummary } from '../../shared/model';

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
    snapshotSizeGiB: 8,
    lastLaunchedTime: null,
    scannedAt: '2026-01-01T00:00:00Z',
    ...over,
  };
}

/** One AMI as the grid shows it: its listing(s) folded (here one, owned by account a1 unless said). */
export function amiRow(imageId: string, over: Partial<InventoryRow> & { accounts?: string[] } = {}): AmiRow {
  const { accounts, ...listing } = over;
  const row = mergeListings([inventoryRow(imageId, listing)]);
  return accounts ? { ...row, accounts, account: accounts[0] ?? row.account } : row;
}

export function accountSummary(id: string, over: Partial<AccountSummary> = {}): AccountSummary {
  const path: AccessPathSummary = {
    id: `${id}-path`,
    account: id,
    kind: 'access-key',
    via: 'access key …0000',
    label: null,
    arn: null,
    principal: null,
    endpoint: null,
    accessKeyId: 'AKIAEXAMPLE000000000',
    profileName: null,
    roleArn: null,
    sourcePath: null,
    externalId: null,
    mfaSerial: null,
    health: 'ok',
    healthMessage: null,
    fix: null,
    sessionExpiresAt: null,
  };
  return {
    id,
    name: `name-${id}`,
    clientId: 'c1',
    awsAccountId: null,
    alias: null,
    production: false,
    defaultRegion: 'eu-west-1',
    favoriteRegions: [],
    endpoint: null,
    paths: [path],
    readPath: null,
    writePath: null,
    actingPath: path.id,
    health: 'ok',
    healthMessage: null,
    fix: null,
    fixPath: null,
    notice: null,
    ...over,
  };
}
