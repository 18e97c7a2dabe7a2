/**
 * The portals a discovery dialog works with: one per start URL, each followed from its form to
 * its directory (through the device sign-in when the cached token is missing or expired).
 */
import type { DirectoryAccount, SsoSessionInfo } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import type { SsoSignInStart } from '../../../shared/model';

export interface PortalSettings {
  startUrl: string;
  ssoRegion: string;
  /** The `[sso-session]` the token and the profiles share. */
  sessionName: string;
  endpoint: string | null;
  /** Where its accounts go unless a row says otherwise. */
  clientName: string;
}

export type PortalPhase = 'reading' | 'signing-in' | 'ready' | 'failed';

export interface PortalState extends PortalSettings {
  phase: PortalPhase;
  start: SsoSignInStart | null;
  accounts: DirectoryAccount[];
  error: AppError | null;
}

/** "my-org" of https://my-org.awsapps.com/start; the host otherwise. */
export function portalLabel(startUrl: string): string {
  try {
    const host = new URL(startUrl).hostname;
    return host.endsWith('.awsapps.com') ? host.slice(0, -'.awsapps.com'.length) : host;
  } catch {
    return startUrl;
  }
}

/**
 * The sso-session name for a start URL: the config's own session for it when there is one,
 * else one made from the portal's name that no other session of the config uses.
 */
export function sessionNameFor(startUrl: string, sessions: readonly SsoSessionInfo[]): string {
  const same = sessions.find((s) => sameUrl(s.startUrl, startUrl));
  if (same) return same.name;
  const base = portalLabel(startUrl).replace(/[^\w.-]+/g, '-').slice(0, 60) || 'sso';
  const taken = new Set(sessions.map((s) => s.name));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

export function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** The role reads go through by default: a read-only one when the portal offers it. */
export function defaultReadRole(roles: readonly string[]): string {
  return roles.find((r) => /read.?only|viewonly|readonly/i.test(r)) ?? roles.find((r) => /read|view/i.test(r)) ?? roles[0] ?? '';
}

/** Does an account match the filter text (name, email, id with or without dashes, a role)? */
export function matchesFilter(account: DirectoryAccount, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = [account.accountName, account.email, account.awsAccountId, ...account.roles, account.inWorkspace?.accountName ?? ''].join(' ').toLowerCase();
  return words.every((w) => text.includes(w) || (/^[\d\s-]+$/.test(w) && account.awsAccountId.includes(w.replace(/\D/g, ''))));
}
