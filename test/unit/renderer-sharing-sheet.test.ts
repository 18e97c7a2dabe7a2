/**
 * The share confirm sheet and the audit log as rendered markup, for states the store reaches:
 * what the sheet lists (named by our account names), when Apply is enabled, blockers with
 * their fix, the key-policy statement, results with Retry, and the audit log's empty state.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { AccountSummary, Workspace } from '../../shared/model';
import type { SharePlan, SharePlanItem } from '../../shared/sharing';
import type { AtlasState } from '../../renderer/store';
import { AppError } from '../../shared/errors';

import { accountSummary } from './renderer-fixtures';
import { resetCalls } from './scripted-bridge';

const { useAtlas } = await import('../../renderer/store');
const { ShareSheetHost } = await import('../../renderer/features/sharing/ShareSheet');
const { AuditLog } = await import('../../renderer/features/sharing/AuditLog');
const { clientTarget } = await import('../../renderer/lib/shareTargets');

/**
 * Server rendering reads a zustand store's initial state object, so the state a test sets is
 * copied onto it before rendering.
 */
function setState(patch: Partial<AtlasState> | ((state: AtlasState) => Partial<AtlasState>)) {
  useAtlas.setState(patch);
  Object.assign(useAtlas.getInitialState(), useAtlas.getState());
}

const acct = (id: string, clientId: string, awsAccountId: string, over: Partial<AccountSummary> = {}): AccountSummary =>
  accountSummary(id, { clientId, awsAccountId, name: id, ...over });

const workspace: Workspace = {
  clients: [
    { id: 'acme', name: 'Acme', color: '#ff0000', production: false },
    { id: 'globex', name: 'Globex', color: '#00ff00', production: false },
  ],
  accounts: [acct('acme-production', 'acme', '222222222222', { production: true }), acct('globex-prod', 'globex', '333333333333'), acct('globex-dev', 'globex', '444444444444')],
  demo: true,
      userAccountCount: 0,
  keychain: { available: true, reason: null, sessionOnly: false },
};

const ref = (imageId: string) => ({ account: 'acme-production', region: 'us-east-1', imageId });

function item(imageId: string, over: Partial<SharePlanItem> = {}): SharePlanItem {
  return {
    ref: ref(imageId),
    imageName: `golden-${imageId}`,
    accountName: 'acme-production',
    awsAccountId: '222222222222',
    production: true,
    willAdd: [{ kind: 'account', awsAccountId: '333333333333' }],
    willRemove: [],
    unchanged: [{ kind: 'account', awsAccountId: '444444444444' }],
    snapshots: [],
    snapshotChanges: [],
    current: [],
    blockers: [],
    warnings: [],
    ...over,
  };
}

const STATEMENT = '{\n  "Sid": "AllowUseOfTheKeyByRecipients",\n  "Principal": { "AWS": ["arn:aws:iam::333333333333:root"] }\n}';
const plan: SharePlan = {
  items: [
    item('ami-0aaaaaaaa', {
      warnings: [{ code: 'CUSTOMER_KEY', message: 'Snapshots use a customer managed key', fix: 'Add this statement to the key policy.', policyStatement: STATEMENT, keyArn: 'arn:aws:kms:us-east-1:222222222222:key/k1' }],
    }),
    item('ami-0bbbbbbbb', { blockers: [{ code: 'AWS_MANAGED_KEY', message: 'The snapshots are encrypted with aws/ebs', fix: 'Copy the AMI with a customer managed key, then share the copy.' }] }),
  ],
  confirmAccounts: [{ account: 'acme-production', name: 'acme-production' }],
};

function openPlanned(typed: Record<string, string> = {}) {
  setState({
    workspace,
    shareSheet: {
      images: [ref('ami-0aaaaaaaa'), ref('ami-0bbbbbbbb')],
      imageNames: {},
      target: clientTarget(workspace, 'globex', new Set(['222222222222']))!,
      add: [],
      snapshots: false,
      phase: 'planned',
      plan,
      error: null,
      typed,
      result: null,
    },
  });
}

const render = () => renderToStaticMarkup(createElement(ShareSheetHost));
const applyButton = (html: string) => /<button[^>]*data-testid="share-apply"[^>]*>/.exec(html)?.[0] ?? '';

beforeEach(() => {
  resetCalls();
  setState({ shareSheet: null, audit: [], auditStatus: 'idle', auditError: null });
});

