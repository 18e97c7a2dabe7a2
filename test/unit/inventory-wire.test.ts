/**
 * An inventory page crosses to the renderer as the UTF-8 bytes of the core's JSON text: every
 * row, including text outside ASCII, decodes to what the core holds, and nothing else a page is
 * answered changes form.
 */
import { describe, expect, it } from 'vitest';
import { forTransport } from '../../electron/ipc/wire';
import { pageAsBytes, parseJsonText, targetKey, unpackPage, unpackPageByTarget, type InventoryRow } from '../../shared/inventory';
import { page, row } from './inventory-fixtures';

const rows = [
  row({ imageId: 'ami-1', name: 'golden-al2023', tags: [{ key: 'Team', value: 'platform' }] }),
  // Multi-byte UTF-8, a quote and a backslash: what escaping or a wrong decoding would damage.
  row({ imageId: 'ami-2', name: 'Überprüft — 東京 "base" \\ 🚀', description: 'é\u2028\u0000', tags: [{ key: 'Ünïcode', value: '✓' }] }),
  row({ imageId: 'ami-3', account: 'acct-2', region: 'eu-west-1', view: 'shared', ownerId: '999988887777', launchPermission: null, scannedAt: '2026-11-29T00:00:00.000Z' }),
];

describe('inventory pages on the wire', () => {
  it('become the UTF-8 bytes of their JSON text and decode to the same rows', () => {
    const text = page(rows, 7);
    const bytes = pageAsBytes(text);
    expect(bytes.count).toBe(3);
    expect(bytes.total).toBe(7);
    expect(bytes.groups.byteLength).toBe(Buffer.byteLength(text.groups, 'utf8'));
    expect(Buffer.from(bytes.groups).equals(Buffer.from(text.groups, 'utf8'))).toBe(true);
    expect(parseJsonText(bytes.groups)).toEqual(JSON.parse(text.groups));
    expect(unpackPage(bytes)).toEqual(rows);
    expect(unpackPage(text)).toEqual(rows);
  });

  it('are plain byte arrays, which JSON.stringify never turns into lists of numbers', () => {
    const { groups } = pageAsBytes(page(rows, 3));
    // A Buffer would be Uint8Array too, but with a toJSON the bridge would call.
    expect(Object.getPrototypeOf(groups)).toBe(Uint8Array.prototype);
    expect('toJSON' in groups).toBe(false);
  });

  it('are converted for inventory:rows only, once', () => {
    const text = page(rows, 3);
    const sent = forTransport('inventory:rows', text) as ReturnType<typeof pageAsBytes>;
    expect(sent.groups).toBeInstanceOf(Uint8Array);
    expect(forTransport('inventory:rows', sent)).toBe(sent);
    const summary = { total: 3, targets: [], asOf: null, running: null };
    expect(forTransport('inventory:summary', summary)).toBe(summary);
    expect(forTransport('workspace:get', text)).toBe(text);
  });

  it('decode by target, each target’s rows after those an earlier page brought', () => {
    const earlier = row({ imageId: 'ami-0', account: 'acct-2', region: 'eu-west-1', view: 'shared', ownerId: '999988887777', launchPermission: null });
    const into = unpackPageByTarget(pageAsBytes(page([earlier], 4)));
    unpackPageByTarget(pageAsBytes(page(rows, 4)), into);
    const expected = new Map<string, InventoryRow[]>();
    for (const r of [earlier, ...rows]) {
      const key = targetKey(r);
      expected.set(key, [...(expected.get(key) ?? []), r]);
    }
    expect(into).toEqual(expected);
    expect([...into.keys()]).toEqual(['acct-2|eu-west-1|shared', 'acct-1|us-east-1|owned']);
    expect(into.get('acct-2|eu-west-1|shared')?.map((r) => r.imageId)).toEqual(['ami-0', 'ami-3']);
  });
});
