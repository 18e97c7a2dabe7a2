/**
 * The scan as people read it: one line ("Scanning 212 of 392 targets · 3 failed", a time left
 * once it can be told), the targets grouped by account with failures first, then accounts
 * still being read, then those done, and a retry that covers exactly what failed; and where
 * the toasts go beside an open dialog so they cover none of its buttons.
 */
import { describe, expect, it } from 'vitest';
import type { ScanStatus, TargetProgress } from '../../shared/inventory';
import { estimateLeftMs, formatLeft, groupTargetsByAccount, retryScope, scanLine } from '../../renderer/lib/scanGroups';
import { toastPlacement } from '../../renderer/lib/toastPlacement';

function t(account: string, region: string, state: TargetProgress['state'], over: Partial<TargetProgress> = {}): TargetProgress {
  return { account, region, view: 'owned', state, count: state === 'done' ? 4 : 0, error: null, errorCode: null, scannedAt: null, ...over };
}
const names: Record<string, string> = { a: 'acme-prod', b: 'beta-dev', c: 'cargo-ops', z: 'zeta-lab' };
const nameOf = (id: string) => names[id] ?? id;
const running = (targets: TargetProgress[], over: Partial<ScanStatus> = {}): ScanStatus => ({
  scanId: 's1',
  state: 'running',
  startedAt: '2026-12-04T10:00:00Z',
  finishedAt: null,
  listedAt: null,
  targets,
  ...over,
});

