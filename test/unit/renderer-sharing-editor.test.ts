/**
 * The launch permissions editor against a scripted bridge: what is typed is checked before
 * anything is sent, every change is planned, shown and only then applied, making an image public
 * asks for its name (and first asks whether the region blocks public sharing).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Workspace } from '../../shared/model';
import type { ImageRef, ShareEntity, ShareIssue, SharePlan, SharePlanItem, ShareResult } from '../../shared/sharing';
import type { ConfirmRequest } from '../../renderer/components/ConfirmProduction';

import { answer, calls, fail, flush, pending, resetCalls } from './scripted-bridge';
import { accountSummary } from './renderer-fixtures';

const editor = await import('../../renderer/features/sharing/editorStore');
const { PermissionsEditorPublicNotice } = await import('../../renderer/features/sharing/PermissionsEditorPublicNotice');
const { PermissionsEditorOutcome } = await import('../../renderer/features/sharing/PermissionsEditorOutcome');
const { PermissionsEditorList } = await import('../../renderer/features/sharing/PermissionsEditorList');
const lib = await import('../../renderer/lib/sharing');
const { accountNamesByAwsId } = await import('../../renderer/lib/images');

const workspace: Workspace = {
  clients: [{ id: 'c1', name: 'Acme', color: '#2f81f7', production: false }],
  accounts: [
    accountSummary('prod', { name: 'prod-eu', awsAccountId: '111111111111', production: true }),
    accountSummary('dev', { name: 'dev-eu', awsAccountId: '222222222222' }),
  ],
  demo: true,
      userAccountCount: 0,
  keychain: { available: true, reason: null, sessionOnly: false },
};
const names = accountNamesByAwsId(workspace.accounts);
const devRef: ImageRef = { account: 'dev', region: 'eu-west-1', imageId: 'ami-0123456789abcdef0' };
const prodRef: ImageRef = { account: 'prod', region: 'eu-west-1', imageId: 'ami-0fedcba9876543210' };
const devAccount: ShareEntity = { kind: 'account', awsAccountId: '111111111111' };
const other: ShareEntity = { kind: 'account', awsAccountId: '333333333333' };

function item(ref: ImageRef, over: Partial<SharePlanItem> = {}): SharePlanItem {
  const account = workspace.accounts.find((a) => a.id === ref.account)!;
  return {
    ref,
    imageName: 'golden-al2023',
    accountName: account.name,
    awsAccountId: account.awsAccountId,
    production: account.production,
    willAdd: [],
    willRemove: [],
    unchanged: [],
    snapshots: [],
    snapshotChanges: [],
    current: [],
    blockers: [],
    warnings: [],
    ...over,
  };
}

function plan(items: SharePlanItem[]): SharePlan {
  return { items, confirmAccounts: items.filter((i) => i.production).map((i) => ({ account: i.ref.account, name: i.accountName })) };
}

function result(ref: ImageRef, outcome: ShareResult['items'][number]['outcome'], message: string): ShareResult {
  return { items: [{ ref, imageName: 'golden-al2023', outcome, message, error: null, auditId: outcome === 'changed' ? 'audit-1' : null }] };
}

function context(over: Partial<Parameters<typeof editor.addTyped>[2]> = {}) {
  const confirm = vi.fn<(r: ConfirmRequest) => Promise<boolean>>(async () => true);
  const onChanged = vi.fn();
  return { confirm, onChanged, ctx: { workspace, names, imageName: 'golden-al2023', current: [] as ShareEntity[], snapshots: false, confirm, onChanged, ...over } };
}

beforeEach(() => {
  resetCalls();
  editor.useEditorStore.setState({ byImage: {} });
});

describe('adding an entry', () => {
  it('says what is wrong with what was typed and sends nothing', async () => {
    const { ctx } = context();
    expect(await editor.addTyped(devRef, '12345', ctx)).toBe('An account id has 12 digits; "12345" has 5.');
    expect(await editor.addTyped(devRef, 'arn:aws:organizations::111111111111:organization/o-x', ctx)).toMatch(/organization ARN looks like/);
    expect(await editor.addTyped(devRef, 'prod-eu', ctx)).toBe('Enter a 12-digit account id, an organization ARN or an OU ARN.');
    expect(calls).toHaveLength(0);
  });

  it('refuses an entry that is already there, naming it', async () => {
    const { ctx } = context({ current: [devAccount] });
    expect(await editor.addTyped(devRef, '1111-1111-1111', ctx)).toBe('Already shared with prod-eu (1111-1111-1111).');
    expect(calls).toHaveLength(0);
  });

  it('plans, shows the plan, then applies exactly that request', async () => {
    const { ctx, confirm, onChanged } = context();
    const done = editor.addTyped(devRef, ' 3333-3333-3333 ', ctx);
    await flush();
    expect(editor.editorState(devRef).busy).toBe('Sharing…');
    expect(pending('sharing:plan').map((c) => c.input)).toEqual([{ images: [devRef], add: [other], remove: [], snapshots: false }]);
    answer(pending('sharing:plan')[0], plan([item(devRef, { willAdd: [other] })]));
    await flush();

    expect(confirm).toHaveBeenCalledTimes(1);
    const request = confirm.mock.calls[0]![0];
    expect(request.title).toBe('Share golden-al2023 with account 3333-3333-3333');
    expect(request.lines).toEqual([{ account: 'dev', region: 'eu-west-1', text: 'golden-al2023: share with account 3333-3333-3333' }]);
    expect(request.accounts.map((a) => a.id)).toEqual(['dev']);
    expect(request.typeToConfirm).toEqual([]); // not production, not public: nothing to type

    expect(pending('sharing:apply').map((c) => c.input)).toEqual([{ images: [devRef], add: [other], remove: [], snapshots: false, confirmations: {} }]);
    answer(pending('sharing:apply')[0], result(devRef, 'changed', 'Shared with 1 account'));
    expect(await done).toBeNull();
    const state = editor.editorState(devRef);
    expect(state.busy).toBeNull();
    expect(state.outcome?.status).toBe('applied');
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('makes production accounts name themselves, and sends the confirmation', async () => {
    const { ctx, confirm } = context({ imageName: 'base' });
    const done = editor.addTyped(prodRef, '222222222222', ctx);
    await flush();
    answer(pending('sharing:plan')[0], plan([item(prodRef, { imageName: 'base', willAdd: [{ kind: 'account', awsAccountId: '222222222222' }] })]));
    await flush();
    expect(confirm.mock.calls[0]![0].typeToConfirm).toEqual(['prod-eu']);
    expect(pending('sharing:apply')[0]!.input.confirmations).toEqual({ prod: 'prod-eu' });
    answer(pending('sharing:apply')[0], result(prodRef, 'changed', 'Shared'));
    await done;
  });

  it('sends nothing when the confirm sheet is cancelled', async () => {
    const { ctx, confirm, onChanged } = context();
    confirm.mockResolvedValueOnce(false);
    const done = editor.addTyped(devRef, '333333333333', ctx);
    await flush();
    answer(pending('sharing:plan')[0], plan([item(devRef, { willAdd: [other] })]));
    await done;
    expect(pending('sharing:apply')).toHaveLength(0);
    expect(editor.editorState(devRef).outcome).toBeNull();
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('says "already shared" when the plan finds nothing to change, without confirming', async () => {
    const { ctx, confirm } = context();
    const done = editor.addTyped(devRef, '333333333333', ctx);
    await flush();
    answer(pending('sharing:plan')[0], plan([item(devRef, { unchanged: [other] })]));
    await done;
    expect(confirm).not.toHaveBeenCalled();
    const outcome = editor.editorState(devRef).outcome;
    expect(outcome?.status === 'noop' && outcome.message).toBe('Already shared with account 3333-3333-3333: nothing to change.');
  });

  it('shows the core\'s "unchanged" result as such', () => {
    const text = lib.outcomeText(result(devRef, 'unchanged', '').items[0]!, 'add');
    expect(text).toBe('Already shared: nothing changed.');
    expect(lib.outcomeText(result(devRef, 'unchanged', '').items[0]!, 'remove')).toBe('Not shared: nothing changed.');
    const html = renderToStaticMarkup(
      createElement(PermissionsEditorOutcome, { outcome: { status: 'applied', plan: plan([]), result: result(devRef, 'unchanged', 'Not shared with 3333-3333-3333') }, direction: 'remove', error: null, onDismiss: () => {} }),
    );
    expect(html).toContain('data-outcome="unchanged"');
    expect(html).toContain('Not shared with 3333-3333-3333');
  });

  it('shows an error with its message when the plan fails', async () => {
    const { ctx } = context();
    const done = editor.addTyped(devRef, '333333333333', ctx);
    await flush();
    fail(pending('sharing:plan')[0], 'ACCESS_DENIED', 'Access denied in 2222-2222-2222/eu-west-1: ec2:DescribeImageAttribute');
    await done;
    expect(editor.editorState(devRef).error?.message).toMatch(/Access denied/);
    expect(editor.editorState(devRef).busy).toBeNull();
  });
});

describe('removing an entry', () => {
  it('plans a removal and confirms it as such', async () => {
    const { ctx, confirm } = context({ current: [other] });
    const done = editor.removeEntry(devRef, other, ctx);
    await flush();
    expect(pending('sharing:plan')[0]!.input).toEqual({ images: [devRef], add: [], remove: [other], snapshots: false });
    answer(pending('sharing:plan')[0], plan([item(devRef, { willRemove: [other] })]));
    await flush();
    expect(confirm.mock.calls[0]![0]).toMatchObject({ title: 'Stop sharing golden-al2023 with account 3333-3333-3333', confirmLabel: 'Stop sharing', tone: 'danger' });
    answer(pending('sharing:apply')[0], result(devRef, 'changed', 'Removed 1 account'));
    await done;
    expect(editor.editorState(devRef).direction).toBe('remove');
  });

  it('lists entries by our names, each with a remove button', () => {
    const html = renderToStaticMarkup(
      createElement(PermissionsEditorList, {
        entries: lib.sortEntities([other, devAccount, { kind: 'public' }], names),
        names,
        disabled: false,
        onRemove: () => {},
      }),
    );
    expect(html.indexOf('Public')).toBeLessThan(html.indexOf('prod-eu'));
    expect(html.indexOf('prod-eu')).toBeLessThan(html.indexOf('Not in this workspace'));
    expect(html).toContain('aria-label="Remove prod-eu (1111-1111-1111)"');
    expect(html).toContain('aria-label="Remove everyone (public)"');
  });
});

describe('making public', () => {
  it('first asks whether the region blocks public sharing, and explains instead when it does', async () => {
    const { ctx, confirm } = context();
    await Promise.all([
      editor.makePublic(devRef, ctx),
      (async () => {
        await flush();
        expect(calls.map((c) => c.channel)).toEqual(['sharing:blockPublicAccess']);
        expect(calls[0]!.input).toEqual({ account: 'dev', region: 'eu-west-1' });
        answer(calls[0], { state: 'block-new-sharing' });
      })(),
    ]);
    expect(editor.editorState(devRef).publicBlocked).toBe(true);
    expect(pending('sharing:plan')).toHaveLength(0);
    expect(confirm).not.toHaveBeenCalled();

    const html = renderToStaticMarkup(createElement(PermissionsEditorPublicNotice, { accountName: 'dev-eu', region: 'eu-west-1', onCheckAgain: () => {}, onDismiss: () => {} }));
    expect(html).toContain('Public sharing is blocked in eu-west-1');
    expect(html).toContain('Block public access for AMIs is on for <strong>dev-eu</strong>');
    expect(html).toContain('aws ec2 disable-image-block-public-access --region eu-west-1');
    expect(html).toContain('Check again');
  });

  it('asks for the image name typed, and sends it with the apply', async () => {
    const { ctx, confirm } = context();
    const done = editor.makePublic(devRef, ctx);
    await flush();
    answer(pending('sharing:blockPublicAccess')[0], { state: 'unblocked' });
    await flush();
    // Snapshots never go public with the image, whatever the checkbox says.
    expect(pending('sharing:plan')[0]!.input).toEqual({ images: [devRef], add: [{ kind: 'public' }], remove: [], snapshots: false });
    answer(pending('sharing:plan')[0], plan([item(devRef, { willAdd: [{ kind: 'public' }] })]));
    await flush();
    const request = confirm.mock.calls[0]![0];
    expect(request.title).toBe('Make golden-al2023 public');
    expect(request.typeToConfirm).toEqual(['golden-al2023']);
    expect(request.guardMessage).toMatch(/Type the image name/);
    expect(request.tone).toBe('danger');
    expect(pending('sharing:apply')[0]!.input).toMatchObject({ add: [{ kind: 'public' }], publicConfirmation: 'golden-al2023', confirmations: {} });
    answer(pending('sharing:apply')[0], result(devRef, 'changed', 'Made public'));
    await done;
  });

  it('shows blockers such as encrypted snapshots with their fix, and does not confirm', async () => {
    const { ctx, confirm } = context();
    const blocker: ShareIssue = {
      code: 'ENCRYPTED_PUBLIC',
      message: 'Images with encrypted snapshots cannot be made public.',
      fix: 'Share with specific accounts instead, or copy the image unencrypted.',
    };
    const done = editor.makePublic(devRef, ctx);
    await flush();
    answer(pending('sharing:blockPublicAccess')[0], { state: 'unblocked' });
    await flush();
    answer(pending('sharing:plan')[0], plan([item(devRef, { blockers: [blocker] })]));
    await done;
    expect(confirm).not.toHaveBeenCalled();
    const outcome = editor.editorState(devRef).outcome;
    expect(outcome?.status).toBe('blocked');
    const html = renderToStaticMarkup(createElement(PermissionsEditorOutcome, { outcome, direction: 'add', error: null, onDismiss: () => {} }));
    expect(html).toContain('data-code="ENCRYPTED_PUBLIC"');
    expect(html).toContain('cannot be made public');
    expect(html).toContain('Share with specific accounts instead');
  });

  it('types both the image and the production account for a production image', async () => {
    const { ctx, confirm } = context({ imageName: 'base' });
    const done = editor.makePublic(prodRef, ctx);
    await flush();
    answer(pending('sharing:blockPublicAccess')[0], { state: 'unblocked' });
    await flush();
    answer(pending('sharing:plan')[0], plan([item(prodRef, { imageName: 'base', willAdd: [{ kind: 'public' }] })]));
    await flush();
    expect(confirm.mock.calls[0]![0].typeToConfirm).toEqual(['base', 'prod-eu']);
    expect(pending('sharing:apply')[0]!.input).toMatchObject({ publicConfirmation: 'base', confirmations: { prod: 'prod-eu' } });
    answer(pending('sharing:apply')[0], result(prodRef, 'changed', 'Made public'));
    await done;
  });

  it('makes private by removing the public entry', async () => {
    const { ctx, confirm } = context({ current: [{ kind: 'public' }] });
    const done = editor.makePrivate(devRef, ctx);
    await flush();
    expect(pending('sharing:blockPublicAccess')).toHaveLength(0);
    expect(pending('sharing:plan')[0]!.input).toMatchObject({ add: [], remove: [{ kind: 'public' }] });
    answer(pending('sharing:plan')[0], plan([item(devRef, { willRemove: [{ kind: 'public' }] })]));
    await flush();
    expect(confirm.mock.calls[0]![0].title).toBe('Make golden-al2023 private');
    expect(confirm.mock.calls[0]![0].typeToConfirm).toEqual([]);
    answer(pending('sharing:apply')[0], result(devRef, 'changed', 'Made private'));
    await done;
  });
});

describe('reset', () => {
  it('shows who loses access, then resets', async () => {
    const { ctx, confirm } = context({ current: [other, { kind: 'public' }], snapshots: true });
    const done = editor.resetPermissions(prodRef, ctx);
    await flush();
    expect(pending('sharing:plan')[0]!.input).toEqual({ images: [prodRef], add: [], remove: [other, { kind: 'public' }], snapshots: true });
    answer(pending('sharing:plan')[0], plan([item(prodRef, { willRemove: [other, { kind: 'public' }] })]));
    await flush();
    const request = confirm.mock.calls[0]![0];
    expect(request.title).toBe('Reset launch permissions of golden-al2023');
    expect(request.lines?.[0]?.text).toBe('golden-al2023: stop sharing with account 3333-3333-3333, everyone (public)');
    expect(pending('sharing:reset')[0]!.input).toEqual({ ...prodRef, snapshots: true, confirmations: { prod: 'prod-eu' } });
    answer(pending('sharing:reset')[0], result(prodRef, 'changed', 'Reset'));
    await done;
    expect(editor.editorState(prodRef).direction).toBe('reset');
  });
});
