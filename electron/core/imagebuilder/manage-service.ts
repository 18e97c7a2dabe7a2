/** Image Builder: pipelines managed (edit, enable/disable, clone, delete with dependents). Serves the channels of shared/contract/builder-manage.ts. */
import type { CoreContext } from '../context';
import type { AuditBook } from '../sharing/audit-book';

export interface PipelineManageServiceDeps {
  /** AWS through the accounts' paths: reads through any healthy one, changes through the acting one. */
  aws: Pick<CoreContext, 'read' | 'write' | 'pool'>;
  /** Which accounts are production (the guard), and their names. */
  accounts: Pick<CoreContext, 'workspace'>;
  /** Every change is written to the audit log, as everywhere. */
  audit: AuditBook;
}

export class PipelineManageService {
  constructor(protected readonly deps: PipelineManageServiceDeps) {}
}
