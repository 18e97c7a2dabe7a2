/**
 * How AWS work reaches an account: through which path, with what health kept and what said.
 *
 * - Every path is verified once per run before its first use (GetCallerIdentity), so a profile
 *   edited since — now reaching another account — is attached to the account it reaches before
 *   anything it reads is stored under the old one.
 * - Reads try the account's paths in read order; a path whose credentials fail, whose principal
 *   is denied the action, or that turned out to reach another account gives way to the next one,
 *   and the account says which path read instead.
 * - Changes go through the acting path alone (the write path, or the one the change sheet named
 *   while the write path fails).
 */
import { actingPathOf, pathName, principalOf, readOrder } from '../../../shared/access-paths';
import { AppError } from '../../../shared/errors';
import type { AccountHealth } from '../../../shared/model';
import type { ClientPool } from '../aws/client-pool';
import type { CredentialResolver } from '../credentials/resolver';
import { noPathError, notInWorkspace, placeError, type Located, type LocatedPath } from '../context';
import { attachPath, type Attached } from './attach';
import type { HealthBook } from './health';
import { IDENTITY_REGION, readIdentity } from './identity';
import type { AccountRecord, PathRecord } from './registry';

/** AWS's ways of saying "these temporary credentials have expired". */
const EXPIRED = new Set(['RequestExpired', 'ExpiredToken', 'ExpiredTokenException']);
/** Errors saying the path reaches another account than the one asked for. */
const MOVED = new WeakSet<AppError>();

export interface AccessDeps {
  find(accountId: string): Located | null;
  findPath(pathId: string): LocatedPath | null;
  pool: ClientPool;
  resolver: CredentialResolver;
  health: HealthBook;
  /**
   * For a profile path, the endpoint its profile gives now (or the one a command line imposes);
   * undefined for other paths. Read at each verification, so an edited endpoint_url is followed.
   */
  profileEndpoint(path: PathRecord): Promise<string | null | undefined>;
  /** Something the user should see changed (health, a notice, a path moved). */
  changed(): void;
}

export class AccountAccess {
  /** Paths verified during this run. */
  private readonly verified = new Set<string>();
  private readonly verifying = new Map<string, Promise<Attached>>();
  private readonly notices = new Map<string, string>();

  constructor(private readonly deps: AccessDeps) {}

  notice(accountId: string): string | null {
    return this.notices.get(accountId) ?? null;
  }

  /** A path's health as reads order it. */
  healthOf(path: PathRecord): AccountHealth {
    return this.deps.health.get(path.id)?.state ?? (path.arn ? 'ok' : 'unknown');
  }

  actingPath(located: Located): PathRecord | null {
    const paths = located.source.registry.pathsOf(located.account.id);
    const acting = actingPathOf(
      paths.map((p) => ({ id: p.id, health: this.healthOf(p) })),
      located.account.writePath,
    );
    return acting ? (paths.find((p) => p.id === acting.id) ?? null) : null;
  }

  /** Reads GetCallerIdentity through the path and attaches it to the account it reaches. */
  verify(pathId: string): Promise<Attached> {
    let pending = this.verifying.get(pathId);
    if (!pending) {
      pending = this.followEndpoint(pathId).then(() => this.run(pathId, IDENTITY_REGION, 'sts:GetCallerIdentity', async (path) => {
        const identity = await readIdentity(this.deps.pool, path);
        const { source } = this.requirePath(pathId);
        const attached = attachPath(source.registry, path, identity);
        this.verified.add(pathId);
        if (attached.movedFrom) {
          const was = attached.movedFrom;
          this.setNotice(was.id, `${pathName({ label: path.label, via: viaOf(path) })} now reaches ${attached.account.name} (${identity.awsAccountId}); nothing reads ${was.name} through it any more.`);
          this.setNotice(attached.account.id, `${pathName({ label: path.label, via: viaOf(path) })} reached ${was.name}${was.awsAccountId ? ` (${was.awsAccountId})` : ''} before; it reaches this account now.`);
        }
        this.deps.changed();
        return attached;
      })).finally(() => this.verifying.delete(pathId));
      this.verifying.set(pathId, pending);
    }
    return pending;
  }

  /**
   * A profile whose endpoint_url changed reaches another world: the path takes the new endpoint
   * before it is verified, so it is attached to the account at that endpoint (an account is keyed
   * by its id and endpoint), never read under the old one.
   */
  private async followEndpoint(pathId: string): Promise<void> {
    const { source, path } = this.requirePath(pathId);
    const endpoint = await this.deps.profileEndpoint(path).catch(() => undefined);
    if (endpoint === undefined || endpoint === path.endpoint) return;
    source.registry.updatePath(pathId, { endpoint });
    this.deps.resolver.invalidate(pathId);
    this.deps.pool.invalidate(pathId);
  }

  /** Forgets that the path was verified (its credentials or settings changed). */
  unverify(pathId: string): void {
    this.verified.delete(pathId);
  }

  async withPath<T>(pathId: string, region: string, action: string, work: (path: PathRecord) => Promise<T>, expectAccount?: string): Promise<T> {
    if (!this.verified.has(pathId)) {
      const attached = await this.verify(pathId);
      if (expectAccount && attached.account.id !== expectAccount) throw this.elsewhere(pathId, attached.account);
    }
    return this.run(pathId, region, action, work);
  }

