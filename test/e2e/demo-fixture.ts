/**
 * What the demo-workspace specs share: an emulator and a preview bridge serving the built
 * renderer for the file's tests, and the docs' screenshots in light and dark.
 */
import { expect, test, type Locator, type Page } from './fixtures';
import { fileURLToPath } from 'node:url';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator';
import { startPreview, type RunningPreview } from '../../electron/preview/server';
import { demoWorldOf } from '../../electron/demo/start-demo-emulator';
import { mergeAll, type AmiRow } from '../../shared/ami-rows';
import { unpackPage } from '../../shared/inventory';

export const rendererDir = fileURLToPath(new URL('../../.vite/renderer/main_window', import.meta.url));

export interface DemoFixture {
  readonly emulator: RunningEmulator;
  readonly preview: RunningPreview;
  /** Our account entry's id for an account name of the demo world. */
  entryId(name: string): Promise<string>;
  /** Opens the app and the demo workspace (or finds it open), every account listed. */
  openDemo(page: Page): Promise<void>;
  /** Every AMI the core's inventory holds, one row each, as the page folds them. */
  inventoryRows(): Promise<AmiRow[]>;
}

/** The first number in the inventory status bar: the rows shown. */
export async function shownCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('inventory-status').textContent()) ?? '';
  return Number((text.match(/[\d,]+/)?.[0] ?? 'NaN').replace(/,/g, ''));
}

/** Starts an emulator and a preview bridge whose demo workspace is that emulator's world. */
export function useDemoPreview(options: EmulatorOptions = { port: 0 }): DemoFixture {
  let emulator: RunningEmulator | undefined;
  let preview: RunningPreview | undefined;
  test.beforeAll(async () => {
    const running = await startEmulator(options);
    emulator = running;
    preview = await startPreview({
      rendererDir,
      startDemoWorld: async () => demoWorldOf(running),
    });
  });
  test.afterAll(async () => {
    await preview?.close();
    await emulator?.close();
  });
  const fixture: DemoFixture = {
    get emulator() {
      if (!emulator) throw new Error('the emulator is not running yet');
      return emulator;
    },
    get preview() {
      if (!preview) throw new Error('the preview bridge is not running yet');
      return preview;
    },
    async entryId(name) {
      const ws = await fixture.preview.core.handlers['workspace:get']({});
      return ws.accounts.find((a) => a.name === name)!.id;
    },
    async openDemo(page) {
      await page.goto(fixture.preview.url);
      const demoButton = page.getByRole('button', { name: 'Open demo workspace' });
      await expect(demoButton.or(page.getByTestId('account-item').first())).toBeVisible();
      if (await demoButton.isVisible()) await demoButton.click();
      await expect(page.getByTestId('account-item')).toHaveCount(fixture.emulator.identities.length);
    },
    async inventoryRows() {
      const { targets } = await fixture.preview.core.handlers['inventory:summary']({});
      const holding = targets.filter((t) => t.count > 0).map(({ account, region, view }) => ({ account, region, view }));
      return holding.length === 0 ? [] : mergeAll(unpackPage(await fixture.preview.core.handlers['inventory:rows']({ targets: holding })));
    },
  };
  return fixture;
}

/** Types every production name a confirm sheet asks for (each input's label says which). */
export async function confirmProduction(scope: Locator): Promise<void> {
  const inputs = scope.getByTestId('prod-guard-input');
  for (let i = 0; i < (await inputs.count()); i++) {
    const label = (await inputs.nth(i).getAttribute('aria-label')) ?? '';
    const name = /^Type (.+) to confirm$/.exec(label)?.[1];
    expect(name).toBeTruthy();
    await inputs.nth(i).fill(name!);
  }
}

/** With UPDATE_SCREENSHOTS set, takes docs/screenshots/NAME.png and NAME-dark.png. */
export async function shot(page: Page, name: string): Promise<void> {
  if (!process.env.UPDATE_SCREENSHOTS) return;
  const path = (suffix: string) => fileURLToPath(new URL(`../../docs/screenshots/${name}${suffix}.png`, import.meta.url));
  // Reduced motion, so no colour transition is caught half-way when the scheme flips. Focus is
  // left where the test put it: a shot must not change what the test goes on to check.
  for (const [scheme, suffix] of [['light', ''], ['dark', '-dark']] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.waitForTimeout(100);
    await page.screenshot({ path: path(suffix) });
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: null });
}
