/**
 * A path belongs to the account its caller identity reports. When STS names the account, the
 * path is attached to it: a placeholder account (identity not known yet) takes the id, or gives
 * way to the account that already has it; a path that now reaches another account than before
 * (its profile was edited) moves there, and both accounts say so — an account never silently
 * becomes another.
 */
import type { Database } from '../db/database';
import type { Identity } from './identity';
import type { AccountRecord, AccountRegistry, PathRecord } from './registry';

export interface Attached {
  account: AccountRecord;
  /** The account the path was attached to before, when it moved (a placeholder that went is not named). */
  movedFrom: AccountRecord | null;
  /** A placeholder account that gave way to the existing account. */
  merged: boolean;
}

/** Whether anything was recorded under the account (inventory, jobs, runs, audit entries). */
export function hasHistory(db: Database, accountId: string): boolean {
  const row = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM inventory_targets WHERE account = ?1) OR EXISTS (SELECT 1 FROM audit_log WHERE account = ?1)
         OR EXISTS (SELECT 1 FROM jobs WHERE dest_account = ?1 OR source_account = ?1) OR EXISTS (SELECT 1 FROM builder_runs WHERE account = ?1) AS used`,
    )
    .get(accountId) as { used: number };
  return row.used === 1;
}

export function attachPath(registry: AccountRegistry, path: PathRecord, identity: Identity): Attached {
  registry.setPathIdentity(path.id, { arn: identity.arn, awsAccountId: identity.awsAccountId });
  const current = registry.getAccount(path.accountId);
  if (!current) throw new Error(`The account of path ${path.id} is gone.`);
  // The same 12-digit id behind another endpoint is another world's account: not this one.
  if (current.awsAccountId === identity.awsAccountId && (current.endpoint ?? null) === (path.endpoint ?? null)) {
    registry.setAccountIdentity(current.id, { awsAccountId: identity.awsAccountId, alias: identity.alias });
    return { account: registry.getAccount(current.id)!, movedFrom: null, merged: false };
  }
  const existing = registry.findByIdentity(identity.awsAccountId, path.endpoint);
  if (current.awsAccountId === null && !existing) {
    registry.setAccountIdentity(current.id, { awsAccountId: identity.awsAccountId, alias: identity.alias });
    return { account: registry.getAccount(current.id)!, movedFrom: null, merged: false };
  }
  const target =
    existing ??
    registry.addAccount({
      // Named by what AWS says until the user names it: the alias, else the 12-digit id.
      name: identity.alias ?? `AWS account ${identity.awsAccountId}`,
      clientId: current.clientId,
      awsAccountId: identity.awsAccountId,
      endpoint: path.endpoint,
      defaultRegion: current.defaultRegion,
      alias: identity.alias,
    });
  if (existing && identity.alias !== null) registry.setAccountIdentity(existing.id, { awsAccountId: identity.awsAccountId, alias: identity.alias });
  registry.movePath(path.id, target.id);
  // A placeholder or an account made a moment ago for this path goes when nothing else uses it.
  if (registry.pathsOf(current.id).length === 0 && !hasHistory(registry.db, current.id)) {
    registry.removeAccount(current.id);
    return { account: registry.getAccount(target.id)!, movedFrom: current.awsAccountId === null ? null : current, merged: current.awsAccountId === null };
  }
  return { account: registry.getAccount(target.id)!, movedFrom: current, merged: false };
}
