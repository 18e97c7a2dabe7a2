/**
 * Applying a clean-up: deregistering with the snapshots no remaining AMI uses, the Recycle Bin,
 * orphaned snapshots. Serves `cleanup:*` (see serve.ts).
 */
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import type { InventoryReflector } from '../inventory/reflect-change';
import type { InventoryStore } from '../inventory/store';
import type { AuditBook } from '../sharing/audit-book';

export interface CleanupDeps {
  aws: Pick<CoreContext, 'read' | 'write' | 'pool' | 'active'>;
  accounts: Pick<CoreContext, 'require' | 'actingPath' | 'workspace' | 'knownAs'>;
  events: Pick<CoreContext, 'emit'>;
  audit: AuditBook;
  reflect: InventoryReflector;
  inventory: InventoryStore;
}

const unbuilt = (what: string) => new AppError({ code: 'INTERNAL', retryable: false, message: `${what} is not available in this build.` });

export class CleanupService {
  constructor(protected readonly deps: CleanupDeps) {}

  apply(_input: ChannelParsedInput<'cleanup:apply'>): Promise<ChannelOutput<'cleanup:apply'>> {
    return Promise.reject(unbuilt('Clean-up'));
  }
  recycleBin(_input: ChannelParsedInput<'cleanup:recycleBin'>): Promise<ChannelOutput<'cleanup:recycleBin'>> {
    return Promise.reject(unbuilt('The Recycle Bin'));
  }
  createRule(_input: ChannelParsedInput<'cleanup:createRule'>): Promise<ChannelOutput<'cleanup:createRule'>> {
    return Promise.reject(unbuilt('Recycle Bin rules'));
  }
  restore(_input: ChannelParsedInput<'cleanup:restore'>): Promise<ChannelOutput<'cleanup:restore'>> {
    return Promise.reject(unbuilt('Restoring from the Recycle Bin'));
  }
  orphans(_input: ChannelParsedInput<'cleanup:orphans'>): Promise<ChannelOutput<'cleanup:orphans'>> {
    return Promise.reject(unbuilt('Orphaned snapshots'));
  }
  deleteSnapshots(_input: ChannelParsedInput<'cleanup:deleteSnapshots'>): Promise<ChannelOutput<'cleanup:deleteSnapshots'>> {
    return Promise.reject(unbuilt('Deleting snapshots'));
  }
}
