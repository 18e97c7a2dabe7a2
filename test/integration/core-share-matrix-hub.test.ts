/**
 * The share matrix from a hub account, through the core against the emulator: the rows are
 * exactly the AMIs the hub owns in the inventory, the columns every account of every client
 * (client by client), each cell the image's launch permission for that account, and a share
 * made through the app shows at once, without a rescan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator';
import type { ImageRecord } from '../../emulator/world/model';
import type { AppCore } from '../../electron/core/app-core';
import { channels } from '../../shared/contract';
import { unpackPage } from '../../shared/inventory';
import type { AccountSummary, Workspace } from '../../shared/model';
import type { MatrixCell } from '../../shared/sharing';
import { coreOver, failure } from './core-fixture';

const HUB = 'initech-shared-services';

let emulator: RunningEmulator;
let core: AppCore;
let ws: Workspace;

const entry = (name: string): AccountSummary => {
  const found = ws.accounts.find((a) => a.name === name);
  if (!found) throw new Error(`no entry ${name}`);
  return found;
};
const worldAccount = (name: string) => emulator.world.accounts.find((a) => a.name === name)!;

/** What AWS says the account may do with the image, in the matrix's words. */
function expectedCell(image: ImageRecord, accountName: string): MatrixCell {
  const account = worldAccount(accountName);
  if (image.ownerId === account.accountId) return 'owner';
  if (image.launchPermissions.some((p) => p.group === 'all')) return 'public';
  if (image.launchPermissions.some((p) => p.userId === account.accountId)) return 'account';
  if (image.launchPermissions.some((p) => p.organizationArn === account.organizationArn)) return 'organization';
  return 'none';
}

/** Every image the hub owns in the emulator (what a scan of its regions finds). */
function hubImages(): ImageRecord[] {
  const hub = worldAccount(HUB);
  return hub.regions.flatMap((r) => emulator.world.imagesIn(r).filter((i) => i.ownerId === hub.accountId && i.state !== 'deregistered'));
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  core = coreOver(emulator, { maxAttempts: 2 });
  ws = await core.handlers['demo:open']({});
});

afterAll(async () => {
  await core?.close();
  await emulator?.close();
});

