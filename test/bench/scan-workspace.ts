/**
 * The scan benchmark's accounts, as a consultant's real accounts are kept: the user's workspace
 * in an app database file, one access-key account per emulator identity (its client, production
 * flag and verified identity), the secret in the core's secret store. The demo workspace would
 * do the same scan, but its inventory lives in an in-memory database, whose rows would count in
 * the process's memory as a file's do not.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AccountRegistry, secretKeyFor } from '../../electron/core/accounts/registry';
import type { SecretStore } from '../../electron/core/accounts/secret-store';
import { openDatabase } from '../../electron/core/db/database';
import type { EmulatorIdentity } from '../../emulator';

export interface ScanWorkspace {
  databaseFile: string;
  /** Removes the database and its folder. */
  remove(): Promise<void>;
}

export async function seedScanWorkspace(identities: readonly EmulatorIdentity[], endpoint: string, secrets: SecretStore): Promise<ScanWorkspace> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-bench-scan-'));
  const databaseFile = path.join(dir, 'atlas.sqlite');
  const db = openDatabase(databaseFile);
  try {
    const registry = new AccountRegistry(db);
    const clients = new Map<string, string>();
    for (const identity of identities) {
      let clientId = clients.get(identity.clientName);
      if (!clientId) {
        clientId = registry.ensureClient(identity.clientName, { color: identity.clientColor, production: false }).id;
        clients.set(identity.clientName, clientId);
      }
      const account = registry.addAccount({
        name: identity.accountName,
        clientId,
        defaultRegion: identity.defaultRegion,
        endpoint,
        production: identity.production,
        awsAccountId: identity.accountId,
      });
      const keyPath = registry.addPath(account.id, { kind: 'access-key', accessKeyId: identity.accessKeyId, endpoint });
      registry.setPathIdentity(keyPath.id, { awsAccountId: identity.accountId, arn: identity.userArn });
      await secrets.set(secretKeyFor(keyPath.id), identity.secretAccessKey);
    }
  } finally {
    db.close();
  }
  return { databaseFile, remove: () => rm(dir, { recursive: true, force: true }) };
}
