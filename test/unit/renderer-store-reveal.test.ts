/**
 * Going to an AMI from the quick switcher: the account view switches to its account, region and
 * tab, and once that list has answered the image is selected and its detail open — or a banner
 * says it is not there. Answers arrive when the test says, as in renderer-store.test.ts.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountSummary, AmiSummary, Workspace } from '../../shared/model';
import type { RevealRequest } from '../../renderer/store/types';

import { answer, fail, flush, pending, resetCalls } from './scripted-bridge';
import { accountSummary, amiSummary } from './renderer-fixtures';

const { createAtlasStore } = await import('../../renderer/store');

const account = (id: string, name: string, defaultRegion = 'eu-west-1'): AccountSummary => accountSummary(id, { name, defaultRegion });

const workspace: Workspace = {
  clients: [{ id: 'c1', name: 'Acme', color: '#f00', production: false }],
  accounts: [account('a1', 'acme-prod'), account('a2', 'acme-dev', 'us-east-1')],
  demo: true,
  userAccountCount: 0,
  keychain: { available: true, reason: null, sessionOnly: false },
};

const list = (...ids: string[]) => ({ images: ids.map((id): AmiSummary => amiSummary(id, { account: 'a2', region: 'ap-south-1' })), fetchedAt: '2026-01-01T00:00:00Z', pages: 1 });
const target: RevealRequest = { account: 'a2', region: 'ap-south-1', view: 'shared', imageId: 'ami-0bbbbbbbb', name: 'web-golden' };

/** A store showing a1's owned images, in the inventory. */
async function ready() {
  const store = createAtlasStore();
  store.getState().applyWorkspace(workspace);
  answer(pending('images:list')[0], list('ami-0aaaaaaaa'));
  await flush();
  store.setState({ mode: 'inventory', inventoryStatus: 'ready' });
  resetCalls();
  return store;
}

beforeEach(() => {
  resetCalls();
});

describe('revealing an AMI from anywhere', () => {
  it('switches account, region and tab with one list request, then selects the image and opens its detail', async () => {
    const store = await ready();
    store.getState().jumpToImage(target);
    const s = store.getState();
    expect([s.mode, s.accountId, s.region, s.view]).toEqual(['accounts', 'a2', 'ap-south-1', 'shared']);
    expect(pending('images:list').map((c) => c.input)).toEqual([{ account: 'a2', region: 'ap-south-1', view: 'shared' }]);
    expect(store.getState().detailOpen).toBe(false);

    answer(pending('images:list')[0], list('ami-0cccccccc', 'ami-0bbbbbbbb'));
    await flush();
    expect(store.getState().selectedImageId).toBe('ami-0bbbbbbbb');
    expect([...store.getState().imageSelection.selected]).toEqual(['ami-0bbbbbbbb']);
    expect(store.getState().detailOpen).toBe(true);
    expect(pending('images:get').map((c) => c.input)).toEqual([{ account: 'a2', region: 'ap-south-1', imageId: 'ami-0bbbbbbbb' }]);
    expect(store.getState().pendingReveal).toBeNull();
    expect(store.getState().actionError).toBeNull();
  });

  it('clears the list’s search so the image is not hidden by it', async () => {
    const store = await ready();
    store.getState().setQuery('something else');
    store.getState().jumpToImage(target);
    expect(store.getState().query).toBe('');
  });

  it('says so, naming the account (never its id), when the list no longer has the image', async () => {
    const store = await ready();
    store.getState().jumpToImage(target);
    answer(pending('images:list')[0], list('ami-0cccccccc'));
    await flush();
    const error = store.getState().actionError;
    expect(error?.code).toBe('NOT_FOUND');
    expect(error?.message).toContain('web-golden (ami-0bbbbbbbb)');
    expect(error?.message).toContain('Shared with me list of acme-dev in Asia Pacific (Mumbai) ap-south-1');
    expect(error?.message).not.toContain('a2');
    expect(store.getState().detailOpen).toBe(false);
    expect(store.getState().accountId).toBe('a2');
  });

  it('opens at once when that very list is already shown', async () => {
    const store = await ready();
    store.getState().jumpToImage({ ...target, account: 'a1', region: 'eu-west-1', view: 'owned', imageId: 'ami-0aaaaaaaa' });
    expect(pending('images:list')).toHaveLength(0);
    expect(store.getState().detailOpen).toBe(true);
    expect(store.getState().selectedImageId).toBe('ami-0aaaaaaaa');
  });

  it('gives way when the user goes elsewhere before the list answers', async () => {
    const store = await ready();
    store.getState().jumpToImage(target);
    store.getState().selectAccount('a1', 'eu-west-1');
    expect(store.getState().pendingReveal).toBeNull();
    const [, current] = pending('images:list');
    answer(current, list('ami-0bbbbbbbb'));
    await flush();
    expect(store.getState().detailOpen).toBe(false);
  });

  it('drops the reveal when the list fails; the list’s own error says why', async () => {
    const store = await ready();
    store.getState().jumpToImage(target);
    fail(pending('images:list')[0], 'ACCESS_DENIED');
    await flush();
    expect(store.getState().pendingReveal).toBeNull();
    expect(store.getState().imagesError?.code).toBe('ACCESS_DENIED');
    expect(store.getState().detailOpen).toBe(false);
  });
});
