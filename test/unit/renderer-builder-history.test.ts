/** A pipeline's history in the page: pages merged newest first, a refresh winning over a stale page, AMIs opening in the account that owns them, and a build's row. */
import { beforeEach, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { HistoryBuild } from '../../shared/imagebuilder-history';
import type { Workspace } from '../../shared/model';
import type { AtlasState } from '../../renderer/store';
import { accountSummary } from './renderer-fixtures';
import { answer, fail, flush, pending, resetCalls } from './scripted-bridge';
const { useAtlas } = await import('../../renderer/store');
const history = await import('../../renderer/features/builder/historyStore');
const { amiAccount, HistoryBuildRow } = await import('../../renderer/features/builder/HistoryBuildRow');

const PIPELINE = 'arn:aws:imagebuilder:us-east-1:111111111111:image-pipeline/app-base-nightly';
const place = { account: 'acme-staging', region: 'us-east-1' };

function build(n: number, over: Partial<HistoryBuild> = {}): HistoryBuild {
  return {
    arn: `arn:aws:imagebuilder:us-east-1:111111111111:image/app-base/2.1.0/${n}`,
    name: 'app-base',
    version: `2.1.0/${n}`,
    buildType: 'SCHEDULED',
    status: 'AVAILABLE',
    reason: null,
    createdAt: `2026-11-${String(n).padStart(2, '0')}T03:00:00.000Z`,
    amis: [],
    logs: { logGroup: '/aws/imagebuilder/app-base', logStream: `2.1.0/${n}`, consoleUrl: null },
    ...over,
  };
}

const page = (builds: HistoryBuild[], nextToken: string | null) => ({ ...place, pipelineArn: PIPELINE, builds, nextToken });

const workspace = {
  accounts: [
    accountSummary('acme-staging', { name: 'acme-staging', awsAccountId: '111111111111' }),
    accountSummary('acme-production', { name: 'acme-production', awsAccountId: '222222222222', production: true }),
    // The same 12-digit id behind another endpoint is another account.
    accountSummary('lab-production', { name: 'lab-production', awsAccountId: '222222222222', endpoint: 'https://lab.example.com' }),
  ],
} as unknown as Workspace;

beforeEach(() => {
  resetCalls();
  useAtlas.setState({ workspace, accountId: 'acme-staging', region: 'us-east-1' } as Partial<AtlasState>);
  history.useHistory.setState({ histories: {}, steps: {}, logErrors: {} });
});

const shown = () => history.useHistory.getState().histories[history.historyKey(place.account, place.region, PIPELINE)];

describe('pages of history', () => {
  it('merges "Load more" pages newest first without repeating a build', async () => {
    void history.loadHistory(place.account, place.region, PIPELINE);
    expect(shown()?.status).toBe('loading');
    answer(pending('builder:history')[0], page([build(9), build(12), build(10)], 'more'));
    await flush();
    expect(shown()?.builds.map((b) => b.version)).toEqual(['2.1.0/12', '2.1.0/10', '2.1.0/9']);

    void history.loadMoreHistory(place.account, place.region, PIPELINE);
    expect(pending('builder:history')[1]?.input).toMatchObject({ nextToken: 'more' });
    answer(pending('builder:history')[1], page([build(9), build(3), build(5)], null));
    await flush();
    expect(shown()?.builds.map((b) => b.version)).toEqual(['2.1.0/12', '2.1.0/10', '2.1.0/9', '2.1.0/5', '2.1.0/3']);
    expect(shown()?.nextToken).toBeNull();
  });

  it('a refresh drops an older page still on its way, and a failed refresh keeps what is shown', async () => {
    void history.loadHistory(place.account, place.region, PIPELINE);
    answer(pending('builder:history')[0], page([build(10)], 'more'));
    await flush();
    void history.loadMoreHistory(place.account, place.region, PIPELINE);
    void history.loadHistory(place.account, place.region, PIPELINE);
    expect(shown()?.refreshing).toBe(true);
    answer(pending('builder:history')[2], page([build(11), build(10)], 'again'));
    await flush();
    answer(pending('builder:history')[1], page([build(2)], null));
    await flush();
    expect(shown()?.builds.map((b) => b.version)).toEqual(['2.1.0/11', '2.1.0/10']);
    expect(shown()?.nextToken).toBe('again');

    void history.loadHistory(place.account, place.region, PIPELINE);
    fail(pending('builder:history')[3], 'ACCESS_DENIED', 'Access denied in acme-staging/us-east-1');
    await flush();
    expect(shown()).toMatchObject({ status: 'ready', error: { message: 'Access denied in acme-staging/us-east-1' } });
    expect(shown()?.builds).toHaveLength(2);
  });
});

describe('an AMI opens in the account that owns it', () => {
  const accounts = workspace.accounts;
  it("the pipeline's own, another of the workspace (behind the same endpoint first), or none", () => {
    expect(amiAccount(accounts, 'acme-staging', '111111111111')?.id).toBe('acme-staging');
    expect(amiAccount(accounts, 'acme-staging', null)?.id).toBe('acme-staging');
    expect(amiAccount(accounts, 'acme-staging', '222222222222')?.id).toBe('acme-production');
    expect(amiAccount(accounts, 'lab-production', '222222222222')?.id).toBe('lab-production');
    expect(amiAccount(accounts, 'acme-staging', '999999999999')).toBeNull();
  });

  it("a build's row: its reason, how it was started, and each AMI named by its owner", () => {
    // A server render reads each store's initial state.
    Object.assign(useAtlas.getInitialState(), useAtlas.getState());
    const html = renderToStaticMarkup(
      createElement(HistoryBuildRow, {
        place,
        build: build(7, {
          status: 'FAILED',
          buildType: 'USER_INITIATED',
          reason: "Step 'build' failed",
          amis: [
            { region: 'us-west-2', imageId: 'ami-0000000000000aaaa', name: 'app-base', awsAccountId: '222222222222', status: 'AVAILABLE' },
            { region: 'eu-west-1', imageId: 'ami-0000000000000bbbb', name: 'app-base', awsAccountId: '999999999999', status: 'AVAILABLE' },
          ],
        }),
      }),
    );
    expect(html).toContain('started by hand');
    expect(html).toContain('Step &#x27;build&#x27; failed');
    expect(html).toMatch(/<button[^>]*data-account="acme-production"[^>]*>ami-0000000000000aaaa<\/button>/);
    // Owned by no account of the workspace: shown, not a link.
    expect(html).toMatch(/<span[^>]*data-testid="history-ami"[^>]*>ami-0000000000000bbbb<\/span>/);
    expect(html).toContain('999999999999');
  });
});
