/**
 * The application core: builds the context (account sources, credentials, AWS clients, health,
 * MFA broker) and wires one service per domain to its contract channels. It never imports
 * `electron`, so the same core runs in the desktop app, behind the preview bridge and in tests.
 */
import path from 'node:path';
import type { EventName, Events } from '../../shared/contract';
import { channels as accessChannels } from '../../shared/contract/access';
import { channels as accountsChannels } from '../../shared/contract/accounts';
import { channels as appChannels } from '../../shared/contract/app';
import { channels as builderChannels } from '../../shared/contract/builder';
import { channels as builderAuthoringChannels } from '../../shared/contract/builder-authoring';
import { channels as builderChecksChannels } from '../../shared/contract/builder-checks';
import { channels as builderHistoryChannels } from '../../shared/contract/builder-history';
import { channels as builderManageChannels } from '../../shared/contract/builder-manage';
import { channels as copyChannels } from '../../shared/contract/copy';
import { channels as discoveryChannels } from '../../shared/contract/discovery';
import { channels as imagesChannels } from '../../shared/contract/images';
import { channels as jobsChannels } from '../../shared/contract/jobs';
import { channels as kmsChannels } from '../../shared/contract/kms';
import { channels as lifecycleChannels } from '../../shared/contract/lifecycle';
import { channels as sharingChannels } from '../../shared/contract/sharing';
import { channels as usageChannels } from '../../shared/contract/usage';
import { channels as retentionChannels } from '../../shared/contract/retention';
import { channels as cleanupChannels } from '../../shared/contract/cleanup';
import { channels as workspaceChannels } from '../../shared/contract/workspace';
import type { AppInfo } from '../../shared/model';
import { AccessService } from './access/service';
import { SsoSignIns } from './access/sso-sign-ins';
import { PathAdding } from './accounts/path-adding';
import { AccountsService } from './accounts/service';
import type { ProbingSecretStore } from './accounts/guarded-secret-store';
import type { ProfileFiles } from './accounts/profiles';
import { AppService } from './app/service';
import { buildContext } from './build-context';
import { CopyService } from './copy/service';
import { openDatabase } from './db/database';
import { DiscoveryService } from './discovery/service';
import { SourceDatabases } from './db/source-databases';
import type { StartDemoWorld } from './demo/demo-world';
import type { EventSink } from './events';
import { FaultLog } from './faults';
import { BuildRunner } from './imagebuilder/build-runner';
import { AuthoringService } from './imagebuilder/authoring-service';
import { BuildHistoryService } from './imagebuilder/history-service';
import { PipelineManageService } from './imagebuilder/manage-service';
import { BuilderService } from './imagebuilder/service';
import { WizardChecksService } from './imagebuilder/checks-service';
import { imagesService } from './images/service';
import { ExportFolders } from './inventory/export-folders';
import { InventoryReflector } from './inventory/reflect-change';
import type { ScanLimits } from './inventory/scanner';
import { inventoryService, type InventoryService } from './inventory/service';
import { InventoryStore } from './inventory/store';
import { CopyRunner } from './jobs/copy-runner';
import { JobBook } from './jobs/job-book';
import { JobsService } from './jobs/service';
import { KmsService } from './kms/service';
import { LifecycleService } from './lifecycle/service';
import { serve, type Handlers } from './serve';
import { AuditBook } from './sharing/audit-book';
import { SharingService } from './sharing/service';
import { UsageService } from './usage/service';
import { RetentionService } from './retention/service';
import { CleanupService } from './cleanup/service';
import { WorkspaceService } from './workspace/service';

