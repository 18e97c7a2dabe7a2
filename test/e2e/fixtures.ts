/**
 * The `test` every e2e spec uses: Playwright's, plus a watch on everything the page shows. An
 * observer installed before the app's scripts records every text and every title, label and
 * placeholder the page ever displays (toasts and errors that come and go included); after the
 * test, none of it may hold one of the app's internal ids (accounts, access paths, clients,
 * jobs, runs, audit entries), which the page itself lists through the bridge at the end.
 */
import { test as base, expect, type Browser } from '@playwright/test';
import { idShapedIn, knownIdsIn } from '../internal-ids';

export { expect };
export type { Locator, Page } from '@playwright/test';

declare global {
  interface Window {
    __atlasShown?: Set<string>;
  }
}

/** Runs in the page before any of its scripts. */
function watchShownText(): void {
  const shown = new Set<string>();
  window.__atlasShown = shown;
  const ATTRIBUTES = ['title', 'aria-label', 'aria-description', 'placeholder', 'alt'];
  const note = (text: string | null | undefined) => {
    if (text && text.trim()) shown.add(text);
  };
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) return note(node.textContent);
    if (!(node instanceof Element)) return;
    for (const name of ATTRIBUTES) note(node.getAttribute(name));
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === Node.TEXT_NODE) note(n.textContent);
      else if (n instanceof Element) for (const name of ATTRIBUTES) note(n.getAttribute(name));
    }
  };
  new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === 'characterData') note(m.target.textContent);
      else if (m.type === 'attributes' && m.target instanceof Element && m.attributeName) note(m.target.getAttribute(m.attributeName));
      else m.addedNodes.forEach(visit);
    }
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES });
}

export const test = base.extend<{ noInternalIds: void }>({
  noInternalIds: [
    async ({ page }, use) => {
      await page.addInitScript(watchShownText);
      await use();
      if (page.isClosed() || !page.url().startsWith('http://127.0.0.1')) return;
      // A page that reloads as the test ends (a workspace switch) is read once it has loaded again.
      const read = () =>
        page.evaluate(async () => {
        const atlas = (window as unknown as { atlas?: { invoke(c: string, i: unknown): Promise<{ ok: boolean; data?: unknown }> } }).atlas;
        const data = async <T,>(channel: string, input: unknown): Promise<T | null> => {
          const answer = await atlas?.invoke(channel, input).catch(() => null);
          return answer && answer.ok ? (answer.data as T) : null;
        };
        const workspace = await data<{ clients: { id: string }[]; accounts: { id: string; paths: { id: string }[] }[] }>('workspace:get', {});
        const lists = await Promise.all([data<{ id: string }[]>('audit:list', { limit: 2000 }), data<{ id: string }[]>('jobs:list', {}), data<{ id: string }[]>('builder:runs', {})]);
        const ids = [
          ...(workspace?.clients.map((c) => c.id) ?? []),
          ...(workspace?.accounts.flatMap((a) => [a.id, ...a.paths.map((p) => p.id)]) ?? []),
          ...lists.flatMap((list) => list?.map((x) => x.id) ?? []),
        ];
        return { shown: [...(window.__atlasShown ?? [])], ids };
        });
      const { shown, ids } = await read().catch(async (error: unknown) => {
        if (!/Execution context was destroyed/.test(String(error))) throw error;
        await page.waitForLoadState('load');
        return read();
      });
      const text = shown.join('\n');
      expect(knownIdsIn(text, ids), 'internal ids shown to the user').toEqual([]);
      expect(idShapedIn(text), 'id-shaped strings shown to the user').toEqual([]);
    },
    { auto: true },
  ],
});

/**
 * Approves a device sign-in as the user would: in their own browser (a separate profile, as the
 * system browser is to the app), on the verification page the app opened, after checking the code.
 */
export async function approveSignIn(browser: Browser, url: string, userCode: string): Promise<void> {
  const systemBrowser = await browser.newContext();
  try {
    const verification = await systemBrowser.newPage();
    await verification.goto(url);
    await expect(verification.locator('body')).toContainText(userCode);
    await verification.locator('button#allow').click();
    await expect(verification.locator('body')).toContainText('Request approved');
  } finally {
    await systemBrowser.close();
  }
}
