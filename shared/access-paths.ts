/**
 * Access paths as people read them: what a path is called, who acts through it, and which path
 * a read or a change of an account goes through. Main decides with these functions and the page
 * shows with them, so a change sheet names the same path the core then uses.
 */
import type { AccessPathSummary, AccountHealth, AccountSummary } from './model';

/** "user/alice", "role/ReadOnly", "root" from an STS caller ARN; null when unknown. */
export function principalOf(arn: string | null): string | null {
  if (!arn) return null;
  const resource = arn.split(':').slice(5).join(':');
  if (!resource) return null;
  if (resource === 'root') return 'root';
  const assumed = /^assumed-role\/([^/]+)\//.exec(resource);
  if (assumed) return `role/${assumed[1]}`;
  const federated = /^federated-user\/(.+)$/.exec(resource);
  if (federated) return `federated-user/${federated[1]}`;
  const parts = resource.split('/');
  // user/path/name → user/name: the path is rarely what people recognise.
  return parts.length > 2 ? `${parts[0]}/${parts.at(-1)}` : resource;
}

/** What people call a path: the name they gave it, else how it reaches the account. */
export function pathName(path: Pick<AccessPathSummary, 'label' | 'via'>): string {
  return path.label ?? path.via;
}

/** Paths that worked last time, or were not tried yet: usable without the user doing anything first. */
export function isUsable(health: AccountHealth): boolean {
  return health === 'ok' || health === 'unknown';
}

/**
 * The order reads try an account's paths in: the read path first, then the others, each group
 * with working paths before untried ones and failing ones last (they may have recovered).
 */
export function readOrder<P extends Pick<AccessPathSummary, 'id' | 'health'>>(paths: readonly P[], readPath: string | null): P[] {
  const rank = (p: P) => (p.health === 'ok' ? 0 : p.health === 'unknown' ? 1 : 2);
  return [...paths].sort((a, b) => {
    const ra = rank(a) * 2 + (a.id === readPath ? 0 : 1);
    const rb = rank(b) * 2 + (b.id === readPath ? 0 : 1);
    return ra - rb;
  });
}

/**
 * The path changes go through: the write path the user chose (else the first path), unless it
 * is failing while another path works; then that one, which every change sheet names.
 */
export function actingPathOf<P extends Pick<AccessPathSummary, 'id' | 'health'>>(paths: readonly P[], writePath: string | null): P | null {
  const chosen = paths.find((p) => p.id === writePath) ?? paths[0] ?? null;
  if (!chosen || isUsable(chosen.health)) return chosen;
  return paths.find((p) => p.health === 'ok') ?? paths.find((p) => isUsable(p.health)) ?? chosen;
}

/** The acting path of a summarised account, or null when it has none. */
export function actingPath(account: Pick<AccountSummary, 'paths' | 'actingPath'>): AccessPathSummary | null {
  return account.paths.find((p) => p.id === account.actingPath) ?? null;
}
