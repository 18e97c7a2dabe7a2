/**
 * Toasts over a modal dialog, in the real renderer: a modal <dialog> makes the rest of the page
 * inert and dims it under its backdrop, so a toast raised while one is open must show above
 * the backdrop, beside the dialog (not over its buttons), take a real click on Dismiss (no
 * dispatched event: Playwright's click checks the point it aims at receives it), go on Esc
 * while focused without closing the dialog, and leave the dialog working.
 */
import { expect, test, type Locator, type Page } from './fixtures';
import { useDemoPreview } from './demo-fixture';
import { overlap } from './geometry';

test.describe.configure({ mode: 'serial' });

const demo = useDemoPreview();

/** The element the browser finds at the centre of this one: itself (or inside it) when nothing covers it. */
async function onTop(page: Page, target: Locator): Promise<boolean> {
  const box = (await target.boundingBox())!;
  const handle = await target.elementHandle();
  return page.evaluate(([x, y, el]) => {
    const hit = document.elementFromPoint(x, y);
    return !!hit && (hit === el || el!.contains(hit));
  }, [box.x + box.width / 2, box.y + box.height / 2, handle] as const);
}

test('a toast raised while a dialog is open is above its backdrop, clickable, dismissable by Esc, and the dialog keeps working', async ({ page }) => {
  await demo.openDemo(page);
  await page.keyboard.press('Control+k');
  const dialog = page.getByTestId('quick-switcher');
  await expect(dialog).toBeVisible();

  demo.preview.core.reportFault('the nightly check', new Error('Could not finish saving: the disk is full.'));
  const notice = page.getByTestId('fault-notice');
  await expect(notice).toContainText('Something failed in the nightly check');
  await expect(notice).toBeVisible();
  // Nothing (no backdrop) lies over it, and it lies over nothing of the dialog.
  expect(await onTop(page, notice)).toBe(true);
  expect(await overlap(notice, dialog)).toBe(false);
  // Not dimmed: it is above the backdrop, not under it.
  expect(await notice.evaluate((el) => getComputedStyle(el.closest('[popover]')!).getPropertyValue('display'))).not.toBe('none');

  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  await expect(dialog).toBeVisible();

  // The dialog still answers: its search types and lists an account.
  await page.keyboard.type('acme-staging');
  await expect(dialog.getByTestId('quick-switcher-option').first()).toContainText('acme-staging');

  // Esc on a focused toast dismisses that toast only; the next Esc is the dialog's.
  demo.preview.core.reportFault('the nightly check', new Error('The keychain did not answer.'));
  await expect(notice).toContainText('The keychain did not answer.');
  await notice.getByRole('button', { name: 'Dismiss' }).focus();
  await page.keyboard.press('Escape');
  await expect(notice).toHaveCount(0);
  await expect(dialog).toBeVisible();
  // Focus went back into the dialog, not to the page under it.
  expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // With no dialog open, toasts are in their corner as before, and still dismissed by a click.
  demo.preview.core.reportFault('the nightly check', new Error('Once more.'));
  await expect(notice).toBeVisible();
  expect(await onTop(page, notice)).toBe(true);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
});
