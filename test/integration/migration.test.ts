/**
 * A database written by the build before accounts became entities (schema 7, see
 * test/fixtures/README.md) opens with today's code and loses nothing: every entry is an access
 * path of the AWS account it reached (entries of one account become one account), and every
 * inventory row, job, Image Builder run and audit entry is still there, under that account.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { secretKeyFor } from '../../electron/core/accounts/registry';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import { batchTargets, unpackPage, type InventoryRow } from '../../shared/inventory';
import type { Workspace } from '../../shared/model';

const FIXTURE = fileURLToPath(new URL('../fixtures/atlas-schema-7.sqlite', import.meta.url));

interface OldEntry {
  id: string;
  name: string;
  client: string;
  aws_account_id: string | null;
  kind: string;
  production: number;
}

let dir: string;
let core: AppCore;
let workspace: Workspace;
let old: {
  entries: OldEntry[];
  rows: Array<{ account: string; region: string; view: string; image_id: string }>;
  audit: Array<{ id: number; account: string; account_name: string; action: string; image_id: string; undo_of: number | null }>;
  jobs: Array<{ id: number; source_account: string; dest_account: string; new_image_id: string | null; state: string }>;
  runs: Array<{ id: number; account: string; pipeline_name: string }>;
};

const awsIdOfEntry = (id: string) => old.entries.find((e) => e.id === id)?.aws_account_id ?? null;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'atlas-migration-'));
  const file = path.join(dir, 'atlas.sqlite');
  copyFileSync(FIXTURE, file);
  // What the earlier build left, read straight from its tables.
  const raw = new DatabaseSync(file, { readOnly: true });
  old = {
    entries: raw
      .prepare('SELECT a.id, a.name, c.name AS client, a.aws_account_id, a.kind, a.production FROM accounts a JOIN clients c ON c.id = a.client_id')
      .all() as unknown as OldEntry[],
    rows: raw.prepare('SELECT account, region, view, image_id FROM inventory_rows').all() as unknown as typeof old.rows,
    audit: raw.prepare('SELECT id, account, account_name, action, image_id, undo_of FROM audit_log').all() as unknown as typeof old.audit,
    jobs: raw.prepare('SELECT id, source_account, dest_account, new_image_id, state FROM jobs').all() as unknown as typeof old.jobs,
    runs: raw.prepare('SELECT id, account, pipeline_name FROM builder_runs').all() as unknown as typeof old.runs,
  };
  raw.close();
  core = createAppCore({
    databaseFile: file,
    secrets: new MemorySecretStore(),
    info: { name: 'AMI Atlas', version: 'test', platform: process.platform, host: 'preview' },
    startDemoWorld: async () => {
      throw new Error('no demo here');
    },
    resumeJobs: false,
  });
});

afterAll(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a database from the build before accounts became entities', () => {
  it('was written with what this test needs: two entries into one account, a role, an unverified entry, history', () => {
    const ids = old.entries.map((e) => e.aws_account_id).filter(Boolean);
    expect(new Set(ids).size).toBeLessThan(ids.length);
    expect(old.entries.some((e) => e.kind === 'assume-role')).toBe(true);
    expect(old.entries.some((e) => e.aws_account_id === null)).toBe(true);
    expect(old.rows.length).toBeGreaterThan(100);
    expect(old.audit.length).toBeGreaterThanOrEqual(3);
    expect(old.jobs.length).toBeGreaterThanOrEqual(1);
    expect(old.runs.length).toBeGreaterThanOrEqual(1);
  });

  it('makes one account per AWS account, each entry one of its paths, keeping ids, names, clients and flags', async () => {
    workspace = await core.handlers['workspace:get']({});
    const distinct = new Set(old.entries.map((e) => e.aws_account_id ?? `entry:${e.id}`));
    expect(workspace.accounts).toHaveLength(distinct.size);
    for (const entry of old.entries) {
      const account = workspace.accounts.find((a) => a.paths.some((p) => p.id === entry.id));
      expect(account, `entry ${entry.name}`).toBeDefined();
      expect(account!.awsAccountId).toBe(entry.aws_account_id);
      expect(workspace.clients.find((c) => c.id === account!.clientId)?.name).toBe(entry.client);
      if (entry.production) expect(account!.production).toBe(true);
      const path = account!.paths.find((p) => p.id === entry.id)!;
      expect(path.kind).toBe(entry.kind);
      // An account reached by several entries keeps each entry's name on its path.
      if (account!.paths.length > 1) expect(path.label).toBe(entry.name);
      else expect(account!.name).toBe(entry.name);
      // The key pair's secret is still found where the keychain kept it.
      expect(secretKeyFor(path.id)).toBe(`account:${entry.id}:secret-access-key`);
    }
    // A role keeps its source: the path it was assumed from.
    const role = old.entries.find((e) => e.kind === 'assume-role')!;
    const rolePath = workspace.accounts.flatMap((a) => a.paths).find((p) => p.id === role.id)!;
    expect(old.entries.some((e) => e.id === rolePath.sourcePath)).toBe(true);
    expect(JSON.stringify(workspace)).not.toContain('secret-access-key');
  });

  it('keeps every inventory row, under the account its entry reached', async () => {
    const summary = await core.handlers['inventory:summary']({});
    const rows: InventoryRow[] = [];
    for (const batch of batchTargets(summary.targets, 10_000)) rows.push(...unpackPage(await core.handlers['inventory:rows']({ targets: batch })));
    const awsOf = new Map(workspace.accounts.map((a) => [a.id, a.awsAccountId ?? `account:${a.id}`]));
    const now = new Set(rows.map((r) => `${awsOf.get(r.account)}|${r.region}|${r.view}|${r.imageId}`));
    const before = new Set(old.rows.map((r) => `${awsIdOfEntry(r.account) ?? ''}|${r.region}|${r.view}|${r.image_id}`));
    for (const key of before) expect(now.has(key), key).toBe(true);
    // The account scanned through two entries holds each image once per target, not twice.
    expect(rows.length).toBe(now.size);
    expect(rows.length).toBeLessThan(old.rows.length);
    expect(summary.total).toBe(rows.length);
    for (const row of rows) expect(workspace.accounts.some((a) => a.id === row.account)).toBe(true);
  });

  it('keeps every audit entry with the name it was made under, and its undo link', async () => {
    const entries = await core.handlers['audit:list']({ limit: 100 });
    expect(entries).toHaveLength(old.audit.length);
    for (const before of old.audit) {
      const now = entries.find((e) => e.id === `user-${before.id}`)!;
      expect(now).toMatchObject({ action: before.action, accountName: before.account_name, imageId: before.image_id });
      expect(workspace.accounts.find((a) => a.id === now.account)?.awsAccountId).toBe(awsIdOfEntry(before.account));
      // Recipients name AWS's account id as awsAccountId, as every entity does now.
      for (const entity of [...now.added, ...now.removed]) expect(entity).toEqual({ kind: 'account', awsAccountId: '138282504715' });
      if (before.undo_of !== null) {
        expect(now.undoOf).toBe(`user-${before.undo_of}`);
        // Read as words, not as an id.
        expect(now.undone).toMatchObject({ action: 'share', imageName: expect.any(String) });
      }
    }
  });

  it('keeps every copy job and Image Builder run, under the account that made it', async () => {
    const jobs = await core.handlers['jobs:list']({});
    expect(jobs).toHaveLength(old.jobs.length);
    for (const before of old.jobs) {
      const now = jobs.find((j) => j.id === `user-${before.id}`)!;
      expect(now).toMatchObject({ state: before.state, newImageId: before.new_image_id });
      expect(workspace.accounts.find((a) => a.id === now.destination.account)?.awsAccountId).toBe(awsIdOfEntry(before.dest_account));
    }
    const runs = await core.handlers['builder:runs']({});
    expect(runs).toHaveLength(old.runs.length);
    for (const before of old.runs) {
      const now = runs.find((r) => r.id === `user-${before.id}`)!;
      expect(now.pipelineName).toBe(before.pipeline_name);
      expect(workspace.accounts.find((a) => a.id === now.account)?.awsAccountId).toBe(awsIdOfEntry(before.account));
    }
  });
});
