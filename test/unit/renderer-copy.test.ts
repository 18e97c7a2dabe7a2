/**
 * Copying AMIs in the renderer: name previews, the regions offered, KMS keys per region, what
 * "Review" sends and shows (blockers with their fix, the production guard), and "Start copies"
 * handing the jobs to the jobs drawer — against the scripted bridge.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { CopyPlan } from '../../shared/lifecycle';
import type { Workspace } from '../../shared/model';
import type { AtlasState } from '../../renderer/store';

import { accountSummary, amiSummary } from './renderer-fixtures';
import { copyJob, copyPlanItem } from './renderer-copy-fixtures';
import { answer, calls, fail, flush, pending, resetCalls } from './scripted-bridge';

const { useAtlas } = await import('../../renderer/store');
const lib = await import('../../renderer/lib/copyPlan');
const store = await import('../../renderer/features/copy/copyStore');
const { copyableSelection, openCopyFor } = await import('../../renderer/lib/copySelection');
const { wireFeatures } = await import('../../renderer/shell/wiring');
const { CopyDialogHost } = await import('../../renderer/features/copy/CopyDialog');
const { EMPTY_SELECTION } = await import('../../renderer/lib/multiSelect');

const workspace: Workspace = {
  clients: [{ id: 'acme', name: 'Acme', color: '#ff0000', production: false }],
  accounts: [
    accountSummary('acme-staging', { name: 'acme-staging', clientId: 'acme', awsAccountId: '111111111111', favoriteRegions: ['eu-west-1', 'us-east-1'] }),
    accountSummary('acme-production', { name: 'acme-production', clientId: 'acme', awsAccountId: '222222222222', production: true }),
  ],
  demo: true,
      userAccountCount: 0,
  keychain: { available: true, reason: null, sessionOnly: false },
};

/** Server rendering reads the stores' initial state objects: copy the state a test set onto them. */
function sync() {
  Object.assign(useAtlas.getInitialState(), useAtlas.getState());
  Object.assign(store.useCopyStore.getInitialState(), store.useCopyStore.getState());
}
const render = () => {
  sync();
  return renderToStaticMarkup(createElement(CopyDialogHost));
};

const source = (imageId: string, encrypted = false) => ({ ref: { account: 'acme-staging', region: 'us-east-1', imageId }, name: 'golden', encrypted });

function open(over: Partial<Parameters<typeof store.openCopyDialog>[0]> = {}) {
  store.openCopyDialog({ sources: [source('ami-0aaaaaaaa')], destinationAccount: 'acme-staging', sourceRegion: 'us-east-1', crossAccount: false, regions: ['eu-west-1', 'eu-central-1'], ...over });
}

beforeEach(() => {
  resetCalls();
  store.closeCopyDialog();
  store.useCopyStore.setState({ keys: {} });
  useAtlas.setState({ workspace, jobs: [], jobsPanelOpen: false, jobToasts: [], regionsByAccount: {}, mode: 'accounts' } as Partial<AtlasState>);
});

describe('names from a template', () => {
  it('previews one name per copy, and says when AWS would refuse one', () => {
    const previews = lib.previewNames([{ imageId: 'ami-1', name: 'golden', region: 'us-east-1' }], ['eu-west-1', 'ap-south-1'], '{name}-{region}-{date}', '2026-11-28');
    expect(previews.map((p) => p.name)).toEqual(['golden-eu-west-1-2026-11-28', 'golden-ap-south-1-2026-11-28']);
    expect(previews.every((p) => p.problem === null)).toBe(true);
    expect(lib.previewNames([{ imageId: 'ami-1', name: 'golden', region: 'us-east-1' }], ['eu-west-1'], 'x#{region}', 'd')[0]?.problem).toMatch(/Only letters/);
    expect(lib.nameProblem('ab')).toMatch(/Too short/);
    expect(lib.renderTemplate('{imageId} from {sourceRegion}', { name: 'n', region: 'r', sourceRegion: 'us-east-1', imageId: 'ami-1', date: 'd' })).toBe('ami-1 from us-east-1');
  });

  it('names a typo in a token, and two copies that would share a name in one region', () => {
    expect(lib.unknownTokens('{name}-{regoin}-{date}')).toEqual(['{regoin}']);
    const previews = lib.previewNames(
      [
        { imageId: 'ami-1', name: 'a', region: 'us-east-1' },
        { imageId: 'ami-2', name: 'b', region: 'us-east-1' },
      ],
      ['eu-west-1'],
      'same-{region}',
      'd',
    );
    expect(lib.duplicateNames(previews)).toEqual(new Set(['eu-west-1|same-eu-west-1']));
  });
});

