/**
 * Starting the core so that a database that cannot be used never leaves the user with nothing.
 * The database is checked (and backed up, and its layout updated) before the core opens it; when
 * that fails, the core starts in recovery: `startup:status` says why, every other channel answers
 * DATABASE_UNAVAILABLE, and `startup:restore` / `startup:startFresh` keep the file aside and open
 * the real core. The desktop app and the preview bridge both start this way, so the recovery
 * screen is the same in both. No `electron` here.
 */
import path from 'node:path';
import { channelNames } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { DatabaseProblem, RecoveryDone, StartupStatus } from '../../shared/startup';
import { createAppCore, type AppCore, type AppCoreOptions, type Handlers } from './app-core';
import type { EventSink } from './events';
import { FaultLog } from './faults';
import { backupFolderOf, backupIfDue, listBackups, prepareDatabase, restoreBackup, startFresh, type RecoveryOptions } from './db/recovery';

export interface StartAppCoreOptions extends AppCoreOptions {
  /** How many automatic backups are kept (default 5). */
  keepBackups?: number;
  /** The clock (tests move it on to make the daily backup due). */
  now?: () => Date;
  /** How often a running app checks whether the daily backup is due (default hourly; 0: never). */
  backupCheckMs?: number;
}

export interface StartedCore extends AppCore {
  status(): StartupStatus;
}

const HOUR_MS = 60 * 60 * 1000;

export async function startAppCore(options: StartAppCoreOptions): Promise<StartedCore> {
  const file = options.databaseFile;
  const inMemory = file === ':memory:';
  const recoveryOptions: RecoveryOptions = {
    ...(options.now ? { now: options.now } : {}),
    ...(options.keepBackups ? { keepBackups: options.keepBackups } : {}),
  };
  const now = () => options.now?.() ?? new Date();
  const sinks = new Set<EventSink>();
  let inner: AppCore | null = null;
  let stopInner: (() => void) | null = null;
  let status: StartupStatus;

  const recovery = (problem: DatabaseProblem, failure: Extract<StartupStatus, { state: 'recovery' }>['failure'] = null): StartupStatus => ({
    state: 'recovery',
    problem,
    backups: listBackups(file),
    backupFolder: backupFolderOf(file),
    failure,
  });

  // The daily backup: once the app is open (in the background, so the window does not wait for
  // it), then checked now and then while the app runs for days.
  let backups: Promise<unknown> = Promise.resolve();
  const dailyBackup = () => {
    if (inMemory || !inner) return;
    backups = backups.then(() => backupIfDue(file, recoveryOptions)).catch(() => undefined);
  };

  /** Opens the real core on the (checked) database, or says why not. */
  const open = async (recovered: RecoveryDone | null): Promise<StartupStatus> => {
    if (!inMemory) {
      const prepared = await prepareDatabase(file, recoveryOptions);
      if (!prepared.ok) return recovery(prepared.problem);
    }
    try {
      inner = createAppCore(options);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return recovery({ code: 'CANNOT_OPEN', file: path.basename(file), folder: path.dirname(path.resolve(file)), detail, schema: null });
    }
    stopInner = inner.onEvent((event, payload) => {
      for (const sink of sinks) sink(event, payload);
    });
    dailyBackup();
    return { state: 'ready', recovered };
  };

  status = await open(null);

  // One recovery action at a time: a second click waits for the first and sees its result.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = (work: () => Promise<StartupStatus>): Promise<StartupStatus> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const inRecovery = (): Extract<StartupStatus, { state: 'recovery' }> => {
    if (status.state !== 'recovery') {
      throw new AppError({ code: 'CONFLICT', message: 'The database is open: there is nothing to recover.', retryable: false });
    }
    return status;
  };

  const unavailable = (): never => {
    const problem = status.state === 'recovery' ? status.problem : null;
    throw new AppError({
      code: 'DATABASE_UNAVAILABLE',
      message: `AMI Atlas could not open its data file${problem ? ` ${problem.file}` : ''}: restore a backup or start fresh first.`,
      retryable: false,
    });
  };

  const forwarded = Object.fromEntries(
    channelNames.map((channel) => [
      channel,
      async (input: unknown) => {
        if (!inner) return unavailable();
        return (inner.handlers[channel] as (i: unknown) => Promise<unknown>)(input);
      },
    ]),
  ) as unknown as Handlers;

  const handlers: Handlers = {
    ...forwarded,
    'app:info': async () => options.info,
    'startup:status': async () => status,
    'startup:retry': () =>
      serial(async () => {
        if (status.state === 'ready') return status;
        status = await open(null);
        return status;
      }),
    'startup:restore': ({ backup }) =>
      serial(async () => {
        const current = inRecovery();
        const step = restoreBackup(file, backup, current.problem.code, now());
        if (!step.ok) return (status = { ...current, backups: listBackups(file), failure: step.failure });
        status = await open({ action: 'restored', backup: step.backup, keptAs: step.keptAs, folder: current.problem.folder });
        return status;
      }),
    'startup:startFresh': () =>
      serial(async () => {
        const current = inRecovery();
        const step = startFresh(file, current.problem.code, now());
        if (!step.ok) return (status = { ...current, failure: step.failure });
        status = await open({ action: 'fresh', backup: null, keptAs: step.keptAs, folder: current.problem.folder });
        return status;
      }),
  };

  const recoveryFaults = new FaultLog(options.faultLogFile ?? null);
  const checkMs = options.backupCheckMs ?? HOUR_MS;
  const timer = !inMemory && checkMs > 0 ? setInterval(dailyBackup, checkMs) : null;
  timer?.unref?.();

  const own = {
    handlers,
    status: () => status,
    // The CLI's way in (not used by the app or the preview): the real core's, once it is open.
    inventory: new Proxy({} as AppCore['inventory'], {
      get: (_target, name) => (inner ? inner.inventory[name as keyof AppCore['inventory']] : async () => unavailable()),
    }),
    onEvent(sink: EventSink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    // In recovery too: the last-resort handler still writes faults.log and tells the window.
    reportFault(what: string, error: unknown) {
      if (inner) return inner.reportFault(what, error);
      const fault = recoveryFaults.record(what, error);
      for (const sink of sinks) sink('app:fault', fault);
    },
    async close() {
      if (timer) clearInterval(timer);
      await backups;
      stopInner?.();
      await inner?.close();
      inner = null;
    },
  };
  // Anything else a core offers is the real core's once it is open; before, nothing runs that
  // could need it, and a call is noted instead of failing.
  const started = new Proxy(own, {
    get(target, name, receiver) {
      if (name in target) return Reflect.get(target, name, receiver) as unknown;
      // Not a thenable (this object is what startAppCore resolves with), nor anything symbolic.
      if (name === 'then' || typeof name === 'symbol') return undefined;
      if (inner) {
        const value = (inner as unknown as Record<PropertyKey, unknown>)[name];
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(inner) : value;
      }
      return (...args: unknown[]) => console.error(`[core] ${String(name)} while the database is not open`, ...args);
    },
  }) as unknown as StartedCore;
  return started;
}
