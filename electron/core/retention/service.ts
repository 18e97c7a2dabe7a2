/**
 * Retention plans over the last inventory and usage check. Serves `retention:*` (see serve.ts).
 */
import type { ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { RetentionPlan, SavedPlan } from '../../../shared/retention';
import type { CoreContext } from '../context';
import type { InventoryStore } from '../inventory/store';

export interface RetentionDeps {
  /** The open workspace (its accounts, clients, database) and the save dialog. */
  aws: Pick<CoreContext, 'active'>;
  accounts: Pick<CoreContext, 'workspace' | 'knownAs'>;
  inventory: InventoryStore;
}

const unbuilt = (what: string) => new AppError({ code: 'INTERNAL', retryable: false, message: `${what} is not available in this build.` });

export class RetentionService {
  constructor(protected readonly deps: RetentionDeps) {}

  plan(_input: ChannelParsedInput<'retention:plan'>): Promise<RetentionPlan> {
    return Promise.reject(unbuilt('Retention plans'));
  }
  saved(): Promise<SavedPlan[]> {
    return Promise.reject(unbuilt('Saved plans'));
  }
  save(_input: ChannelParsedInput<'retention:save'>): Promise<SavedPlan> {
    return Promise.reject(unbuilt('Saved plans'));
  }
  delete(_input: ChannelParsedInput<'retention:delete'>): Promise<SavedPlan[]> {
    return Promise.reject(unbuilt('Saved plans'));
  }
  export(_input: ChannelParsedInput<'retention:export'>): Promise<{ path: string | null; rows: number }> {
    return Promise.reject(unbuilt('Plan export'));
  }
}
