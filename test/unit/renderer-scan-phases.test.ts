/**
 * A scan in two phases as the page says it: "Listing 812 of 1,600 targets", then "Grid complete ·
 * reading permissions: 41,200 of 160,000 AMIs"; a target whose permissions could not be read is a
 * failure of that phase, named by account and region; an owned row whose permissions are pending
 * says so in the Visibility column (and why, on hover), and so do the export and the details.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ScanStatus, TargetProgress } from '../../shared/inventory';
import type { AmiDetail, Workspace } from '../../shared/model';
import { accountSummary, amiRow, amiSummary } from './renderer-fixtures';
import './scripted-bridge';

const lib = await import('../../renderer/lib/inventory');
const { useAtlas } = await import('../../renderer/store');
const { ScanLine } = await import('../../renderer/features/inventory/ScanLine');
const { InventoryStatus } = await import('../../renderer/features/inventory/InventoryStatus');
const { ExportDialog } = await import('../../renderer/features/inventory/ExportDialog');
const { columnDefs } = await import('../../renderer/features/inventory/inventoryColumns');
const { PermissionsTab } = await import('../../renderer/features/images/detail/PermissionsTab');
const { NO_NAMES } = await import('../../shared/ami-rows');

const workspace: Workspace = {
  clients: [{ id: 'c1', name: 'Acme', color: '#2f81f7', production: false }],
  accounts: [
    accountSummary('a1', { name: 'acme-prod', awsAccountId: '111111111111' }),
    accountSummary('a2', { name: 'acme-dev', awsAccountId: '222222222222' }),
  ],
  demo: true,
  userAccountCount: 0,
  keychain: { available: true, reason: null, sessionOnly: false },
};

function target(account: string, region: string, state: TargetProgress['state'], count: number, over: Partial<TargetProgress> = {}): TargetProgress {
  return { account, region, view: 'owned', state, count, error: null, errorCode: null, scannedAt: null, ...over };
}

function status(targets: TargetProgress[], over: Partial<ScanStatus> = {}): ScanStatus {
  return { scanId: 's1', state: 'running', startedAt: '2026-12-01T10:00:00Z', finishedAt: null, listedAt: null, targets, ...over };
}

/** 1,600 targets, 812 of them listed. */
function listing(): TargetProgress[] {
  return Array.from({ length: 1600 }, (_, i) =>
    i < 812 ? target('a1', `r-${i}`, 'done', 10, { view: i % 2 === 0 ? 'owned' : 'shared', permissions: i % 2 === 0 ? { pending: 5, error: null, errorCode: null } : undefined }) : target('a1', `r-${i}`, 'queued', 0),
  );
}

/** Every target listed: 160,000 owned AMIs, 118,800 of them still pending. */
function reading(): TargetProgress[] {
  return [
    target('a1', 'eu-west-1', 'done', 100_000, { permissions: { pending: 100_000 - 41_200, error: null, errorCode: null } }),
    target('a2', 'us-east-1', 'done', 60_000, { permissions: { pending: 60_000, error: null, errorCode: null } }),
    target('a2', 'us-east-1', 'done', 7, { view: 'shared' }),
  ];
}

/** Renders with the store as set (a server render reads the store's initial state). */
const html = (node: Parameters<typeof renderToStaticMarkup>[0]) => {
  Object.assign(useAtlas.getInitialState(), useAtlas.getState());
  return renderToStaticMarkup(node);
};
const text = (markup: string) => markup.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'").replace(/&quot;/g, '"');

beforeEach(() => {
  useAtlas.setState({ workspace, scan: null, inventorySummary: null, inventory: [], scanPanelOpen: true, scanDetailsOpen: true, scanToast: null, scanError: null });
});

