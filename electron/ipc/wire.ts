/**
 * What an answer looks like on its way to the page. An inventory page goes as the UTF-8 bytes of
 * its JSON (the cache hands them over as SQLite joined them; text from other callers is encoded
 * here): Electron's IPC copies those as an ArrayBuffer (no string cloned, none copied
 * across the context bridge) and the preview bridge hands them over as a binary HTTP body that
 * its message names (never escaped inside a JSON message); the renderer decodes them once
 * (parseJsonText).
 */
import type { Channel } from '../../shared/contract';
import { pageAsBytes, type InventoryPage } from '../../shared/inventory';

export function forTransport(channel: Channel, data: unknown): unknown {
  if (channel !== 'inventory:rows') return data;
  const page = data as InventoryPage;
  return typeof page.groups === 'string' ? pageAsBytes(page) : page;
}