export type { Handlers } from './serve';
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
  /** Results per AWS access portal page when discovering accounts (default 100; tests lower it). */
  ssoPageSize?: number;
  /**
   * The look at IAM Identity Center portals after start: how long after (default 5 s), and how
   * old a portal's last look must be (default 6 h). null: no look (the CLI).
   */
  ssoRefreshAtStart?: { afterMs?: number; olderThanMs?: number } | null;
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
  /** Looks at IAM Identity Center portals not looked at for hours (the host may call it again, e.g. after sleep). */
  discovery: Pick<DiscoveryService, 'refreshDue'>;
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
  const { ctx, workspaces, view, mfa, pool } = buildContext({
    userDb,
    emit,
    secrets: options.secrets,
    openUrl: options.openUrl,
    profileFiles: options.profileFiles,
    maxAttempts: options.maxAttempts,
    mfaTimeoutMs: options.mfaTimeoutMs,
    endpointOverride: options.endpointOverride,
  });
  const { user } = workspaces;

  const sso = new SsoSignIns(ctx);
  const inventoryStore = new InventoryStore(user, userDb);
  // Temporary files a crash left in the folders exports went to are removed from the start.
  const exportFolders = new ExportFolders(userDb);
  const swept = exportFolders.sweep();
  const chooseSavePath = options.chooseSavePath;
  // Every export asks through one dialog that remembers the folder (its partial files are swept at start).
  const askSavePath = chooseSavePath
    ? async (defaultName: string) => {
        const file = await chooseSavePath(defaultName);
        if (file !== null) exportFolders.remember(path.dirname(path.resolve(file)));
        return file;
      }
    : null;
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
    ...(askSavePath ? { chooseSavePath: askSavePath } : {}),
    ...(options.scanLimits ? { limits: options.scanLimits } : {}),
  });
  const adding = new PathAdding({ accounts: ctx, endpointOverride: options.endpointOverride ?? null });
  const discovery = new DiscoveryService({ accounts: ctx, aws: ctx, adding, ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}), ...(options.ssoPageSize ? { pageSize: options.ssoPageSize } : {}) });

  const handlers: Handlers = {
    ...serve(appChannels, new AppService({ info: options.info, openUrl: ctx.openUrl })),
    ...serve(workspaceChannels, new WorkspaceService({ workspaces, view, accounts: ctx, startDemoWorld: options.startDemoWorld, audit })),
    ...serve(accountsChannels, new AccountsService({ aws: ctx, accounts: ctx, adding, audit })),
    ...serve(accessChannels, new AccessService({ accounts: ctx, adding, sso })),
    ...serve(discoveryChannels, discovery),
    ...serve(imagesChannels, imagesService({ aws: ctx, accounts: ctx, inventory: inventoryStore })),
    ...inventory.handlers,
    ...serve(sharingChannels, new SharingService({ aws: ctx, accounts: ctx, events: ctx, audit, inventory: inventoryStore, reflect })),
    ...serve(copyChannels, new CopyService({ aws: ctx, accounts: ctx, runner: copies })),
    ...serve(jobsChannels, new JobsService({ accounts: ctx, runner: copies })),
    ...serve(kmsChannels, new KmsService({ aws: ctx })),
    ...serve(lifecycleChannels, new LifecycleService({ aws: ctx, accounts: ctx, events: ctx, audit, reflect })),
    ...serve(builderChannels, new BuilderService({ aws: ctx, accounts: ctx, runner: builds })),
    ...serve(builderManageChannels, new PipelineManageService({ aws: ctx, accounts: ctx, audit })),
    ...serve(builderHistoryChannels, new BuildHistoryService({ aws: ctx, accounts: ctx })),
    ...serve(builderAuthoringChannels, new AuthoringService({ aws: ctx, accounts: ctx, audit })),
    ...serve(builderChecksChannels, new WizardChecksService({ aws: ctx, accounts: ctx })),
    ...serve(usageChannels, new UsageService({ aws: ctx, inventory: inventoryStore })),
    ...serve(retentionChannels, new RetentionService({ aws: ctx, accounts: ctx, inventory: inventoryStore, ...(askSavePath ? { chooseSavePath: askSavePath } : {}) })),
    ...serve(cleanupChannels, new CleanupService({ aws: ctx, accounts: ctx, events: ctx, audit, reflect, inventory: inventoryStore })),
  };

  // Copies started before a restart are followed again (their state lives in SQLite).
  if (options.resumeJobs !== false) {
    copies.wake();
    builds.wake();
  }

  // IAM Identity Center portals are looked at again after start, when the window is up (rate-limited).
  const lookAtStart = options.ssoRefreshAtStart === undefined ? {} : options.ssoRefreshAtStart;
  const ssoLook =
    lookAtStart === null
      ? null
      : setTimeout(() => {
          if (!shutdown) discovery.refreshDue(new Date(), lookAtStart.olderThanMs).catch((error: unknown) => reportFault('Looking for new and removed accounts in IAM Identity Center', error));
        }, lookAtStart.afterMs ?? 5_000);
  ssoLook?.unref?.();

  void user.secrets.refresh().then((before) => {
    if (!before.available) view.changed();
  });

  return {
    handlers,
    inventory: { scanFinished: inventory.scanFinished, exportTo: inventory.exportTo },
    discovery: { refreshDue: (now, intervalMs) => discovery.refreshDue(now, intervalMs) },
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
    if (ssoLook) clearTimeout(ssoLook);
    discovery.cancelAll();
    mfa.cancelAll();
    pool.destroy();
    view.stop();
    const demo = workspaces.dropDemo();
    if (demo) {
      await demo.world.close();
      demo.registry.db.close();
    }
    // Closing the last connection folds the write-ahead log back into the database file.
    userDb.close();
  }
}
