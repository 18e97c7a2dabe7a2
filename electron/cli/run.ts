/**
 * `ami-atlas inventory export` over the same core as the app: the same scanner, cache and CSV
 * writer, so its file is byte-for-byte what the app exports for the same rows and columns.
 *
 * Accounts come from AWS CLI profiles or from the app's own accounts database (secrets from the
 * OS keychain). Profiles are read from the AWS config and credentials files on every run: the
 * CLI's own database keeps the AWS accounts and their inventory (for --offline), never the
 * profiles' settings, so an edited profile — another account, another endpoint — counts from
 * the next run, and `--endpoint` wins over every endpoint_url. Profiles that reach the same AWS
 * account are read once.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Writable } from 'node:stream';
import { createAppCore, type AppCore } from '../core/app-core';
import type { ProbingSecretStore } from '../core/accounts/guarded-secret-store';
import { KeytarSecretStore } from '../core/accounts/keytar-secret-store';
import { MemorySecretStore } from '../core/accounts/secret-store';
import { loadProfileConfig } from '../core/accounts/profiles';
import { removeStalePartials, writeAtomically } from '../core/inventory/export-file';
import { AppError, accountLabel } from '../../shared/errors';
import { EMPTY_FILTER, type InventoryFilter, type ScanStatus, type TargetProgress } from '../../shared/inventory';
import type { AccountSummary, MfaPrompt, ProfileInfo } from '../../shared/model';
import type { ExportArgs } from './args';
import { signInHint } from './sign-in-hints';

export const EXIT = { ok: 0, partial: 1, usage: 2, unusable: 3 } as const;

/** The app's database file inside its data folder (as electron/main.ts names it). */
export const APP_DB = 'atlas.sqlite';
/** The CLI's own database: the AWS accounts its profiles reached, and their inventory. */
export const PROFILES_DB = 'cli-profiles.sqlite';
/**
 * Which account each profile reached, with a fingerprint of the profile's settings: lets
 * --offline find a key-pair profile's account without AWS, and only while the profile is
 * unchanged. No setting and no secret is in it.
 */
export const PROFILES_SEEN = 'cli-profiles-seen.json';
const PROFILE_CLIENT = 'AWS CLI profiles';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  /** Asks for an MFA code on a terminal; null when there is none. */
  askMfa?: (prompt: MfaPrompt) => Promise<string | null>;
  /** Stand-in for the OS keychain (tests). */
  secrets?: ProbingSecretStore;
}

export class CliFailure extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

export async function runInventoryExport(args: ExportArgs, io: CliIo): Promise<number> {
  const say = (line: string) => io.stderr.write(`${line}\n`);

  let core: AppCore | null = null;
  try {
    core = await openCore(args, io);
    const accounts = args.appAccounts ? (await core.handlers['workspace:get']({})).accounts.map((a) => a.id) : await profileAccounts(core, args, say);
    if (accounts.length === 0) throw new CliFailure(EXIT.unusable, 'No accounts to export.');
    const filter: InventoryFilter = { ...EMPTY_FILTER, accounts, regions: args.regions ?? [], views: args.views ?? [], text: args.search };

    let exitCode: number = EXIT.ok;
    if (args.offline) {
      const summary = await core.handlers['inventory:summary']({});
      const cached = summary.targets.filter((t) => matches(t, filter));
      if (cached.length === 0) throw new CliFailure(EXIT.unusable, 'No cached inventory for these accounts: run without --offline first.');
      say(`offline: exporting the inventory as of ${oldest(cached) ?? 'unknown'}`);
    } else {
      const status = await scan(core, args, accounts, io, say);
      exitCode = await reportScan(core, status, accounts, say);
    }

    const input = { columns: args.columns, filter, bom: args.bom, familyPattern: args.familyPattern };
    const live = core;
    const rows =
      args.output === '-'
        ? await live.inventory.exportTo(io.stdout, input, false)
        : await exportToFile(path.resolve(args.output), (out) => live.inventory.exportTo(out, input));
    say(`wrote ${rows} AMIs${args.output === '-' ? '' : ` to ${args.output}`}`);
    return exitCode;
  } catch (error) {
    return failureExit(error, say);
  } finally {
    await core?.close();
  }
}

/** A command's failure said in one line, and the exit code it ends with. */
export function failureExit(error: unknown, say: (line: string) => void): number {
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
}

