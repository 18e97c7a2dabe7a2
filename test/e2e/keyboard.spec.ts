/**
 * The keyboard at scale, in the demo workspace: arrows move the focus without dropping a
 * multi-selection and Space toggles the focused row; Esc closes the app's dialogs; `?` lists
 * every shortcut (and types a `?` in a text field); and the AWS CLI profile import with sixty
 * long-named profiles fits its dialog at 1440×900, the profile's name in view while its row is
 * edited, the client guessed from account ids.
 */
import { expect, test, type Locator, type Page } from './fixtures';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { startPreview, type RunningPreview } from '../../electron/preview/server';
import { demoWorldOf } from '../../electron/demo/start-demo-emulator';
import { rendererDir } from './demo-fixture';
import { SHORTCUT_GROUPS } from '../../renderer/lib/shortcuts';

test.describe.configure({ mode: 'serial' });

let emulator: RunningEmulator;
let preview: RunningPreview;
let home: string;

/** Two AWS accounts outside the demo world, each reached by two profiles. */
const NEW_ACCOUNT = '210987654321';
const OTHER_ACCOUNT = '310987654321';

/**
 * Sixty profiles: key pairs, roles chained from them and SSO profiles, with long names and role
 * names. Some reach demo accounts (they join them), two reach one new account (the second's name
 * says nothing of its client).
 */
function profileFiles(): { config: string; credentials: string } {
  const demo = emulator.world.accounts;
  const config: string[] = [
    `[sso-session atlas]\nsso_start_url = ${emulator.sso.startUrl}\nsso_region = ${emulator.sso.region}\nsso_registration_scopes = sso:account:access`,
  ];
  const credentials: string[] = [];
  for (let i = 0; i < 16; i++) {
    const name = `platform-engineering-legacy-access-keys-${String(i).padStart(2, '0')}`;
    credentials.push(`[${name}]\naws_access_key_id = AKIAEXAMPLEKEY${String(i).padStart(6, '0')}\naws_secret_access_key = example-secret-${i}`);
  }
  for (let i = 0; i < 26; i++) {
    const target = demo[i % demo.length]!;
    const source = `platform-engineering-legacy-access-keys-${String(i % 16).padStart(2, '0')}`;
    config.push(
      `[profile cross-account-image-pipeline-operator-${String(i).padStart(2, '0')}]\nrole_arn = arn:aws:iam::${i < 20 ? target.accountId : `4109876543${String(i).padStart(2, '0')}`}:role/OrganizationImagePipelineOperatorWithAVeryLongName${i}\nsource_profile = ${source}\nregion = eu-central-1`,
    );
  }
  for (let i = 0; i < 14; i++) {
    config.push(
      `[profile sso-readonly-access-for-the-shared-golden-image-team-${String(i).padStart(2, '0')}]\nsso_session = atlas\nsso_account_id = 5109876543${String(i).padStart(2, '0')}\nsso_role_name = ReadOnlyAccessForGoldenImages\nregion = us-east-1`,
    );
  }
  // One account reached twice: the client the first name gives is the second's guess too.
  config.push(`[profile globex-sandbox-image-builder]\nrole_arn = arn:aws:iam::${NEW_ACCOUNT}:role/ImageBuilder\nsource_profile = platform-engineering-legacy-access-keys-00`);
  config.push(`[profile sandbox-readonly]\nrole_arn = arn:aws:iam::${NEW_ACCOUNT}:role/ReadOnly\nsource_profile = platform-engineering-legacy-access-keys-01`);
  config.push(`[profile unrelated-readonly]\nrole_arn = arn:aws:iam::${OTHER_ACCOUNT}:role/ReadOnly\nsource_profile = platform-engineering-legacy-access-keys-01`);
  config.push(`[profile unrelated-admin]\nrole_arn = arn:aws:iam::${OTHER_ACCOUNT}:role/Admin\nsource_profile = platform-engineering-legacy-access-keys-01`);
  return { config: config.join('\n\n') + '\n', credentials: credentials.join('\n\n') + '\n' };
}

test.beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'atlas-e2e-keyboard-'));
  emulator = await startEmulator({ port: 0 });
  const files = profileFiles();
  const configFile = path.join(home, 'config');
  const credentialsFile = path.join(home, 'credentials');
  await writeFile(configFile, files.config);
  await writeFile(credentialsFile, files.credentials);
  preview = await startPreview({
    rendererDir,
    startDemoWorld: async () => demoWorldOf(emulator),
    profileFiles: { configFile, credentialsFile },
  });
});

test.afterAll(async () => {
  await preview?.close();
  await emulator?.close();
  await rm(home, { recursive: true, force: true });
});

