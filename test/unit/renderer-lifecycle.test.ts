/**
 * Lifecycle actions in the renderer: building each action (a deprecation time in the future),
 * inspecting before deregister/disable, the production guard, what is sent, and the sheet as
 * rendered markup (usage with counts and ARNs, shares, snapshots to delete, per-image results).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Workspace } from '../../shared/model';
import type { AtlasState } from '../../renderer/store';

import { accountSummary, amiSummary } from './renderer-fixtures';
import { imageUsage } from './renderer-copy-fixtures';
import { answer, fail, flush, pending, resetCalls } from './scripted-bridge';

const { useAtlas } = await import('../../renderer/store');
const lib = await import('../../renderer/lib/lifecycle');
const store = await import('../../renderer/features/lifecycle/lifecycleStore');
const { ownedSelection, imageActionMenuItems, openLifecycleFor } = await import('../../renderer/features/lifecycle/imageActions');
const { LifecycleSheetHost } = await import('../../renderer/features/lifecycle/LifecycleSheet');
const { DetailActionsFoot } = await import('../../renderer/features/lifecycle/DetailActionsFoot');
const { EMPTY_SELECTION } = await import('../../renderer/lib/multiSelect');

const workspace: Workspace = {
  clients: [{ id: 'acme', name: 'Acme', color: '#ff0000', production: false }],
  accounts: [
    accountSummary('acme-staging', { name: 'acme-staging', clientId: 'acme', awsAccountId: '111111111111' }),
    accountSummary('acme-production', { name: 'acme-production', clientId: 'acme', awsAccountId: '222222222222', production: true }),
  ],
  demo: true,
      userAccountCount: 0,
  keychain: { available: true, reason: null, sessionOnly: false },
};

const NOW = Date.parse('2026-11-28T03:00:00Z');
const ref = (imageId: string, account = 'acme-staging') => ({ account, region: 'us-east-1', imageId });

function render() {
  Object.assign(useAtlas.getInitialState(), useAtlas.getState());
  Object.assign(store.useLifecycleStore.getInitialState(), store.useLifecycleStore.getState());
  return renderToStaticMarkup(createElement(LifecycleSheetHost));
}

beforeEach(() => {
  resetCalls();
  store.closeLifecycle();
  useAtlas.setState({ workspace, mode: 'accounts' } as Partial<AtlasState>);
});

describe('building actions', () => {
  const options = { deleteSnapshots: true, cooldown: true, deprecateAt: '' };

  it('deprecation needs a time in the future, sent as ISO', () => {
    expect(lib.buildAction('deprecate', options, NOW)).toEqual({ problem: 'Choose a date and time.' });
    expect(lib.buildAction('deprecate', { ...options, deprecateAt: '2020-01-01T00:00' }, NOW)).toEqual({ problem: 'Choose a time in the future.' });
    const later = lib.buildAction('deprecate', { ...options, deprecateAt: lib.localInputValue(NOW + 86_400_000) }, NOW);
    expect(later).toEqual({ action: { kind: 'deprecate', at: new Date(NOW + 86_400_000).toISOString() } });
  });

  it('carries the options of deregister and protect, and nothing else', () => {
    expect(lib.buildAction('deregister', options, NOW)).toEqual({ action: { kind: 'deregister', deleteSnapshots: true } });
    expect(lib.buildAction('protect', options, NOW)).toEqual({ action: { kind: 'protect', cooldown: true } });
    expect(lib.buildAction('disable', options, NOW)).toEqual({ action: { kind: 'disable' } });
  });

  it('warns when an image is in use, shared, or protected', () => {
    const usage = imageUsage('ami-1', { references: [{ resourceType: 'ec2:Instance', arn: 'arn:1' }], sharedWith: [{ kind: 'account', awsAccountId: '333333333333' }], deregistrationProtection: 'enabled' });
    expect(lib.usageWarnings(usage, 'deregister')).toEqual(['Still used by 1 resource.', 'Shared with 1: they lose it too.', 'Deregistration protection is on: AWS will refuse until it is turned off.']);
    expect(lib.usageWarnings(usage, 'disable')).toContain('Disabling removes its 1 share.');
    // "disabled" is AWS's word for off: no warning then; a running cooldown still refuses.
    expect(lib.usageWarnings(imageUsage('ami-2', { deregistrationProtection: 'disabled' }), 'deregister')).toEqual([]);
    expect(lib.usageWarnings(imageUsage('ami-2', { deregistrationProtection: 'disabled-until-2026-11-29T03:00:00Z' }), 'deregister')[0]).toMatch(/cooldown runs until 2026-11-29T03:00:00Z/);
    expect(lib.protectionLabel('enabled-with-cooldown')).toBe('On, with a 24-hour cooldown');
    expect(lib.protectionLabel('disabled')).toBeNull();
  });

  it('groups references by type with their ARNs', () => {
    expect(
      lib.referenceGroups([
        { resourceType: 'ec2:Instance', arn: 'arn:i-1' },
        { resourceType: 'ec2:LaunchTemplate', arn: 'arn:lt-1' },
        { resourceType: 'ec2:Instance', arn: 'arn:i-2' },
      ]),
    ).toEqual([
      { type: 'ec2:Instance', arns: ['arn:i-1', 'arn:i-2'] },
      { type: 'ec2:LaunchTemplate', arns: ['arn:lt-1'] },
    ]);
  });
});

describe('what the actions act on', () => {
  it('the picked owned images with their names; nothing in the Shared view', () => {
    useAtlas.setState({
      imagesFor: { account: 'acme-staging', region: 'us-east-1', view: 'owned' },
      images: [amiSummary('ami-1', { name: 'one' }), amiSummary('ami-2', { name: 'two' }), amiSummary('ami-3')],
      imageSelection: { ...EMPTY_SELECTION, selected: new Set(['ami-1', 'ami-2']) },
    } as Partial<AtlasState>);
    expect(ownedSelection(useAtlas.getState())).toEqual({ images: [ref('ami-1'), ref('ami-2')], names: { 'ami-1': 'one', 'ami-2': 'two' } });
    expect(imageActionMenuItems(useAtlas.getState).map((i) => i.label)).toEqual([
      'Copy 2 AMIs to regions…',
      'Edit tags of 2 AMIs…',
      'Deprecate…',
      'Deregistration protection on…',
      'Deregistration protection off…',
      'Disable…',
      'Deregister…',
    ]);
    useAtlas.setState({ imagesFor: { account: 'acme-staging', region: 'us-east-1', view: 'shared' } });
    expect(ownedSelection(useAtlas.getState())).toBeNull();
  });

  it('offers only what applies to the images’ state, and opens the sheet for those it applies to', () => {
    useAtlas.setState({
      imagesFor: { account: 'acme-staging', region: 'us-east-1', view: 'owned' },
      images: [amiSummary('ami-1', { name: 'one', state: 'disabled', deprecationTime: '2027-01-01T00:00:00.000Z' }), amiSummary('ami-2', { name: 'two' })],
      imageSelection: { ...EMPTY_SELECTION, selected: new Set(['ami-1']) },
    } as Partial<AtlasState>);
    const labels = () => imageActionMenuItems(useAtlas.getState).map((i) => i.label);
    expect(labels()).toEqual(['Edit tags…', 'Change deprecation…', 'Cancel deprecation…', 'Deregistration protection on…', 'Deregistration protection off…', 'Enable…', 'Deregister…']);
    useAtlas.setState({ imageSelection: { ...EMPTY_SELECTION, selected: new Set(['ami-1', 'ami-2']) } });
    expect(labels()).toContain('Disable…');
    expect(labels()).toContain('Enable…');
    // Disable acts on the available one only; the disabled one is left out of the sheet.
    expect(openLifecycleFor(useAtlas.getState(), 'disable')).toBeNull();
    expect(store.useLifecycleStore.getState().sheet?.images).toEqual([ref('ami-2')]);
    store.closeLifecycle();
    // Once the detail has read its protection, only the switch that changes something is offered.
    const detail = { ...amiSummary('ami-2'), deregistrationProtection: 'enabled', stale: null } as unknown as AtlasState['detail'];
    useAtlas.setState({ imageSelection: { ...EMPTY_SELECTION, selected: new Set(['ami-2']) }, detail });
    expect(labels()).toContain('Deregistration protection off…');
    expect(labels()).not.toContain('Deregistration protection on…');
    useAtlas.setState({ detail: null });
    useAtlas.setState({ images: [amiSummary('ami-1', { state: 'deregistered' })], imageSelection: { ...EMPTY_SELECTION, selected: new Set(['ami-1']) } });
    expect(labels()).toEqual([]);
    expect(openLifecycleFor(useAtlas.getState(), 'deregister')).toBe('It is deregistered.');
    expect(store.useLifecycleStore.getState().sheet).toBeNull();
  });
});

describe('the detail pane’s actions', () => {
  it('offers Copy and Deregister for the owned image shown, and nothing for an inventory row', () => {
    useAtlas.setState({
      imagesFor: { account: 'acme-staging', region: 'us-east-1', view: 'owned' },
      images: [amiSummary('ami-1', { name: 'one' })],
      selectedImageId: 'ami-1',
      detailContext: null,
    } as Partial<AtlasState>);
    const html = render() + renderToStaticMarkup(createElement(DetailActionsFoot));
    expect(html).toContain('Copy…');
    expect(html).toContain('Deregister…');
    useAtlas.setState({ detailContext: { account: 'acme-staging', region: 'us-east-1' } });
    Object.assign(useAtlas.getInitialState(), useAtlas.getState());
    expect(renderToStaticMarkup(createElement(DetailActionsFoot))).toBe('');
  });

  it('a disabled image: no Copy (AWS copies available images only), Deregister stays; a deregistered one: no foot', () => {
    useAtlas.setState({
      imagesFor: { account: 'acme-staging', region: 'us-east-1', view: 'owned' },
      images: [amiSummary('ami-1', { name: 'one', state: 'disabled' })],
      selectedImageId: 'ami-1',
      detailContext: null,
    } as Partial<AtlasState>);
    Object.assign(useAtlas.getInitialState(), useAtlas.getState());
    const html = renderToStaticMarkup(createElement(DetailActionsFoot));
    expect(html).not.toContain('Copy…');
    expect(html).toContain('Deregister…');
    expect(html).toContain('More actions');
    useAtlas.setState({ images: [amiSummary('ami-1', { state: 'deregistered' })] });
    Object.assign(useAtlas.getInitialState(), useAtlas.getState());
    expect(renderToStaticMarkup(createElement(DetailActionsFoot))).toBe('');
  });
});

describe('the lifecycle sheet', () => {
  it('deregister: inspects first, then shows usage, shares and the snapshots that would be deleted', async () => {
    store.openLifecycle('deregister', [ref('ami-1'), ref('ami-2')], { 'ami-1': 'one', 'ami-2': 'two' });
    expect(store.useLifecycleStore.getState().sheet?.phase).toBe('inspecting');
    expect(pending('lifecycle:inspect')[0]?.input).toEqual({ images: [ref('ami-1'), ref('ami-2')] });
    expect(render()).toMatch(/<button[^>]*disabled=""[^>]*data-testid="lifecycle-confirm"/);
    answer(pending('lifecycle:inspect')[0], [
      imageUsage('ami-1', {
        lastLaunchedTime: '2026-11-20T00:00:00Z',
        references: [
          { resourceType: 'ec2:Instance', arn: 'arn:aws:ec2:us-east-1:111111111111:instance/i-0abc' },
          { resourceType: 'ec2:Instance', arn: 'arn:aws:ec2:us-east-1:111111111111:instance/i-0def' },
        ],
        sharedWith: [{ kind: 'account', awsAccountId: '222222222222' }],
        snapshotIds: ['snap-0aaa'],
      }),
      imageUsage('ami-2', { referencesError: 'Access denied: ec2:DescribeImageReferences' }),
    ]);
    await flush();
    store.setLifecycleOptions({ deleteSnapshots: true });
    const html = render();
    expect(html).toContain('Deregister 2 AMIs');
    expect(html).toContain('In use');
    expect(html).toContain('2 × ec2:Instance');
    expect(html).toContain('arn:aws:ec2:us-east-1:111111111111:instance/i-0abc');
    expect(html).toContain('acme-production');
    expect(html).toMatch(/snap-0aaa[^]*will be deleted/);
    expect(html).toContain('Could not be read: Access denied: ec2:DescribeImageReferences');
    expect(html).not.toMatch(/<button[^>]*disabled=""[^>]*data-testid="lifecycle-confirm"/);
  });

  it('sends the action and shows per-image results', async () => {
    store.openLifecycle('deregister', [ref('ami-1'), ref('ami-2')]);
    answer(pending('lifecycle:inspect')[0], [imageUsage('ami-1'), imageUsage('ami-2')]);
    await flush();
    store.setLifecycleOptions({ deleteSnapshots: true });
    void store.applyLifecycle();
    expect(pending('lifecycle:apply')[0]?.input).toEqual({ images: [ref('ami-1'), ref('ami-2')], action: { kind: 'deregister', deleteSnapshots: true }, confirmations: {} });
    answer(pending('lifecycle:apply')[0], [
      { ref: ref('ami-1'), name: 'one', outcome: 'changed', message: 'Deregistered, with its 1 snapshot (snap-0aaa).', error: null, auditId: 'a-1' },
      { ref: ref('ami-2'), name: 'two', outcome: 'failed', message: 'refused', error: { code: 'CONFLICT', message: 'Deregistration protection is on', retryable: false }, auditId: 'a-2' },
    ]);
    await flush();
    const html = render();
    expect(html).toContain('1 changed · 0 unchanged · 1 failed');
    expect(html).toContain('Deregistered, with its 1 snapshot (snap-0aaa).');
    expect(html).toContain('Deregistration protection is on');
    expect(html).toContain('CONFLICT');
  });

  it('production: the account name must be typed, and is sent as the confirmation', async () => {
    store.openLifecycle('disable', [ref('ami-1', 'acme-production')]);
    answer(pending('lifecycle:inspect')[0], [imageUsage('ami-1', { production: true, accountName: 'acme-production', ref: ref('ami-1', 'acme-production') })]);
    await flush();
    const html = render();
    expect(html).toContain('Disabling removes every share');
    expect(html).toContain('Type <strong class="mono">acme-production</strong> to confirm');
    void store.applyLifecycle();
    expect(pending('lifecycle:apply')).toHaveLength(0);
    store.setLifecycleTyped('acme-production', 'Acme-Production');
    void store.applyLifecycle();
    expect(pending('lifecycle:apply')[0]?.input.confirmations).toEqual({ 'acme-production': 'acme-production' });
  });

  it('a failed inspection is shown with Retry, and blocks the action', async () => {
    store.openLifecycle('deregister', [ref('ami-1')]);
    fail(pending('lifecycle:inspect')[0], 'NETWORK', 'Could not reach us-east-1');
    await flush();
    const sheet = store.useLifecycleStore.getState().sheet!;
    expect(store.lifecycleBlock(sheet)).toMatch(/could not be checked/);
    const html = render();
    expect(html).toContain('Could not reach us-east-1');
    expect(html).toContain('Retry');
  });

  it('deprecate needs no inspection; the date must be in the future', () => {
    store.openLifecycle('deprecate', [ref('ami-1')], { 'ami-1': 'one' });
    expect(pending('lifecycle:inspect')).toHaveLength(0);
    expect(render()).toContain('Deprecate one');
    store.setLifecycleOptions({ deprecateAt: '2020-01-01T00:00' });
    expect(render()).toContain('Choose a time in the future.');
    void store.applyLifecycle();
    expect(pending('lifecycle:apply')).toHaveLength(0);
  });
});