describe('the scan’s phases in words', () => {
  it('says how far the listing is, then how far the permissions are, then what is left', () => {
    const first = lib.scanPhases(listing(), status([]));
    expect(first.phase).toBe('listing');
    expect(lib.scanPhaseLine(first)).toBe('Listing 812 of 1,600 targets');

    const second = lib.scanPhases(reading(), status([], { listedAt: '2026-12-01T10:05:00Z' }));
    expect(second).toMatchObject({ phase: 'permissions', permissionsTotal: 160_000, permissionsRead: 41_200, permissionsPending: 118_800, permissionsFailed: 0 });
    expect(lib.scanPhaseLine(second)).toBe('Grid complete · reading permissions: 41,200 of 160,000 AMIs');

    const failed = reading().map((t, i) => (i === 1 ? { ...t, permissions: { pending: 60_000, error: 'Access denied to ec2:DescribeImageAttribute in acme-dev/us-east-1', errorCode: 'ACCESS_DENIED' } } : t));
    const over = lib.scanPhases(failed, status([], { state: 'done', listedAt: '2026-12-01T10:05:00Z', finishedAt: '2026-12-01T10:09:00Z' }));
    expect(over).toMatchObject({ phase: 'over', permissionsFailed: 1, permissionsPending: 118_800 });
    expect(lib.scanPhaseLine(over)).toBe('3 targets listed · permissions pending for 118,800 AMIs');
  });

  it('takes the grid as complete once every target is listed, even before the scan says when', () => {
    expect(lib.scanPhases(reading(), status([])).phase).toBe('permissions');
  });

  it('puts a target whose permissions failed first, with failed listings, then those listing, then those still reading permissions', () => {
    const ok = target('a1', 'eu-west-1', 'done', 3, { permissions: { pending: 0, error: null, errorCode: null } });
    const denied = target('a2', 'us-east-1', 'done', 3, { permissions: { pending: 3, error: 'Access denied', errorCode: 'ACCESS_DENIED' } });
    const running = target('a1', 'us-west-2', 'running', 0);
    const reading = target('a2', 'eu-north-1', 'done', 5, { permissions: { pending: 2, error: null, errorCode: null } });
    expect(lib.orderTargets([ok, reading, running, denied]).map((t) => t.region)).toEqual(['us-east-1', 'us-west-2', 'eu-north-1', 'eu-west-1']);
  });

  it('draws the line’s bar for the phase under way, and each phase’s figures in its details', () => {
    useAtlas.setState({ scan: status(listing()) });
    const first = text(html(createElement(ScanLine)));
    expect(first).toContain('Scanning 812 of 1,600 targets');
    expect(first).toContain('1 · Listing812 of 1,600 targets · 8,120 AMIs found');
    expect(first).toContain('2 · Launch permissions2,030 of 4,060 owned AMIs read');

    useAtlas.setState({ scan: status(reading(), { listedAt: '2026-12-01T10:05:00Z' }) });
    const markup = html(createElement(ScanLine));
    expect(text(markup)).toContain('Grid complete · reading launch permissions: 41,200 of 160,000 AMIs');
    expect(markup).toContain('aria-label="Launch permissions read" aria-valuemin="0" aria-valuemax="160000" aria-valuenow="41200"');
  });

  it('shows a target whose permissions could not be read as that phase’s failure, its account first with the region and why', () => {
    const targets = reading();
    targets[1] = { ...targets[1]!, permissions: { pending: 60_000, error: 'Access denied to ec2:DescribeImageAttribute in acme-dev/us-east-1', errorCode: 'ACCESS_DENIED' } };
    useAtlas.setState({ scan: status(targets, { state: 'done', listedAt: '2026-12-01T10:05:00Z', finishedAt: '2026-12-01T10:09:00Z' }) });
    const markup = html(createElement(ScanLine));
    const words = text(markup);
    expect(words).toContain('Scanned 3 targets · 1 failed · permissions pending for 118,800 AMIs');
    expect(words).toContain('Retry failed');
    expect(words).toContain('2 · Launch permissions41,200 of 160,000 owned AMIs read1 failure');
    expect(words).toContain('118,800 AMIs still say “permissions pending”');
    // The failing account comes first, named, with the region, the phase that failed and why.
    const first = text(markup.slice(markup.indexOf('>', markup.indexOf('data-testid="scan-account"')) + 1));
    expect(first.startsWith('acme-dev0/1 region60,007FailedPermissions failedus-east-1ownedAccess denied to ec2:DescribeImageAttribute in acme-dev/us-east-1 (60,000 AMIs still pending)')).toBe(true);
    expect(markup).toContain('data-status="failed"');
  });

  it('says the phase in the status bar', () => {
    useAtlas.setState({ scan: status(listing()) });
    expect(text(html(createElement(InventoryStatus, { shown: 0 })))).toContain('listing 812/1,600 targets');
    useAtlas.setState({ scan: status(reading(), { listedAt: '2026-12-01T10:05:00Z' }) });
    expect(text(html(createElement(InventoryStatus, { shown: 0 })))).toContain('grid complete · reading permissions 41,200/160,000 AMIs');
  });
});

