/**
 * Comparing a portal's directory with what the workspace has: the accounts × roles that are new
 * to the user are offered, the workspace's ways in that the portal no longer gives are flagged.
 * "New" means not seen when the user last added from the portal, not added since, and not
 * dismissed: an account the user chose not to add is not offered again on every look.
 */
import type { DirectoryAccount, SsoRemoved } from '../../../shared/contract';
import type { ProfileConfig } from '../accounts/profiles';
import type { AccountRegistry } from '../accounts/registry';
import { pairKey, type PairKey } from './portal-store';

/** Start URLs compare without a trailing slash (the portal's own links carry one, configs often not). */
export function sameStartUrl(a: string | undefined, b: string): boolean {
  return a !== undefined && a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** The workspace's access paths that are SSO profiles of this portal, with the account × role each reaches. */
export function portalPaths(startUrl: string, registry: AccountRegistry, config: ProfileConfig): SsoRemoved[] {
  const found: SsoRemoved[] = [];
  for (const path of registry.listPaths()) {
    if (path.kind !== 'profile' || !path.profileName) continue;
    const section = config.profiles[path.profileName];
    const awsAccountId = section?.sso_account_id;
    const role = section?.sso_role_name;
    if (!section || !awsAccountId || !role) continue;
    const url = section.sso_session ? config.ssoSessions[section.sso_session]?.sso_start_url : section.sso_start_url;
    if (!sameStartUrl(url, startUrl)) continue;
    found.push({ awsAccountId, role, account: path.accountId, accountName: path.accountName, path: path.id, profileName: path.profileName });
  }
  return found;
}

export interface PortalComparison {
  offered: DirectoryAccount[];
  removed: SsoRemoved[];
}

export function comparePortal(
  directory: readonly DirectoryAccount[],
  has: readonly SsoRemoved[],
  known: { seen: ReadonlySet<PairKey>; dismissedOffers: ReadonlySet<PairKey>; keptRemovals: ReadonlySet<PairKey> },
): PortalComparison {
  const inWorkspace = new Set(has.map((p) => pairKey(p.awsAccountId, p.role)));
  const inPortal = new Set(directory.flatMap((a) => a.roles.map((role) => pairKey(a.awsAccountId, role))));
  const offered = directory.flatMap((account) => {
    const roles = account.roles.filter((role) => {
      const key = pairKey(account.awsAccountId, role);
      return !known.seen.has(key) && !known.dismissedOffers.has(key) && !inWorkspace.has(key);
    });
    return roles.length > 0 ? [{ ...account, roles }] : [];
  });
  const removed = has.filter((p) => {
    const key = pairKey(p.awsAccountId, p.role);
    return !inPortal.has(key) && !known.keptRemovals.has(key);
  });
  return { offered, removed };
}
