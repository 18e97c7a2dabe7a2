/** Words and small decisions about account entries that several views share. Pure. */
import type { AccountFix, AccountHealth, AccountKind, AccountSummary, Client, ProfileInfo, Workspace } from '../../shared/model';

export const HEALTH_WORDING: Record<AccountHealth, string> = {
  ok: 'Credentials work',
  'needs-sign-in': 'Needs sign-in',
  error: 'Needs attention',
  unknown: 'Not checked yet',
};

/** The one button offered for each fix. */
export const FIX_LABEL: Record<AccountFix, string> = {
  'sso-sign-in': 'Sign in with AWS SSO',
  'enter-mfa': 'Enter MFA code',
  'update-keys': 'Update access key',
  'fix-source': 'Go to source account',
  'edit-profile': 'How to fix',
  retry: 'Retry',
};

export const KIND_LABEL: Record<AccountKind, string> = {
  'access-key': 'Access key',
  profile: 'AWS CLI profile',
  'assume-role': 'Role',
};

export const PROFILE_KIND_LABEL: Record<ProfileInfo['kind'], string> = {
  static: 'Access key',
  'assume-role': 'Role',
  sso: 'SSO',
  process: 'Process',
  unsupported: 'Unsupported',
};

/** Names of the other entries that reach the same AWS account (ids the workspace no longer has are shown as they are). */
export function sameAccountNames(workspace: Workspace | null, account: AccountSummary): string[] {
  if (account.sameAccountAs.length === 0) return [];
  const names = new Map(workspace?.accounts.map((a) => [a.id, a.name]));
  return account.sameAccountAs.map((id) => names.get(id) ?? id);
}

export function accountName(workspace: Workspace | null, id: string | null | undefined): string | null {
  if (!workspace || !id) return null;
  return workspace.accounts.find((a) => a.id === id)?.name ?? null;
}

const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * A client for an imported profile, guessed from existing clients only: the longest client name
 * that appears as whole words in the profile's name, chain or SSO start URL. Never invents one.
 */
export function guessClientName(profile: Pick<ProfileInfo, 'name' | 'chain' | 'ssoStartUrl'>, clients: readonly Pick<Client, 'name'>[]): string | null {
  const haystack = ` ${normalise([profile.name, ...profile.chain, profile.ssoStartUrl ?? ''].join(' '))} `;
  let best: string | null = null;
  for (const client of clients) {
    const needle = normalise(client.name);
    if (!needle || !haystack.includes(` ${needle} `)) continue;
    if (!best || needle.length > normalise(best).length) best = client.name;
  }
  return best;
}

/**
 * Profiles named like production ("acme-prod", "production", "prd-eu") start ticked as
 * production. Guessing errs towards more confirmation, never less; the user can untick.
 */
export function looksLikeProduction(name: string): boolean {
  return /(^|[^a-z])(prod|production|prd)([^a-z]|$)/i.test(name);
}

export function isImportable(profile: Pick<ProfileInfo, 'problem' | 'importedAs' | 'kind'>): boolean {
  return !profile.problem && !profile.importedAs && profile.kind !== 'unsupported';
}

/**
 * VALIDATION issues of a list input ("profiles.3.name: too long") by row and field, so each
 * message sits next to its input. Issues that name no row are returned under row -1.
 */
export function issuesByRow(issues: readonly string[] | undefined, list: string): Map<number, Record<string, string[]>> {
  const out = new Map<number, Record<string, string[]>>();
  const pattern = new RegExp(`^\\s*${list}\\.(\\d+)\\.?([A-Za-z0-9_]*)\\s*:\\s*(.*)$`, 's');
  for (const issue of issues ?? []) {
    const m = pattern.exec(issue);
    const row = m ? Number(m[1]) : -1;
    const field = m?.[2] ?? '';
    const text = m ? (m[3] ?? issue) : issue;
    const fields = out.get(row) ?? {};
    (fields[field] ??= []).push(text);
    out.set(row, fields);
  }
  return out;
}