describe('destination regions', () => {
  const regions = [
    { name: 'us-east-1', enabled: true },
    { name: 'ap-south-1', enabled: true },
    { name: 'eu-west-1', enabled: true },
    { name: 'me-south-1', enabled: false },
  ];

  it('lists enabled regions, favourites first, and refuses the source region within one account', () => {
    const options = lib.regionOptions(regions, ['eu-west-1', 'us-east-1'], 'us-east-1', false);
    expect(options.map((o) => o.name)).toEqual(['eu-west-1', 'us-east-1', 'ap-south-1']);
    expect(options.filter((o) => o.favorite).map((o) => o.name)).toEqual(['eu-west-1', 'us-east-1']);
    expect(options.find((o) => o.name === 'us-east-1')?.disabledReason).toMatch(/already in this region/);
  });

  it('offers the image’s own region when copying a shared image into this account', () => {
    expect(lib.regionOptions(regions, [], 'us-east-1', true).find((o) => o.name === 'us-east-1')?.disabledReason).toBeNull();
  });
});

describe('KMS keys per region', () => {
  it('says in which destination regions an alias is missing; customer keys first', () => {
    const keys = lib.keyAvailability(
      {
        'eu-west-1': [
          { alias: 'alias/aws/ebs', keyManager: 'AWS' },
          { alias: 'alias/golden', keyManager: 'CUSTOMER' },
        ],
        'ap-south-1': [{ alias: 'alias/aws/ebs', keyManager: 'AWS' }],
        'us-west-2': undefined,
      },
      ['eu-west-1', 'ap-south-1', 'us-west-2'],
    );
    expect(keys.map((k) => k.alias)).toEqual(['alias/golden', 'alias/aws/ebs']);
    expect(keys[0]?.missing).toEqual(['ap-south-1']);
  });

  it('loads the keys of every destination region once encryption is on, and of regions added later', async () => {
    open();
    expect(pending('kms:keys')).toHaveLength(0);
    store.updateCopyForm({ encrypted: true });
    expect(pending('kms:keys').map((c) => c.input)).toEqual([
      { account: 'acme-staging', region: 'eu-west-1' },
      { account: 'acme-staging', region: 'eu-central-1' },
    ]);
    answer(pending('kms:keys')[0], [{ alias: 'alias/golden', arn: 'arn:aws:kms:eu-west-1:111111111111:key/k1', keyManager: 'CUSTOMER' }]);
    await flush();
    store.toggleCopyRegion('ap-south-1');
    // eu-west-1 is known, eu-central-1 still on its way: only ap-south-1 is asked for.
    expect(pending('kms:keys').map((c) => c.input.region)).toEqual(['eu-west-1', 'eu-central-1', 'ap-south-1']);
    expect(store.useCopyStore.getState().keys['acme-staging|eu-west-1']?.status).toBe('ready');
  });

  it('starts with encryption on for an encrypted source, and says keys are regional', () => {
    open({ sources: [source('ami-0aaaaaaaa', true)] });
    expect(store.useCopyStore.getState().dialog?.form.encrypted).toBe(true);
    expect(pending('kms:keys')).toHaveLength(2);
    const html = render();
    expect(html).toContain('Keys are regional');
    expect(html).toContain('A copy of an encrypted image is always encrypted.');
  });
});

