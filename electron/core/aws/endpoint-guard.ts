/**
 * The last check before an AWS client is made: an endpoint that reached the database before the
 * rules of shared/endpoint.ts (or by any other way) is refused here, naming the account, so no
 * signed request or credential ever goes to a link-local or metadata address or over plain http
 * to another machine.
 */
import { endpointProblem } from '../../../shared/endpoint';
import { AppError } from '../../../shared/errors';

export function assertSafeEndpoint(endpoint: string | null | undefined, owner: { accountName: string; accountId?: string } | null): void {
  if (!endpoint) return;
  const problem = endpointProblem(endpoint);
  if (!problem) return;
  throw new AppError({
    code: 'VALIDATION',
    message: owner ? `The endpoint of ${owner.accountName} is refused: ${problem} Set another endpoint for it.` : `Endpoint refused: ${problem}`,
    retryable: false,
    ...(owner ? { details: { accountName: owner.accountName, ...(owner.accountId ? { account: owner.accountId } : {}) } } : {}),
  });
}
