/** URL checks kept free of `electron` imports so they can be unit-tested in plain Node. */

/** True when `url` is our own page (same file or same dev-server origin), whatever its hash/query. */
export function isOwnPage(url: string, pageUrl: string): boolean {
  try {
    const a = new URL(url);
    const b = new URL(pageUrl);
    if (a.protocol !== b.protocol) return false;
    if (b.protocol === 'file:') return a.pathname === b.pathname;
    return a.origin === b.origin;
  } catch {
    return false;
  }
}
