/** Who a path's credentials belong to: STS for the account and ARN, IAM for the alias. */
import { ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { AppError } from '../../../shared/errors';
import type { ClientPool } from '../aws/client-pool';
import type { PathRecord } from './registry';

/** STS is global, but signing needs a region; this one is enabled in every account. */
export const IDENTITY_REGION = 'us-east-1';

export interface Identity {
  awsAccountId: string;
  arn: string;
  alias: string | null;
}

export async function readIdentity(pool: ClientPool, path: PathRecord): Promise<Identity> {
  const out = await pool.sts(path, IDENTITY_REGION).send(new GetCallerIdentityCommand({}));
  if (!out.Account || !out.Arn) throw new AppError({ code: 'AWS_ERROR', message: 'STS answered without an account id.', retryable: true });
  return { awsAccountId: out.Account, arn: out.Arn, alias: await readAlias(pool, path) };
}

/**
 * The alias is a nicety: many roles may not call iam:ListAccountAliases, and that must not
 * make the account look broken. Only a denial is tolerated; anything else surfaces.
 */
async function readAlias(pool: ClientPool, path: PathRecord): Promise<string | null> {
  try {
    const out = await pool.iam(path).send(new ListAccountAliasesCommand({}));
    return out.AccountAliases?.[0] ?? null;
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation'].includes(name)) return null;
    throw error;
  }
}