describe('an owned row whose permissions are pending', () => {
  const pendingRow = amiRow('ami-0aaaaaaaaaaaaaaaa', { launchPermission: null, sharedWith: [] });
  const [visibility] = columnDefs(['visibility']);
  const cell = () => html(createElement('div', null, visibility!.render(pendingRow, { now: Date.now(), accounts: new Map(), ownerNames: new Map(), names: NO_NAMES })));

  it('says "permissions pending", and on hover that the running scan is reading them', () => {
    useAtlas.setState({ scan: status(reading(), { listedAt: '2026-12-01T10:05:00Z' }) });
    const markup = cell();
    expect(text(markup)).toBe('permissions pending');
    expect(markup).toContain('title="Launch permissions are read after the listing; the scan is reading them now."');
  });

  it('after the scan, says on hover why its target’s permissions could not be read', () => {
    const failed = target('a1', 'eu-west-1', 'done', 1, { permissions: { pending: 1, error: 'Access denied to ec2:DescribeImageAttribute', errorCode: 'ACCESS_DENIED' } });
    useAtlas.setState({ scan: status([failed], { state: 'done', finishedAt: '2026-12-01T10:09:00Z' }) });
    expect(cell()).toContain('title="Launch permissions could not be read: Access denied to ec2:DescribeImageAttribute"');
  });

  it('reads as shared once read (a shared view row stays "Shared with you")', () => {
    const read = amiRow('ami-0aaaaaaaaaaaaaaaa', { launchPermission: 'private' });
    const shared = amiRow('ami-0bbbbbbbbbbbbbbbb', { view: 'shared', launchPermission: null });
    const render = (row: typeof read) => text(html(createElement('div', null, visibility!.render(row, { now: Date.now(), accounts: new Map(), ownerNames: new Map(), names: NO_NAMES }))));
    expect(render(read)).toBe('Private');
    expect(render(shared)).toBe('Shared with you');
  });

  it('is counted in the export dialog before exporting, with a choice to wait for the scan', () => {
    useAtlas.setState({
      scan: status(reading(), { listedAt: '2026-12-01T10:05:00Z' }),
      inventory: [pendingRow, amiRow('ami-0cccccccccccccccc', { launchPermission: null }), amiRow('ami-0dddddddddddddddd')],
    });
    const words = text(html(createElement(ExportDialog, { shown: 3, onClose: () => undefined })));
    expect(words).toContain('2 AMIs of these still have their launch permissions pending (the scan is reading them now): their Visibility will say “permissions pending”');
    expect(words).toContain('Export when permissions are read');
    expect(words).toContain('Export now');
  });

  it('says nothing of it in the export dialog when every permission is read', () => {
    useAtlas.setState({ inventory: [amiRow('ami-0dddddddddddddddd')] });
    const words = text(html(createElement(ExportDialog, { shown: 1, onClose: () => undefined })));
    expect(words).not.toContain('pending');
    expect(words).not.toContain('Export when permissions are read');
  });

  it('shows "Launch permissions pending" in the details read from the inventory, not an empty list', () => {
    const failed = target('a1', 'eu-west-1', 'done', 1, { permissions: { pending: 1, error: 'Access denied to ec2:DescribeImageAttribute', errorCode: 'ACCESS_DENIED' } });
    useAtlas.setState({ inventory: [pendingRow], scan: status([failed], { state: 'done', finishedAt: '2026-12-01T10:09:00Z' }) });
    const detail: AmiDetail = {
      ...amiSummary('ami-0aaaaaaaaaaaaaaaa'),
      imageLocation: null,
      rootDeviceName: null,
      enaSupport: null,
      bootMode: null,
      sourceImageId: null,
      sourceRegion: null,
      lastLaunchedTime: null,
      usageOperation: null,
      imdsSupport: null,
      tpmSupport: null,
      deregistrationProtection: null,
      blockDevices: [],
      launchPermissions: [],
      snapshots: [],
      stale: { asOf: '2026-12-01T10:00:00Z', reason: { code: 'NETWORK', message: 'Cannot reach AWS' } },
    };
    const words = text(html(createElement(PermissionsTab, { image: detail })));
    expect(words).toContain('Launch permissions pending');
    expect(words).toContain('Launch permissions could not be read: Access denied to ec2:DescribeImageAttribute');
    // Read live from AWS, the same image shows its permissions (the editor's slot; empty here).
    expect(html(createElement(PermissionsTab, { image: { ...detail, stale: null } }))).toBe('');
  });
});
