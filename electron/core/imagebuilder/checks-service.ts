/** Image Builder: the wizard's checks as the user types. Serves the channels of shared/contract/builder-checks.ts. */
import type { CoreContext } from '../context';

export interface WizardChecksServiceDeps {
  /** AWS through the accounts' paths: reads through any healthy one, changes through the acting one. */
  aws: Pick<CoreContext, 'read' | 'write' | 'pool'>;
  /** Which accounts are production (the guard), and their names. */
  accounts: Pick<CoreContext, 'workspace'>;
}

export class WizardChecksService {
  constructor(protected readonly deps: WizardChecksServiceDeps) {}
}
