/**
 * The share matrix against a scripted bridge: cells read as owner / shared (account, org, OU,
 * public) / not shared, a toggle plans and applies exactly one account, cells that a toggle
 * cannot change say why, and keyboard movement stays inside the grid. From a hub account: the
 * hub's images × every client's accounts, grouped and foldable by client, the choice remembered.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Workspace } from '../../shared/model';
import type { ImageRef, MatrixCell, ShareMatrix, SharePlan } from '../../shared/sharing';
import type { ConfirmRequest } from '../../renderer/components/ConfirmProduction';

import { answer, calls, flush, pending, resetCalls } from './scripted-bridge';
import { accountSummary } from './renderer-fixtures';

const matrixStore = await import('../../renderer/features/sharing/matrixStore');
const { ShareMatrixGrid } = await import('../../renderer/features/sharing/ShareMatrixGrid');
const columnsLib = await import('../../renderer/features/sharing/matrixColumns');
const lib = await import('../../renderer/lib/sharing');
const { parseMatrixPrefs } = await import('../../renderer/lib/prefs');

const workspace: Workspace = {
  clients: [
    { id: 'acme', name: 'Acme', color: '#2f81f7', production: false },
    { id: 'globex', name: 'Globex', color: '#e5534b', production: false },
  ],
  accounts: [
    accountSummary('prod', { clientId: 'acme', name: 'acme-prod', awsAccountId: '111111111111', production: true }),
    accountSummary('dev', { clientId: 'acme', name: 'acme-dev', awsAccountId: '222222222222' }),
    accountSummary('new', { clientId: 'acme', name: 'acme-new', awsAccountId: null }),
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
const refB: ImageRef = { account: 'dev', region: 'us-east-1', imageId: 'ami-0bbbbbbbbbbbbbbbb' };

function matrix(cellsA: MatrixCell[], cellsB: MatrixCell[], clientId = 'acme'): ShareMatrix {
  return {
    clientId,
    hub: null,
    accounts: [
      { account: 'prod', name: 'acme-prod', awsAccountId: '111111111111', clientId: 'acme' },
      { account: 'dev', name: 'acme-dev', awsAccountId: '222222222222', clientId: 'acme' },
      { account: 'new', name: 'acme-new', awsAccountId: null, clientId: 'acme' },
    ],
    rows: [
      { ref: refA, imageName: 'golden', ownerName: 'acme-prod', cells: cellsA },
      { ref: refB, imageName: 'web', ownerName: 'acme-dev', cells: cellsB },
    ],
    asOf: '2026-11-28T02:00:00Z',
  };
}

function plan(ref: ImageRef, over: Partial<SharePlan['items'][number]>, production = false): SharePlan {
  return {
    items: [
      {
        ref,
        imageName: ref === refA ? 'golden' : 'web',
        accountName: ref.account === 'prod' ? 'acme-prod' : 'acme-dev',
        awsAccountId: null,
        production,
        willAdd: [],
        willRemove: [],
        unchanged: [],
        snapshots: [],
        snapshotChanges: [],
        current: [],
        blockers: [],
        warnings: [],
        ...over,
      },
    ],
    confirmAccounts: production ? [{ account: ref.account, name: 'acme-prod' }] : [],
  };
}

async function loaded(m: ShareMatrix) {
  const done = matrixStore.loadMatrix(m.hub ? { kind: 'hub', account: m.hub } : { kind: 'client', clientId: m.clientId });
  await flush();
  answer(pending('sharing:matrix').at(-1), m);
  await done;
  resetCalls();
}

beforeEach(() => {
  resetCalls();
  matrixStore.resetMatrixStore();
});

describe('cells', () => {
  it('reads every state in words', () => {
    expect(lib.cellLabel('owner')).toBe('Owner');
    expect(lib.cellLabel('account')).toBe('Shared with this account');
    expect(lib.cellLabel('organization')).toBe('Shared via the organization');
    expect(lib.cellLabel('organizational-unit')).toBe('Shared via an OU');
    expect(lib.cellLabel('public')).toBe('Public');
    expect(lib.cellLabel('none')).toBe('Not shared');
  });

  it('toggles only what one account share can change', () => {
    expect(lib.cellAction('none', '111111111111')).toEqual({ kind: 'add' });
    expect(lib.cellAction('account', '111111111111')).toEqual({ kind: 'remove' });
    expect(lib.cellAction('owner', '111111111111').kind).toBe('none');
    expect(lib.cellAction('organization', '111111111111')).toMatchObject({ kind: 'none', reason: expect.stringMatching(/organization/) });
    expect(lib.cellAction('organizational-unit', '111111111111')).toMatchObject({ kind: 'none', reason: expect.stringMatching(/OU/) });
    expect(lib.cellAction('public', '111111111111')).toMatchObject({ kind: 'none', reason: expect.stringMatching(/public/) });
    expect(lib.cellAction('none', null)).toMatchObject({ kind: 'none', reason: expect.stringMatching(/not verified/) });
  });

  it('draws each cell with its state, the accounts as columns and production marked', () => {
    const m = matrix(['owner', 'account', 'none'], ['organization', 'owner', 'public']);
    const html = renderToStaticMarkup(
      createElement(ShareMatrixGrid, {
        matrix: m,
        visible: [0, 1],
        active: { row: 0, col: 1 },
        pending: null,
        production: new Set(['prod']),
        onActivate: () => {},
        onToggle: () => {},
      }),
    );
    const states = [...html.matchAll(/data-state="([a-z-]+)"/g)].map((x) => x[1]);
    expect(states).toEqual(['owner', 'account', 'none', 'organization', 'owner', 'public']);
    expect(html).toContain('aria-label="golden for acme-dev: Shared with this account"');
    expect(html).toContain('aria-label="web for acme-prod: Shared via the organization"');
    expect(html).toContain('1111-1111-1111');
    expect(html).toContain('not verified');
    expect(html.match(/PROD/g)).toHaveLength(1);
    expect(html).toMatch(/class="matrix-cell cell-account is-active"/);
  });

  it('moves with arrows, Home/End and pages, and stays inside the grid', () => {
    expect(lib.moveInGrid({ row: 0, col: 0 }, 'ArrowUp', 5, 3)).toEqual({ row: 0, col: 0 });
    expect(lib.moveInGrid({ row: 0, col: 0 }, 'ArrowRight', 5, 3)).toEqual({ row: 0, col: 1 });
    expect(lib.moveInGrid({ row: 4, col: 2 }, 'ArrowDown', 5, 3)).toEqual({ row: 4, col: 2 });
    expect(lib.moveInGrid({ row: 2, col: 1 }, 'End', 5, 3)).toEqual({ row: 2, col: 2 });
    expect(lib.moveInGrid({ row: 2, col: 1 }, 'Home', 5, 3, true)).toEqual({ row: 0, col: 0 });
    expect(lib.moveInGrid({ row: 1, col: 1 }, 'PageDown', 5, 3, false, 10)).toEqual({ row: 4, col: 1 });
    expect(lib.moveInGrid({ row: 1, col: 1 }, 'x', 5, 3)).toBeNull();
  });
});

describe('loading', () => {
  it('asks for the chosen client and drops an answer for a client the user left', async () => {
    const first = matrixStore.loadMatrix({ kind: 'client', clientId: 'acme' });
    const second = matrixStore.loadMatrix({ kind: 'client', clientId: 'globex' });
    await flush();
    expect(pending('sharing:matrix').map((c) => c.input)).toEqual([{ client: 'acme' }, { client: 'globex' }]);
    answer(pending('sharing:matrix')[1], { ...matrix([], [], 'globex'), rows: [], asOf: null });
    answer(pending('sharing:matrix')[0], matrix(['owner', 'none', 'none'], ['none', 'owner', 'none']));
    await Promise.all([first, second]);
    const state = matrixStore.useMatrixStore.getState();
    expect(state.source).toEqual({ kind: 'client', clientId: 'globex' });
    expect(state.matrix?.clientId).toBe('globex');
    expect(state.matrix?.asOf).toBeNull(); // never scanned: the view offers a scan
  });
});

describe('toggling a cell', () => {
  it('shares the row\'s image with the column\'s account, through plan → confirm → apply', async () => {
    await loaded(matrix(['owner', 'none', 'none'], ['none', 'owner', 'none']));
    const confirm = vi.fn<(r: ConfirmRequest) => Promise<boolean>>(async () => true);
    const done = matrixStore.toggleCell({ row: 0, col: 1 }, { workspace, names, confirm });
    await flush();
    expect(matrixStore.useMatrixStore.getState().pending).toBe('0|1');
    const entity = { kind: 'account', awsAccountId: '222222222222' };
    expect(pending('sharing:plan')[0]!.input).toEqual({ images: [refA], add: [entity], remove: [], snapshots: false });
    answer(pending('sharing:plan')[0], plan(refA, { willAdd: [{ kind: 'account', awsAccountId: '222222222222' }] }, true));
    await flush();
    expect(confirm.mock.calls[0]![0]).toMatchObject({ title: 'Share golden with acme-dev (2222-2222-2222)', typeToConfirm: ['acme-prod'] });
    expect(pending('sharing:apply')[0]!.input).toEqual({
      images: [refA],
      add: [entity],
      remove: [],
      snapshots: false,
      confirmations: { prod: 'acme-prod' },
    });
    answer(pending('sharing:apply')[0], { items: [{ ref: refA, imageName: 'golden', outcome: 'changed', message: 'Shared with 1 account', error: null, auditId: 'a-1' }] });
    await done;
    const state = matrixStore.useMatrixStore.getState();
    expect(state.matrix?.rows[0]?.cells).toEqual(['owner', 'account', 'none']);
    expect(state.pending).toBeNull();
    expect(state.note).toEqual({ kind: 'success', text: 'golden: Shared with 1 account' });
  });

  it('keeps a change over an older inventory until a newer scan says otherwise', async () => {
    await loaded(matrix(['owner', 'none', 'none'], ['none', 'owner', 'none']));
    const done = matrixStore.toggleCell({ row: 0, col: 1 }, { workspace, names, confirm: vi.fn(async () => true) });
    await flush();
    answer(pending('sharing:plan')[0], plan(refA, { willAdd: [{ kind: 'account', awsAccountId: '222222222222' }] }));
    await flush();
    answer(pending('sharing:apply')[0], { items: [{ ref: refA, imageName: 'golden', outcome: 'changed', message: 'Shared', error: null, auditId: 'a-1' }] });
    await done;
    // Read again from an inventory scanned before the change: the change still shows.
    await loaded(matrix(['owner', 'none', 'none'], ['none', 'owner', 'none']));
    expect(matrixStore.useMatrixStore.getState().matrix?.rows[0]?.cells[1]).toBe('account');
    // A scan after the change is the truth again.
    await loaded({ ...matrix(['owner', 'none', 'none'], ['none', 'owner', 'none']), asOf: new Date(Date.now() + 60_000).toISOString() });
    expect(matrixStore.useMatrixStore.getState().matrix?.rows[0]?.cells[1]).toBe('none');
  });

  it('stops sharing a shared cell', async () => {
    await loaded(matrix(['owner', 'none', 'none'], ['account', 'owner', 'none']));
    const confirm = vi.fn(async () => true);
    const done = matrixStore.toggleCell({ row: 1, col: 0 }, { workspace, names, confirm });
    await flush();
    expect(pending('sharing:plan')[0]!.input).toEqual({ images: [refB], add: [], remove: [{ kind: 'account', awsAccountId: '111111111111' }], snapshots: false });
    answer(pending('sharing:plan')[0], plan(refB, { willRemove: [{ kind: 'account', awsAccountId: '111111111111' }] }));
    await flush();
    answer(pending('sharing:apply')[0], { items: [{ ref: refB, imageName: 'web', outcome: 'changed', message: 'Removed 1 account', error: null, auditId: 'a-2' }] });
    await done;
    expect(matrixStore.useMatrixStore.getState().matrix?.rows[1]?.cells).toEqual(['none', 'owner', 'none']);
  });

  it('says "already shared" and corrects the cell when AWS was ahead of the inventory', async () => {
    await loaded(matrix(['owner', 'none', 'none'], ['none', 'owner', 'none']));
    const confirm = vi.fn(async () => true);
    const done = matrixStore.toggleCell({ row: 0, col: 1 }, { workspace, names, confirm });
    await flush();
    answer(pending('sharing:plan')[0], plan(refA, { unchanged: [{ kind: 'account', awsAccountId: '222222222222' }] }));
    await done;
    expect(confirm).not.toHaveBeenCalled();
    const state = matrixStore.useMatrixStore.getState();
    expect(state.matrix?.rows[0]?.cells[1]).toBe('account');
    expect(state.note).toEqual({ kind: 'info', text: 'Already shared with acme-dev (2222-2222-2222): nothing to change.' });
  });

  it('sends nothing for the owner, a broader grant, or an unverified account, and says why', async () => {
    await loaded(matrix(['owner', 'organization', 'none'], ['public', 'owner', 'none']));
    const ctx = { workspace, names, confirm: vi.fn(async () => true) };
    await matrixStore.toggleCell({ row: 0, col: 0 }, ctx);
    expect(matrixStore.useMatrixStore.getState().note).toMatchObject({ kind: 'info', text: expect.stringMatching(/owner/) });
    await matrixStore.toggleCell({ row: 0, col: 1 }, ctx);
    expect(matrixStore.useMatrixStore.getState().note).toMatchObject({ text: expect.stringMatching(/organization/) });
    await matrixStore.toggleCell({ row: 1, col: 2 }, ctx);
    expect(matrixStore.useMatrixStore.getState().note).toMatchObject({ text: expect.stringMatching(/not verified/) });
    expect(calls).toHaveLength(0);
  });

  it('keeps the cell and shows the failure when the apply fails for the image', async () => {
    await loaded(matrix(['owner', 'none', 'none'], ['none', 'owner', 'none']));
    const done = matrixStore.toggleCell({ row: 0, col: 1 }, { workspace, names, confirm: vi.fn(async () => true) });
    await flush();
    answer(pending('sharing:plan')[0], plan(refA, { willAdd: [{ kind: 'account', awsAccountId: '222222222222' }] }));
    await flush();
    answer(pending('sharing:apply')[0], {
      items: [{ ref: refA, imageName: 'golden', outcome: 'failed', message: 'failed', error: { code: 'ACCESS_DENIED', message: 'Access denied: ec2:ModifyImageAttribute', retryable: false }, auditId: 'a-3' }],
    });
    await done;
    const state = matrixStore.useMatrixStore.getState();
    expect(state.matrix?.rows[0]?.cells[1]).toBe('none');
    expect(state.note).toEqual({ kind: 'error', text: 'golden: Failed: Access denied: ec2:ModifyImageAttribute' });
  });
});

describe('from a hub account', () => {
  const hubWorkspace: Workspace = {
    ...workspace,
    clients: [...workspace.clients, { id: 'initech', name: 'Initech', color: '#76b041', production: false }],
    accounts: [
      ...workspace.accounts,
      accountSummary('gx', { clientId: 'globex', name: 'globex-dev', awsAccountId: '333333333333' }),
      accountSummary('hub', { clientId: 'initech', name: 'shared-services', awsAccountId: '444444444444', production: true }),
      accountSummary('sbx', { clientId: 'initech', name: 'sandbox', awsAccountId: '555555555555' }),
    ],
  };
  const hubNames = new Map([...names, ['333333333333', 'globex-dev'], ['444444444444', 'shared-services'], ['555555555555', 'sandbox']]);
  const golden: ImageRef = { account: 'hub', region: 'us-east-1', imageId: 'ami-0cccccccccccccccc' };

  /** Golden × acme-prod, acme-dev, acme-new | globex-dev | shared-services, sandbox. */
  function hubMatrix(cells: MatrixCell[]): ShareMatrix {
    return {
      clientId: 'initech',
      hub: 'hub',
      accounts: [
        { account: 'prod', name: 'acme-prod', awsAccountId: '111111111111', clientId: 'acme' },
        { account: 'dev', name: 'acme-dev', awsAccountId: '222222222222', clientId: 'acme' },
        { account: 'new', name: 'acme-new', awsAccountId: null, clientId: 'acme' },
        { account: 'gx', name: 'globex-dev', awsAccountId: '333333333333', clientId: 'globex' },
        { account: 'hub', name: 'shared-services', awsAccountId: '444444444444', clientId: 'initech' },
        { account: 'sbx', name: 'sandbox', awsAccountId: '555555555555', clientId: 'initech' },
      ],
      rows: [{ ref: golden, imageName: 'golden-al2023', ownerName: 'shared-services', cells }],
      asOf: '2026-11-28T02:00:00Z',
    };
  }
  const render = (m: ShareMatrix, collapsed: string[] = [], active = { row: 0, col: 0 }) =>
    renderToStaticMarkup(
      createElement(ShareMatrixGrid, {
        matrix: m,
        visible: [0],
        active,
        pending: null,
        production: new Set(['hub']),
        clients: hubWorkspace.clients,
        collapsed,
        onActivate: () => {},
        onToggle: () => {},
      }),
    );

  it('asks the core for the hub, and never shows the client matrix under the hub', async () => {
    await loaded(matrix(['owner', 'none', 'none'], ['none', 'owner', 'none']));
    const done = matrixStore.loadMatrix({ kind: 'hub', account: 'hub' });
    await flush();
    expect(pending('sharing:matrix').map((c) => c.input)).toEqual([{ hub: 'hub' }]);
    const state = matrixStore.useMatrixStore.getState();
    expect(matrixStore.matrixFor(state.matrix, state.source)).toBeNull();
    answer(pending('sharing:matrix')[0], hubMatrix(['none', 'none', 'none', 'none', 'owner', 'account']));
    await done;
    const after = matrixStore.useMatrixStore.getState();
    expect(matrixStore.matrixFor(after.matrix, after.source)?.hub).toBe('hub');
  });

  it('starts from the hub picked, or the active account when that one left the workspace', () => {
    const choice = { rows: 'hub' as const, clientId: null, hub: 'hub' };
    expect(matrixStore.wantedSource(choice, hubWorkspace, 'dev')).toEqual({ kind: 'hub', account: 'hub' });
    expect(matrixStore.wantedSource({ ...choice, hub: 'gone' }, hubWorkspace, 'dev')).toEqual({ kind: 'hub', account: 'dev' });
    expect(matrixStore.wantedSource({ ...choice, rows: 'client' }, hubWorkspace, 'gx')).toEqual({ kind: 'client', clientId: 'globex' });
    expect(matrixStore.wantedSource({ ...choice, rows: 'client', clientId: 'initech' }, hubWorkspace, 'gx')).toEqual({ kind: 'client', clientId: 'initech' });
  });

  it('remembers rows and hub in a shape it checks', () => {
    expect(parseMatrixPrefs(JSON.stringify({ rows: 'hub', hub: 'hub' }))).toEqual({ rows: 'hub', hub: 'hub' });
    expect(parseMatrixPrefs(JSON.stringify({ rows: 'everything', hub: 42 }))).toEqual({ rows: 'client', hub: null });
    expect(parseMatrixPrefs('{broken')).toEqual({ rows: 'client', hub: null });
    expect(parseMatrixPrefs(null)).toEqual({ rows: 'client', hub: null });
  });

  it('groups the columns by client in the header, each client named once, without an Owner column', () => {
    const html = render(hubMatrix(['none', 'account', 'none', 'none', 'owner', 'organization']));
    expect(html.match(/class="matrix-fold"/g)).toHaveLength(3);
    for (const client of ['Acme', 'Globex', 'Initech']) expect(html.match(new RegExp(`<span class="truncate">${client}</span>`, 'g'))).toHaveLength(1);
    expect(html.match(/is-group-start/g)?.length).toBeGreaterThanOrEqual(6); // three heads, three cells
    expect(html).not.toContain('>Owner</th>');
    expect(html).toContain('aria-label="golden-al2023 for globex-dev (Globex): Not shared"');
    expect([...html.matchAll(/data-state="([a-z-]+)"/g)].map((x) => x[1])).toEqual(['none', 'account', 'none', 'none', 'owner', 'organization']);
    expect(html.match(/PROD/g)).toHaveLength(1);
  });

  it('folds a client into one column that says how many of its accounts can launch the image', () => {
    const m = hubMatrix(['none', 'account', 'none', 'none', 'owner', 'organization']);
    const html = render(m, ['acme']);
    expect(html).not.toContain('data-account="prod"');
    expect(html).toContain('aria-label="golden-al2023 for Acme: 1 of 3 accounts can launch it"');
    expect(html).toContain('>1/3<');
    expect(html).toContain('aria-expanded="false"');
    // Keys walk the drawn columns: the folded client is one stop, standing for its first account.
    const columns = columnsLib.displayColumns(m, new Set(['acme']));
    expect(columns.map((c) => (c.kind === 'client' ? c.clientId : c.col))).toEqual(['acme', 3, 4, 5]);
    expect(columnsLib.displayIndexOf(columns, 2)).toBe(0);
    expect(columnsLib.displayIndexOf(columns, 4)).toBe(2);
    expect(columnsLib.accountColOf(columns[0]!)).toBe(0);
    // A client's matrix never folds: it has one client.
    expect(columnsLib.displayColumns(matrix([], []), new Set(['acme'])).every((c) => c.kind === 'account')).toBe(true);
  });

  it("shares the hub's image with another client's account through the same plan → confirm → apply, production guard included", async () => {
    await loaded(hubMatrix(['none', 'none', 'none', 'none', 'owner', 'account']));
    const confirm = vi.fn<(r: ConfirmRequest) => Promise<boolean>>(async () => true);
    const ctx = { workspace: hubWorkspace, names: hubNames, confirm };
    const done = matrixStore.toggleCell({ row: 0, col: 3 }, ctx);
    await flush();
    const entity = { kind: 'account', awsAccountId: '333333333333' };
    expect(pending('sharing:plan')[0]!.input).toEqual({ images: [golden], add: [entity], remove: [], snapshots: false });
    answer(pending('sharing:plan')[0], { ...plan(golden, { willAdd: [{ kind: 'account', awsAccountId: '333333333333' }] }), confirmAccounts: [{ account: 'hub', name: 'shared-services' }] });
    await flush();
    expect(confirm.mock.calls[0]![0]).toMatchObject({ title: 'Share golden-al2023 with globex-dev (3333-3333-3333)', typeToConfirm: ['shared-services'] });
    expect(pending('sharing:apply')[0]!.input).toMatchObject({ images: [golden], add: [entity], confirmations: { hub: 'shared-services' } });
    answer(pending('sharing:apply')[0], { items: [{ ref: golden, imageName: 'golden-al2023', outcome: 'changed', message: 'Shared with 1 account', error: null, auditId: 'a-9' }] });
    await done;
    expect(matrixStore.useMatrixStore.getState().matrix?.rows[0]?.cells[3]).toBe('account');
    // Folding the client keeps the change in its count.
    expect(columnsLib.reachOf(matrixStore.useMatrixStore.getState().matrix!.rows[0]!.cells, [3])).toEqual({ reach: 1, total: 1 });
  });
});

