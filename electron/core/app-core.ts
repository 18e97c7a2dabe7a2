/**
 * The application core: builds the context (account sources, credentials, AWS clients, health,
 * MFA broker) and every channel's handler over it. It never imports `electron`, so the same
 * core runs in the desktop app, behind the preview bridge and in tests.
 */
import type { EventName, Events } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { AppInfo, Workspace } from '../../shared/model';
import { openDatabase } from './db/database';
import { AccountRegistry, secretKeyFor } from './accounts/registry';
import type { AccountSource } from './accounts/account-source';
import { GuardedSecretStore, type ProbingSecretStore } from './accounts/guarded-secret-store';
import { HealthBook } from './accounts/health';
import { MfaBroker } from './accounts/mfa-broker';
import { summarizeAccounts } from './accounts/summaries';
import type { ProfileFiles } from './accounts/profiles';
import { MemorySecretStore } from './accounts/secret-store';
import { ClientPool } from './aws/client-pool';
import { CredentialResolver } from './credentials/resolver';
import type { StartDemoWorld } from './demo/demo-world';
import type { EventSink } from './events';
import { placeError, requireAccountIn, type CoreContext, type DemoSource, type Located } from './context';
import { accountHandlers, verifyAccount } from './handlers/accounts';
import { imageHandlers } from './handlers/images';
import { ssoHandlers } from './handlers/sso';
import { inventoryService, type InventoryService } from './handlers/inventory';
import { InventoryStore } from './inventory/store';
import { InventoryReflector } from './inventory/reflect-change';
import { sharingHandlers } from './handlers/sharing';
import { AuditBook } from './sharing/audit-book';
import { SourceDatabases } from './db/source-databases';
import { copyHandlers } from './handlers/copy';
import { lifecycleHandlers } from './handlers/lifecycle';
import { CopyRunner } from './jobs/copy-runner';
import { JobBook } from './jobs/job-book';
import { BuildRunner } from './imagebuilder/build-runner';
import { imageBuilderHandlers } from './handlers/imagebuilder';
import type { ScanLimits } from './inventory/scanner';
import type { Handlers } from './handlers/types';

export type { Handlers } from './handlers/types';
export type { EventSink } from './events';

/** AWS's ways of saying "these temporary credentials have expired". */
const EXPIRED = new Set(['RequestExpired', 'ExpiredToken', 'ExpiredTokenException']);

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
}

export interface AppCore {
  handlers: Handlers;
  onEvent(sink: EventSink): () => void;
  /** Inventory access for hosts other than the page (the CLI). */
  inventory: Pick<InventoryService, 'scanFinished' | 'exportTo'>;
  close(): Promise<void>;
}

