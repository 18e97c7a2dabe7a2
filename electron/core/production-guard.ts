/**
 * The production guard, enforced in the core: a change to a production account (its own flag,
 * or its client's) needs the account's name typed by the user. The page asks for it; the core
 * refuses without it, so no caller can skip the question.
 */
import { AppError } from '../../shared/errors';
import type { CoreContext } from './context';

/** Production accounts among these, as the confirm sheet lists them. */
export function productionAccounts(ctx: Pick<CoreContext, 'workspace'>, accounts: Iterable<string>): Array<{ account: string; name: string }> {
  const wanted = new Set(accounts);
  return ctx
    .workspace()
    .accounts.filter((a) => a.production && wanted.has(a.id))
    .map((a) => ({ account: a.id, name: a.name }));
}

export function requireConfirmations(ctx: Pick<CoreContext, 'workspace'>, accounts: Iterable<string>, confirmations: Record<string, string>, what: string): void {
  for (const { account, name } of productionAccounts(ctx, accounts)) {
    if (confirmations[account]?.trim() !== name) {
      throw new AppError({
        code: 'CONFIRMATION_REQUIRED',
        message: `${name} is a production account: type its name to confirm ${what}.`,
        retryable: false,
        details: { account },
      });
    }
  }
}
