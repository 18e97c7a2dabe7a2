/** Accounts as the page sees them: identity, their access paths and health — no secrets. */
import { actingPathOf, isUsable, pathName, principalOf } from '../../../shared/access-paths';
import type { AccessPathSummary, AccountHealth, AccountSummary, Client } from '../../../shared/model';
import type { HealthBook } from './health';
import type { AccountRecord, PathRecord } from './registry';

export interface SummaryInputs {
  accounts: AccountRecord[];
  paths: PathRecord[];
  clients: Client[];
  health: HealthBook;
  sessionExpiry(pathId: string): string | null;
  /** What the core last had to say about an account (a fallback to another path). */
  notice(accountId: string): string | null;
}

export function summarizeAccounts({ accounts, paths, clients, health, sessionExpiry, notice }: SummaryInputs): AccountSummary[] {
  const productionClients = new Set(clients.filter((c) => c.production).map((c) => c.id));
  const accountNames = new Map(accounts.map((a) => [a.id, a.name]));
  const byId = new Map(paths.map((p) => [p.id, p]));
  const byAccount = new Map<string, AccessPathSummary[]>();
  for (const path of paths) {
    const h = health.get(path.id);
    const summary: AccessPathSummary = {
      id: path.id,
      account: path.accountId,
      kind: path.kind,
      via: describeVia(path, byId, accountNames),
      label: path.label,
      arn: path.arn,
      principal: principalOf(path.arn),
      endpoint: path.endpoint,
      accessKeyId: path.accessKeyId,
      profileName: path.profileName,
      roleArn: path.roleArn,
      sourcePath: path.sourcePath,
      externalId: path.externalId,
      mfaSerial: path.mfaSerial,
      health: h?.state ?? (path.arn ? 'ok' : 'unknown'),
      healthMessage: h?.message ?? null,
      fix: h?.fix ?? null,
      sessionExpiresAt: sessionExpiry(path.id),
    };
    const list = byAccount.get(path.accountId);
    if (list) list.push(summary);
    else byAccount.set(path.accountId, [summary]);
  }

  return accounts.map((account) => {
    const own = byAccount.get(account.id) ?? [];
    const acting = actingPathOf(own, account.writePath);
    return {
      id: account.id,
      name: account.name,
      clientId: account.clientId,
      awsAccountId: account.awsAccountId,
      alias: account.alias,
      production: account.production || productionClients.has(account.clientId),
      defaultRegion: account.defaultRegion,
      favoriteRegions: account.favoriteRegions,
      endpoint: account.endpoint,
      paths: own,
      readPath: account.readPath,
      writePath: account.writePath,
      actingPath: acting?.id ?? null,
      ...accountHealth(own, account.readPath),
      notice: notice(account.id) ?? actingNotice(own, account.writePath, acting),
    };
  });
}

/** An account works while one of its paths does; otherwise it shows the fix of its preferred path. */
function accountHealth(paths: readonly AccessPathSummary[], readPath: string | null): Pick<AccountSummary, 'health' | 'healthMessage' | 'fix' | 'fixPath'> {
  if (paths.length === 0) {
    return { health: 'error', healthMessage: 'No access path reaches this account any more: add one in its settings.', fix: null, fixPath: null };
  }
  if (paths.some((p) => p.health === 'ok')) return { health: 'ok', healthMessage: null, fix: null, fixPath: null };
  if (paths.every((p) => p.health === 'unknown')) return { health: 'unknown', healthMessage: null, fix: null, fixPath: null };
  const failing = paths.filter((p) => !isUsable(p.health));
  // The preferred failing path: the read path, else one that needs the user (sign-in), else the first.
  const preferred = failing.find((p) => p.id === readPath) ?? failing.find((p) => p.health === 'needs-sign-in') ?? failing[0]!;
  const worst: AccountHealth = paths.some((p) => p.health === 'unknown') ? 'unknown' : preferred.health;
  return { health: worst, healthMessage: preferred.healthMessage, fix: preferred.fix, fixPath: preferred.id };
}

/** When changes go through another path than the chosen one, say so. */
function actingNotice(paths: readonly AccessPathSummary[], writePath: string | null, acting: AccessPathSummary | null): string | null {
  const chosen = paths.find((p) => p.id === writePath) ?? paths[0];
  if (!chosen || !acting || chosen.id === acting.id) return null;
  return `Changes go through ${pathName(acting)} while ${pathName(chosen)} ${chosen.health === 'needs-sign-in' ? 'needs sign-in' : 'fails'}.`;
}

/** "access key …WXYZ", "profile ci", "role Deploy from shared-services (ExternalId, MFA)". */
export function describeVia(path: PathRecord, paths: ReadonlyMap<string, PathRecord>, accountNames: ReadonlyMap<string, string>): string {
  const mfa = path.mfaSerial ? ' (MFA)' : '';
  switch (path.kind) {
    case 'access-key':
      return `access key …${(path.accessKeyId ?? '').slice(-4)}${mfa}`;
    case 'profile':
      return `profile ${path.profileName ?? '?'}`;
    case 'assume-role': {
      const role = path.roleArn?.split('/').pop() ?? '?';
      const conditions = [path.externalId ? 'ExternalId' : null, path.mfaSerial ? 'MFA' : null].filter(Boolean);
      const source = path.sourcePath ? paths.get(path.sourcePath) : undefined;
      const from = source ? (accountNames.get(source.accountId) ?? 'another account') : 'a missing source';
      return `role ${role} from ${from}${conditions.length ? ` (${conditions.join(', ')})` : ''}`;
    }
  }
}
