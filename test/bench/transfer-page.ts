/**
 * What the transfer benchmark's page runs: the inventory store's own reading of every row
 * (readAllRows: the same pages, asked for as far ahead, decoded and grouped by target by the
 * same code), bundled for a blank page that has only the bridge.
 */
import type { InventorySummary } from '../../shared/contract';
import { readAllRows } from '../../renderer/features/inventory/readRows';

export interface PageRead {
  ms: number;
  received: number;
  pages: number;
  /** The pages' bytes as they arrived (UTF-8 JSON). */
  bytes: number;
}

export async function readEveryRow(summary: InventorySummary): Promise<PageRead> {
  const atlas = window.atlas!;
  let pages = 0;
  let bytes = 0;
  // Counts what arrives, and hands it on untouched.
  window.atlas = {
    ...atlas,
    async invoke(channel, input) {
      const envelope = await atlas.invoke(channel, input);
      if (channel === 'inventory:rows' && envelope.ok) {
        pages++;
        const { groups } = envelope.data as { groups: Uint8Array | string };
        bytes += typeof groups === 'string' ? groups.length : groups.byteLength;
      }
      return envelope;
    },
  };
  try {
    const started = performance.now();
    const all = await readAllRows(summary, { current: () => true, newer: () => null, show: () => undefined });
    const ms = performance.now() - started;
    let received = 0;
    for (const rows of all?.values() ?? []) received += rows.length;
    return { ms, received, pages, bytes };
  } finally {
    window.atlas = atlas;
  }
}