/**
 * Says each target that failed and each account that needs signing in (with what to do), and
 * answers the exit code: partial when some targets failed; nothing read at all is a failure.
 */
export async function reportScan(core: AppCore, status: ScanStatus, accounts: readonly string[], say: (line: string) => void): Promise<number> {
  const failed = status.targets.filter((t) => t.state === 'failed');
  const done = status.targets.filter((t) => t.state === 'done');
  const workspace = await core.handlers['workspace:get']({});
  const nameOf = (id: string) => {
    const a = workspace.accounts.find((x) => x.id === id);
    return a ? accountLabel(a.name, a.awsAccountId) : 'an account';
  };
  for (const t of failed) say(`failed: ${nameOf(t.account)} ${t.region} ${t.view} — ${t.error ?? 'unknown error'}`);
  // Listed, but some launch permissions not read: those AMIs are exported as "permissions pending".
  const unread = done.filter((t) => t.permissions?.error);
  for (const t of unread) say(`permissions not read: ${nameOf(t.account)} ${t.region} — ${t.permissions!.pending} AMIs exported as "permissions pending": ${t.permissions!.error}`);
  // One line per account whose credentials failed, saying what to do about it.
  for (const account of workspace.accounts) {
    if (accounts.includes(account.id) && account.health === 'needs-sign-in') say(`needs sign-in: ${account.name} — ${signInHint(account)}`);
  }
  if (done.length === 0) throw new CliFailure(EXIT.unusable, `Nothing could be read: all ${status.targets.length} targets failed.`);
  return failed.length > 0 || unread.length > 0 ? EXIT.partial : EXIT.ok;
}

/** The core over the app's database or the CLI's own (profiles), as a command uses it. */
export async function openCore(args: AccountArgs, io: CliIo): Promise<AppCore> {
  const databaseFile = await databaseFor(args);
  return createAppCore({
    databaseFile,
    secrets: io.secrets ?? (args.appAccounts ? new KeytarSecretStore() : new MemorySecretStore()),
    startDemoWorld: async () => {
      throw new AppError({ code: 'INTERNAL', message: 'The demo workspace is not available from the command line.', retryable: false });
    },
    info: { name: 'AMI Atlas', version: 'cli', platform: process.platform, host: 'preview' },
    // Copies belong to the app: a command never starts or follows them; nor does it look at SSO portals.
    resumeJobs: false,
    ssoRefreshAtStart: null,
    ...(args.endpoint ? { endpointOverride: args.endpoint } : {}),
  });
}

/** What every command that reads accounts is given: whose accounts, where, online or not. */
export type AccountArgs = Pick<ExportArgs, 'profiles' | 'appAccounts' | 'dataDir' | 'offline' | 'endpoint'>;

/**
 * Writes the export by way of a temporary file, removing first what an export killed before this
 * run left in that folder (temporary files older than this process).
 */
export async function exportToFile<T>(file: string, write: (out: Writable) => Promise<T>): Promise<T> {
  await removeStalePartials([path.dirname(file)], performance.timeOrigin);
  return writeAtomically(file, write);
}

async function databaseFor(args: AccountArgs): Promise<string> {
  if (args.appAccounts) {
    const file = path.join(args.dataDir, APP_DB);
    // Never create an empty app database in someone's data folder by mistake.
    if (!existsSync(file)) throw new CliFailure(EXIT.unusable, `No AMI Atlas data in ${args.dataDir} (give --data-dir?).`);
    return file;
  }
  await mkdir(args.dataDir, { recursive: true });
  return path.join(args.dataDir, PROFILES_DB);
}

/**
 * The accounts the profiles reach, as of now. Paths left by an earlier run are dropped first
 * (the files are the only truth about a profile); each profile is imported afresh and verified,
 * so it joins the account STS names. Offline, a profile's account comes from its own settings
 * (role ARN, SSO account) or from the last run that saw it with exactly these settings.
 */
