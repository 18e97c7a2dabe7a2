/**
 * The renderer store against a scripted bridge: answers arrive in whatever order the test says,
 * so we can prove a slow answer for a previous selection never replaces the current one.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountSummary, AmiDetail, AmiSummary, Workspace } from '../../shared/model';

import { answer, flush, pending, resetCalls } from './scripted-bridge';
import { accountSummary, amiSummary } from './renderer-fixtures';

const { createAtlasStore } = await import('../../renderer/store');

const account = (id: string, clientId: string, defaultRegion = 'eu-west-1'): AccountSummary => accountSummary(id, { clientId, defaultRegion });

const workspace: Workspace = {
  clients: [{ id: 'c1', name: 'Acme', color: '#f00', production: true }],
  accounts: [account('a1', 'c1'), account('a2', 'c1', 'us-east-1')],
  demo: true,
      userAccountCount: 0,
  keychain: { available: true, reason: null, sessionOnly: false },
};

const image = (imageId: string, account: string): AmiSummary => amiSummary(imageId, { account });


beforeEach(() => {
  resetCalls();
});

describe('renderer store', () => {
  it('selects the first account with its default region and loads its images', async () => {
    const store = createAtlasStore();
    store.getState().applyWorkspace(workspace);
    expect(store.getState().accountId).toBe('a1');
    expect(store.getState().region).toBe('eu-west-1');
    expect(pending('images:list').map((c) => c.input)).toEqual([{ account: 'a1', region: 'eu-west-1', view: 'owned' }]);
    expect(store.getState().imagesLoading).toBe(true);
    answer(pending('images:list')[0], { images: [image('ami-0aaaaaaaa', 'a1')], fetchedAt: '2025-01-01T00:00:00Z', pages: 1 });
    await flush();
    expect(store.getState().images.map((i) => i.imageId)).toEqual(['ami-0aaaaaaaa']);
    expect(store.getState().imagesLoading).toBe(false);
  });

  it('drops a slow answer for an account the user already left', async () => {
    const store = createAtlasStore();
    store.getState().applyWorkspace(workspace);
    store.getState().selectAccount('a2');
    const [slow, fast] = pending('images:list');
    expect(fast?.input).toEqual({ account: 'a2', region: 'us-east-1', view: 'owned' });
    answer(fast, { images: [image('ami-0bbbbbbbb', 'a2')], fetchedAt: '2025-01-01T00:00:00Z', pages: 1 });
    await flush();
    answer(slow, { images: [image('ami-0aaaaaaaa', 'a1')], fetchedAt: '2025-01-01T00:00:00Z', pages: 1 });
    await flush();
    expect(store.getState().imagesFor).toEqual({ account: 'a2', region: 'us-east-1', view: 'owned' });
    expect(store.getState().images.map((i) => i.imageId)).toEqual(['ami-0bbbbbbbb']);
  });

  it('never shows the previous list while another view loads', async () => {
    const store = createAtlasStore();
    store.getState().applyWorkspace(workspace);
    answer(pending('images:list')[0], { images: [image('ami-0aaaaaaaa', 'a1')], fetchedAt: '2025-01-01T00:00:00Z', pages: 1 });
    await flush();
    store.getState().selectView('shared');
    expect(store.getState().images).toEqual([]);
    expect(store.getState().imagesLoading).toBe(true);
  });

  it('keeps errors for the current selection only', async () => {
    const store = createAtlasStore();
    store.getState().applyWorkspace(workspace);
    store.getState().selectRegion('eu-west-2');
    const [old, current] = pending('images:list');
    old?.resolve({ ok: false, error: { code: 'ACCESS_DENIED', message: 'no', retryable: false } });
    await flush();
    expect(store.getState().imagesError).toBeNull();
    current?.resolve({ ok: false, error: { code: 'THROTTLED', message: 'slow down', retryable: true } });
    await flush();
    expect(store.getState().imagesError?.code).toBe('THROTTLED');
  });

  it('shows the detail of the image selected last, whatever order answers arrive in', async () => {
    const store = createAtlasStore();
    store.getState().applyWorkspace(workspace);
    answer(pending('images:list')[0], {
      images: [image('ami-0aaaaaaaa', 'a1'), image('ami-0bbbbbbbb', 'a1')],
      fetchedAt: '2025-01-01T00:00:00Z',
      pages: 1,
    });
    await flush();
    store.getState().openDetail('ami-0aaaaaaaa');
    store.getState().openDetail('ami-0bbbbbbbb');
    const [first, second] = pending('images:get');
    const detail = (id: string) => ({ ...image(id, 'a1'), blockDevices: [], launchPermissions: null, snapshots: [] }) as unknown as AmiDetail;
    answer(second, detail('ami-0bbbbbbbb'));
    await flush();
    answer(first, detail('ami-0aaaaaaaa'));
    await flush();
    expect(store.getState().detail?.imageId).toBe('ami-0bbbbbbbb');
    expect(store.getState().detailLoading).toBe(false);
  });

  it('keeps an answer from the offline inventory marked as such, for that list only, and asks AWS again for its details', async () => {
    const store = createAtlasStore();
    store.getState().applyWorkspace(workspace);
    const stale = { asOf: '2025-01-01T00:00:00Z', reason: { code: 'NETWORK', message: 'Cannot reach AWS in a1/eu-west-1: ec2:DescribeImages' } };
    answer(pending('images:list')[0], { images: [image('ami-0aaaaaaaa', 'a1')], fetchedAt: stale.asOf, pages: 0, stale });
    await flush();
    expect(store.getState().imagesStale).toEqual(stale);

    store.getState().openDetail('ami-0aaaaaaaa');
    const staleDetail = { ...image('ami-0aaaaaaaa', 'a1'), blockDevices: [], launchPermissions: null, snapshots: [], stale } as unknown as AmiDetail;
    answer(pending('images:get')[0], staleDetail);
    await flush();
    expect(store.getState().detail?.stale).toEqual(stale);
    // Not cached: opening it again asks AWS again (it may answer now).
    store.getState().closeDetail();
    store.getState().openDetail('ami-0aaaaaaaa');
    expect(pending('images:get')).toHaveLength(2);

    // Another account's list starts without the note; a fresh answer has none.
    store.getState().selectAccount('a2');
    expect(store.getState().imagesStale).toBeNull();
    answer(pending('images:list')[1], { images: [], fetchedAt: '2025-01-02T00:00:00Z', pages: 1, stale: null });
    await flush();
    expect(store.getState().imagesStale).toBeNull();
  });

  it('keeps the current account when the workspace changes, and selects an account just added', () => {
    const store = createAtlasStore();
    store.getState().applyWorkspace(workspace);
    store.getState().selectAccount('a2');
    store.getState().applyWorkspace({ ...workspace, accounts: workspace.accounts.map((a) => ({ ...a, health: 'error' as const })) });
    expect(store.getState().accountId).toBe('a2');
    const added = account('a3', 'c1', 'ap-south-1');
    store.getState().applyWorkspace({ ...workspace, accounts: [...workspace.accounts, added] }, 'a3');
    expect(store.getState().accountId).toBe('a3');
    expect(store.getState().region).toBe('ap-south-1');
  });

  it('clears the selection when the last account is removed', () => {
    const store = createAtlasStore();
    store.getState().applyWorkspace(workspace);
    store.getState().applyWorkspace({ ...workspace, accounts: [] });
    expect(store.getState().accountId).toBeNull();
    expect(store.getState().images).toEqual([]);
  });
});
