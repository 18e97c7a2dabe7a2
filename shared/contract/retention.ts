/** Retention plans: the AMIs a set of rules picks for clean-up, saved plans, the plan as CSV. */
import { z } from 'zod';
import { FAMILY_PATTERN_MAX } from '../family';
import type { RetentionPlan, SavedPlan } from '../retention';
import { common, displayName, id, output, region } from './fields';

const days = z.number().int().min(0).max(36500);

export const retentionRules = z.strictObject({
  keepNewest: z.number().int().min(0).max(1000).nullable(),
  olderThanDays: days.nullable(),
  notLaunchedDays: days.nullable(),
  notInUse: z.boolean(),
  notSharedOutsideClient: z.boolean(),
  excludeTags: z.array(z.string().min(1).max(400)).max(50),
  familyPattern: z.string().max(FAMILY_PATTERN_MAX).nullable(),
  scope: z.strictObject({ clients: z.array(id).max(200), accounts: z.array(id).max(1000), regions: z.array(region).max(64) }),
});

export const schemas = {
  retentionPlan: z.strictObject({ rules: retentionRules }),
  retentionSave: z.strictObject({ name: displayName, rules: retentionRules, /** Overwrites the saved plan with this id. */ id: id.optional() }),
  retentionDelete: z.strictObject({ id }),
  retentionExport: z.strictObject({ rules: retentionRules }),
} as const;

export const channels = {
  /** The plan over the last inventory and usage check (no AWS call). */
  'retention:plan': { input: schemas.retentionPlan, output: output<RetentionPlan>() },
  'retention:saved': { input: common.empty, output: output<SavedPlan[]>() },
  'retention:save': { input: schemas.retentionSave, output: output<SavedPlan>() },
  'retention:delete': { input: schemas.retentionDelete, output: output<SavedPlan[]>() },
  /** Writes the plan as CSV where the user chooses (the same bytes as `ami-atlas cleanup plan`). */
  'retention:export': { input: schemas.retentionExport, output: output<{ path: string | null; rows: number }>() },
} as const;

export const events = {} as const;
