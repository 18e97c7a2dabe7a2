/**
 * `ami-atlas inventory export` over the same core as the app: the same scanner, cache and CSV
 * writer, so its file is byte-for-byte what the app exports for the same rows and columns.
 *
 * Accounts come from AWS CLI profiles (remembered in a small database of the CLI's own in the
 * data folder, which also holds their cached inventory for --offline) or from the app's own
 * accounts database, with secrets from the OS keychain.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Writable } from 'node:stream';
import { createAppCore, type AppCore } from '../core/app-core';
import type { ProbingSecretStore } from '../core/accounts/guarded-secret-store';
import { KeytarSecretStore } from '../core/accounts/keytar-secret-store';
import { MemorySecretStore } from '../core/accounts/secret-store';
import { writeAtomically } from '../core/inventory/export-file';
import { AppError } from '../../shared/errors';
import { EMPTY_FILTER, type InventoryFilter, type ScanStatus, type TargetProgress } from '../../shared/inventory';
import type { MfaPrompt } from '../../shared/model';
import type { ExportArgs } from './args';
import { signInHint } from './sign-in-hints';

export const EXIT = { ok: 0, partial: 1, usage: 2, unusable: 3 } as const;

/** The app's database file inside its data folder (as electron/main.ts names it). */
export const APP_DB = 'atlas.sqlite';
/** The CLI's own database of imported profiles and their inventory. */
export const PROFILES_DB = 'cli-profiles.sqlite';
const PROFILE_CLIENT = 'AWS CLI profiles';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  /** Asks for an MFA code on a terminal; null when there is none. */
  askMfa?: (prompt: MfaPrompt) => Promise<string | null>;
  /** Stand-in for the OS keychain (tests). */
  secrets?: ProbingSecretStore;
}

class CliFailure extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

