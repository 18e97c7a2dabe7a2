/**
 * The stored usage answers: a newer analysis replaces an AMI's answer and leaves the others;
 * the marks the export filters by agree with what usage:stored gives the grid.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/database';
import { saveUsage, storedUsage, usageMarks } from '../../electron/core/usage/store';
import type { AmiUsage } from '../../shared/contract/usage';
import { usageKey } from '../../shared/inventory';

const usage = (imageId: string, inUse: AmiUsage['inUse']): AmiUsage => ({ account: 'acct-1', region: 'us-east-1', imageId, inUse, references: [], unreadable: [] });

describe('usage store', () => {
  it('replaces only the AMIs analyzed again, and its marks agree with the stored answers', () => {
    const db = openDatabase(':memory:');
    saveUsage(db, [usage('ami-00000000000000001', 'yes'), usage('ami-00000000000000002', 'unknown')], '2026-12-01T10:00:00.000Z');
    saveUsage(db, [usage('ami-00000000000000002', 'no')], '2026-12-02T10:00:00.000Z');
    const stored = storedUsage(db);
    expect(stored.map((u) => [u.imageId, u.inUse, u.analyzedAt])).toEqual([
      ['ami-00000000000000001', 'yes', '2026-12-01T10:00:00.000Z'],
      ['ami-00000000000000002', 'no', '2026-12-02T10:00:00.000Z'],
    ]);
    const marks = usageMarks(db);
    expect(marks.size).toBe(2);
    for (const u of stored) expect(marks.get(usageKey(u.account, u.region, u.imageId))).toEqual({ inUse: u.inUse, analyzedAt: u.analyzedAt });
  });
});