  async read<T>(accountId: string, region: string, action: string, work: (path: PathRecord) => Promise<T>): Promise<T> {
    const located = this.require(accountId);
    const paths = located.source.registry.pathsOf(accountId);
    if (paths.length === 0) throw noPathError(located.account);
    const ordered = readOrder(
      paths.map((p) => ({ id: p.id, health: this.healthOf(p), path: p })),
      located.account.readPath,
    ).map((o) => o.path);
    const preferred = paths.find((p) => p.id === located.account.readPath) ?? paths[0]!;
    const passedOver: string[] = [];
    let first: AppError | null = null;
    for (const path of ordered) {
      try {
        const result = await this.withPath(path.id, region, action, work, accountId);
        if (path.id === preferred.id) this.setNotice(accountId, null);
        else if (passedOver.length > 0 || !this.isPreferredUsable(preferred)) {
          const why = passedOver.length > 0 ? passedOver.join('; ') : `${nameOf(preferred)} ${describeHealth(this.healthOf(preferred))}`;
          this.setNotice(accountId, `Read through ${nameOf(path)}: ${why}.`);
        }
        return result;
      } catch (error) {
        const appError = error instanceof AppError ? error : placeError(error, path, region, action);
        if (!givesWay(appError)) throw appError;
        first ??= appError;
        passedOver.push(`${nameOf(path)} ${appError.code === 'ACCESS_DENIED' ? `may not call ${action}` : MOVED.has(appError) ? 'reaches another account' : 'needs sign-in'}`);
      }
    }
    throw first ?? noPathError(located.account);
  }

  async write<T>(accountId: string, region: string, action: string, work: (path: PathRecord) => Promise<T>): Promise<T> {
    const located = this.require(accountId);
    const path = this.actingPath(located);
    if (!path) throw noPathError(located.account);
    return this.withPath(path.id, region, action, work, accountId);
  }

  private isPreferredUsable(path: PathRecord): boolean {
    const h = this.healthOf(path);
    return h === 'ok' || h === 'unknown';
  }

  private setNotice(accountId: string, text: string | null): void {
    const before = this.notices.get(accountId) ?? null;
    if (before === text) return;
    if (text === null) this.notices.delete(accountId);
    else this.notices.set(accountId, text);
    this.deps.changed();
  }

  /** One path's work: health recorded, the place named on failure, expired temporary credentials renewed once. */
  private async run<T>(pathId: string, region: string, action: string, work: (path: PathRecord) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const { path } = this.requirePath(pathId);
      try {
        const result = await work(path);
        this.deps.health.ok(path.id);
        return result;
      } catch (error) {
        const appError = placeError(error, path, region, action);
        if (appError.code === 'AUTH_FAILED') {
          // Rejected credentials are never handed out again; temporary ones that AWS says have
          // expired are simply made anew, once, without bothering the user.
          this.deps.resolver.invalidate(path.id);
          this.deps.pool.invalidate(path.id);
          if (attempt === 1 && EXPIRED.has(appError.details?.awsCode ?? '')) continue;
        }
        this.deps.health.failed(path, appError);
        throw appError;
      }
    }
  }

  private require(accountId: string): Located {
    const located = this.deps.find(accountId);
    if (!located) throw notInWorkspace(accountId);
    return located;
  }

  private requirePath(pathId: string): LocatedPath {
    const located = this.deps.findPath(pathId);
    if (!located) {
      throw new AppError({ code: 'ACCOUNT_NOT_FOUND', message: 'That access path is no longer in the workspace.', retryable: false, details: { path: pathId } });
    }
    return located;
  }

  private elsewhere(pathId: string, reached: AccountRecord): AppError {
    const { path } = this.requirePath(pathId);
    const error = new AppError({
      code: 'CONFLICT',
      message: `${nameOf(path)} reaches ${reached.name}${reached.awsAccountId ? ` (${reached.awsAccountId})` : ''} now, so it was moved there.`,
      retryable: true,
      details: { account: reached.id, accountName: reached.name, path: pathId },
    });
    MOVED.add(error);
    return error;
  }
}

/** Failures after which a read tries the account's next path. */
function givesWay(error: AppError): boolean {
  return error.code === 'AUTH_FAILED' || error.code === 'ACCESS_DENIED' || MOVED.has(error);
}

function describeHealth(health: AccountHealth): string {
  return health === 'needs-sign-in' ? 'needs sign-in' : health === 'error' ? 'cannot be reached' : 'was not tried';
}

/** A short description of a path for messages (the full one, with its source, is in the summary). */
export function viaOf(path: Pick<PathRecord, 'kind' | 'accessKeyId' | 'profileName' | 'roleArn'>): string {
  switch (path.kind) {
    case 'access-key':
      return `access key …${(path.accessKeyId ?? '').slice(-4)}`;
    case 'profile':
      return `profile ${path.profileName ?? '?'}`;
    case 'assume-role':
      return `role ${path.roleArn?.split('/').pop() ?? '?'}`;
  }
}

export function nameOf(path: PathRecord): string {
  return pathName({ label: path.label, via: viaOf(path) });
}

/** Who acted, for the audit log: the path by name and its principal. */
export function actorOf(path: PathRecord): { via: string; principal: string | null } {
  return { via: nameOf(path), principal: principalOf(path.arn) };
}
