/**
 * The inventory in the real renderer: scan every account × region of the emulator world,
 * filter by each facet (counts checked against the shared filter over the core's rows), open a
 * row's details, export CSV and parse it back, then reopen the app with the emulator stopped and
 * still browse and export from the offline cache.
 */
import { expect, test, type Page } from './fixtures';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { startPreview, type RunningPreview } from '../../electron/preview/server';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import { mergeAll, namesFrom, type AmiRow, type InventoryNames } from '../../shared/ami-rows';
import { applyFilter, EMPTY_FILTER, unpackPage, type InventoryFilter } from '../../shared/inventory';
import { shownCount } from './demo-fixture';

test.describe.configure({ mode: 'serial' });

const rendererDir = fileURLToPath(new URL('../../.vite/renderer/main_window', import.meta.url));
let emulator: RunningEmulator;
let preview: RunningPreview;
let dir: string;
let exports = 0;
// Stands in for the OS keychain, which outlives the app: the reopened app still has the keys.
const keychain = new MemorySecretStore();

async function open(databaseFile: string): Promise<RunningPreview> {
  return startPreview({
    rendererDir,
    databaseFile,
    secrets: keychain,
    startDemoWorld: async () => {
      throw new Error('the demo is not used here');
    },
    chooseSavePath: async () => path.join(dir, `export-${++exports}.csv`),
  });
}

/** Every AMI the inventory holds, one row each, as the grid folds them. */
async function allRows(p: RunningPreview): Promise<AmiRow[]> {
  const { targets } = await p.core.handlers['inventory:summary']({});
  const holding = targets.filter((t) => t.count > 0).map(({ account, region, view }) => ({ account, region, view }));
  return holding.length === 0 ? [] : mergeAll(unpackPage(await p.core.handlers['inventory:rows']({ targets: holding })));
}

/** Accounts and owners by name, as the grid searches them. */
async function namesOf(p: RunningPreview): Promise<InventoryNames> {
  return namesFrom((await p.core.handlers['workspace:get']({})).accounts);
}

async function exportCsv(page: Page, scope: RegExp): Promise<Array<Record<string, string>>> {
  await page.getByRole('button', { name: 'Export CSV…' }).click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByRole('radio', { name: scope }).check();
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Wrote');
  const file = path.join(dir, `export-${exports}.csv`);
  const records = parse(await readFile(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  return records;
}

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'atlas-e2e-inventory-'));
  emulator = await startEmulator({ port: 0 });
  preview = await open(path.join(dir, 'atlas.sqlite'));
  for (const identity of emulator.identities) {
    await preview.core.handlers['accounts:addAccessKey']({
      name: identity.accountName,
      clientName: identity.clientName,
      accessKeyId: identity.accessKeyId,
      secretAccessKey: identity.secretAccessKey,
      defaultRegion: identity.defaultRegion,
      endpoint: emulator.url,
    });
  }
});