async function openDemo(page: Page): Promise<void> {
  await page.goto(preview.url);
  const demoButton = page.getByRole('button', { name: 'Open demo workspace' });
  await expect(demoButton.or(page.getByTestId('account-item').first())).toBeVisible();
  if (await demoButton.isVisible()) await demoButton.click();
  await expect(page.getByTestId('account-item')).toHaveCount(emulator.identities.length);
}

/** With KEYBOARD_SHOTS set to a folder, light and dark screenshots are written there. */
async function shot(page: Page, name: string): Promise<void> {
  const folder = process.env.KEYBOARD_SHOTS;
  if (!folder) return;
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.waitForTimeout(100);
    await page.screenshot({ path: path.join(folder, `${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: null });
}

const box = async (locator: Locator) => {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not laid out');
  return b;
};

test('the profile import with sixty profiles fits its dialog; the name stays in view while a row is edited', async ({ page }) => {
  await openDemo(page);
  await page.getByRole('button', { name: 'Add account' }).click();
  const dialog = page.getByTestId('add-account-dialog');
  await dialog.getByRole('tab', { name: 'AWS CLI profiles' }).click();
  const rows = dialog.getByTestId('profile-row');
  await expect(rows).toHaveCount(16 + 26 + 14 + 4);
  await shot(page, 'profile-import');

  // Nothing wider than the dialog, nor than the table's frame.
  const overflow = await dialog.evaluate((d) => {
    const wrap = d.querySelector<HTMLElement>('.profile-table-wrap')!;
    return { dialog: d.scrollWidth - d.clientWidth, wrap: wrap.scrollWidth - wrap.clientWidth };
  });
  expect(overflow).toEqual({ dialog: 0, wrap: 0 });

  // A row far down: its inputs are edited with the profile's name beside them, in view.
  const name = 'sso-readonly-access-for-the-shared-golden-image-team-11';
  const row = dialog.locator(`[data-testid="profile-row"][data-profile="${name}"]`);
  await row.getByLabel(`Import ${name}`).check();
  const client = dialog.getByLabel(`Client for ${name}`);
  await client.focus();
  await client.fill('Globex');
  await expect(client).toBeFocused();
  const wrapBox = await box(dialog.locator('.profile-table-wrap'));
  const nameBox = await box(row.locator('.profile-name'));
  const inputBox = await box(client);
  expect(nameBox.x).toBeGreaterThanOrEqual(wrapBox.x);
  expect(nameBox.x + nameBox.width).toBeLessThanOrEqual(inputBox.x);
  expect(nameBox.y).toBeGreaterThanOrEqual(wrapBox.y);
  expect(nameBox.y + nameBox.height).toBeLessThanOrEqual(wrapBox.y + wrapBox.height);
  // The whole name is in its title, where the cell cuts it.
  await expect(row.locator('.profile-name')).toHaveAttribute('title', name);

  // The client guess follows the account id: a profile into a demo account joins it; a second
  // profile into one new account takes the client the first one's name gave.
  await expect(dialog.locator('[data-testid="profile-row"][data-profile="cross-account-image-pipeline-operator-00"] [data-testid="profile-joins"]')).toBeVisible();
  for (const profile of ['globex-sandbox-image-builder', 'sandbox-readonly']) {
    await dialog.getByLabel(`Import ${profile}`).check();
    await expect(dialog.getByLabel(`Client for ${profile}`)).toHaveValue('Globex');
  }
  // Typed for one profile, a client is the guess for the other profile into the same account.
  await dialog.getByLabel('Import unrelated-readonly').check();
  await dialog.getByLabel('Import unrelated-admin').check();
  await expect(dialog.getByLabel('Client for unrelated-admin')).toHaveValue('');
  await dialog.getByLabel('Client for unrelated-readonly').fill('Initech');
  await expect(dialog.getByLabel('Client for unrelated-admin')).toHaveValue('Initech');
  await shot(page, 'profile-import-editing');

  // Narrower than the table's least width, the tick and the name stay stuck on the left.
  await page.setViewportSize({ width: 900, height: 700 });
  await client.focus();
  await dialog.getByLabel(`${name} is production`).focus();
  const narrowWrap = await box(dialog.locator('.profile-table-wrap'));
  const narrowName = await box(row.locator('.profile-name'));
  expect(narrowName.x).toBeGreaterThanOrEqual(narrowWrap.x);
  expect(narrowName.x).toBeLessThan(narrowWrap.x + 80);
  await page.setViewportSize({ width: 1440, height: 900 });

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

const rowById = (page: Page, id: string) => page.locator(`[data-testid="ami-row"][data-image-id="${id}"]`);

test('arrows move the focus without dropping a multi-selection; Space toggles; Shift+arrows extend', async ({ page }) => {
  await openDemo(page);
  const rows = page.getByTestId('ami-row');
  await expect(rows.nth(7)).toBeVisible();
  const ids = (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-image-id')!))).slice(0, 8);
  const grid = page.getByRole('grid', { name: 'AMIs' });
  const selected = async () => (await rows.evaluateAll((els) => els.filter((e) => e.getAttribute('aria-selected') === 'true').map((e) => e.getAttribute('data-image-id')!))).sort();
  const focusedId = async () => (await grid.getAttribute('aria-activedescendant'))?.replace(/^ami-row-/, '');
  const want = (...at: number[]) => at.map((i) => ids[i]!).sort();

  // A plain click selects one row (and opens its details); Esc closes them, the grid keeps the keys.
  await rowById(page, ids[0]!).click();
  expect(await selected()).toEqual(want(0));
  await page.keyboard.press('Escape');
  await expect(grid).toBeFocused();
  // A plain arrow takes a one-row selection along, as it always did.
  await page.keyboard.press('ArrowDown');
  expect(await selected()).toEqual(want(1));

  // Ctrl+click makes a selection of two; arrows then move only the focus.
  await rowById(page, ids[3]!).click({ modifiers: ['Control'] });
  expect(await selected()).toEqual(want(1, 3));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  expect(await focusedId()).toBe(ids[5]);
  expect(await selected()).toEqual(want(1, 3));
  await expect(page.getByTestId('selection-count')).toHaveText('2 selected');

  // Space adds the focused row, and takes it out again.
  await page.keyboard.press(' ');
  expect(await selected()).toEqual(want(1, 3, 5));
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press(' ');
  expect(await selected()).toEqual(want(1, 3, 4, 5));
  await page.keyboard.press(' ');
  expect(await selected()).toEqual(want(1, 3, 5));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  expect(await selected()).toEqual(want(1, 3, 5));

  // The focused row has a ring, apart from the selected rows' fill.
  await shot(page, 'grid-focus-and-selection');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const style = (id: string) =>
      rowById(page, id).evaluate((e) => {
        const s = getComputedStyle(e);
        return { outline: s.outlineStyle, background: s.backgroundColor };
      });
    const focused = await style(ids[6]!);
    const picked = await style(ids[5]!);
    const neither = await style(ids[7]!);
    expect(focused.outline).toBe('solid');
    expect(picked.outline).toBe('none');
    expect(picked.background).not.toBe(neither.background);
    expect(focused.background).toBe(neither.background);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // Shift+arrows extend from the last row Space or a click picked (the anchor).
  await page.keyboard.press('Shift+ArrowDown');
  expect(await selected()).toEqual(want(4, 5, 6, 7));
  // Esc (details closed) keeps only the focused row; a plain click selects one.
  await page.keyboard.press('Escape');
  expect(await selected()).toEqual(want(7));
  await rowById(page, ids[2]!).click({ modifiers: ['Control'] });
  await rowById(page, ids[4]!).click();
  expect(await selected()).toEqual(want(4));
});

test('`?` lists every shortcut and closes again; in a text field it types a `?`', async ({ page }) => {
  await openDemo(page);
  const shortcuts = page.getByTestId('shortcuts-dialog');
  await page.getByTestId('ami-row').first().click();
  await page.keyboard.press('Shift+Slash');
  await expect(shortcuts).toBeVisible();
  const groups = shortcuts.getByTestId('shortcut-group');
  await expect(groups.first()).toBeVisible();
  for (const title of ['Navigation', 'AMIs', 'Selection', 'Dialogs']) await expect(shortcuts.getByRole('heading', { name: title })).toBeVisible();
  await expect(shortcuts.getByTestId('shortcut').filter({ hasText: 'Ctrl+K' })).toHaveCount(1);
  await expect(shortcuts.getByTestId('shortcut').filter({ hasText: 'Space' }).first()).toBeVisible();
  await shot(page, 'shortcuts');
  // Every group is there, none cut off sideways.
  await expect(groups).toHaveCount(SHORTCUT_GROUPS.length);
  const frame = await box(shortcuts);
  for (let i = 0; i < SHORTCUT_GROUPS.length; i++) {
    const group = await box(groups.nth(i));
    expect(group.x).toBeGreaterThanOrEqual(frame.x);
    expect(group.x + group.width, SHORTCUT_GROUPS[i]).toBeLessThanOrEqual(frame.x + frame.width);
  }
  expect(await shortcuts.locator('.shortcuts-body').evaluate((d) => d.scrollWidth - d.clientWidth)).toBe(0);
  await page.keyboard.press('Escape');
  await expect(shortcuts).toBeHidden();
  // `?` again opens it, and `?` closes it.
  await page.keyboard.press('?');
  await expect(shortcuts).toBeVisible();
  await page.keyboard.press('?');
  await expect(shortcuts).toBeHidden();

  // From the sidebar's tree (where letters filter the accounts) too, and the filter stays empty.
  await page.getByTestId('account-item').nth(1).focus();
  await page.keyboard.press('?');
  await expect(shortcuts).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(shortcuts).toBeHidden();
  await expect(page.getByLabel('Filter clients and accounts')).toHaveValue('');

  // The top bar's button says the key and opens the same list.
  const button = page.getByTestId('shortcuts-button');
  await expect(button).toHaveAttribute('title', 'Keyboard shortcuts (?)');
  await button.click();
  await expect(shortcuts).toBeVisible();
  await shortcuts.getByRole('button', { name: 'Close' }).click();
  await expect(shortcuts).toBeHidden();

  // In the search box, and in a dialog's text field, `?` is a character.
  await page.keyboard.press('/');
  const search = page.getByLabel('Search AMIs');
  await expect(search).toBeFocused();
  await page.keyboard.type('what?');
  await expect(search).toHaveValue('what?');
  await expect(shortcuts).toBeHidden();
  await search.fill('');
  await page.getByRole('button', { name: 'Add account' }).click();
  const add = page.getByTestId('add-account-dialog');
  const name = add.getByLabel('Account name');
  await expect(name).toBeFocused();
  await page.keyboard.type('who?');
  await expect(name).toHaveValue('who?');
  await expect(shortcuts).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(add).toBeHidden();
});

test('Esc closes every dialog; in an open list it closes only the list', async ({ page }) => {
  await openDemo(page);
  const add = page.getByTestId('add-account-dialog');

  // Add an account, from each tab, with the focus in a field.
  for (const tab of ['Access key', 'Role', 'AWS CLI profiles']) {
    await page.getByRole('button', { name: 'Add account' }).click();
    await expect(add).toBeVisible();
    await add.getByRole('tab', { name: tab }).click();
    const field = add.locator('input:not([type=checkbox]), select').first();
    await field.focus();
    await page.keyboard.press('Escape');
    await expect(add, tab).toBeHidden();
  }

  // An open <select> takes the first Esc; the second closes the dialog.
  await page.getByRole('button', { name: 'Add account' }).click();
  await add.getByRole('tab', { name: 'Role' }).click();
  const select = add.getByLabel('Assumed from');
  await select.focus();
  await page.keyboard.press('Alt+ArrowDown');
  await page.keyboard.press('Escape');
  await expect(add).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(add).toBeHidden();

  // Account settings, from the top bar.
  const settings = page.getByRole('dialog', { name: 'Account settings' });
  await page.getByRole('button', { name: 'Account settings' }).click();
  await expect(settings).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();

  // The ways to add many accounts, each opened from the add dialog's foot.
  for (const [link, testId] of [
    ['From IAM Identity Center…', 'sso-discovery-dialog'],
    ['From AWS Organizations…', 'org-discovery-dialog'],
    ['Same role in many accounts…', 'bulk-roles-dialog'],
  ] as const) {
    await page.getByRole('button', { name: 'Add account' }).click();
    await add.getByRole('button', { name: link }).click();
    const dialog = page.getByTestId(testId);
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog, testId).toBeHidden();
  }

  // The quick switcher, and the sheets the grid's keys open: copy, share, deregister.
  await page.keyboard.press('Control+k');
  const switcher = page.getByTestId('quick-switcher');
  await expect(switcher).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(switcher).toBeHidden();
  await page.getByTestId('ami-row').first().click();
  await page.keyboard.press('Escape');
  for (const [key, testId] of [
    ['c', 'copy-dialog'],
    ['s', 'share-picker'],
    ['Delete', 'lifecycle-sheet'],
  ] as const) {
    await page.getByRole('grid', { name: 'AMIs' }).focus();
    await page.keyboard.press(key);
    const dialog = page.getByTestId(testId);
    await expect(dialog, testId).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog, testId).toBeHidden();
  }

  // Image Builder's wizard, with the focus in its first field.
  await page.keyboard.press('Control+Shift+B');
  await page.getByTestId('builder-create').click();
  const wizard = page.getByTestId('builder-wizard');
  await expect(wizard).toBeVisible();
  await wizard.locator('input, select').first().focus();
  await page.keyboard.press('Escape');
  await expect(wizard).toBeHidden();
});