export async function profileAccounts(core: AppCore, args: AccountArgs, say: (line: string) => void): Promise<string[]> {
  const workspace = await core.handlers['workspace:get']({});
  for (const account of workspace.accounts) for (const p of account.paths) await core.handlers['paths:remove']({ path: p.id });
  const known = new Map((await core.handlers['profiles:list']({})).map((p) => [p.name, p]));
  const missing = args.profiles.filter((name) => !known.has(name));
  if (missing.length > 0) throw new CliFailure(EXIT.usage, `No such AWS CLI profile: ${missing.join(', ')}.`);
  const seenFile = path.join(args.dataDir, PROFILES_SEEN);
  const seen = await readSeen(seenFile);
  const fingerprints = await profileFingerprints(args.profiles);
  const endpoint = (profile: ProfileInfo) => args.endpoint ?? profile.endpointUrl ?? null;

  if (args.offline) {
    const accounts = (await core.handlers['workspace:get']({})).accounts;
    const ids: string[] = [];
    for (const name of args.profiles) {
      const profile = known.get(name)!;
      const memo = seen[name];
      const awsAccountId = profile.expectedAccountId ?? (memo && memo.fingerprint === fingerprints.get(name) && memo.endpoint === endpoint(profile) ? memo.awsAccountId : null);
      const account = awsAccountId ? accounts.find((a) => a.awsAccountId === awsAccountId && a.endpoint === endpoint(profile)) : undefined;
      if (!account) throw new CliFailure(EXIT.unusable, `No cached inventory for profile ${name} as it is set up now: run without --offline first.`);
      if (!ids.includes(account.id)) ids.push(account.id);
    }
    return ids;
  }

  const result = await core.handlers['profiles:import']({
    profiles: args.profiles.map((name) => ({ profileName: name, name, clientName: PROFILE_CLIENT })),
  });
  const ids: string[] = [];
  const reachedBy = new Map<string, string>();
  for (const r of result.results) {
    if (r.error && !r.account) say(`profile ${r.profileName}: ${r.error.message}`);
    if (!r.account) continue;
    const account = result.workspace.accounts.find((a) => a.id === r.account);
    const first = reachedBy.get(r.account);
    if (first) say(`profile ${r.profileName} reaches the same account as ${first}${labelOf(account)}: it is read once`);
    else reachedBy.set(r.account, r.profileName);
    if (!ids.includes(r.account)) ids.push(r.account);
    if (r.verified && account?.awsAccountId) {
      seen[r.profileName] = { fingerprint: fingerprints.get(r.profileName) ?? '', awsAccountId: account.awsAccountId, endpoint: endpoint(known.get(r.profileName)!) };
    }
  }
  await writeFile(seenFile, `${JSON.stringify(seen, null, 2)}\n`).catch(() => undefined);
  return ids;
}

function labelOf(account: AccountSummary | undefined): string {
  return account?.awsAccountId ? ` (${account.awsAccountId})` : '';
}

type Seen = Record<string, { fingerprint: string; awsAccountId: string; endpoint: string | null }>;

async function readSeen(file: string): Promise<Seen> {
  try {
    const value: unknown = JSON.parse(await readFile(file, 'utf8'));
    return value && typeof value === 'object' ? (value as Seen) : {};
  } catch {
    return {};
  }
}

/** A digest of each profile's settings down its source_profile chain, secrets left out. */
async function profileFingerprints(names: readonly string[]): Promise<Map<string, string>> {
  const config = await loadProfileConfig();
  const out = new Map<string, string>();
  for (const name of names) {
    const sections: unknown[] = [];
    const visited = new Set<string>();
    for (let current: string | undefined = name; current && !visited.has(current); current = config.profiles[current]?.source_profile) {
      visited.add(current);
      const { aws_secret_access_key: _secret, aws_session_token: _token, ...section } = config.profiles[current] ?? {};
      const sso = section.sso_session ? config.ssoSessions[section.sso_session] : undefined;
      sections.push([current, section, sso ?? null]);
    }
    out.set(name, createHash('sha256').update(JSON.stringify(sections)).digest('hex'));
  }
  return out;
}

export async function scan(core: AppCore, args: Pick<ExportArgs, 'regions' | 'views'> & Partial<Pick<ExportArgs, 'permissionsMaxAgeHours'>>, accounts: string[], io: CliIo, say: (line: string) => void): Promise<ScanStatus> {
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
      ...(args.permissionsMaxAgeHours != null ? { permissionsMaxAgeHours: args.permissionsMaxAgeHours } : {}),
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
  const pending = status.targets.reduce((n, t) => n + (t.permissions?.pending ?? 0), 0);
  const phase = status.listedAt && status.state === 'running' ? `all listed, reading launch permissions: ${pending} pending` : `${images} images`;
  return `scan ${status.state}: ${count('done')}/${status.targets.length} targets done, ${count('running')} running, ${count('failed')} failed — ${phase}`;
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
