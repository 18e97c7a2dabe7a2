/** Where things are on screen, for checks that one element does not cover another. */
import type { Locator } from '@playwright/test';

/** Whether two elements' boxes share any area (false when either is not shown). */
export async function overlap(a: Locator, b: Locator): Promise<boolean> {
  const [x, y] = [await a.boundingBox(), await b.boundingBox()];
  if (!x || !y) return false;
  return x.x < y.x + y.width && y.x < x.x + x.width && x.y < y.y + y.height && y.y < x.y + x.height;
}
