/**
 * Builds what the services work with: the open workspaces, credentials (MFA, SSO, keychain),
 * AWS clients, account health and access, the workspace view — and the `CoreContext` that hands
 * each service the parts it names.
 */
import { AppError } from '../../shared/errors';
import type { Database } from './db/database';
import { AccountRegistry, secretKeyFor } from './accounts/registry';
import { GuardedSecretStore, type ProbingSecretStore } from './accounts/guarded-secret-store';
import { KeychainDeletions } from './accounts/keychain-deletions';
import { HealthBook } from './accounts/health';
import { MfaBroker } from './accounts/mfa-broker';
import { describeProfile, loadProfileConfig, type ProfileFiles } from './accounts/profiles';
import { AccountAccess, viaOf } from './accounts/access';
import { ClientPool } from './aws/client-pool';
import { CredentialResolver } from './credentials/resolver';
import type { CoreContext } from './context';
import type { EventSink } from './events';
import { OpenWorkspaces } from './workspace/open-workspaces';
import { WorkspaceView } from './workspace/view';

export interface ContextOptions {
  userDb: Database;
  secrets: ProbingSecretStore;
  emit: EventSink;
  openUrl?: ((url: string) => Promise<void> | void) | undefined;
  profileFiles?: ProfileFiles | undefined;
  maxAttempts?: number | undefined;
  mfaTimeoutMs?: number | undefined;
  endpointOverride?: string | undefined;
}

export interface BuiltContext {
  ctx: CoreContext;
  workspaces: OpenWorkspaces;
  view: WorkspaceView;
  mfa: MfaBroker;
  pool: ClientPool;
}

export function buildContext(options: ContextOptions): BuiltContext {
  const { userDb, emit } = options;
  const workspaces = new OpenWorkspaces({ registry: new AccountRegistry(userDb), secrets: new GuardedSecretStore(options.secrets, new KeychainDeletions(userDb)) });
  // The view is made below; health and access only reach it once work is under way.
  let view: WorkspaceView | null = null;
  const backgroundChange = (): void => view?.backgroundChange();
  const health = new HealthBook(backgroundChange);
  const mfa = new MfaBroker(emit, options.mfaTimeoutMs);

  const resolver = new CredentialResolver({
    askMfa: async ({ path, profileName, mfaSerial }) =>
      mfa.ask({ path: path.id, account: path.accountId, accountName: path.accountName, via: viaOf(path), profileName, mfaSerial }),
    secretFor: async (path) => workspaces.findPath(path.id)?.source.secrets.get(secretKeyFor(path.id)) ?? null,
    pathById: (id) => workspaces.findPath(id)?.path,
    ...(options.profileFiles ? { profileFiles: options.profileFiles } : {}),
  });

  const pool = new ClientPool({
    credentialsFor: (path) => resolver.providerFor(path),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  });

  const access = new AccountAccess({
    find: (id) => workspaces.find(id),
    findPath: (id) => workspaces.findPath(id),
    pool,
    resolver,
    health,
    profileEndpoint: async (path) => {
      if (path.kind !== 'profile' || !path.profileName) return undefined;
      if (options.endpointOverride) return options.endpointOverride;
      return describeProfile(await loadProfileConfig(options.profileFiles ?? {}), path.profileName).endpointUrl;
    },
    changed: backgroundChange,
  });

  const built = new WorkspaceView({
    workspaces,
    health,
    sessionExpiry: (id) => resolver.sessionExpiry(id),
    notice: (id) => access.notice(id),
    emit,
  });
  view = built;

  const forgetCredentials = (pathId: string): void => {
    const affected = [pathId];
    for (let i = 0; i < affected.length; i++) {
      for (const source of workspaces.sources()) for (const d of source.registry.dependentsOf(affected[i]!)) affected.push(d.id);
    }
    for (const id of affected) {
      resolver.invalidate(id);
      pool.invalidate(id);
      access.unverify(id);
    }
  };

  const ctx: CoreContext = {
    user: workspaces.user,
    get demo() {
      return workspaces.demo;
    },
    pool,
    resolver,
    health,
    mfa,
    emit,
    profileFiles: options.profileFiles,
    openUrl: async (url) => {
      if (!options.openUrl) throw new AppError({ code: 'INTERNAL', message: `Open ${url} in your browser to continue.`, retryable: false });
      await options.openUrl(url);
    },
    active: () => workspaces.active(),
    sources: () => workspaces.sources(),
    find: (id) => workspaces.find(id),
    require: (id) => workspaces.require(id),
    findPath: (id) => workspaces.findPath(id),
    requirePath: (id) => workspaces.requirePath(id),
    workspace: () => built.workspace(),
    workspaceChanged: () => built.changed(),
    quietly: (work) => built.quietly(work),
    knownAs: (awsAccountId) => workspaces.knownAs(awsAccountId),
    read: (accountId, region, action, work) => access.read(accountId, region, action, work),
    write: (accountId, region, action, work) => access.write(accountId, region, action, work),
    withPath: (pathId, region, action, work) => access.withPath(pathId, region, action, work),
    actingPath: (accountId) => access.actingPath(workspaces.require(accountId)),
    verifyPath: (pathId) => access.verify(pathId),
    forgetCredentials,
  };
  return { ctx, workspaces, view: built, mfa, pool };
}