export function createAppCore(options: AppCoreOptions): AppCore {
  const sinks = new Set<EventSink>();
  const emit: EventSink = <E extends EventName>(event: E, payload: Events[E]) => {
    for (const sink of sinks) sink(event, payload);
  };

  const userDb = openDatabase(options.databaseFile);
  const user = { registry: new AccountRegistry(userDb), secrets: new GuardedSecretStore(options.secrets) };
  let demo: DemoSource | null = null;
  const sources = (): AccountSource[] => (demo ? [user, demo] : [user]);
  const find = (accountId: string): Located | null => {
    for (const source of sources()) {
      const account = source.registry.getAccount(accountId);
      if (account) return { source, account };
    }
    return null;
  };
  const require = (accountId: string): Located => {
    const account = requireAccountIn(sources().map((s) => s.registry), accountId);
    return { source: find(account.id)!.source, account };
  };

  let announce = true;
  const health = new HealthBook(() => {
    if (announce) workspaceChanged();
  });
  const mfa = new MfaBroker(emit, options.mfaTimeoutMs);

  const resolver = new CredentialResolver({
    askMfa: async ({ account, profileName, mfaSerial }) => mfa.ask({ account: account.id, accountName: account.name, profileName, mfaSerial }),
    secretFor: async (account) => find(account.id)?.source.secrets.get(secretKeyFor(account.id)) ?? null,
    accountById: (id) => find(id)?.account,
    ...(options.profileFiles ? { profileFiles: options.profileFiles } : {}),
  });

  const pool = new ClientPool({
    credentialsFor: (account) => resolver.providerFor(account),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  });

  const workspace = (): Workspace => {
    const clients = sources().flatMap((s) => s.registry.listClients());
    const accounts = sources().flatMap((s) => s.registry.listAccounts());
    return {
      clients,
      accounts: summarizeAccounts({ accounts, clients, health, sessionExpiry: (id) => resolver.sessionExpiry(id) }),
      demo: demo !== null,
      keychain: user.secrets.state(),
    };
  };
  const workspaceChanged = (): Workspace => {
    const ws = workspace();
    emit('workspace:changed', ws);
    return ws;
  };

  const forgetCredentials = (accountId: string): void => {
    const affected = [accountId];
    for (let i = 0; i < affected.length; i++) {
      for (const source of sources()) for (const d of source.registry.dependentsOf(affected[i]!)) affected.push(d.id);
    }
    for (const id of affected) {
      resolver.invalidate(id);
      pool.invalidate(id);
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
    sources,
    find,
    require,
    workspace,
    workspaceChanged,
    forgetCredentials,
    async withAccount(accountId, region, action, work) {
      for (let attempt = 1; ; attempt++) {
        const { account } = require(accountId);
        try {
          const result = await work(account);
          health.ok(account.id);
          return result;
        } catch (error) {
          const appError = placeError(error, account, region, action);
          if (appError.code === 'AUTH_FAILED') {
            // Rejected credentials are never handed out again; temporary ones that AWS says have
            // expired are simply made anew, once, without bothering the user.
            forgetCredentials(account.id);
            if (attempt === 1 && EXPIRED.has(appError.details?.awsCode ?? '')) continue;
          }
          health.failed(account, appError);
          throw appError;
        }
      }
    },
  };

  const sso = ssoHandlers(ctx);
  const inventoryStore = new InventoryStore(user, userDb);
  const databases = new SourceDatabases(user, userDb);
  const audit = new AuditBook(databases);
  const reflect = new InventoryReflector(ctx, inventoryStore);
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
    ...(options.chooseSavePath ? { chooseSavePath: options.chooseSavePath } : {}),
    ...(options.scanLimits ? { limits: options.scanLimits } : {}),
  });
  const handlers: Handlers = {
    'app:info': async () => options.info,
    'workspace:get': async () => workspace(),

    'demo:open': async () => {
      if (!demo) {
        const world = await options.startDemoWorld();
        const source: DemoSource = { registry: new AccountRegistry(openDatabase(':memory:')), secrets: new MemorySecretStore(), world };
        for (const a of world.accounts) {
          // A client is production only when all its accounts are; otherwise each account says.
          const allProduction = world.accounts.filter((o) => o.clientName === a.clientName).every((o) => o.production);
          const client = source.registry.ensureClient(a.clientName, { color: a.clientColor, production: allProduction });
          const record = source.registry.addAccount({
            kind: 'access-key',
            name: a.name,
            clientId: client.id,
            accessKeyId: a.accessKeyId,
            defaultRegion: a.defaultRegion,
            endpoint: world.endpoint,
            production: a.production,
          });
          await source.secrets.set(secretKeyFor(record.id), a.secretAccessKey);
        }
        demo = source;
        // Identities are read the same way as for real accounts; a failure shows on that account only.
        announce = false;
        try {
          await Promise.allSettled(source.registry.listAccounts().map((account) => verifyAccount(ctx, source, account)));
        } finally {
          announce = true;
        }
      }
      return workspaceChanged();
    },

    ...accountHandlers(ctx),
    ...imageHandlers(ctx),
    ...inventory.handlers,
    ...sharingHandlers(ctx, { audit, inventory: inventoryStore, reflect }),
    ...copyHandlers(ctx, copies),
    ...lifecycleHandlers(ctx, audit, reflect),
    ...imageBuilderHandlers(ctx, builds),
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
    onEvent(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    async close() {
      copies.close();
      builds.close();
      inventory.cancelAll();
      await inventory.scanFinished();
      sso.cancelAll();
      mfa.cancelAll();
      pool.destroy();
      if (demo) await demo.world.close();
      demo = null;
    },
  };
}
