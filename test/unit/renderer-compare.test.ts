/**
 * Comparing two AMIs: which facts differ, block devices matched by device name (not by position),
 * tags by key, launch permissions by whom they name; what one side cannot know is unknown, never a
 * difference; names instead of numbers where the workspace knows them.
 */
import { describe, expect, it } from 'vitest';
import type { AmiDetail, BlockDevice } from '../../shared/model';
import { compareImages, onlyDifferences, kmsKeysOf, type CompareNames, type CompareRow } from '../../renderer/features/images/compare/diff';
import { compareCandidates, searchCandidates } from '../../renderer/features/images/compare/open';
import type { AmiRow } from '../../shared/ami-rows';

const KEY_A = 'arn:aws:kms:eu-west-1:111111111111:key/aaaa-1111';
const KEY_B = 'arn:aws:kms:eu-west-1:111111111111:key/bbbb-2222';

function device(deviceName: string, extra: Partial<BlockDevice> = {}): BlockDevice {
  return {
    deviceName,
    snapshotId: `snap-${deviceName.replace(/\W/g, '')}`,
    volumeSizeGiB: 8,
    volumeType: 'gp3',
    encrypted: false,
    kmsKeyId: null,
    deleteOnTermination: true,
    virtualName: null,
    iops: 3000,
    throughputMiBs: 125,
    ...extra,
  };
}

function detail(extra: Partial<AmiDetail> = {}): AmiDetail {
  return {
    imageId: 'ami-0aaaaaaaaaaaaaaaa',
    name: 'golden-al2023-2026.11.20',
    description: null,
    ownerId: '111111111111',
    ownerAlias: null,
    state: 'available',
    architecture: 'x86_64',
    platform: 'Linux/UNIX',
    rootDeviceType: 'ebs',
    virtualizationType: 'hvm',
    creationDate: '2026-11-20T10:00:00.000Z',
    deprecationTime: null,
    public: false,
    encrypted: false,
    tags: [{ key: 'Team', value: 'platform' }],
    account: 'entry-1',
    region: 'eu-west-1',
    imageLocation: null,
    rootDeviceName: '/dev/xvda',
    enaSupport: true,
    bootMode: 'uefi-preferred',
    sourceImageId: null,
    sourceRegion: null,
    lastLaunchedTime: null,
    usageOperation: 'RunInstances',
    imdsSupport: 'v2.0',
    tpmSupport: null,
    deregistrationProtection: 'disabled',
    blockDevices: [device('/dev/xvda')],
    launchPermissions: [],
    snapshots: [],
    stale: null,
    ...extra,
  };
}

const names: CompareNames = {
  account: (id) => ({ '111111111111': 'acme-prod', '222222222222': 'acme-staging' })[id] ?? null,
  kmsAlias: (arn) => (arn === KEY_A ? 'alias/ami-encryption' : null),
};

function rowsOf(a: AmiDetail, b: AmiDetail): Map<string, CompareRow> {
  return new Map(compareImages(a, b, names).sections.flatMap((s) => s.rows).map((r) => [r.key, r]));
}

function differing(a: AmiDetail, b: AmiDetail): string[] {
  return [...rowsOf(a, b).values()].filter((r) => r.status === 'differs').map((r) => r.key);
}

