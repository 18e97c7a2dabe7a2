/** URL checks kept free of `electron` imports so they can be unit-tested in plain Node. */

const PAGE_PROTOCOLS = new Set(['app:', 'http:', 'https:']);

/**
 * True when `url` is on our page's origin, whatever its path, hash or query: app://atlas in the
 * desktop app (the dev server's origin under `npm start`). Compared by scheme and host as
 * written, not by URL.origin, which Node reports as 'null' for every app:// URL alike. Nothing
 * else is ours: no file:// page, no other host or port, no credentials in the URL.
 */
export function isOwnPage(url: string, pageUrl: string): boolean {
  try {
    const a = new URL(url);
    const b = new URL(pageUrl);
    if (!PAGE_PROTOCOLS.has(b.protocol) || !b.host) return false;
    if (a.username || a.password) return false;
    return a.protocol === b.protocol && a.host === b.host;
  } catch {
    return false;
  }
}