describe('the share matrix from a hub account', () => {
  it('takes a client or a hub, never both, and says when the hub is gone', async () => {
    const input = channels['sharing:matrix'].input;
    expect(input.safeParse({ client: 'c1' }).success).toBe(true);
    expect(input.safeParse({ hub: 'a1' }).success).toBe(true);
    expect(input.safeParse({ client: 'c1', hub: 'a1' }).success).toBe(false);
    expect(input.safeParse({ hub: 'x'.repeat(65) }).success).toBe(false);
    expect(input.safeParse({ hub: '' }).success).toBe(false);
    const gone = await failure(core.handlers['sharing:matrix']({ hub: 'no-such-account' }));
    expect(gone.code).toBe('NOT_FOUND');
    expect(gone.message).not.toContain('no-such-account');
  });

  it('before a scan: every account is a column, no rows, never scanned', async () => {
    const matrix = await core.handlers['sharing:matrix']({ hub: entry(HUB).id });
    expect(matrix.rows).toEqual([]);
    expect(matrix.asOf).toBeNull();
    expect(matrix.hub).toBe(entry(HUB).id);
    expect(matrix.accounts).toHaveLength(ws.accounts.length);
  });

  it("shows the hub's images × every client's accounts, grouped by client, with each launch permission", async () => {
    await core.handlers['inventory:scan']({});
    await core.inventory.scanFinished();
    const matrix = await core.handlers['sharing:matrix']({ hub: entry(HUB).id });
    expect(matrix.asOf).not.toBeNull();
    expect(matrix.clientId).toBe(entry(HUB).clientId);

    // Columns: every account of every client, client after client in the workspace's order.
    expect(matrix.accounts.map((a) => a.account).sort()).toEqual(ws.accounts.map((a) => a.id).sort());
    const clientOrder = matrix.accounts.map((a) => ws.clients.findIndex((c) => c.id === a.clientId));
    expect(clientOrder).toEqual([...clientOrder].sort((a, b) => a - b));
    expect(new Set(clientOrder).size).toBe(ws.clients.length);
    for (const column of matrix.accounts) expect(column.clientId).toBe(entry(column.name).clientId);

    // Rows: exactly the AMIs the hub owns — in AWS, and in the inventory.
    const images = hubImages();
    expect(matrix.rows.map((r) => r.ref.imageId).sort()).toEqual(images.map((i) => i.imageId).sort());
    const summary = await core.handlers['inventory:summary']({});
    const targets = summary.targets.filter((t) => t.account === entry(HUB).id && t.view === 'owned').map((t) => ({ account: t.account, region: t.region, view: t.view }));
    const inventory = unpackPage(await core.handlers['inventory:rows']({ targets }));
    expect(matrix.rows.map((r) => r.ref.imageId).sort()).toEqual(inventory.map((r) => r.imageId).sort());
    expect(matrix.rows.every((r) => r.ref.account === entry(HUB).id)).toBe(true);

    // Cells: the launch permissions, for accounts of every client.
    for (const row of matrix.rows) {
      const image = images.find((i) => i.imageId === row.ref.imageId)!;
      expect(row.cells.length).toBe(matrix.accounts.length);
      matrix.accounts.forEach((column, col) => expect(row.cells[col], `${image.name} for ${column.name}`).toBe(expectedCell(image, column.name)));
    }
    const cellsOf = (name: string) => matrix.rows.map((r) => r.cells[matrix.accounts.findIndex((a) => a.name === name)]);
    // The golden images reach Acme's accounts as well as Initech's own sandbox; Globex's accounts only the public ones.
    expect(cellsOf('acme-staging')).toContain('account');
    expect(cellsOf('acme-production')).toContain('account');
    expect(cellsOf('initech-sandbox')).toContain('account');
    expect(cellsOf('globex-dev')).not.toContain('account');
    expect(cellsOf(HUB).every((c) => c === 'owner')).toBe(true);
  });

  it("follows a share with another client's account made through the app, without a rescan", async () => {
    const hub = worldAccount(HUB);
    const image = hubImages().find(
      (i) =>
        i.region === 'us-east-1' &&
        i.state === 'available' &&
        i.productCodes.length === 0 &&
        i.launchPermissions.every((p) => p.group !== 'all' && p.userId !== worldAccount('globex-dev').accountId && p.organizationArn !== hub.organizationArn) &&
        i.blockDevices.every((b) => !b.ebs?.encrypted),
    );
    expect(image, 'a plain golden image of the hub').toBeDefined();
    const before = await core.handlers['sharing:matrix']({ hub: entry(HUB).id });
    const col = before.accounts.findIndex((a) => a.name === 'globex-dev');
    const rowOf = (m: typeof before) => m.rows.find((r) => r.ref.imageId === image!.imageId)!;
    expect(rowOf(before).cells[col]).toBe('none');

    // The hub is a production account: the same guard as every share.
    const request = { images: [rowOf(before).ref], add: [{ kind: 'account' as const, awsAccountId: entry('globex-dev').awsAccountId! }], remove: [], snapshots: false };
    expect((await failure(core.handlers['sharing:apply']({ ...request, confirmations: {} }))).code).toBe('CONFIRMATION_REQUIRED');
    const result = await core.handlers['sharing:apply']({ ...request, confirmations: { [entry(HUB).id]: HUB } });
    expect(result.items[0]!.outcome).toBe('changed');

    const after = await core.handlers['sharing:matrix']({ hub: entry(HUB).id });
    expect(rowOf(after).cells[col]).toBe('account');
    expect(emulator.world.imagesIn('us-east-1').find((i) => i.imageId === image!.imageId)!.launchPermissions).toContainEqual({ userId: worldAccount('globex-dev').accountId });
    // Globex's own matrix still lists only Globex's images: the hub's image is not one of them.
    const globex = await core.handlers['sharing:matrix']({ client: entry('globex-dev').clientId });
    expect(globex.hub).toBeNull();
    expect(globex.rows.some((r) => r.ref.imageId === image!.imageId)).toBe(false);
  });
});
