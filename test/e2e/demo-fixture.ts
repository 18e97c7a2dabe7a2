/**
 * What the demo-workspace specs share: an emulator and a preview bridge serving the built
 * renderer for the file's tests, and the docs' screenshots in light and dark.
 */
import { test, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator';
import { startPreview, type RunningPreview } from '../../electron/preview/server';

export const rendererDir = fileURLToPath(new URL('../../.vite/renderer/main_window', import.meta.url));

export interface DemoFixture {
  readonly emulator: RunningEmulator;
  readonly preview: RunningPreview;
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
      startDemoWorld: async () => ({
        endpoint: running.url,
        accounts: running.identities.map((i) => ({ ...i, name: i.accountName })),
        close: async () => undefined,
      }),
    });
  });
  test.afterAll(async () => {
    await preview?.close();
    await emulator?.close();
  });
  return {
    get emulator() {
      if (!emulator) throw new Error('the emulator is not running yet');
      return emulator;
    },
    get preview() {
      if (!preview) throw new Error('the preview bridge is not running yet');
      return preview;
    },
  };
}

/** With UPDATE_SCREENSHOTS set, takes docs/screenshots/NAME.png and NAME-dark.png. */
export async function shot(page: Page, name: string): Promise<void> {
  if (!process.env.UPDATE_SCREENSHOTS) return;
  const path = (suffix: string) => fileURLToPath(new URL(`../../docs/screenshots/${name}${suffix}.png`, import.meta.url));
  // No focus ring, and reduced motion so no colour transition is caught half-way when the scheme flips.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (const [scheme, suffix] of [['light', ''], ['dark', '-dark']] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.waitForTimeout(100);
    await page.screenshot({ path: path(suffix) });
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: null });
}