describe('what the copy acts on', () => {
  function listState(view: 'owned' | 'shared'): AtlasState {
    useAtlas.setState({
      imagesFor: { account: 'acme-staging', region: 'us-east-1', view },
      images: [amiSummary('ami-0aaaaaaaa', { name: 'golden', encrypted: true }), amiSummary('ami-0bbbbbbbb', { name: '' })],
      imageSelection: { ...EMPTY_SELECTION, selected: new Set(['ami-0aaaaaaaa', 'ami-0bbbbbbbb']) },
    } as Partial<AtlasState>);
    return useAtlas.getState();
  }

  it('owned images: copies stay in the account; a favourite other than this region is preselected', () => {
    const input = copyableSelection(listState('owned'))!;
    expect(input.crossAccount).toBe(false);
    expect(input.destinationAccount).toBe('acme-staging');
    expect(input.regions).toEqual(['eu-west-1']);
    expect(input.sources.map((s) => [s.ref.imageId, s.name, s.encrypted])).toEqual([
      ['ami-0aaaaaaaa', 'golden', true],
      ['ami-0bbbbbbbb', 'ami-0bbbbbbbb', false],
    ]);
  });

  it('"Copy…" from another feature (the row menu, the detail pane) opens this dialog through the shell’s wiring', () => {
    store.useCopyStore.setState({ dialog: null });
    // Unwired, nothing answers: the caller hears so instead of thinking a dialog opened.
    expect(openCopyFor(listState('owned'))).toBe(false);
    expect(store.useCopyStore.getState().dialog).toBeNull();
    const unwire = wireFeatures();
    try {
      expect(openCopyFor(listState('owned'))).toBe(true);
      expect(store.useCopyStore.getState().dialog?.sources.map((s) => s.ref.imageId)).toEqual(['ami-0aaaaaaaa', 'ami-0bbbbbbbb']);
    } finally {
      unwire();
    }
    store.useCopyStore.setState({ dialog: null });
    expect(openCopyFor(listState('owned'))).toBe(false);
  });

  it('shared images: copied into the active account, starting with their own region', () => {
    const input = copyableSelection(listState('shared'))!;
    expect(input.crossAccount).toBe(true);
    expect(input.destinationAccount).toBe('acme-staging');
    expect(input.regions).toEqual(['us-east-1']);
  });

  it('nothing selected: nothing to copy', () => {
    useAtlas.setState({ imagesFor: { account: 'acme-staging', region: 'us-east-1', view: 'owned' }, images: [], imageSelection: EMPTY_SELECTION, selectedImageId: null });
    expect(copyableSelection(useAtlas.getState())).toBeNull();
  });
});

