/** Debian's Chromium for the page benchmarks (never a downloaded browser; quiet on a closed network). */
import { chromium, type Browser, type Page } from '@playwright/test';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * tsx compiles with esbuild's keepNames, which wraps named functions in a `__name(fn, "name")`
 * helper; functions handed to page.evaluate are serialised with those calls, so the page gets
 * the helper too.
 */
export async function newBenchPage(browser: Browser, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.addInitScript('globalThis.__name = (fn) => fn;');
  return page;
}
