/**
 * Background changes (a path found healthy, an identity attached) reach the page as one
 * `workspace:changed` per burst, with the latest state, and none once the core is closing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AccountRegistry } from '../../electron/core/accounts/registry';
import { GuardedSecretStore } from '../../electron/core/accounts/guarded-secret-store';
import { HealthBook } from '../../electron/core/accounts/health';
import { KeychainDeletions } from '../../electron/core/accounts/keychain-deletions';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import { openDatabase, type Database } from '../../electron/core/db/database';
import { OpenWorkspaces } from '../../electron/core/workspace/open-workspaces';
import { WorkspaceView } from '../../electron/core/workspace/view';
import type { Workspace } from '../../shared/model';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let db: Database | null = null;

function viewOfManyAccounts(count: number) {
  db = openDatabase(':memory:');
  const registry = new AccountRegistry(db);
  const client = registry.ensureClient('Acme');
  const paths = Array.from({ length: count }, (_, i) => {
    const account = registry.addAccount({ name: `acme-${i}`, clientId: client.id, defaultRegion: 'eu-west-1' });
    return registry.addPath(account.id, { kind: 'profile', profileName: `acme-${i}` });
  });
  const announced: Workspace[] = [];
  let view: WorkspaceView | null = null;
  const health = new HealthBook(() => view?.backgroundChange());
  view = new WorkspaceView({
    workspaces: new OpenWorkspaces({ registry, secrets: new GuardedSecretStore(new MemorySecretStore(), new KeychainDeletions(db)) }),
    health,
    sessionExpiry: () => null,
    notice: () => null,
    emit: (event, payload) => {
      if (event === 'workspace:changed') announced.push(payload as Workspace);
    },
  });
  return { view, health, paths, announced };
}

afterEach(() => {
  db?.close();
  db = null;
});

describe('background workspace announcements', () => {
  it('a burst of 200 paths found healthy is announced once, with every one of them healthy', async () => {
    const { health, paths, announced } = viewOfManyAccounts(200);
    for (const p of paths) health.ok(p.id);
    expect(announced).toHaveLength(0);
    await wait(120);
    expect(announced).toHaveLength(1);
    expect(announced[0]!.accounts.every((a) => a.health === 'ok')).toBe(true);
  });

  it('a change made by the user is announced at once and takes the pending one with it', async () => {
    const { view, health, paths, announced } = viewOfManyAccounts(3);
    health.ok(paths[0]!.id);
    view.changed();
    expect(announced).toHaveLength(1);
    await wait(120);
    expect(announced).toHaveLength(1);
  });

  it('nothing is announced once stopped (the core closing its databases)', async () => {
    const { view, health, paths, announced } = viewOfManyAccounts(3);
    health.ok(paths[0]!.id);
    view.stop();
    health.ok(paths[1]!.id);
    await wait(120);
    expect(announced).toHaveLength(0);
  });
});