describe('share sheet', () => {
  it('renders nothing without a pending share', () => {
    expect(render()).toBe('');
  });

  it('lists each AMI’s recipients by account name, the already-shared ones as unchanged', () => {
    openPlanned();
    const html = render();
    expect(html).toContain('Share 2 AMIs with Globex');
    expect(html).toContain('globex-prod');
    expect(html).toContain('3333-3333-3333');
    expect(html).toContain('will be able to launch');
    expect(html).toMatch(/globex-dev.*already shared, unchanged/s);
    expect(html).toContain('Also allow creating volumes from the snapshots (needed if the recipient will copy the AMI)');
  });

  it('excludes a blocked AMI with the fix, and shows the filled-in key-policy statement to copy', () => {
    openPlanned();
    const html = render();
    expect(html).toMatch(/data-testid="share-blocker" data-code="AWS_MANAGED_KEY"/);
    expect(html).toContain('Not shared: ');
    expect(html).toContain('Copy the AMI with a customer managed key, then share the copy.');
    expect(html).toContain('Excluded');
    expect(html).toContain('data-testid="policy-statement"');
    expect(html).toContain('AllowUseOfTheKeyByRecipients');
    expect(html).toContain('Copy key-policy statement to add');
  });

  it('keeps Apply disabled until the production account is named, then shares the unblocked AMI', () => {
    openPlanned();
    let html = render();
    expect(html).toContain('Type <strong class="mono">acme-production</strong> to confirm');
    expect(applyButton(html)).toContain('disabled');
    expect(html).toContain('Type the production account names to continue.');
    openPlanned({ 'acme-production': 'Acme-Production ' });
    html = render();
    expect(applyButton(html)).not.toContain('disabled');
    expect(html).toContain('Share 1 AMI</button>');
  });

  it('shows progress while planning, and a failed plan with its message and Retry', () => {
    openPlanned();
    setState((s) => ({ shareSheet: { ...s.shareSheet!, phase: 'planning', plan: null } }));
    expect(render()).toContain('aria-label="Checking what will change"');
    setState((s) => ({
      shareSheet: { ...s.shareSheet!, phase: 'planned', error: new AppError({ code: 'ACCESS_DENIED', message: 'Access denied in 222222222222/us-east-1: ec2:DescribeImageAttribute', retryable: false }) },
    }));
    const html = render();
    expect(html).toContain('Access denied in 222222222222/us-east-1');
    expect(html).toContain('Retry');
  });

  it('lists per-AMI results, failures with their error, and offers to retry only those', () => {
    openPlanned();
    setState((s) => ({
      shareSheet: {
        ...s.shareSheet!,
        phase: 'applied',
        result: {
          items: [
            { ref: ref('ami-0aaaaaaaa'), imageName: 'golden-a', outcome: 'changed', message: 'shared with 1 account', error: null, auditId: 'share-1' },
            { ref: ref('ami-0cccccccc'), imageName: 'golden-c', outcome: 'unchanged', message: 'already shared', error: null, auditId: null },
            { ref: ref('ami-0dddddddd'), imageName: 'golden-d', outcome: 'failed', message: 'not shared', error: { code: 'THROTTLED', message: 'Rate exceeded', retryable: true }, auditId: null },
          ],
        },
      },
    }));
    const html = render();
    expect(html).toContain('1 changed · 1 already shared · 1 failed');
    expect(html).toMatch(/data-outcome="unchanged"[^]*Already shared/);
    expect(html).toContain('Rate exceeded');
    expect(html).toContain('Retry 1 failed');
  });
});

describe('share results under a customer managed key', () => {
  it('are not plain success: recipients cannot launch yet, with the statement ready to copy', () => {
    openPlanned();
    const statement = '{\n  "Sid": "AllowUseOfTheKeyForSharedAmis",\n  "Principal": { "AWS": "arn:aws:iam::222222222222:root" }\n}';
    const keyArn = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    setState((s) => ({
      shareSheet: {
        ...s.shareSheet!,
        phase: 'applied',
        result: {
          items: [
            {
              ref: ref('ami-0aaaaaaaa'),
              imageName: 'golden-a',
              outcome: 'changed',
              message: `Shared with 1 account. The recipients cannot launch or copy it yet: its snapshots are encrypted with the customer managed key ${keyArn}, whose key policy must allow them first.`,
              error: null,
              auditId: 'share-1',
              keyPolicies: [{ keyArn, statement }],
            },
          ],
        },
      },
    }));
    const html = render();
    expect(html).toContain('Shared · key policy needed');
    expect(html).not.toMatch(/data-outcome="changed"[^]*>Shared<\/span>/);
    expect(html).toContain('cannot launch or copy it yet');
    expect(html).toContain('1 shared, not launchable until a key policy allows the recipients');
    expect(html).not.toContain('1 changed');
    expect(html).toContain('data-testid="share-result-key-policy"');
    expect(html).toContain('Key-policy statement to add');
    expect(html).toContain('AllowUseOfTheKeyForSharedAmis');
    expect(html).toContain('aria-label="Copy key-policy statement to add"');
  });
});

describe('audit log view', () => {
  it('says what to do when nothing was shared yet', () => {
    setState({ auditStatus: 'ready', audit: [] });
    expect(renderToStaticMarkup(createElement(AuditLog))).toContain('Drag AMIs onto an account to share them');
  });

  it('names recipients by account name and offers Undo only where it can be undone', () => {
    setState({
      workspace,
      auditStatus: 'ready',
      audit: [
        {
          id: 'share-2',
          at: '2026-01-01T11:00:00Z',
          action: 'share',
          account: 'acme-production',
          accountName: 'acme-production',
          awsAccountId: '222222222222',
          region: 'us-east-1',
          imageId: 'ami-0aaaaaaaa',
          imageName: 'golden-a',
          added: [{ kind: 'account', awsAccountId: '444444444444' }],
          removed: [],
          snapshotIds: ['snap-0123'],
          outcome: 'ok',
          error: null,
          detail: null,
          via: null,
          principal: null,
          undone: null,
          undoneBy: null,
          undoOf: null,
          undoable: true,
        },
        {
          id: 'share-1',
          at: '2026-01-01T10:00:00Z',
          action: 'share',
          account: 'acme-production',
          accountName: 'acme-production',
          awsAccountId: '222222222222',
          region: 'us-east-1',
          imageId: 'ami-0bbbbbbbb',
          imageName: 'golden-b',
          added: [{ kind: 'account', awsAccountId: '333333333333' }],
          removed: [],
          snapshotIds: [],
          outcome: 'failed',
          error: 'Rate exceeded',
          detail: null,
          via: null,
          principal: null,
          undone: null,
          undoneBy: null,
          undoOf: null,
          undoable: false,
        },
      ],
    });
    const html = renderToStaticMarkup(createElement(AuditLog));
    expect(html).toContain('globex-dev');
    expect(html).toContain('snap-0123');
    expect(html).toContain('Rate exceeded');
    expect(html.match(/data-testid="audit-undo"/g)).toHaveLength(1);
  });
});
