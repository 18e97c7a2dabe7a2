/**
 * The application core: builds the context (account sources, credentials, AWS clients, health,
 * MFA broker) and every channel's handler over it. It never imports `electron`, so the same
 * core runs in the desktop app, behind the preview bridge and in tests.
 */
import path from 'node:path';
import type { EventName, Events } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { AppInfo, Workspace } from '../../shared/model';
import { openDatabase } from './db/database';
import { AccountRegistry, secretKeyFor } from './accounts/registry';
import type { AccountSource } from './accounts/account-source';
import { GuardedSecretStore, type ProbingSecretStore } from './accounts/guarded-secret-store';
import { KeychainDeletions } from './accounts/keychain-deletions';
import { HealthBook } from './accounts/health';
import { MfaBroker } from './accounts/mfa-broker';
import { summarizeAccounts } from './accounts/summaries';
import { describeProfile, loadProfileConfig, type ProfileFiles } from './accounts/profiles';
import { MemorySecretStore } from './accounts/secret-store';
import { ClientPool } from './aws/client-pool';
import { CredentialResolver } from './credentials/resolver';
import type { StartDemoWorld } from './demo/demo-world';
import type { EventSink } from './events';
import { notInWorkspace, type CoreContext, type DemoSource, type Located, type LocatedPath } from './context';
import { accountHandlers } from './handlers/accounts';
import { AccountAccess, viaOf } from './accounts/access';
import { imagesService } from './images/service';
import { channels as imagesChannels } from '../../shared/contract/images';
import { ssoHandlers } from './handlers/sso';
import { inventoryService, type InventoryService } from './inventory/service';
import { InventoryStore } from './inventory/store';
import { InventoryReflector } from './inventory/reflect-change';
import { sharingService } from './sharing/service';
import { channels as sharingChannels } from '../../shared/contract/sharing';
import { AuditBook } from './sharing/audit-book';
import { SourceDatabases } from './db/source-databases';
import { CopyService } from './copy/service';
import { channels as copyChannels } from '../../shared/contract/copy';
import { LifecycleService } from './lifecycle/service';
import { serve } from './serve';
import { channels as lifecycleChannels } from '../../shared/contract/lifecycle';
import { CopyRunner } from './jobs/copy-runner';
import { JobBook } from './jobs/job-book';
import { BuildRunner } from './imagebuilder/build-runner';
import { BuilderService } from './imagebuilder/service';
import { channels as builderChannels } from '../../shared/contract/builder';
import { consoleHandlers } from './handlers/console';
import { readyStartupHandlers } from './handlers/startup';
import type { ScanLimits } from './inventory/scanner';
import { FaultLog } from './faults';
import { ExportFolders } from './inventory/export-folders';
import type { Handlers } from './handlers/types';

export type { Handlers } from './handlers/types';
export type { EventSink } from './events';

export interface AppCoreOptions {
  /** SQLite file for the user's accounts (':memory:' in tests). */
  databaseFile: string;
  /** The OS keychain (or a memory store in tests). */
  secrets: ProbingSecretStore;
  startDemoWorld: StartDemoWorld;
  info: AppInfo;
  /** Opens a URL in the user's browser (SSO sign-in). */
  openUrl?: (url: string) => Promise<void> | void;
  /** AWS CLI files (default: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE / ~/.aws). */
  profileFiles?: ProfileFiles;
  /** SDK attempts per call (retries on throttling and server errors); tests lower it. */
  maxAttempts?: number;
  /** How long an MFA prompt waits for an answer. */
  mfaTimeoutMs?: number;
  /** Asks the user where to save a file (the native save dialog); null when they cancel. */
  chooseSavePath?: (defaultName: string) => Promise<string | null>;
  /** Inventory scan concurrency (defaults suit AWS; benchmarks and tests tune them). */
  scanLimits?: Partial<ScanLimits>;
  /** Copies in flight per destination account and region; more wait in the queue. */
  copyLimitPerRegion?: number;
  /** How often running copies are checked (tests and the demo check often). */
  jobPollMs?: number;
  /** Follow copy jobs left running by an earlier run (default true; the CLI does not). */
  resumeJobs?: boolean;
  /** Shows an OS notification (a copy finished or failed). */
  notify?: (notice: { title: string; body: string }) => void;
  /**
   * Every profile path goes to this endpoint, whatever its profile's endpoint_url says (the CLI's
   * --endpoint). Accounts are keyed by id and endpoint, so nothing read elsewhere is mixed in.
   */
  endpointOverride?: string;
  /** How long a write waits for another process's lock on the database (default 2 s). */
  busyTimeoutMs?: number;
  /** Failures no caller waits for (a background loop's): also given here (tests, the CLI's stderr). */
  onFault?: (what: string, error: unknown) => void;
  /** Where such failures are written (faults.log in the data folder); none when absent. */
  faultLogFile?: string;
}

export interface AppCore {
  handlers: Handlers;
  onEvent(sink: EventSink): () => void;
  /** Inventory access for hosts other than the page (the CLI). */
  inventory: Pick<InventoryService, 'scanFinished' | 'exportTo'>;
  /** A failure no caller waits for: written to the fault log and told to the page ('app:fault'). */
  reportFault(what: string, error: unknown): void;
  close(): Promise<void>;
}

