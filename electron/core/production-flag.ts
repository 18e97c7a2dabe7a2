/**
 * Changes to the production flag itself. Clearing it removes the guard, so the core asks for
 * what the guard asks for (the account's name, or the client's for a client's flag) and every
 * change of an account's production status, either way, is written to the audit log.
 */
import { AppError } from '../../shared/errors';
import type { AccountSummary } from '../../shared/model';
import type { AccountSource } from './accounts/account-source';
import type { CoreContext } from './context';
import { requireConfirmations } from './production-guard';
import type { AuditBook } from './sharing/audit-book';

/** Whether an account counts as production: its own flag, or its client's. */
function counts(source: AccountSource, own: boolean, clientId: string): boolean {
  return own || (source.registry.getClient(clientId)?.production ?? false);
}

/**
 * Before an account's own flag or client changes: when it would stop counting as production,
 * its name must have been typed.
 */
export function guardAccountChange(
  ctx: Pick<CoreContext, 'workspace'>,
  source: AccountSource,
  account: string,
  change: { production?: boolean | undefined; clientName?: string | undefined },
  confirmations: Record<string, string>,
): void {
  const record = source.registry.getAccount(account);
  if (!record) return;
  const before = counts(source, record.production, record.clientId);
  const target = change.clientName ? source.registry.findClient(change.clientName) : source.registry.getClient(record.clientId);
  const after = (change.production ?? record.production) || (target?.production ?? false);
  if (before && !after) requireConfirmations(ctx, [account], confirmations, 'no longer treating it as production');
}

/** Before a client's flag is cleared: the client's name must have been typed. */
export function guardClientChange(source: AccountSource, client: string, production: boolean | undefined, confirmations: Record<string, string>): void {
  const record = source.registry.getClient(client);
  if (!record || !record.production || production !== false) return;
  if (confirmations[client]?.trim() !== record.name) {
    throw new AppError({
      code: 'CONFIRMATION_REQUIRED',
      message: `${record.name} is a production client: type its name to confirm no longer treating its accounts as production.`,
      retryable: false,
    });
  }
}

/** Audits every account whose production status differs between two summaries of the workspace. */
export function auditProductionChanges(audit: AuditBook, source: AccountSource, before: readonly AccountSummary[], after: readonly AccountSummary[], why: string): void {
  const was = new Map(before.map((a) => [a.id, a.production]));
  for (const account of after) {
    const previous = was.get(account.id);
    if (previous === undefined || previous === account.production) continue;
    audit.logFor(source).append({
      action: account.production ? 'production-on' : 'production-off',
      account: account.id,
      accountName: account.name,
      awsAccountId: account.awsAccountId,
      region: '',
      imageId: '',
      imageName: '',
      added: [],
      removed: [],
      snapshotIds: [],
      outcome: 'ok',
      error: null,
      detail: why,
    });
  }
}
