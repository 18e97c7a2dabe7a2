/** Image Builder: a pipeline's history as Image Builder keeps it. Serves the channels of shared/contract/builder-history.ts. */
import type { CoreContext } from '../context';

export interface BuildHistoryServiceDeps {
  /** AWS through the accounts' paths: reads through any healthy one, changes through the acting one. */
  aws: Pick<CoreContext, 'read' | 'write' | 'pool'>;
  /** Which accounts are production (the guard), and their names. */
  accounts: Pick<CoreContext, 'workspace'>;
}

export class BuildHistoryService {
  constructor(protected readonly deps: BuildHistoryServiceDeps) {}
}