describe('targets by account', () => {
  const targets = [
    t('a', 'eu-west-1', 'done'),
    t('a', 'us-east-1', 'done'),
    t('z', 'eu-west-1', 'running'),
    t('z', 'us-east-1', 'queued'),
    t('c', 'us-east-1', 'done'),
    t('c', 'eu-west-1', 'failed', { error: 'Access denied to ec2:DescribeImages in cargo-ops/eu-west-1', errorCode: 'ACCESS_DENIED' }),
    t('c', 'eu-west-1', 'done', { view: 'shared' }),
    t('b', 'ap-south-1', 'done', { permissions: { pending: 4, error: 'Access denied to ec2:DescribeImageAttribute', errorCode: 'ACCESS_DENIED' } }),
    t('b', 'us-east-1', 'done', { permissions: { pending: 0, error: null, errorCode: null } }),
  ];

  it('puts failing accounts first, then those being read, then those done, by name within', () => {
    const groups = groupTargetsByAccount(targets, nameOf, true);
    expect(groups.map((g) => [g.name, g.status])).toEqual([
      ['beta-dev', 'failed'],
      ['cargo-ops', 'failed'],
      ['zeta-lab', 'active'],
      ['acme-prod', 'done'],
    ]);
  });

  it('counts an account’s regions done of total, and names each failing region’s error in words with its phase', () => {
    const cargo = groupTargetsByAccount(targets, nameOf, true).find((g) => g.name === 'cargo-ops')!;
    expect(cargo).toMatchObject({ regionsDone: 1, regionsTotal: 2, regionsFailed: 1, found: 8 });
    expect(cargo.regions[0]).toMatchObject({
      region: 'eu-west-1',
      state: 'failed',
      failures: [{ view: 'owned', phase: 'listing', message: 'Access denied to ec2:DescribeImages in cargo-ops/eu-west-1', code: 'ACCESS_DENIED' }],
    });
    const beta = groupTargetsByAccount(targets, nameOf, true).find((g) => g.name === 'beta-dev')!;
    expect(beta.regions.map((r) => r.region)).toEqual(['ap-south-1', 'us-east-1']);
    expect(beta.regions[0]).toMatchObject({ permissionsPending: 4, failures: [{ phase: 'permissions', message: 'Access denied to ec2:DescribeImageAttribute' }] });
  });

  it('says a refusal repeated in every region once, with its regions and views, and a lone one with its own words', () => {
    const denied = (region: string, view: TargetProgress['view']) =>
      t('d', region, 'failed', { view, error: `Access denied in dora (123456789012)/${region}: ec2:DescribeImages — You are not authorized to perform this operation.`, errorCode: 'ACCESS_DENIED' });
    const [dora] = groupTargetsByAccount(
      [denied('eu-west-1', 'owned'), denied('eu-west-1', 'shared'), denied('us-east-1', 'owned'), denied('us-east-1', 'shared'), t('d', 'ap-south-1', 'failed', { error: 'Cannot reach AWS (ap-south-1)' })],
      nameOf,
      false,
    );
    // The words as AWS places name the region too, "· Europe (Ireland) eu-west-1".
    const placed = (region: string, place: string) => t('p', region, 'failed', { error: `Access denied in pia (123456789012) · ${place} ${region}: ec2:DescribeImages — You are not authorized.`, errorCode: 'ACCESS_DENIED' });
    const [pia] = groupTargetsByAccount([placed('eu-west-1', 'Europe (Ireland)'), placed('ap-southeast-2', 'Asia Pacific (Sydney)'), placed('eu-central-1', 'Europe (Frankfurt)')], nameOf, false);
    expect(pia!.problems.map((p) => [p.regions, p.message])).toEqual([[['ap-southeast-2', 'eu-central-1', 'eu-west-1'], 'Access denied in pia (123456789012): ec2:DescribeImages — You are not authorized.']]);
    // Words that differ elsewhere stay apart.
    const [other] = groupTargetsByAccount([t('o', 'eu-west-1', 'failed', { error: 'Timed out' }), t('o', 'us-east-1', 'failed', { error: 'Cannot reach AWS' })], nameOf, false);
    expect(other!.problems.map((p) => p.message)).toEqual(['Timed out', 'Cannot reach AWS']);
    expect(dora!.problems).toEqual([
      { phase: 'listing', views: ['owned'], regions: ['ap-south-1'], message: 'Cannot reach AWS (ap-south-1)', code: null, permissionsPending: 0 },
      {
        phase: 'listing',
        views: ['owned', 'shared'],
        regions: ['eu-west-1', 'us-east-1'],
        message: 'Access denied in dora (123456789012): ec2:DescribeImages — You are not authorized to perform this operation.',
        code: 'ACCESS_DENIED',
        permissionsPending: 0,
      },
    ]);
  });

  it('takes a listed region whose permissions are still being read as in progress while the scan runs, done after', () => {
    const reading = [t('a', 'eu-west-1', 'done', { permissions: { pending: 2, error: null, errorCode: null } })];
    expect(groupTargetsByAccount(reading, nameOf, true)[0]).toMatchObject({ status: 'active', regionsDone: 0 });
    expect(groupTargetsByAccount(reading, nameOf, false)[0]).toMatchObject({ status: 'done', regionsDone: 1, permissionsPending: 2 });
  });

  it('keeps 60 accounts of 16 regions each in one list, the one failing on top', () => {
    const many: TargetProgress[] = [];
    for (let a = 0; a < 60; a++) for (let r = 0; r < 16; r++) many.push(t(`acct-${String(a).padStart(2, '0')}`, `region-${r}`, a === 41 && r === 7 ? 'failed' : 'done', a === 41 && r === 7 ? { error: 'Cannot reach AWS' } : {}));
    const groups = groupTargetsByAccount(many, nameOf, false);
    expect(groups).toHaveLength(60);
    expect(groups[0]).toMatchObject({ account: 'acct-41', status: 'failed', regionsDone: 15, regionsTotal: 16 });
    expect(groups.slice(1).every((g) => g.status === 'done' && g.regionsDone === 16)).toBe(true);
  });

  it('retries the failing accounts in the regions that failed, and nothing when none did', () => {
    expect(retryScope(targets)).toEqual({ accounts: ['c', 'b'], regions: ['eu-west-1', 'ap-south-1'] });
    expect(retryScope([t('a', 'eu-west-1', 'done')])).toBeNull();
  });
});