describe('compareImages', () => {
  it('finds nothing to mark between an image and itself', () => {
    const a = detail();
    expect(compareImages(a, detail(), names).differences).toBe(0);
    expect(onlyDifferences(compareImages(a, detail(), names)).sections).toEqual([]);
  });

  it('marks exactly the facts that differ, worded for people', () => {
    const a = detail();
    const b = detail({ architecture: 'arm64', bootMode: 'uefi', imdsSupport: null, tpmSupport: 'v2.0', platform: 'Windows', usageOperation: 'RunInstances:0002' });
    expect(differing(a, b).sort()).toEqual(['platform.architecture', 'platform.bootMode', 'platform.details', 'platform.imds', 'platform.tpm', 'platform.usageOperation'].sort());
    const rows = rowsOf(a, b);
    expect(rows.get('platform.imds')).toMatchObject({ a: { text: 'IMDSv2 required' }, b: { text: 'IMDSv1 allowed' } });
    expect(rows.get('platform.tpm')).toMatchObject({ a: { text: 'No' }, b: { text: 'NitroTPM v2.0' } });
    expect(rows.get('platform.virtualization')?.status).toBe('same');
  });

  it('matches block devices by device name, whatever their order, and says which one only one image maps', () => {
    const a = detail({ blockDevices: [device('/dev/xvda'), device('/dev/sdf', { volumeSizeGiB: 100 })] });
    const b = detail({ blockDevices: [device('/dev/sdf', { volumeSizeGiB: 200, volumeType: 'io2', iops: 4000, throughputMiBs: null }), device('/dev/xvda'), device('/dev/sdg')] });
    const rows = rowsOf(a, b);
    // Same snapshot names by device in these fixtures: the root volume is equal in every fact.
    expect([...rows.values()].filter((r) => r.group === '/dev/xvda').every((r) => r.status === 'same')).toBe(true);
    expect(rows.get('device./dev/sdf.size')).toMatchObject({ status: 'differs', a: { text: '100 GiB' }, b: { text: '200 GiB' } });
    expect(rows.get('device./dev/sdf.type')?.status).toBe('differs');
    expect(rows.get('device./dev/sdf.iops')).toMatchObject({ status: 'differs', a: { text: '3,000' }, b: { text: '4,000' } });
    expect(rows.get('device./dev/sdf.throughput')).toMatchObject({ status: 'differs', a: { text: '125 MiB/s' }, b: { text: '—' } });
    expect(rows.get('device./dev/sdg.mapping')).toMatchObject({ status: 'differs', a: { text: 'Not mapped' }, b: { text: '8 GiB, gp3, not encrypted' } });
    expect(rows.get('storage.size')).toMatchObject({ status: 'differs', a: { text: '108 GiB' }, b: { text: '216 GiB' } });
  });

  it('names KMS keys by alias where known, and marks another key as a difference even when both are encrypted', () => {
    const a = detail({ encrypted: true, blockDevices: [device('/dev/xvda', { encrypted: true, kmsKeyId: KEY_A })] });
    const b = detail({ encrypted: true, blockDevices: [device('/dev/xvda', { encrypted: true, kmsKeyId: KEY_B })] });
    const rows = rowsOf(a, b);
    expect(rows.get('device./dev/xvda.encrypted')?.status).toBe('same');
    expect(rows.get('storage.encrypted')?.status).toBe('same');
    const kms = rows.get('device./dev/xvda.kms')!;
    expect(kms.status).toBe('differs');
    expect(kms.a).toMatchObject({ text: 'alias/ami-encryption in acme-prod, eu-west-1', copy: KEY_A });
    expect(kms.b).toMatchObject({ text: 'key/bbbb-2222 in acme-prod, eu-west-1', copy: KEY_B });
    expect(kmsKeysOf(a, b)).toEqual([
      { arn: KEY_A, awsAccountId: '111111111111', region: 'eu-west-1' },
      { arn: KEY_B, awsAccountId: '111111111111', region: 'eu-west-1' },
    ]);
  });

  it('encryption on one side only is a difference in the summary and on the device', () => {
    const a = detail();
    const b = detail({ encrypted: true, blockDevices: [device('/dev/xvda', { encrypted: true, kmsKeyId: KEY_A })] });
    expect(differing(a, b)).toEqual(expect.arrayContaining(['storage.encrypted', 'device./dev/xvda.encrypted', 'device./dev/xvda.kms']));
    expect(rowsOf(a, b).get('storage.encrypted')).toMatchObject({ a: { text: 'Not encrypted' }, b: { text: 'Encrypted' } });
  });

  it('compares tags by key and launch permissions by whom they name, accounts by our name', () => {
    const a = detail({
      tags: [{ key: 'Team', value: 'platform' }, { key: 'Stage', value: 'prod' }],
      launchPermissions: [
        { kind: 'account', value: '222222222222', knownAs: null },
        { kind: 'organization', value: 'arn:aws:organizations::111111111111:organization/o-abc123', knownAs: null },
      ],
    });
    const b = detail({
      tags: [{ key: 'Team', value: 'data' }, { key: 'Owner', value: '' }],
      public: true,
      launchPermissions: [
        { kind: 'group', value: 'all', knownAs: null },
        { kind: 'account', value: '222222222222', knownAs: 'acme-staging' },
        { kind: 'account', value: '333333333333', knownAs: null },
      ],
    });
    const rows = rowsOf(a, b);
    expect(rows.get('tag.Team')).toMatchObject({ status: 'differs', a: { text: 'platform' }, b: { text: 'data' } });
    expect(rows.get('tag.Stage')).toMatchObject({ status: 'differs', b: { text: 'Not set' } });
    expect(rows.get('tag.Owner')).toMatchObject({ status: 'differs', a: { text: 'Not set' }, b: { text: '(empty value)' } });
    expect(rows.get('permissions.public')?.status).toBe('differs');
    expect(rows.get('permissions.account:222222222222')).toMatchObject({ label: 'acme-staging (2222-2222-2222)', status: 'same' });
    expect(rows.get('permissions.account:333333333333')).toMatchObject({ label: 'Account 3333-3333-3333', status: 'differs' });
    expect(rows.get('permissions.organization:arn:aws:organizations::111111111111:organization/o-abc123')).toMatchObject({ label: 'Organization o-abc123', status: 'differs' });
    // "Everyone" is the Public row, not a grantee of its own.
    expect([...rows.keys()].some((k) => k.includes('group:all'))).toBe(false);
  });

  it('what one side cannot know is unknown, not a difference: permissions of a shared image, details from the inventory', () => {
    const owned = detail({ blockDevices: [device('/dev/xvda')] });
    const shared = detail({ ownerId: '999999999999', launchPermissions: null, deregistrationProtection: null });
    const rows = rowsOf(owned, shared);
    expect(rows.get('image.deregistrationProtection')).toMatchObject({ status: 'unknown', b: { text: 'Only its owner is told' } });
    expect(rows.get('image.owner')).toMatchObject({ status: 'differs', a: { text: 'acme-prod (1111-1111-1111)' }, b: { text: '9999-9999-9999' } });

    const stale = detail({ stale: { asOf: '2026-11-26T00:00:00.000Z', reason: { code: 'NETWORK', message: 'offline' } }, blockDevices: [], bootMode: null, usageOperation: null, sourceImageId: null });
    const offline = rowsOf(owned, stale);
    for (const key of ['platform.bootMode', 'platform.usageOperation', 'lineage.sourceImage', 'storage.size', 'storage.devices']) {
      expect(offline.get(key), key).toMatchObject({ status: 'unknown', b: { text: 'Needs AWS' } });
    }
    // What the inventory does keep is still compared.
    expect(offline.get('platform.architecture')?.status).toBe('same');
    expect([...offline.keys()].some((k) => k.startsWith('device.'))).toBe(false);
  });

  it('shows the lineage of a copy, and "only differences" keeps exactly the rows that differ', () => {
    const source = detail();
    const copy = detail({ imageId: 'ami-0bbbbbbbbbbbbbbbb', region: 'us-east-1', sourceImageId: 'ami-0aaaaaaaaaaaaaaaa', sourceRegion: 'eu-west-1', creationDate: '2026-11-21T08:30:00.000Z' });
    const comparison = compareImages(source, copy, names);
    const rows = rowsOf(source, copy);
    expect(rows.get('lineage.sourceImage')).toMatchObject({ status: 'differs', a: { text: 'Not a copy' }, b: { text: 'ami-0aaaaaaaaaaaaaaaa', copy: 'ami-0aaaaaaaaaaaaaaaa' } });
    expect(rows.get('lineage.sourceRegion')?.b.text).toBe('eu-west-1');
    expect(rows.get('image.created')).toMatchObject({ a: { text: '2026-11-20 10:00 UTC' }, b: { text: '2026-11-21 08:30 UTC' } });
    const only = onlyDifferences(comparison);
    const kept = only.sections.flatMap((s) => s.rows.map((r) => r.key)).sort();
    expect(kept).toEqual(['image.created', 'lineage.sourceImage', 'lineage.sourceRegion']);
    expect(only.differences).toBe(comparison.differences);
    expect(only.sections.map((s) => s.id)).toEqual(['image', 'lineage']);
  });
});