test.afterAll(async () => {
  await preview?.close();
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

test('scan everything, filter by every facet, read details, export', async ({ page }) => {
  // Every account × region, then a dozen filters: about 30 s on a 2-core machine with two other
  // CPU-bound processes, so twice the default.
  test.setTimeout(120_000);
  await page.goto(preview.url);
  await page.getByRole('button', { name: 'Inventory' }).click();
  await page.getByRole('button', { name: 'Scan' }).click();
  const panel = page.getByTestId('scan-panel');
  await expect(panel).toBeVisible();
  await expect.poll(async () => (await preview.core.handlers['inventory:summary']({})).running?.state ?? 'idle', { timeout: 90_000 }).toBe('idle');
  await expect(panel.getByTestId('scan-phase-line')).not.toContainText('failed');

  const rows = await allRows(preview);
  const names = await namesOf(preview);
  expect(rows.length).toBeGreaterThan(300);
  await expect.poll(() => shownCount(page)).toBe(rows.length);
  await expect(page.getByTestId('inventory-status')).toContainText('targets scanned');
  await panel.getByRole('button', { name: 'Hide progress' }).click();
  await expect(panel).toBeHidden();

  // Each facet: pick its most common value; the grid shows exactly the rows the filter selects.
  const facets: Array<[string, keyof InventoryFilter]> = [
    ['facet-regions', 'regions'],
    ['facet-platforms', 'platforms'],
    ['facet-architectures', 'architectures'],
    ['facet-launchPermissions', 'launchPermissions'],
    ['facet-rootDeviceTypes', 'rootDeviceTypes'],
    ['facet-states', 'states'],
    ['facet-accounts', 'accounts'],
    ['facet-owners', 'owners'],
    ['facet-views', 'views'],
    ['facet-deprecated', 'deprecated'],
    ['facet-encrypted', 'encrypted'],
    ['facet-tag', 'tags'],
  ];
  for (const [testId, key] of facets) {
    await page.getByTestId(testId).click();
    // Opened right after the previous filter was cleared: the counts on screen are that filter's
    // until the recount lands (the menu is busy meanwhile). The options must not move under the
    // pointer when it does: a click would pick another value than the one aimed at.
    const order = () => page.getByTestId('facet-option').evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
    const firstSeen = await order();
    await expect(page.getByRole('menu')).toHaveAttribute('aria-busy', 'false');
    expect((await order()).slice(0, firstSeen.length), `${testId} kept its order`).toEqual(firstSeen);
    const value = (await page.getByTestId('facet-option').first().getAttribute('data-value')) ?? '';
    // The option read, by its value: an open menu keeps its order, and so does this click.
    await page.locator(`[data-testid="facet-option"][data-value="${value}"]`).click();
    await page.keyboard.press('Escape');
    const filter: InventoryFilter = Array.isArray(EMPTY_FILTER[key]) ? { ...EMPTY_FILTER, [key]: [value] } : { ...EMPTY_FILTER, [key]: value };
    const expected = applyFilter(rows, filter, new Date(), names).length;
    expect(expected, `${testId}=${value}`).toBeGreaterThan(0);
    await expect.poll(() => shownCount(page), { message: `${testId}=${value}` }).toBe(expected);
    // The view facet shows as the selected tab; every other facet as a removable chip.
    if (key === 'views') await expect(page.getByRole('tab', { selected: true })).toHaveText(new RegExp(value === 'owned' ? 'Owned' : 'Shared'));
    else await expect(page.getByTestId('filter-chip')).toHaveCount(1);
    if (key === 'views') await page.getByRole('tab', { name: 'All', exact: true }).click();
    else await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => shownCount(page)).toBe(rows.length);
  }

  // Free text narrows too, and a row opens its details in its own account and region.
  const sample = rows.find((r) => r.view === 'owned' && r.state === 'available')!;
  await page.keyboard.press('/');
  await page.keyboard.type(sample.imageId);
  // (Tags may mention an image id too, e.g. the source AMI of a copy: the shared filter decides.)
  await expect(page.getByTestId('inventory-row')).toHaveCount(applyFilter(rows, { ...EMPTY_FILTER, text: sample.imageId }, new Date(), names).length);
  await page.locator(`[data-testid="inventory-row"][data-account-id="${sample.account}"]`).first().click();
  await expect(page.getByTestId('ami-detail').getByTestId('detail-image-id')).toHaveText(sample.imageId);
  await page.keyboard.press('Escape');
  const search = page.getByRole('searchbox').or(page.getByPlaceholder(/Search/)).first();
  // Words match across columns: "arm64 eu-west-1" is the arm64 AMIs in eu-west-1.
  await search.fill('arm64 eu-west-1');
  const armWest = rows.filter((r) => r.architecture === 'arm64' && r.region === 'eu-west-1');
  expect(armWest.length).toBeGreaterThan(0);
  expect(applyFilter(rows, { ...EMPTY_FILTER, text: 'arm64 eu-west-1' }, new Date(), names)).toEqual(armWest);
  await expect.poll(() => shownCount(page)).toBe(armWest.length);
  await search.fill('');

  // Export the filtered view, then the whole inventory: both parse back to exactly those rows.
  await page.getByTestId('facet-architectures').click();
  await page.locator('[data-testid="facet-option"][data-value="arm64"]').click();
  await page.keyboard.press('Escape');
  const arm = applyFilter(rows, { ...EMPTY_FILTER, architectures: ['arm64'] }, new Date(), names);
  const view = await exportCsv(page, /Current filtered view/);
  expect(view).toHaveLength(arm.length);
  expect(new Set(view.map((r) => Object.values(r).find((v) => /^ami-/.test(v))))).toEqual(new Set(arm.map((r) => r.imageId)));
  const full = await exportCsv(page, /Full inventory/);
  expect(full).toHaveLength(rows.length);
});

test('reopened with the emulator stopped: the last inventory is there, browsable and exportable', async ({ page }) => {
  const before = await allRows(preview);
  await preview.close();
  await emulator.close();
  preview = await open(path.join(dir, 'atlas.sqlite'));

  await page.goto(preview.url);
  await page.getByRole('button', { name: 'Inventory' }).click();
  await expect.poll(() => shownCount(page)).toBe(before.length);
  await expect(page.getByTestId('inventory-status')).toContainText('as of');

  // A rescan cannot reach AWS: targets fail, the banner says so, nothing is lost.
  await page.getByRole('button', { name: 'Scan' }).click();
  await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 45_000 });
  await page.getByTestId('scan-details-button').click();
  await expect(page.getByTestId('scan-problem').first()).toContainText('Cannot reach AWS');
  await page.getByTestId('scan-panel').getByRole('button', { name: 'Hide progress' }).click();
  await expect.poll(() => shownCount(page)).toBe(before.length);
  const full = await exportCsv(page, /Full inventory/);
  expect(full).toHaveLength(before.length);

  // An account's own view answers from the inventory too, says as of when and why, and so do details.
  const workspace = await preview.core.handlers['workspace:get']({});
  const staging = workspace.accounts.find((a) => a.name === 'acme-staging')!;
  const owned = before.filter((r) => r.account === staging.id && r.view === 'owned' && r.region === staging.defaultRegion);
  expect(owned.length).toBeGreaterThan(0);
  await page.locator(`[data-testid="account-item"][data-account-id="${staging.id}"]`).click();
  const note = page.getByTestId('stale-note').first();
  await expect(note).toContainText('Owned AMIs from the inventory, as of', { timeout: 30_000 });
  await expect(note).toContainText('acme-staging');
  // Exactly that account's owned AMIs of its region, as the inventory last saw them.
  await expect(page.getByTestId('status-bar')).toContainText(`${owned.length} AMIs`);
  const firstId = await page.getByTestId('ami-row').first().getAttribute('data-image-id');
  const sample = owned.find((r) => r.imageId === firstId)!;
  expect(sample).toBeTruthy();
  await page.locator(`[data-testid="ami-row"][data-image-id="${sample.imageId}"]`).click();
  const detail = page.getByTestId('ami-detail');
  await expect(detail.getByTestId('detail-image-id')).toHaveText(sample.imageId);
  await expect(detail.getByTestId('stale-note')).toContainText('Details from the inventory, as of', { timeout: 30_000 });
  await detail.getByRole('tab', { name: /Storage/ }).click();
  await expect(detail.getByTestId('storage-needs-aws')).toBeVisible();
  for (const snapshot of sample.snapshotIds) await expect(detail).toContainText(snapshot);
});
