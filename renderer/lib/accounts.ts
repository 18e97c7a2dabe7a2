/** Words and small decisions about accounts and their access paths that several views share. Pure. */
import type { AccessPathKind, AccessPathSummary, AccountFix, AccountHealth, AccountSummary, Client, ProfileInfo, Workspace } from '../../shared/model';

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
  'fix-source': 'Go to the source account',
  'edit-profile': 'How to fix',
  retry: 'Retry',
};

export const KIND_LABEL: Record<AccessPathKind, string> = {
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

/** The account a path belongs to, and the path, by the path's id. */
export function findPath(workspace: Workspace | null, pathId: string | null | undefined): { account: AccountSummary; path: AccessPathSummary } | null {
  if (!workspace || !pathId) return null;
  for (const account of workspace.accounts) {
    const path = account.paths.find((p) => p.id === pathId);
    if (path) return { account, path };
  }
  return null;
}

/** An account summary from what a plan or result names (the workspace copy may be stale or gone). */
export function placeholderAccount(fields: Pick<AccountSummary, 'id' | 'name'> & Partial<AccountSummary>): AccountSummary {
  return {
    clientId: '',
    awsAccountId: null,
    alias: null,
    production: false,
    defaultRegion: 'us-east-1',
    favoriteRegions: [],
    endpoint: null,
    paths: [],
    readPath: null,
    writePath: null,
    actingPath: null,
    health: 'unknown',
    healthMessage: null,
    fix: null,
    fixPath: null,
    notice: null,
    ...fields,
  };
}

/** "2 access paths" / "profile acme-admin": how an account is reached, in a few words. */
export function pathsInWords(account: Pick<AccountSummary, 'paths'>): string {
  if (account.paths.length === 0) return 'no access path';
  if (account.paths.length === 1) return account.paths[0]!.label ?? account.paths[0]!.via;
  return `${account.paths.length} access paths`;
}

/** The path the account's fix is for (its failing preferred path). */
export function fixPathOf(account: AccountSummary): AccessPathSummary | null {
  return account.paths.find((p) => p.id === account.fixPath) ?? null;
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

type GuessedProfile = Pick<ProfileInfo, 'name' | 'chain' | 'ssoStartUrl' | 'expectedAccountId'>;

interface GuessContext {
  clients: readonly Pick<Client, 'id' | 'name'>[];
  accounts: readonly Pick<AccountSummary, 'awsAccountId' | 'clientId'>[];
}

/**
 * A client for each profile of an import, by profile name. An account id says more than a name:
 * a profile that reaches an account the workspace has gets that account's client, and profiles
 * that reach one account share one client (they become ways into one account) — the one the user
 * typed for one of them (`chosen`), else the one their names point to most (the first on a tie).
 * Names decide alone only for a profile whose account is not known before a call (a key pair).
 */
export function guessClientNames(profiles: readonly GuessedProfile[], context: GuessContext, chosen: ReadonlyMap<string, string> = new Map()): Map<string, string | null> {
  const byName = new Map(profiles.map((p) => [p.name, guessClientName(p, context.clients)]));
  const clientNameById = new Map(context.clients.map((c) => [c.id, c.name]));
  const clientIdByAwsId = new Map(context.accounts.flatMap((a) => (a.awsAccountId ? [[a.awsAccountId, a.clientId] as const] : [])));
  const groups = new Map<string, GuessedProfile[]>();
  for (const p of profiles) {
    if (p.expectedAccountId) groups.set(p.expectedAccountId, [...(groups.get(p.expectedAccountId) ?? []), p]);
  }
  const byAccount = new Map<string, string | null>();
  for (const [awsAccountId, members] of groups) {
    const clientId = clientIdByAwsId.get(awsAccountId);
    const known = clientId !== undefined ? clientNameById.get(clientId) : undefined;
    if (known) {
      byAccount.set(awsAccountId, known);
      continue;
    }
    const typed = members.map((m) => chosen.get(m.name)?.trim()).find((c) => !!c);
    if (typed) {
      byAccount.set(awsAccountId, typed);
      continue;
    }
    const votes = new Map<string, number>();
    for (const m of members) {
      const guess = byName.get(m.name);
      if (guess) votes.set(guess, (votes.get(guess) ?? 0) + 1);
    }
    // Map order is first-seen order, so a tie goes to the first profile's guess.
    let best: string | null = null;
    for (const [name, count] of votes) if (best === null || count > votes.get(best)!) best = name;
    byAccount.set(awsAccountId, best);
  }
  return new Map(profiles.map((p) => [p.name, (p.expectedAccountId ? byAccount.get(p.expectedAccountId) : null) ?? byName.get(p.name) ?? null]));
}

/**
 * Profiles named like production ("acme-prod", "production", "prd-eu") start ticked as
 * production. Guessing errs towards more confirmation, never less; the user can untick.
 */
export function looksLikeProduction(name: string): boolean {
  return /(^|[^a-z])(prod|production|prd)([^a-z]|$)/i.test(name);
}

export function isImportable(profile: Pick<ProfileInfo, 'problem' | 'imported' | 'kind'>): boolean {
  return !profile.problem && !profile.imported && profile.kind !== 'unsupported';
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