describe('encryption that changes what the copies can do', () => {
  const keysOf = (region: string) => [
    { alias: 'alias/ami-encryption', arn: `arn:aws:kms:${region}:111111111111:key/k-${region}`, keyManager: 'CUSTOMER' as const },
    { alias: 'alias/aws/ebs', arn: `arn:aws:kms:${region}:111111111111:key/aws-${region}`, keyManager: 'AWS' as const },
  ];
  async function answerKeys(keys: (region: string) => ReturnType<typeof keysOf> = keysOf) {
    for (const call of pending('kms:keys')) answer(call, keys((call.input as { region: string }).region));
    await flush();
  }

  it('a mixed selection says why encryption is on, and can copy the unencrypted images unencrypted', async () => {
    open({ sources: [source('ami-0aaaaaaaa'), source('ami-0bbbbbbbb', true), source('ami-0cccccccc')] });
    let html = render();
    expect(html).toContain('1 of the 3 images is encrypted, and a copy of an encrypted image is always encrypted.');
    expect(html).toContain('Encryption is on so that the copies of the other 2 images are encrypted too; turn it off to copy them unencrypted.');
    expect(html).toContain('Encrypt the copies of the 2 unencrypted images too');
    expect(html).not.toMatch(/<input[^>]*type="checkbox"[^>]*disabled=""[^>]*aria-describedby="[^"]*-encrypted-hint"/);

    store.updateCopyForm({ encrypted: false });
    html = render();
    expect(html).toContain('Only its copy will be encrypted; the other 2 images are copied unencrypted.');
    expect(html).toContain('data-testid="copy-kms-key"'); // the encrypted one's copy still takes the key chosen
    await answerKeys();
    store.updateCopyForm({ kmsKey: 'alias/ami-encryption' });
    void store.reviewCopies();
    expect(pending('copy:plan')[0]?.input).toMatchObject({ encrypted: false, kmsKey: 'alias/ami-encryption' });
  });

  it('with the AWS managed key the dialog says the copies can never be shared, and offers a customer managed key', async () => {
    open({ sources: [source('ami-0aaaaaaaa', true)] });
    await answerKeys();
    let html = render();
    expect(html).toContain('data-testid="copy-managed-key"');
    expect(html).toContain('Copies encrypted with the AWS managed key (aws/ebs) can never be shared with another account');
    expect(html).toContain('Use alias/ami-encryption');
    store.updateCopyForm({ kmsKey: 'alias/ami-encryption' });
    html = render();
    expect(html).not.toContain('data-testid="copy-managed-key"');
  });

  it('says how to get a customer managed key when no destination region has one everywhere', async () => {
    open({ sources: [source('ami-0aaaaaaaa')] });
    store.updateCopyForm({ encrypted: true });
    await answerKeys((region) => (region === 'eu-west-1' ? keysOf(region) : keysOf(region).slice(1)));
    const html = render();
    expect(html).toContain('can never be shared with another account');
    expect(html).not.toContain('Use alias/ami-encryption');
    expect(html).toContain('none exists in every destination region yet');
  });

  it('the review says which copies get the AWS managed key and cannot be shared, and goes back to choose another', async () => {
    open({ sources: [source('ami-0aaaaaaaa', true)] });
    void store.reviewCopies();
    const warning = { code: 'AWS_MANAGED_KEY' as const, message: 'Encrypted with the AWS managed key (aws/ebs) of eu-west-1: …', fix: 'To share it later, go back and choose a customer managed key.' };
    answer(pending('copy:plan')[0], {
      items: [
        copyPlanItem('eu-west-1', { encrypted: true, kmsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/aws-eu-west-1', warnings: [warning] }),
        copyPlanItem('eu-central-1', { encrypted: true, kmsKeyArn: 'arn:aws:kms:eu-central-1:111111111111:key/aws-eu-central-1', warnings: [warning] }),
      ],
      confirmAccounts: [],
    } satisfies CopyPlan);
    await flush();
    const html = render();
    expect(html).toContain('All 2 copies will be encrypted with the AWS managed key (aws/ebs) and can never be shared with another account');
    expect(html.match(/AWS managed key \(aws\/ebs\) · cannot be shared/g)).toHaveLength(2);
    expect(html).toContain('Choose a customer managed key');
  });
});

describe('review and start', () => {
  const plan: CopyPlan = {
    items: [
      copyPlanItem('eu-west-1', { destination: { account: 'acme-production', accountName: 'acme-production', region: 'eu-west-1' } }),
      copyPlanItem('eu-central-1', {
        destination: { account: 'acme-production', accountName: 'acme-production', region: 'eu-central-1' },
        blockers: [{ code: 'KMS_KEY_MISSING', message: 'alias/golden does not exist in eu-central-1.', fix: 'Create the key there, or choose another key.' }],
      }),
    ],
    confirmAccounts: [{ account: 'acme-production', name: 'acme-production' }],
  };

  it('"Review" sends exactly the form (no key when not encrypted) and shows every copy', async () => {
    open({ destinationAccount: 'acme-production' });
    store.updateCopyForm({ nameTemplate: '{name}-{region}-{date}', kmsKey: 'alias/golden' });
    void store.reviewCopies();
    expect(pending('copy:plan')[0]?.input).toEqual({
      images: [{ account: 'acme-staging', region: 'us-east-1', imageId: 'ami-0aaaaaaaa' }],
      destinationAccount: 'acme-production',
      regions: ['eu-west-1', 'eu-central-1'],
      nameTemplate: '{name}-{region}-{date}',
      descriptionTemplate: lib.DEFAULT_DESCRIPTION_TEMPLATE,
      encrypted: false,
      kmsKey: null,
      copyTags: true,
    });
    answer(pending('copy:plan')[0], plan);
    await flush();
    expect(store.useCopyStore.getState().dialog?.phase).toBe('review');
    const html = render();
    expect(html).toContain('Review copies');
    expect(html).toContain('golden-eu-west-1');
    expect(html).toMatch(/data-blocked="true"[^]*Not copied: <\/strong>alias\/golden does not exist in eu-central-1\.[^]*Create the key there, or choose another key\./);
    expect(html).toContain('1 copy will be made; 1 excluded');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="copy-start"/);
    expect(html).toContain('Type the production account name to continue.');
  });

  it('drops a plan that arrives after going back to the form', async () => {
    open();
    void store.reviewCopies();
    store.backToCopyForm();
    answer(pending('copy:plan')[0], plan);
    await flush();
    expect(store.useCopyStore.getState().dialog?.phase).toBe('edit');
    expect(store.useCopyStore.getState().dialog?.plan).toBeNull();
  });

  it('a failed plan keeps the form, with the error and Retry', async () => {
    open();
    void store.reviewCopies();
    fail(pending('copy:plan')[0], 'ACCESS_DENIED', 'Access denied in 111111111111/eu-west-1: ec2:DescribeImages');
    await flush();
    const dialog = store.useCopyStore.getState().dialog!;
    expect(dialog.phase).toBe('edit');
    expect(dialog.error?.message).toMatch(/Access denied/);
    expect(render()).toContain('Access denied in 111111111111/eu-west-1');
  });

  it('"Start copies" needs the production name, sends it, and hands the jobs to the drawer', async () => {
    open({ destinationAccount: 'acme-production' });
    void store.reviewCopies();
    answer(pending('copy:plan')[0], plan);
    await flush();
    expect(await store.startCopies()).toBe(false);
    expect(pending('copy:start')).toHaveLength(0);
    store.setCopyTyped('acme-production', ' ACME-production ');
    const started = store.startCopies();
    const call = pending('copy:start')[0]!;
    expect(call.input.confirmations).toEqual({ 'acme-production': 'acme-production' });
    expect(call.input.regions).toEqual(['eu-west-1', 'eu-central-1']);
    answer(call, [copyJob('j1', { state: 'queued', progress: 0, newImageId: null })]);
    expect(await started).toBe(true);
    expect(store.useCopyStore.getState().dialog).toBeNull();
    expect(useAtlas.getState().jobs.map((j) => j.id)).toEqual(['j1']);
    expect(useAtlas.getState().jobsPanelOpen).toBe(true);
  });

  it('a refused start stays on the review with the core’s message', async () => {
    open();
    void store.reviewCopies();
    answer(pending('copy:plan')[0], { items: [copyPlanItem('eu-west-1')], confirmAccounts: [] });
    await flush();
    const started = store.startCopies();
    fail(pending('copy:start')[0], 'CONFLICT', 'None of the copies can be made: the name is taken');
    expect(await started).toBe(false);
    const dialog = store.useCopyStore.getState().dialog!;
    expect(dialog.phase).toBe('review');
    expect(render()).toContain('None of the copies can be made');
  });
});

describe('the form', () => {
  it('shows a live name per copy and the regions, favourites first', () => {
    useAtlas.setState({
      regionsByAccount: {
        'acme-staging': {
          status: 'ready',
          error: null,
          regions: [
            { name: 'ap-south-1', optInStatus: 'opt-in-not-required', enabled: true, favorite: false },
            { name: 'eu-west-1', optInStatus: 'opt-in-not-required', enabled: true, favorite: true },
            { name: 'us-east-1', optInStatus: 'opt-in-not-required', enabled: true, favorite: true },
          ],
        },
      },
    });
    open();
    const html = render();
    expect(html).toContain('Copy golden');
    expect(html.indexOf('data-region="eu-west-1"')).toBeLessThan(html.indexOf('data-region="ap-south-1"'));
    expect(html).toMatch(/golden-eu-west-1/);
    expect(html).toMatch(/golden-eu-central-1/);
    expect(html).toContain('Review 2 copies');
  });

  it('keeps Review disabled with the reason when no region is chosen', () => {
    open({ regions: [] });
    const html = render();
    expect(html).toContain('Choose at least one destination region.');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="copy-review"/);
    expect(calls.filter((c) => c.channel === 'copy:plan')).toHaveLength(0);
  });
});
