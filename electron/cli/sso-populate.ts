/**
 * `ami-atlas sso populate`: sign in to IAM Identity Center (reusing a cached token when there is
 * one), read every account × role the portal lists, and write them to the AWS config file as
 * an `[sso-session]` and generated profiles (see core/discovery/populate.ts). The sign-in
 * address and code always go to standard error; the browser opens where there is one.
 */
import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import { createTwoFilesPatch } from 'diff';
import { AppError } from '../../shared/errors';
import { defaultSsoCacheDir } from '../core/credentials/sso-cache';
import { startSsoLogin } from '../core/credentials/sso-login';
import { readConfigFile, replaceConfigFile } from '../core/discovery/config-file';
import { populateConfig } from '../core/discovery/populate';
import { cachedSsoToken, readSsoDirectory } from '../core/discovery/sso-directory';
import { roleMatcher, type SsoPopulateArgs } from './sso-args';

export interface SsoCliIo {
  stdout: Writable;
  stderr: Writable;
  /** Opens the sign-in page (default: the desktop's browser, when there is one). */
  openUrl?: (url: string) => void;
  /** The AWS CLI's SSO cache (default ~/.aws/sso/cache). */
  cacheDir?: string;
}

export const SSO_EXIT = { ok: 0, usage: 2, unusable: 3 } as const;

export async function runSsoPopulate(args: SsoPopulateArgs, io: SsoCliIo): Promise<number> {
  const say = (line: string) => io.stderr.write(`${line}\n`);
  const cacheDir = io.cacheDir ?? defaultSsoCacheDir();
  try {
    let accessToken = await cachedSsoToken(cacheDir, args.sessionName, args.startUrl, new Date());
    if (!accessToken) {
      const login = await startSsoLogin({
        startUrl: args.startUrl,
        region: args.ssoRegion,
        sessionName: args.sessionName,
        scopes: ['sso:account:access'],
        endpoint: args.endpoint,
        cacheDir,
        openUrl: (url) => (io.openUrl ?? openInBrowser)(url),
      });
      say(`Sign in to ${args.startUrl}: open ${login.start.verificationUriComplete ?? login.start.verificationUri}`);
      say(`and check that it shows the code ${login.start.userCode}. Waiting…`);
      await login.done;
      accessToken = await cachedSsoToken(cacheDir, args.sessionName, args.startUrl, new Date());
      if (!accessToken) throw new AppError({ code: 'AUTH_FAILED', message: 'The sign-in finished but left no token in the AWS CLI cache.', retryable: false });
      say('Signed in.');
    }

    say(`Reading the accounts and roles of ${args.startUrl}…`);
    const directory = await readSsoDirectory({ accessToken, region: args.ssoRegion, endpoint: args.endpoint, pageSize: 100, concurrency: 4, maxAttempts: 8 });
    const wanted = roleMatcher(args.roles);
    const accounts = directory.map((a) => ({ ...a, roles: a.roles.filter(wanted) })).filter((a) => a.roles.length > 0);
    say(`${directory.length} accounts; ${accounts.reduce((n, a) => n + a.roles.length, 0)} account × role pairs${args.roles.length > 0 ? ` with a role matching ${args.roles.join(', ')}` : ''}.`);

    const before = await readConfigFile(args.configFile);
    const result = populateConfig(before, {
      startUrl: args.startUrl,
      ssoRegion: args.ssoRegion,
      sessionName: args.sessionName,
      accounts,
      nameTemplate: args.nameTemplate,
      prefix: args.prefix,
      endpoint: args.endpoint,
      ...(args.region ? { region: args.region } : {}),
    });
    for (const name of result.conflicts) say(`Skipped ${name}: a profile you wrote yourself has that name (use --prefix or --name).`);

    if (args.dryRun) {
      if (result.text === before) say('Nothing would change.');
      else io.stdout.write(createTwoFilesPatch(args.configFile, args.configFile, before, result.text, 'now', 'after populate'));
      say(summary(result, 'would be'));
      return SSO_EXIT.ok;
    }
    if (result.text === before) {
      say(`Nothing to change in ${args.configFile}.`);
      return SSO_EXIT.ok;
    }
    await replaceConfigFile(args.configFile, result.text, before.length > 0);
    say(`${summary(result, '')} in ${args.configFile}${before.length > 0 ? ` (the previous file is ${args.configFile}.bak)` : ''}.`);
    return SSO_EXIT.ok;
  } catch (error) {
    say(`ami-atlas: ${error instanceof Error ? error.message : String(error)}`);
    return SSO_EXIT.unusable;
  }
}

function summary(result: { added: string[]; updated: string[]; removed: string[] }, verb: string): string {
  const part = (n: number, what: string) => `${n} profile${n === 1 ? '' : 's'} ${verb ? `${verb} ` : ''}${what}`;
  return [part(result.added.length, 'added'), part(result.updated.length, 'updated'), part(result.removed.length, 'removed')].join(', ');
}

/** The desktop's browser, when there is one; the address is on standard error either way. */
function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser here (a server, a container): the address printed above is the way in.
  }
}