describe('the scan line', () => {
  const now = Date.parse('2026-12-04T10:02:00Z');

  it('says how many targets are scanned of all, and how many failed', () => {
    const targets = [
      ...Array.from({ length: 209 }, (_, i) => t('a', `r${i}`, 'done')),
      ...Array.from({ length: 3 }, (_, i) => t('b', `f${i}`, 'failed', { error: 'Denied' })),
      ...Array.from({ length: 180 }, (_, i) => t('c', `q${i}`, 'queued')),
    ];
    const line = scanLine(targets, running(targets), now);
    expect(line.text).toBe('Scanning 212 of 392 targets · 3 failed');
    expect(line).toMatchObject({ phase: 'listing', value: 212, max: 392, failed: 3 });
    // 212 of 392 in 2 minutes: 180 more at that pace.
    expect(line.leftMs).toBe(Math.round((120_000 * 180) / 212));
    expect(formatLeft(line.leftMs!)).toBe('about 2 min left');
  });

  it('counts a target whose permissions failed, and says what is pending after the scan', () => {
    const targets = [t('a', 'eu-west-1', 'done', { count: 10, permissions: { pending: 10, error: 'Denied', errorCode: 'ACCESS_DENIED' } }), t('a', 'us-east-1', 'done')];
    const line = scanLine(targets, running(targets, { state: 'done', finishedAt: '2026-12-04T10:03:00Z', listedAt: '2026-12-04T10:01:00Z' }), now);
    expect(line.text).toBe('Scanned 2 targets · 1 failed · permissions pending for 10 AMIs');
    expect(line.leftMs).toBeNull();
  });

  it('follows phase two: the launch permissions read of the owned AMIs listed', () => {
    const targets = [t('a', 'eu-west-1', 'done', { count: 1000, permissions: { pending: 600, error: null, errorCode: null } })];
    const line = scanLine(targets, running(targets, { listedAt: '2026-12-04T10:01:00Z' }), now);
    expect(line.text).toBe('Grid complete · reading launch permissions: 400 of 1,000 AMIs');
    expect(line).toMatchObject({ phase: 'permissions', value: 400, max: 1000 });
    expect(line.leftMs).toBe(90_000);
  });

  it('says a cancelled scan was cancelled, and gives no time left before there is enough to tell', () => {
    const targets = [t('a', 'eu-west-1', 'done'), t('a', 'us-east-1', 'cancelled')];
    expect(scanLine(targets, running(targets, { state: 'cancelled' }), now).text).toBe('Scan cancelled: 2 of 2 targets listed');
    expect(estimateLeftMs(1, 100, '2026-12-04T10:01:59Z', now)).toBeNull(); // 1 s in
    expect(estimateLeftMs(1, 100, '2026-12-04T10:00:00Z', now)).toBeNull(); // 1 % done
    expect(estimateLeftMs(0, 100, '2026-12-04T10:00:00Z', now)).toBeNull();
    expect(formatLeft(30_000)).toBe('under a minute left');
    expect(formatLeft(80 * 60_000)).toBe('about 1 h 20 min left');
  });
});

describe('where the toasts go', () => {
  const viewport = { width: 1440, height: 900 };
  const overlaps = (p: ReturnType<typeof toastPlacement>, d: { left: number; right: number; top: number; bottom: number }) => {
    const left = p.left ?? viewport.width - (p.right ?? 0) - p.width;
    const right = left + p.width;
    // The most the toasts can take: maxHeight from the edge they hang from.
    const top = p.top ?? viewport.height - (p.bottom ?? 0) - p.maxHeight;
    const bottom = top + p.maxHeight;
    return left < d.right && right > d.left && top < d.bottom && bottom > d.top;
  };

  it('sit bottom right with no dialog, and beside a normal dialog without touching it', () => {
    expect(toastPlacement(null, viewport)).toMatchObject({ right: 16, bottom: 16, width: 380 });
    const normal = { left: 440, right: 1000, top: 200, bottom: 700 };
    const p = toastPlacement(normal, viewport);
    expect(p).toMatchObject({ right: 16, bottom: 16, clear: true });
    expect(overlaps(p, normal)).toBe(false);
  });

  it('narrow to the room beside a wide dialog, or go above or below one that fills the width', () => {
    const roomy = { width: 1920, height: 900 };
    const wide = { left: 440, right: 1480, top: 100, bottom: 800 };
    expect(toastPlacement(wide, roomy)).toMatchObject({ right: 16, width: 380, clear: true });
    // 168 px beside it is too narrow to read: below it instead.
    const wider = { left: 200, right: 1240, top: 100, bottom: 600 };
    const below = toastPlacement(wider, viewport);
    expect(below).toMatchObject({ bottom: 16, maxHeight: 900 - 600 - 32, clear: true });
    expect(overlaps(below, wider)).toBe(false);

    const full = { left: 24, right: 1416, top: 300, bottom: 780 };
    const above = toastPlacement(full, viewport);
    expect(above).toMatchObject({ top: 16, maxHeight: 300 - 32, clear: true });
    expect(overlaps(above, full)).toBe(false);

    expect(toastPlacement({ left: 0, right: 1440, top: 10, bottom: 890 }, viewport).clear).toBe(false);
  });
});
