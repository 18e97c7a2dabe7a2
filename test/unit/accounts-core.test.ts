import { describe, expect, it } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GuardedSecretStore } from '../../electron/core/accounts/guarded-secret-store';
import { MfaBroker } from '../../electron/core/accounts/mfa-broker';
import { HealthBook } from '../../electron/core/accounts/health';
import { AccountRegistry, type PathRecord } from '../../electron/core/accounts/registry';
import { summarizeAccounts } from '../../electron/core/accounts/summaries';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import { openDatabase } from '../../electron/core/db/database';
import { migrations } from '../../electron/core/db/migrations';
import { AppError } from '../../shared/errors';
import type { EventName, Events } from '../../shared/contract';

class BrokenKeychain extends MemorySecretStore {
  async probe() {
    return { available: false as const, reason: 'no Secret Service on the session bus' };
  }
}

describe('guarded secret store', () => {
  it('refuses to store a secret while the keychain is down, until the user opts into session-only', async () => {
    const store = new GuardedSecretStore(new BrokenKeychain());
    expect((await store.refresh()).available).toBe(false);
    await expect(store.set('k', 'secret-value')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', message: expect.stringContaining('no Secret Service') });
    expect(store.useSessionOnly()).toEqual({ available: false, reason: 'no Secret Service on the session bus', sessionOnly: true });
    await store.set('k', 'secret-value');
    expect(await store.get('k')).toBe('secret-value');
    expect(store.kind).toBe('memory');
    expect(await store.delete('k')).toBe(true);
  });

  it('uses the keychain when it answers', async () => {
    const keychain = new MemorySecretStore();
    const store = new GuardedSecretStore(keychain);
    await store.refresh();
    await store.set('k', 'v1');
    expect(await keychain.get('k')).toBe('v1');
  });
});

describe('MFA broker', () => {
  const recorder = () => {
    const events: Array<[EventName, unknown]> = [];
    const emit = <E extends EventName>(event: E, payload: Events[E]) => events.push([event, payload]);
    return { events, emit };
  };

  it('turns a request into a prompt event and the answer into the code', async () => {
    const { events, emit } = recorder();
    const broker = new MfaBroker(emit);
    const code = broker.ask({ path: 'p1', account: 'a1', accountName: 'prod', via: 'profile prod', profileName: 'prod', mfaSerial: 'arn:aws:iam::123456789012:mfa/me' });
    const [name, prompt] = events[0]!;
    expect(name).toBe('mfa:prompt');
    const requestId = (prompt as { requestId: string }).requestId;
    expect(broker.open()).toHaveLength(1);
    expect(broker.answer(requestId, '123456')).toBe(true);
    await expect(code).resolves.toBe('123456');
    expect(events[1]).toEqual(['mfa:closed', { requestId }]);
    expect(broker.answer(requestId, '123456')).toBe(false);
  });

  it('cancelling or timing out fails the call with an enter-mfa fix', async () => {
    const { events, emit } = recorder();
    const broker = new MfaBroker(emit, 20);
    const cancelled = broker.ask({ path: 'p1', account: 'a1', accountName: 'prod', via: 'access key …WXYZ', profileName: null, mfaSerial: 'arn:aws:iam::123456789012:mfa/me' });
    broker.answer((events[0]![1] as { requestId: string }).requestId, null);
    await expect(cancelled).rejects.toMatchObject({ code: 'AUTH_FAILED', details: { fix: 'enter-mfa' } });
    await expect(broker.ask({ path: 'p1', account: 'a1', accountName: 'prod', via: 'access key …WXYZ', profileName: null, mfaSerial: 'x'.repeat(12) })).rejects.toMatchObject({
      message: expect.stringContaining('in time'),
    });
  });
});

describe('account summaries', () => {
  const registry = new AccountRegistry(openDatabase(':memory:'));
  const client = registry.ensureClient('Acme');
  const prodClient = registry.ensureClient('Bank', { production: true });
  const hub = registry.addAccount({ name: 'hub', clientId: client.id, defaultRegion: 'eu-west-1', awsAccountId: '123456789012' });
  const keys = registry.addPath(hub.id, { kind: 'access-key', accessKeyId: 'AKIAEXAMPLE0000WXYZ' });
  const bank = registry.addAccount({ name: 'bank-prod', clientId: prodClient.id, defaultRegion: 'eu-west-1', awsAccountId: '210987654321' });
  const role = registry.addPath(bank.id, {
    kind: 'assume-role',
    roleArn: 'arn:aws:iam::210987654321:role/Audit',
    sourcePath: keys.id,
    externalId: 'ext-1',
    mfaSerial: 'arn:aws:iam::123456789012:mfa/me',
  });
  const profile = registry.addPath(bank.id, { kind: 'profile', profileName: 'bank', label: 'bank admin' });
  registry.setPathIdentity(role.id, { awsAccountId: '210987654321', arn: 'arn:aws:sts::210987654321:assumed-role/Audit/x' });
  registry.setPathIdentity(profile.id, { awsAccountId: '210987654321', arn: 'arn:aws:sts::210987654321:assumed-role/Admin/y' });
  const summarize = (health: HealthBook, writePath: string | null = null) => {
    if (writePath) registry.updateAccount(bank.id, { writePath });
    return summarizeAccounts({ accounts: registry.listAccounts(), paths: registry.listPaths(), clients: registry.listClients(), health, sessionExpiry: () => null, notice: () => null });
  };

  it('is one account per AWS account, its paths saying how each reaches it and who acts', () => {
    const out = summarize(new HealthBook(() => undefined));
    expect(out.map((a) => a.name)).toEqual(['bank-prod', 'hub']);
    const bankSummary = out.find((a) => a.id === bank.id)!;
    expect(bankSummary.paths.map((p) => p.via)).toEqual(['role Audit from hub (ExternalId, MFA)', 'profile bank']);
    expect(bankSummary.paths.map((p) => p.principal)).toEqual(['role/Audit', 'role/Admin']);
    expect(bankSummary.paths[1]!.label).toBe('bank admin');
    expect(bankSummary.production).toBe(true);
    expect(out.find((a) => a.id === hub.id)!.production).toBe(false);
    expect(out.find((a) => a.id === hub.id)!.paths[0]!.via).toBe('access key …WXYZ');
    expect(JSON.stringify(out)).not.toMatch(/secret/i);
  });

  it('works while one path works, and changes go through another path only while the chosen one fails, saying so', () => {
    const health = new HealthBook(() => undefined);
    health.ok(role.id);
    health.failed(registry.getPath(profile.id)!, new AppError({ code: 'AUTH_FAILED', message: 'SSO session expired', retryable: false }));
    let bankSummary = summarize(health, profile.id).find((a) => a.id === bank.id)!;
    expect(bankSummary.health).toBe('ok');
    expect(bankSummary.actingPath).toBe(role.id);
    expect(bankSummary.notice).toBe('Changes go through role Audit from hub (ExternalId, MFA) while bank admin needs sign-in.');
    health.failed(registry.getPath(role.id)!, new AppError({ code: 'AUTH_FAILED', message: 'key revoked', retryable: false }));
    bankSummary = summarize(health).find((a) => a.id === bank.id)!;
    expect(bankSummary).toMatchObject({ health: 'needs-sign-in', fixPath: role.id, fix: 'fix-source', healthMessage: 'key revoked' });
  });

  it('marks credential failures as needs-sign-in with the kind-specific fix, and leaves denied actions alone', () => {
    let changes = 0;
    const health = new HealthBook(() => changes++);
    const record = registry.getPath(keys.id) as PathRecord;
    health.failed(record, new AppError({ code: 'AUTH_FAILED', message: 'key revoked', retryable: false }));
    expect(health.get(keys.id)).toEqual({ state: 'needs-sign-in', message: 'key revoked', fix: 'update-keys' });
    health.failed(registry.getPath(role.id)!, new AppError({ code: 'ACCESS_DENIED', message: 'no ec2:DescribeImages', retryable: false }));
    expect(health.get(role.id)).toBeUndefined();
    health.ok(keys.id);
    expect(health.get(keys.id)?.state).toBe('ok');
    expect(changes).toBe(2);
  });
});

describe('database migrations', () => {
  it('moves version-1 accounts into the version-2 table without losing any', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atlas-db-'));
    try {
      const file = path.join(dir, 'atlas.sqlite');
      const v1 = new DatabaseSync(file);
      v1.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
      v1.exec(migrations[0]!.sql);
      v1.exec('INSERT INTO schema_version (version) VALUES (1)');
      v1.exec(`INSERT INTO clients VALUES ('c1', 'Acme', '#2f81f7', 1, '2026-01-01')`);
      v1.exec(`INSERT INTO accounts (id, name, client_id, kind, access_key_id, default_region, endpoint, production, aws_account_id, arn, created_at)
               VALUES ('a1', 'prod', 'c1', 'access-key', 'AKIAEXAMPLE00000001', 'eu-west-1', NULL, 1, '123456789012', 'arn:aws:iam::123456789012:user/me', '2026-01-01')`);
      v1.close();

      const registry = new AccountRegistry(openDatabase(file));
      const [account] = registry.listAccounts();
      expect(account).toMatchObject({ name: 'prod', production: true, awsAccountId: '123456789012', favoriteRegions: [], alias: null });
      // The entry became the account's path, keeping its id (its keychain secret is stored under it).
      expect(registry.pathsOf(account!.id)).toMatchObject([{ id: 'a1', kind: 'access-key', accessKeyId: 'AKIAEXAMPLE00000001', label: null }]);
      expect(registry.listClients()).toEqual([{ id: 'c1', name: 'Acme', color: '#2f81f7', production: true }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