export function createAppCore(options: AppCoreOptions): AppCore {
  const sinks = new Set<EventSink>();
  const emit: EventSink = <E extends EventName>(event: E, payload: Events[E]) => {
    for (const sink of sinks) sink(event, payload);
  };

  let shutdown: Promise<void> | null = null;
  const faults = new FaultLog(options.faultLogFile ?? null);
  const reportFault = (what: string, error: unknown): void => {
    options.onFault?.(what, error);
    emit('app:fault', faults.record(what, error));
  };
  const userDb = openDatabase(options.databaseFile, options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs });
  const user = { registry: new AccountRegistry(userDb), secrets: new GuardedSecretStore(options.secrets, new KeychainDeletions(userDb)) };
  let demo: DemoSource | null = null;
  // The demo is a workspace of its own: while it is open, its accounts are the ones shown.
  let demoOpen = false;
  const active = (): AccountSource => (demoOpen && demo ? demo : user);
  const sources = (): AccountSource[] => (demo ? [user, demo] : [user]);
  const find = (accountId: string): Located | null => {
    for (const source of sources()) {
      const account = source.registry.getAccount(accountId);
      if (account) return { source, account };
    }
    return null;
  };
  const findPath = (pathId: string): LocatedPath | null => {
    for (const source of sources()) {
      const path = source.registry.getPath(pathId);
      if (path) return { source, path };
    }
    return null;
  };
  const require = (accountId: string): Located => {
    const located = find(accountId);
    if (!located) throw notInWorkspace(accountId);
    return located;
  };

  let announce = true;
  const health = new HealthBook(() => {
    if (announce) workspaceChanged();
  });
  const mfa = new MfaBroker(emit, options.mfaTimeoutMs);

  const resolver = new CredentialResolver({
    askMfa: async ({ path, profileName, mfaSerial }) =>
      mfa.ask({ path: path.id, account: path.accountId, accountName: path.accountName, via: viaOf(path), profileName, mfaSerial }),
    secretFor: async (path) => findPath(path.id)?.source.secrets.get(secretKeyFor(path.id)) ?? null,
    pathById: (id) => findPath(id)?.path,
    ...(options.profileFiles ? { profileFiles: options.profileFiles } : {}),
  });

  const pool = new ClientPool({
    credentialsFor: (path) => resolver.providerFor(path),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  });

  const access = new AccountAccess({
    find,
    findPath,
    pool,
    resolver,
    health,
    profileEndpoint: async (path) => {
      if (path.kind !== 'profile' || !path.profileName) return undefined;
      if (options.endpointOverride) return options.endpointOverride;
      return describeProfile(await loadProfileConfig(options.profileFiles ?? {}), path.profileName).endpointUrl;
    },
    changed: () => {
      if (announce) workspaceChanged();
    },
  });

  const workspace = (): Workspace => {
    const { registry } = active();
    const clients = registry.listClients();
    return {
      clients,
      accounts: summarizeAccounts({
        accounts: registry.listAccounts(),
        paths: registry.listPaths(),
        clients,
        health,
        sessionExpiry: (id) => resolver.sessionExpiry(id),
        notice: (id) => access.notice(id),
      }),
      demo: active() !== user,
      userAccountCount: user.registry.listAccounts().length,
      keychain: user.secrets.state(),
    };
  };
  const workspaceChanged = (): Workspace => {
    const ws = workspace();
    emit('workspace:changed', ws);
    return ws;
  };

  const forgetCredentials = (pathId: string): void => {
    const affected = [pathId];
    for (let i = 0; i < affected.length; i++) {
      for (const source of sources()) for (const d of source.registry.dependentsOf(affected[i]!)) affected.push(d.id);
    }
    for (const id of affected) {
      resolver.invalidate(id);
      pool.invalidate(id);
      access.unverify(id);
    }
  };

  const ctx: CoreContext = {
    user,
    get demo() {
      return demo;
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
    active,
    sources,
    find,
    require,
    findPath,
    requirePath: (pathId) => {
      const located = findPath(pathId);
      if (!located) throw new AppError({ code: 'ACCOUNT_NOT_FOUND', message: 'That access path is no longer in the workspace.', retryable: false });
      return located;
    },
    workspace,
    workspaceChanged,
    knownAs: (awsAccountId) => active().registry.listAccounts().find((a) => a.awsAccountId === awsAccountId)?.name ?? null,
    read: (accountId, region, action, work) => access.read(accountId, region, action, work),
    write: (accountId, region, action, work) => access.write(accountId, region, action, work),
    withPath: (pathId, region, action, work) => access.withPath(pathId, region, action, work),
    actingPath: (accountId) => access.actingPath(require(accountId)),
    verifyPath: (pathId) => access.verify(pathId),
    forgetCredentials,
  };

  const sso = ssoHandlers(ctx);
  const inventoryStore = new InventoryStore(user, userDb);
  // Temporary files a crash left in the folders exports went to are removed from the start.
  const exportFolders = new ExportFolders(userDb);
  const swept = exportFolders.sweep();
  const chooseSavePath = options.chooseSavePath;
  const databases = new SourceDatabases(user, userDb);
  const audit = new AuditBook(databases);
  const reflect = new InventoryReflector(ctx, inventoryStore, reportFault);
  const builds = new BuildRunner(ctx, {
    databases,
    ...(options.jobPollMs ? { pollMs: options.jobPollMs } : {}),
    ...(options.notify ? { notify: options.notify } : {}),
  });
  const copies = new CopyRunner(ctx, {
    jobs: new JobBook(databases),
    audit,
    reflect,
    ...(options.copyLimitPerRegion ? { perRegion: options.copyLimitPerRegion } : {}),
    ...(options.jobPollMs ? { pollMs: options.jobPollMs } : {}),
    ...(options.notify ? { notify: options.notify } : {}),
  });
  const inventory = inventoryService(ctx, {
    store: inventoryStore,
    onFault: reportFault,
    ...(chooseSavePath
      ? {
          chooseSavePath: async (defaultName: string) => {
            const file = await chooseSavePath(defaultName);
            if (file !== null) exportFolders.remember(path.dirname(path.resolve(file)));
            return file;
          },
        }
      : {}),
    ...(options.scanLimits ? { limits: options.scanLimits } : {}),
  });
  const handlers: Handlers = {
    'app:info': async () => options.info,
    ...readyStartupHandlers(),
    ...consoleHandlers(ctx),
    'workspace:get': async () => workspace(),

    'demo:open': async () => {
      if (!demo) {
        const world = await options.startDemoWorld();
        const source: DemoSource = { registry: new AccountRegistry(openDatabase(':memory:')), secrets: new MemorySecretStore(), world };
        for (const a of world.accounts) {
          // A client is production only when all its accounts are; otherwise each account says.
          const allProduction = world.accounts.filter((o) => o.clientName === a.clientName).every((o) => o.production);
          const client = source.registry.ensureClient(a.clientName, { color: a.clientColor, production: allProduction });
          const account = source.registry.addAccount({ name: a.name, clientId: client.id, defaultRegion: a.defaultRegion, endpoint: world.endpoint, production: a.production });
          const path = source.registry.addPath(account.id, { kind: 'access-key', accessKeyId: a.accessKeyId, endpoint: world.endpoint });
          await source.secrets.set(secretKeyFor(path.id), a.secretAccessKey);
        }
        demo = source;
        // Identities are read the same way as for real accounts; a failure shows on that account only.
        announce = false;
        try {
          await Promise.allSettled(source.registry.listPaths().map((path) => access.verify(path.id)));
        } finally {
          announce = true;
        }
      }
      demoOpen = true;
      return workspaceChanged();
    },

    'demo:close': async () => {
      const closing = demo;
      demoOpen = false;
      demo = null;
      if (closing) {
        // Its world goes with it: nothing of the demo outlives the demo.
        for (const path of closing.registry.listPaths()) {
          forgetCredentials(path.id);
          health.forget(path.id);
        }
        await closing.world.close();
      }
      return workspaceChanged();
    },

    ...accountHandlers(ctx, { endpointOverride: options.endpointOverride ?? null, audit }),
    ...serve(imagesChannels, imagesService({ aws: ctx, accounts: ctx, inventory: inventoryStore })),
    ...inventory.handlers,
    ...serve(sharingChannels, sharingService({ aws: ctx, accounts: ctx, events: ctx, audit, inventory: inventoryStore, reflect })),
    ...serve(copyChannels, new CopyService({ aws: ctx, accounts: ctx, runner: copies })),
    ...serve(lifecycleChannels, new LifecycleService({ aws: ctx, accounts: ctx, events: ctx, audit, reflect })),
    ...serve(builderChannels, new BuilderService({ aws: ctx, accounts: ctx, runner: builds })),
    'sso:signIn': sso['sso:signIn'],
    'sso:cancel': sso['sso:cancel'],
  };

  // Copies started before a restart are followed again (their state lives in SQLite).
  if (options.resumeJobs !== false) {
    copies.wake();
    builds.wake();
  }

  void user.secrets.refresh().then((before) => {
    if (!before.available) workspaceChanged();
  });

  return {
    handlers,
    inventory: { scanFinished: inventory.scanFinished, exportTo: inventory.exportTo },
    reportFault,
    onEvent(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    close() {
      // Once: a host may close on quit and again on exit.
      shutdown ??= closeAll();
      return shutdown;
    },
  };

  async function closeAll(): Promise<void> {
    // A copy's answer that arrives while closing is recorded before the clients go.
    await copies.close();
    await builds.close();
    inventory.cancelAll();
    await inventory.scanFinished();
    await swept;
    sso.cancelAll();
    mfa.cancelAll();
    pool.destroy();
    if (demo) await demo.world.close();
    demo?.registry.db.close();
    demo = null;
    // Closing the last connection folds the write-ahead log back into the database file.
    userDb.close();
  }
}
