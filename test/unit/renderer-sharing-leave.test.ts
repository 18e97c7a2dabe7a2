/**
 * The recipient side: "Shared by" names the owner by our account name, and leaving a share
 * asks first, calls `sharing:leave` for exactly that image, and drops it from the list.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AmiSummary, Workspace } from '../../shared/model';

import { answer, calls, fail, flush, pending, resetCalls } from './scripted-bridge';
import { accountSummary, amiSummary } from './renderer-fixtures';

const { useAtlas } = await import('../../renderer/store');
const { leaveSharedImage, sharedByLabel, sharedWithMe } = await import('../../renderer/features/sharing/leaveShare');
const { fitColumns } = await import('../../renderer/features/images/columns');

const workspace: Workspace = {
  clients: [{ id: 'c1', name: 'Acme', color: '#2f81f7', production: false }],
  accounts: [
    accountSummary('hub', { name: 'shared-services', awsAccountId: '111111111111' }),
    accountSummary('dev', { name: 'dev-eu', awsAccountId: '222222222222' }),
  ],
  demo: true,
      userAccountCount: 0,
  keychain: { available: true, reason: null, sessionOnly: false },
};
const fromHub: AmiSummary = amiSummary('ami-0aaaaaaaaaaaaaaaa', { name: 'golden', ownerId: '111111111111', account: 'dev', region: 'eu-west-1' });
const fromStranger: AmiSummary = amiSummary('ami-0bbbbbbbbbbbbbbbb', { name: 'vendor', ownerId: '999999999999', account: 'dev', region: 'eu-west-1' });

function showShared() {
  useAtlas.setState({
    workspace,
    mode: 'accounts',
    accountId: 'dev',
    region: 'eu-west-1',
    view: 'shared',
    imagesFor: { account: 'dev', region: 'eu-west-1', view: 'shared' },
    images: [fromHub, fromStranger],
    selectedImageId: fromHub.imageId,
    detailOpen: true,
  });
}

beforeEach(() => {
  resetCalls();
  showShared();
});

describe('shared by', () => {
  it('names the owner by our account name, else by the 12-digit id', () => {
    expect(sharedByLabel(fromHub, useAtlas.getState())).toBe('shared-services');
    expect(sharedByLabel(fromStranger, useAtlas.getState())).toBe('9999-9999-9999');
  });

  it('is a column of "Shared with me" only', () => {
    expect(fitColumns('shared', 0).map((c) => c.label)).toContain('Shared by');
    expect(fitColumns('owned', 0).map((c) => c.label)).not.toContain('Shared by');
  });

  it('offers leaving only for images shared with the account, not owned ones', () => {
    expect(sharedWithMe(useAtlas.getState())?.imageId).toBe(fromHub.imageId);
    useAtlas.setState({ imagesFor: { account: 'dev', region: 'eu-west-1', view: 'owned' } });
    expect(sharedWithMe(useAtlas.getState())).toBeNull();
  });
});

describe('leave share', () => {
  it('confirms, leaves exactly that image, and drops it from the list', async () => {
    const confirm = vi.fn(async () => true);
    const done = leaveSharedImage(fromHub, confirm);
    await flush();
    const request = (confirm.mock.calls[0] as unknown as [{ title: string; confirmLabel: string; lines: { text: string }[] }])[0];
    expect(request.title).toBe('Leave the share of golden');
    expect(request.confirmLabel).toBe('Leave share');
    expect(request.lines[0]?.text).toContain('shared by shared-services');
    expect(pending('sharing:leave').map((c) => c.input)).toEqual([{ account: 'dev', region: 'eu-west-1', imageId: fromHub.imageId, confirmations: {} }]);
    answer(pending('sharing:leave')[0], { items: [{ ref: { account: 'dev', region: 'eu-west-1', imageId: fromHub.imageId }, imageName: 'golden', outcome: 'changed', message: 'Left the share', error: null, auditId: 'a-9' }] });
    expect(await done).toEqual({ status: 'left' });
    const state = useAtlas.getState();
    expect(state.images.map((i) => i.imageId)).toEqual([fromStranger.imageId]);
    expect(state.detailOpen).toBe(false);
    expect(state.selectedImageId).toBeNull();
  });

  it('sends nothing when not confirmed', async () => {
    expect(await leaveSharedImage(fromHub, vi.fn(async () => false))).toEqual({ status: 'cancelled' });
    expect(calls).toHaveLength(0);
    expect(useAtlas.getState().images).toHaveLength(2);
  });

  it('keeps the image and reports the error when leaving fails', async () => {
    const done = leaveSharedImage(fromHub, vi.fn(async () => true));
    await flush();
    fail(pending('sharing:leave')[0], 'ACCESS_DENIED', 'Access denied in 2222-2222-2222/eu-west-1: ec2:CancelImageLaunchPermission');
    const result = await done;
    expect(result.status).toBe('failed');
    expect(result.status === 'failed' && result.error.message).toMatch(/CancelImageLaunchPermission/);
    expect(useAtlas.getState().images).toHaveLength(2);
  });

  it('treats a share that was already gone as gone', async () => {
    const done = leaveSharedImage(fromHub, vi.fn(async () => true));
    await flush();
    answer(pending('sharing:leave')[0], { items: [{ ref: { account: 'dev', region: 'eu-west-1', imageId: fromHub.imageId }, imageName: 'golden', outcome: 'unchanged', message: 'Not shared with this account any more', error: null, auditId: null }] });
    expect(await done).toEqual({ status: 'left' });
    expect(useAtlas.getState().images.map((i) => i.imageId)).toEqual([fromStranger.imageId]);
  });
});
