/**
 * Which AWS organization each account belongs to (organizations:DescribeOrganization, which a
 * member account may call), so the share matrix can say an AMI reaches an account through its
 * organization. Read once per account and session; an account that is in no organization, may
 * not ask, or cannot be reached (offline) is simply unknown — never an error in the matrix.
 */
import { DescribeOrganizationCommand } from '@aws-sdk/client-organizations';
import type { CoreContext } from '../context';

export class OrganizationBook {
  private readonly known = new Map<string, Promise<string | null>>();

  constructor(
    private readonly aws: Pick<CoreContext, 'read' | 'pool'>,
    private readonly accounts: Pick<CoreContext, 'find'>,
  ) {}

  /** The organization ARN of one account, or null when unknown. */
  organizationOf(accountId: string): Promise<string | null> {
    let pending = this.known.get(accountId);
    if (!pending) {
      pending = this.read(accountId);
      this.known.set(accountId, pending);
    }
    return pending;
  }

  private async read(accountId: string): Promise<string | null> {
    if (!this.accounts.find(accountId)) return null;
    try {
      const out = await this.aws.read(accountId, 'us-east-1', 'organizations:DescribeOrganization', (path) =>
        this.aws.pool.organizations(path).send(new DescribeOrganizationCommand({})),
      );
      return out.Organization?.Arn ?? null;
    } catch {
      // Not in an organization, not allowed to ask, or offline: unknown. Forget it, so a later
      // matrix (back online, permission granted) asks again.
      this.known.delete(accountId);
      return null;
    }
  }
}
