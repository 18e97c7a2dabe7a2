/**
 * The accounts side of the renderer store against a scripted bridge: switching with a region,
 * the recent list, MFA prompt queueing, following an SSO sign-in, and favourites.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountSummary, MfaPrompt, Workspace } from '../../shared/model';

import { answer, fail, flush, pending, resetCalls } from './scripted-bridge';
import { accountSummary } from './renderer-fixtures';

const { createAtlasStore } = await import('../../renderer/store');

const account = accountSummary;

const workspaceOf = (...accounts: AccountSummary[]): Workspace => ({
  clients: [{ id: 'c1', name: 'Acme', color: '#f00', production: false }],
  accounts,
  demo: false,
  userAccountCount: 0,
  keychain: { available: true, reason: null, sessionOnly: false },
});

const last = (channel: string) => pending(channel).at(-1);

beforeEach(() => {
  resetCalls();
});

describe('switching accounts', () => {
  it('opens an account in its first favourite region when nothing else was chosen', () => {
    const store = createAtlasStore();
    store.getState().applyWorkspace(workspaceOf(account('a1', { favoriteRegions: ['eu-central-1', 'eu-west-2'] })));
    expect(store.getState().region).toBe('eu-central-1');
    expect(last('images:list')?.input).toEqual({ account: 'a1', region: 'eu-central-1', view: 'owned' });
  });

  it('switches account and region at once, and keeps a recent list of ids', () => {
    const store = createAtlasStore();
    store.getState().applyWorkspace(workspaceOf(account('a1'), account('a2')));
    store.getState().selectAccount('a2', 'us-west-2');
    expect(store.getState().accountId).toBe('a2');
    expect(store.getState().region).toBe('us-west-2');
    expect(last('images:list')?.input).toEqual({ account: 'a2', region: 'us-west-2', view: 'owned' });
    expect(store.getState().recentAccounts.slice(0, 2)).toEqual(['a2', 'a1']);
  });

  it('reloads an account that was just repaired, and only then', async () => {
    const store = createAtlasStore();
    const broken = account('a1', { health: 'needs-sign-in', fix: 'update-keys' });
    store.getState().applyWorkspace(workspaceOf(broken));
    fail(last('images:list'), 'AUTH_FAILED');
    await flush();
    expect(store.getState().imagesError?.code).toBe('AUTH_FAILED');
    const before = pending('images:list').length;
    store.getState().applyWorkspace(workspaceOf({ ...broken, healthMessage: 'still broken' }));
    expect(pending('images:list')).toHaveLength(before);
    store.getState().applyWorkspace(workspaceOf({ ...broken, health: 'ok', fix: null }));
    expect(pending('images:list')).toHaveLength(before + 1);
  });
});

describe('MFA prompts', () => {
  const prompt = (requestId: string): MfaPrompt => ({ requestId, path: 'a1-path', account: 'a1', accountName: 'prod', via: 'access key …0000', profileName: null, mfaSerial: 'arn:aws:iam::111122223333:mfa/me' });

  it('queue in arrival order, ignore repeats, and close by id', () => {
    const store = createAtlasStore();
    store.getState().addMfaPrompt(prompt('r1'));
    store.getState().addMfaPrompt(prompt('r2'));
    store.getState().addMfaPrompt(prompt('r1'));
    expect(store.getState().mfaPrompts.map((p) => p.requestId)).toEqual(['r1', 'r2']);
    store.getState().removeMfaPrompt('r1');
    expect(store.getState().mfaPrompts.map((p) => p.requestId)).toEqual(['r2']);
    store.getState().removeMfaPrompt('unknown');
    expect(store.getState().mfaPrompts).toHaveLength(1);
  });
});

describe('SSO sign-in', () => {
  const start = { verificationUri: 'https://device.sso.example/', verificationUriComplete: null, userCode: 'ABCD-EFGH', expiresAt: '2030-01-01T00:00:00Z' };

  it('follows a sign-in from start to signed in, then reloads the active account', async () => {
    const store = createAtlasStore();
    store.getState().applyWorkspace(workspaceOf(account('a1', { health: 'needs-sign-in', fix: 'sso-sign-in' })));
    fail(last('images:list'), 'AUTH_FAILED');
    await flush();
    void store.getState().startSsoSignIn('a1-path');
    expect(store.getState().sso['a1-path']?.phase).toBe('starting');
    expect(last('sso:signIn')?.input).toEqual({ path: 'a1-path' });
    answer(last('sso:signIn'), start);
    await flush();
    expect(store.getState().sso['a1-path']).toMatchObject({ phase: 'pending', start });
    const loads = pending('images:list').length;
    store.getState().applySsoStatus({ path: 'a1-path', state: 'signed-in', message: null });
    expect(store.getState().sso['a1-path']?.phase).toBe('signed-in');
    expect(pending('images:list')).toHaveLength(loads + 1);
  });

  it('keeps a status that overtook the start answer', async () => {
    const store = createAtlasStore();
    void store.getState().startSsoSignIn('a1-path');
    store.getState().applySsoStatus({ path: 'a1-path', state: 'denied', message: 'Denied in the browser' });
    answer(last('sso:signIn'), start);
    await flush();
    expect(store.getState().sso['a1-path']).toMatchObject({ phase: 'denied', message: 'Denied in the browser', start });
  });

  it('shows a failed start, and forgets a cancelled one', async () => {
    const store = createAtlasStore();
    store.getState().applyWorkspace(workspaceOf(account('a1')));
    void store.getState().startSsoSignIn('a1-path');
    fail(last('sso:signIn'), 'NETWORK', 'offline');
    await flush();
    expect(store.getState().sso['a1-path']).toMatchObject({ phase: 'failed' });
    expect(store.getState().sso['a1-path']?.error?.message).toBe('offline');
    void store.getState().cancelSsoSignIn('a1-path');
    expect(store.getState().sso['a1-path']).toBeUndefined();
    expect(last('sso:cancel')?.input).toEqual({ path: 'a1-path' });
  });
});

describe('favourite regions', () => {
  it('adds and removes a star through accounts:update', async () => {
    const store = createAtlasStore();
    const a1 = account('a1', { favoriteRegions: ['eu-west-1'] });
    store.getState().applyWorkspace(workspaceOf(a1));
    void store.getState().toggleFavoriteRegion('a1', 'us-east-1');
    expect(last('accounts:update')?.input).toEqual({ account: 'a1', favoriteRegions: ['eu-west-1', 'us-east-1'] });
    answer(last('accounts:update'), workspaceOf({ ...a1, favoriteRegions: ['eu-west-1', 'us-east-1'] }));
    await flush();
    void store.getState().toggleFavoriteRegion('a1', 'eu-west-1');
    expect(last('accounts:update')?.input).toEqual({ account: 'a1', favoriteRegions: ['us-east-1'] });
  });

  it('shows a failure instead of swallowing it', async () => {
    const store = createAtlasStore();
    store.getState().applyWorkspace(workspaceOf(account('a1')));
    void store.getState().toggleFavoriteRegion('a1', 'us-east-1');
    fail(last('accounts:update'), 'VALIDATION', 'favoriteRegions: Too big');
    await flush();
    expect(store.getState().actionError?.message).toBe('favoriteRegions: Too big');
    store.getState().dismissActionError();
    expect(store.getState().actionError).toBeNull();
  });
});
