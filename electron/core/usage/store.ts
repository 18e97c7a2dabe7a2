/** The last analysis's answer per owned AMI, in its workspace's database, for the grid offline. */
import type { AmiUsage, StoredAmiUsage, UsageState } from '../../../shared/contract/usage';
import { usageKey, type UsageMark } from '../../../shared/inventory';
import { transaction, type Database } from '../db/database';

/** Replaces the answers of the AMIs analyzed; others keep theirs. */
export function saveUsage(db: Database, usages: readonly AmiUsage[], analyzedAt: string): void {
  transaction(db, () => {
    const put = db.prepare('INSERT OR REPLACE INTO ami_usage (account, region, image_id, in_use, usage_json, analyzed_at) VALUES (?, ?, ?, ?, ?, ?)');
    for (const u of usages) put.run(u.account, u.region, u.imageId, u.inUse, JSON.stringify(u), analyzedAt);
  });
}

export function storedUsage(db: Database): StoredAmiUsage[] {
  const rows = db.prepare('SELECT usage_json, analyzed_at FROM ami_usage ORDER BY account, region, image_id').all() as unknown as Array<{ usage_json: string; analyzed_at: string }>;
  return rows.map((r) => ({ ...(JSON.parse(r.usage_json) as AmiUsage), analyzedAt: r.analyzed_at }));
}

/**
 * Each stored answer's mark by usageKey, for names that know usage (shared/inventory.ts
 * withUsage): what the export needs to filter by and write the In use column as the grid does.
 */
export function usageMarks(db: Database): Map<string, UsageMark> {
  const rows = db.prepare('SELECT account, region, image_id, in_use, analyzed_at FROM ami_usage').all() as unknown as Array<{ account: string; region: string; image_id: string; in_use: UsageState; analyzed_at: string }>;
  return new Map(rows.map((r) => [usageKey(r.account, r.region, r.image_id), { inUse: r.in_use, analyzedAt: r.analyzed_at }]));
}