describe('Compare with… candidates', () => {
  const row = (imageId: string, name: string, region = 'eu-west-1'): AmiRow =>
    ({ key: `111111111111|${region}|${imageId}`, imageId, name, region, account: 'entry-1', creationDate: '2026-11-20T10:00:00.000Z' }) as AmiRow;

  it('searches the inventory and the list on screen, once per image, never the image compared', () => {
    const inventory = [row('ami-0aaaaaaaaaaaaaaaa', 'golden base'), row('ami-0bbbbbbbbbbbbbbbb', 'golden next')];
    const listed = [
      { ...row('ami-0bbbbbbbbbbbbbbbb', 'golden next'), account: 'entry-1' },
      { ...row('ami-0cccccccccccccccc', 'golden edge'), account: 'entry-1' },
    ];
    const candidates = compareCandidates(inventory, listed, 'owned', { account: 'entry-1', region: 'eu-west-1', imageId: 'ami-0aaaaaaaaaaaaaaaa', name: 'golden base' });
    expect(candidates.map((c) => c.imageId)).toEqual(['ami-0bbbbbbbbbbbbbbbb', 'ami-0cccccccccccccccc']);
    expect(searchCandidates(candidates, 'golden edge').rows.map((r) => r.imageId)).toEqual(['ami-0cccccccccccccccc']);
    expect(searchCandidates(candidates, 'ami-0bbb').rows.map((r) => r.imageId)).toEqual(['ami-0bbbbbbbbbbbbbbbb']);
    expect(searchCandidates(candidates, 'ami-0aaa').rows).toEqual([]);
  });
});
