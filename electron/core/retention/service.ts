/**
 * Retention plans over the last inventory and usage check (no AWS call): the plan itself is
 * `planRetention` (shared/retention-plan.ts), so the app and `ami-atlas cleanup plan` agree; saved
 * plans live in the open workspace's database. Serves `retention:*` (see serve.ts).
 */
import { randomUUID } from 'node:crypto';
import type { ChannelParsedInput } from '../../../shared/contract';
import { retentionRules } from '../../../shared/contract/retention';
import { AppError } from '../../../shared/errors';
import { compileFamilyPattern } from '../../../shared/family';
import type { RetentionPlan, RetentionRules, SavedPlan } from '../../../shared/retention';
import { planCsv } from '../../../shared/retention-csv';
import { planRetention, type PlanAccount } from '../../../shared/retention-plan';
import type { CoreContext } from '../context';
import { asStorageError } from '../db/storage-errors';
import { writeAtomically } from '../inventory/export-file';
import type { InventoryStore } from '../inventory/store';
import { cachedOwnedAmis } from '../inventory/store';
import { storedUsage } from '../usage/store';
import { deleteSavedPlan, listSavedPlans, putSavedPlan } from './saved-plans';

export interface RetentionDeps {
  /** The open workspace (its accounts, clients, database) and the save dialog. */
  aws: Pick<CoreContext, 'active'>;
  accounts: Pick<CoreContext, 'workspace' | 'knownAs'>;
  inventory: InventoryStore;
  /** Asks where to save an export; null when the user cancelled. */
  chooseSavePath?: (defaultName: string) => Promise<string | null>;
  /** The time plans are computed at (tests fix it). */
  now?: () => Date;
}

/** A default file name for a plan exported now, e.g. ami-retention-plan-2026-12-03T16-30-00.csv. */
export function defaultPlanName(now: Date): string {
  return `ami-retention-plan-${now.toISOString().slice(0, 19).replace(/:/g, '-')}.csv`;
}

export class RetentionService {
  constructor(protected readonly deps: RetentionDeps) {}

  // Answers as promises, refusals included (a caller awaits them; none throws at the call).
  plan({ rules }: ChannelParsedInput<'retention:plan'>): Promise<RetentionPlan> {
    return settle(() => this.compute(rules));
  }

  saved(): Promise<SavedPlan[]> {
    return settle(() => listSavedPlans(this.db()));
  }

  save(input: ChannelParsedInput<'retention:save'>): Promise<SavedPlan> {
    return settle(() => this.saveNow(input));
  }

  delete({ id }: ChannelParsedInput<'retention:delete'>): Promise<SavedPlan[]> {
    return settle(() => {
      const db = this.db();
      try {
        deleteSavedPlan(db, id);
      } catch (error) {
        throw asStorageError(error, 'deleting a saved plan');
      }
      return listSavedPlans(db);
    });
  }

  private saveNow({ id, name, rules }: ChannelParsedInput<'retention:save'>): SavedPlan {
    checkPattern(rules);
    const plan: SavedPlan = { id: id ?? randomUUID(), name: name.trim(), rules, savedAt: this.now().toISOString() };
    if (plan.name === '') throw new AppError({ code: 'VALIDATION', message: 'Give the plan a name.', retryable: false });
    const db = this.db();
    const existing = listSavedPlans(db);
    if (id !== undefined && !existing.some((p) => p.id === id)) {
      throw new AppError({ code: 'NOT_FOUND', message: 'That saved plan is no longer there: save it as a new plan.', retryable: false });
    }
    const clash = existing.find((p) => p.id !== plan.id && p.name.toLowerCase() === plan.name.toLowerCase());
    if (clash) throw new AppError({ code: 'CONFLICT', message: `A plan named "${clash.name}" is already saved: choose another name, or overwrite that plan.`, retryable: false });
    try {
      putSavedPlan(db, plan);
    } catch (error) {
      throw asStorageError(error, `saving the plan "${plan.name}"`);
    }
    return plan;
  }

  async export({ rules }: ChannelParsedInput<'retention:export'>): Promise<{ path: string | null; rows: number }> {
    const choose = this.deps.chooseSavePath;
    if (!choose) throw new AppError({ code: 'INTERNAL', message: 'This host cannot ask where to save a file.', retryable: false });
    // Computed before the save dialog: a plan that cannot be made should not cost a file choice.
    const plan = this.compute(rules);
    const file = await choose(defaultPlanName(new Date(plan.at)));
    if (file === null) return { path: null, rows: 0 };
    const text = planCsv(plan);
    await writeAtomically(file, (out) => {
      out.end(text);
      return Promise.resolve();
    });
    return { path: file, rows: plan.candidates.length };
  }

  /** The plan over the open workspace's inventory and stored usage, now. */
  compute(rules: RetentionRules): RetentionPlan {
    checkPattern(rules);
    const { aws, accounts, inventory } = this.deps;
    const source = aws.active();
    const workspace = accounts.workspace();
    const clientName = new Map(workspace.clients.map((c) => [c.id, c.name]));
    const planAccounts: PlanAccount[] = workspace.accounts.map((a) => ({
      id: a.id,
      name: a.name,
      awsAccountId: a.awsAccountId,
      clientId: a.clientId,
      clientName: clientName.get(a.clientId) ?? null,
    }));
    return planRetention({
      rows: cachedOwnedAmis(inventory.cachesOf([source])),
      usage: storedUsage(source.registry.db),
      accounts: planAccounts,
      rules,
      now: this.now(),
    });
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private db() {
    return this.deps.aws.active().registry.db;
  }
}

function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** A family pattern that does not compile is refused in words before anything is done. */
function checkPattern(rules: RetentionRules): void {
  const pattern = compileFamilyPattern(rules.familyPattern);
  if (!pattern.ok) throw new AppError({ code: 'VALIDATION', message: `The family pattern cannot be used. ${pattern.error}`, retryable: false });
}

/** Rules read back from storage or a file: checked as the channel checks them. */
export function parseRules(value: unknown): RetentionRules | null {
  const parsed = retentionRules.safeParse(value);
  return parsed.success ? parsed.data : null;
}
