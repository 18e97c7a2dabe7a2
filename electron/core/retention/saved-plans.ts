/** Saved retention plans in the workspace's database (migration 16): a name and its rules. */
import { retentionRules } from '../../../shared/contract/retention';
import type { SavedPlan } from '../../../shared/retention';
import type { Database } from '../db/database';

/** Every saved plan, by name (A→Z, whatever the case). A row whose rules no longer parse is left out. */
export function listSavedPlans(db: Database): SavedPlan[] {
  const rows = db.prepare('SELECT id, name, rules_json, saved_at FROM retention_plans ORDER BY name COLLATE NOCASE, id').all() as unknown as Array<{
    id: string;
    name: string;
    rules_json: string;
    saved_at: string;
  }>;
  return rows.flatMap((r) => {
    let value: unknown;
    try {
      value = JSON.parse(r.rules_json);
    } catch {
      return [];
    }
    const rules = retentionRules.safeParse(value);
    return rules.success ? [{ id: r.id, name: r.name, rules: rules.data, savedAt: r.saved_at }] : [];
  });
}

/** Saves the plan, replacing the one with its id. */
export function putSavedPlan(db: Database, plan: SavedPlan): void {
  db.prepare('INSERT OR REPLACE INTO retention_plans (id, name, rules_json, saved_at) VALUES (?, ?, ?, ?)').run(plan.id, plan.name, JSON.stringify(plan.rules), plan.savedAt);
}

export function deleteSavedPlan(db: Database, id: string): void {
  db.prepare('DELETE FROM retention_plans WHERE id = ?').run(id);
}
