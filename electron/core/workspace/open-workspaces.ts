/**
 * The workspaces the core holds: the user's own, and the demo's while its world runs. Only one is
 * open (shown, scanned); the other's copies and builds go on in the background, so lookups by id
 * search both (ids are unique across them).
 */
import { AppError } from '../../../shared/errors';
import type { AccountSource } from '../accounts/account-source';
import type { GuardedSecretStore } from '../accounts/guarded-secret-store';
import { notInWorkspace, type DemoSource, type Located, type LocatedPath } from '../context';

export type UserSource = AccountSource & { secrets: GuardedSecretStore };

export class OpenWorkspaces {
  private demoSource: DemoSource | null = null;
  // The demo is a workspace of its own: while it is open, its accounts are the ones shown.
  private demoOpen = false;

  constructor(readonly user: UserSource) {}

  /** The demo workspace while its world runs (open or not). */
  get demo(): DemoSource | null {
    return this.demoSource;
  }

  /** The workspace the user has open: its accounts are the ones listed, scanned and shown. */
  active(): AccountSource {
    return this.demoOpen && this.demoSource ? this.demoSource : this.user;
  }

  sources(): AccountSource[] {
    return this.demoSource ? [this.user, this.demoSource] : [this.user];
  }

  /** The demo's world runs from now on (not shown until `showDemo`). */
  addDemo(source: DemoSource): void {
    this.demoSource = source;
  }

  showDemo(): void {
    this.demoOpen = true;
  }

  /** Back to the user's own workspace; the demo's source is handed back for closing. */
  dropDemo(): DemoSource | null {
    const closing = this.demoSource;
    this.demoOpen = false;
    this.demoSource = null;
    return closing;
  }

  find(accountId: string): Located | null {
    for (const source of this.sources()) {
      const account = source.registry.getAccount(accountId);
      if (account) return { source, account };
    }
    return null;
  }

  require(accountId: string): Located {
    const located = this.find(accountId);
    if (!located) throw notInWorkspace(accountId);
    return located;
  }

  findPath(pathId: string): LocatedPath | null {
    for (const source of this.sources()) {
      const path = source.registry.getPath(pathId);
      if (path) return { source, path };
    }
    return null;
  }

  requirePath(pathId: string): LocatedPath {
    const located = this.findPath(pathId);
    if (!located) throw new AppError({ code: 'ACCOUNT_NOT_FOUND', message: 'That access path is no longer in the workspace.', retryable: false });
    return located;
  }

  /** Our name for a 12-digit account id, when it is one of the open workspace's accounts. */
  knownAs(awsAccountId: string): string | null {
    return this.active().registry.listAccounts().find((a) => a.awsAccountId === awsAccountId)?.name ?? null;
  }
}
