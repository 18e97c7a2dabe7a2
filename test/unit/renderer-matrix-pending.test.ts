/**
 * The share matrix while some AMIs' launch permissions are pending: their cells say pending (never
 * "not shared"), Space on one shares nothing and says why, a folded client does not count them
 * as reaching anyone, and above the grid the matrix says how many AMIs are pending.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Workspace } from '../../shared/model';
import type { ImageRef, MatrixCellState, ShareMatrix } from '../../shared/sharing';
import { answer, flush, pending, resetCalls } from './scripted-bridge';
import { accountSummary } from './renderer-fixtures';

const matrixStore = await import('../../renderer/features/sharing/matrixStore');
const { ShareMatrixGrid } = await import('../../renderer/features/sharing/ShareMatrixGrid');
const { MatrixPendingNote } = await import('../../renderer/features/sharing/ShareMatrixNote');
const { reachOf } = await import('../../renderer/features/sharing/matrixColumns');
const { useAtlas } = await import('../../renderer/store');

const workspace: Workspace = {
  clients: [{ id: 'acme', name: 'Acme', color: '#2f81f7', production: false }],
  accounts: [
    accountSummary('prod', { clientId: 'acme', name: 'acme-prod', awsAccountId: '111111111111' }),
    accountSummary('dev', { clientId: 'acme', name: 'acme-dev', awsAccountId: '222222222222' }),
  ],
  demo: true,
  userAccountCount: 0,
  keychain: { available: true, reason: null, sessionOnly: false },
};
const names = new Map([
  ['111111111111', 'acme-prod'],
  ['222222222222', 'acme-dev'],
]);
const refA: ImageRef = { account: 'prod', region: 'eu-west-1', imageId: 'ami-0aaaaaaaaaaaaaaaa' };
const refB: ImageRef = { account: 'prod', region: 'eu-west-1', imageId: 'ami-0bbbbbbbbbbbbbbbb' };

function matrix(cellsA: MatrixCellState[], cellsB: MatrixCellState[], permissionsPending: number): ShareMatrix {
  return {
    clientId: 'acme',
    hub: null,
    accounts: [
      { account: 'prod', name: 'acme-prod', awsAccountId: '111111111111', clientId: 'acme' },
      { account: 'dev', name: 'acme-dev', awsAccountId: '222222222222', clientId: 'acme' },
    ],
    rows: [
      { ref: refA, imageName: 'golden', ownerName: 'acme-prod', cells: cellsA },
      { ref: refB, imageName: 'web', ownerName: 'acme-prod', cells: cellsB },
    ],
    asOf: '2026-12-01T10:00:00Z',
    permissionsPending,
  };
}

const grid = (m: ShareMatrix) =>
  renderToStaticMarkup(
    createElement(ShareMatrixGrid, { matrix: m, visible: [0, 1], active: { row: 0, col: 0 }, pending: null, production: new Set<string>(), onActivate: () => {}, onToggle: () => {} }),
  );

beforeEach(() => {
  resetCalls();
  matrixStore.resetMatrixStore();
});

describe('a row whose launch permissions are pending', () => {
  it('says pending in its cells, never "not shared"', () => {
    const html = grid(matrix(['owner', 'pending'], ['owner', 'none'], 1));
    const states = [...html.matchAll(/data-state="([a-z-]+)"/g)].map((x) => x[1]);
    expect(states).toEqual(['owner', 'pending', 'owner', 'none']);
    expect(html).toContain('aria-label="golden for acme-dev: Launch permissions pending"');
    expect(html).not.toContain('aria-label="golden for acme-dev: Not shared"');
    expect(html).toContain('aria-label="web for acme-dev: Not shared"');
    // The pending cell is fixed (Space does nothing there) and says so on hover.
    expect(html).toMatch(/class="matrix-cell cell-pending is-fixed"[^>]*title="Launch permissions pending — Who else may launch this AMI is not known yet/);
  });

  it('shares nothing on Space, and says why', async () => {
    const done = matrixStore.loadMatrix({ kind: 'client', clientId: 'acme' });
    await flush();
    answer(pending('sharing:matrix')[0], matrix(['owner', 'pending'], ['owner', 'none'], 1));
    await done;
    resetCalls();
    await matrixStore.toggleCell({ row: 0, col: 1 }, { workspace, names, confirm: vi.fn(async () => true) });
    await flush();
    expect(pending('sharing:plan')).toHaveLength(0);
    expect(matrixStore.useMatrixStore.getState().note).toMatchObject({ kind: 'info', text: expect.stringMatching(/not known yet: the scan has not read its launch permissions/) });
    expect(matrixStore.useMatrixStore.getState().matrix?.rows[0]?.cells).toEqual(['owner', 'pending']);
  });

  it('does not count as reaching an account when its client is folded', () => {
    expect(reachOf(['owner', 'pending', 'pending'], [0, 1, 2])).toEqual({ reach: 1, total: 3 });
    expect(reachOf(['pending', 'account'], [0, 1])).toEqual({ reach: 1, total: 2 });
  });

  it('is counted above the grid, in words that depend on whether the scan is still reading', () => {
    const render = (count: number) => {
      Object.assign(useAtlas.getInitialState(), useAtlas.getState());
      return renderToStaticMarkup(createElement(MatrixPendingNote, { count })).replace(/<[^>]+>/g, '');
    };
    useAtlas.setState({ scan: { scanId: 's1', state: 'running', startedAt: '2026-12-01T10:00:00Z', finishedAt: null, listedAt: '2026-12-01T10:03:00Z', targets: [] } });
    expect(render(1_204)).toBe('1,204 AMIs’ permissions are still being read; their cells say pending. The matrix reads them again when the scan ends.');
    expect(render(1)).toBe('1 AMI’s permissions are still being read; their cells say pending. The matrix reads them again when the scan ends.');
    useAtlas.setState({ scan: { scanId: 's1', state: 'done', startedAt: '2026-12-01T10:00:00Z', finishedAt: '2026-12-01T10:09:00Z', listedAt: '2026-12-01T10:03:00Z', targets: [] } });
    expect(render(3)).toBe('3 AMIs’ permissions were not read by the last scan; their cells say pending until a scan reads them.');
    expect(render(0)).toBe('');
  });
});