export async function runInventoryExport(args: ExportArgs, io: CliIo): Promise<number> {
  const say = (line: string) => io.stderr.write(`${line}\n`);
  // The SDK sends every call (STS inside credential providers too) to this endpoint.
  if (args.endpoint) process.env.AWS_ENDPOINT_URL = args.endpoint;

  let core: AppCore | null = null;
  try {
    const databaseFile = await databaseFor(args);
    core = createAppCore({
      databaseFile,
      secrets: io.secrets ?? (args.appAccounts ? new KeytarSecretStore() : new MemorySecretStore()),
      startDemoWorld: async () => {
        throw new AppError({ code: 'INTERNAL', message: 'The demo workspace is not available from the command line.', retryable: false });
      },
      info: { name: 'AMI Atlas', version: 'cli', platform: process.platform, host: 'preview' },
      // Copies belong to the app: an export never starts or follows them.
      resumeJobs: false,
    });
    const accounts = await accountsFor(core, args, say);
    if (accounts.length === 0) throw new CliFailure(EXIT.unusable, 'No accounts to export.');
    const filter: InventoryFilter = { ...EMPTY_FILTER, accounts, regions: args.regions ?? [], views: args.views ?? [] };

    let exitCode: number = EXIT.ok;
    if (args.offline) {
      const summary = await core.handlers['inventory:summary']({});
      const cached = summary.targets.filter((t) => matches(t, filter));
      if (cached.length === 0) throw new CliFailure(EXIT.unusable, 'No cached inventory for these accounts: run without --offline first.');
      say(`offline: exporting the inventory as of ${oldest(cached) ?? 'unknown'}`);
    } else {
      const status = await scan(core, args, accounts, io, say);
      const failed = status.targets.filter((t) => t.state === 'failed');
      const done = status.targets.filter((t) => t.state === 'done');
      for (const t of failed) say(`failed: ${t.region} ${t.view} — ${t.error ?? 'unknown error'}`);
      // One line per account whose credentials failed, saying what to do about it.
      const workspace = await core.handlers['workspace:get']({});
      for (const account of workspace.accounts) {
        if (accounts.includes(account.id) && account.health === 'needs-sign-in') say(`needs sign-in: ${account.name} — ${signInHint(account)}`);
      }
      if (done.length === 0) throw new CliFailure(EXIT.unusable, `Nothing could be read: all ${status.targets.length} targets failed.`);
      if (failed.length > 0) exitCode = EXIT.partial;
    }

    const input = { columns: args.columns, filter, bom: args.bom };
    const live = core;
    const rows =
      args.output === '-'
        ? await live.inventory.exportTo(io.stdout, input, false)
        : await writeAtomically(path.resolve(args.output), (out) => live.inventory.exportTo(out, input));
    say(`wrote ${rows} rows${args.output === '-' ? '' : ` to ${args.output}`}`);
    return exitCode;
  } catch (error) {
    if (error instanceof CliFailure) {
      say(`ami-atlas: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof AppError) {
      say(`ami-atlas: ${error.message}`);
      return error.code === 'VALIDATION' ? EXIT.usage : EXIT.unusable;
    }
    say(`ami-atlas: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.unusable;
  } finally {
    await core?.close();
  }
}

async function databaseFor(args: ExportArgs): Promise<string> {
  if (args.appAccounts) {
    const file = path.join(args.dataDir, APP_DB);
    // Never create an empty app database in someone's data folder by mistake.
    if (!existsSync(file)) throw new CliFailure(EXIT.unusable, `No AMI Atlas data in ${args.dataDir} (give --data-dir?).`);
    return file;
  }
  await mkdir(args.dataDir, { recursive: true });
  return path.join(args.dataDir, PROFILES_DB);
}

/** Entry ids to scan: the app's accounts, or one entry per profile (imported on first use). */
async function accountsFor(core: AppCore, args: ExportArgs, say: (line: string) => void): Promise<string[]> {
  if (args.appAccounts) return (await core.handlers['workspace:get']({})).accounts.map((a) => a.id);

  const known = new Map((await core.handlers['profiles:list']({})).map((p) => [p.name, p]));
  const missing = args.profiles.filter((name) => !known.has(name));
  if (missing.length > 0) throw new CliFailure(EXIT.usage, `No such AWS CLI profile: ${missing.join(', ')}.`);
  const ids: string[] = [];
  const toImport: string[] = [];
  for (const name of args.profiles) {
    const imported = known.get(name)?.imported ?? null;
    if (imported) ids.push(imported.account);
    else toImport.push(name);
  }
  if (toImport.length > 0) {
    if (args.offline) throw new CliFailure(EXIT.unusable, `No cached inventory for profile(s) ${toImport.join(', ')}: run without --offline first.`);
    const result = await core.handlers['profiles:import']({
      profiles: toImport.map((name) => ({ profileName: name, name, clientName: PROFILE_CLIENT })),
    });
    for (const r of result.results) {
      if (r.account) ids.push(r.account);
      if (r.error) say(`profile ${r.profileName}: ${r.error.message}`);
    }
  }
  return ids;
}

async function scan(core: AppCore, args: ExportArgs, accounts: string[], io: CliIo, say: (line: string) => void): Promise<ScanStatus> {
  let lastLine = 0;
  const stop = core.onEvent((event, payload) => {
    if (event === 'inventory:progress') {
      const status = payload as ScanStatus;
      const now = Date.now();
      if (status.state === 'running' && now - lastLine < 1000) return;
      lastLine = now;
      say(progressLine(status));
    } else if (event === 'mfa:prompt') {
      const prompt = payload as MfaPrompt;
      const ask = io.askMfa ?? (async () => null);
      void ask(prompt).then((code) => core.handlers['mfa:answer']({ requestId: prompt.requestId, code }));
    }
  });
  try {
    await core.handlers['inventory:scan']({
      accounts,
      ...(args.regions ? { regions: args.regions } : {}),
      ...(args.views ? { views: args.views } : {}),
    });
    const status = await core.inventory.scanFinished();
    if (!status) throw new CliFailure(EXIT.unusable, 'The scan did not run.');
    return status;
  } finally {
    stop();
  }
}

export function progressLine(status: ScanStatus): string {
  const count = (state: TargetProgress['state']) => status.targets.filter((t) => t.state === state).length;
  const images = status.targets.reduce((n, t) => n + t.count, 0);
  return `scan ${status.state}: ${count('done')}/${status.targets.length} targets done, ${count('running')} running, ${count('failed')} failed — ${images} images`;
}

function matches(t: TargetProgress, filter: InventoryFilter): boolean {
  return (
    filter.accounts.includes(t.account) &&
    (filter.regions.length === 0 || filter.regions.includes(t.region)) &&
    (filter.views.length === 0 || filter.views.includes(t.view))
  );
}

function oldest(targets: TargetProgress[]): string | null {
  const times = targets.flatMap((t) => (t.scannedAt ? [t.scannedAt] : [])).sort();
  return times[0] ?? null;
}

/** Reads an MFA code from the terminal (on stderr, so stdout stays pure CSV). */
export async function askMfaOnTerminal(prompt: MfaPrompt): Promise<string | null> {
  if (!process.stdin.isTTY) return null;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const code = (await rl.question(`MFA code for ${prompt.accountName} (${prompt.mfaSerial}): `)).trim();
    return /^\d{6}$/.test(code) ? code : null;
  } finally {
    rl.close();
  }
}
