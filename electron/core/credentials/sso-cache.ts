/**
 * The AWS CLI's SSO cache (~/.aws/sso/cache), read and written the way the CLI does it, so a
 * sign-in here serves `aws` and the SDK's `fromIni`/`fromSSO` too, and theirs serves us:
 *
 *  - token: `<sha1 of the sso-session name>.json`, or of the start URL for a legacy profile,
 *    holding startUrl, region, accessToken, expiresAt, clientId, clientSecret,
 *    registrationExpiresAt and (when issued) refreshToken;
 *  - client registration: `<sha1 of a JSON key>.json` with clientId, clientSecret, expiresAt
 *    and scopes, where the key is what botocore hashes: {"region", "scopes", "session_name",
 *    "startUrl", "tool": "botocore"} serialized like Python's json.dumps(sort_keys=True).
 *
 * Files are written atomically (temporary file + rename), readable by the user only.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { getHomeDir } from '@smithy/shared-ini-file-loader';

export interface SsoTokenFile {
  startUrl: string;
  region: string;
  accessToken: string;
  expiresAt: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
}

export interface SsoRegistration {
  clientId: string;
  clientSecret: string;
  expiresAt: string;
  scopes?: string[];
}

export interface RegistrationKey {
  startUrl: string;
  region: string;
  sessionName: string | null;
  scopes: string[] | null;
}

/** Where the SDK looks for tokens: HOME (read now, not at start-up) + .aws/sso/cache. */
export function defaultSsoCacheDir(): string {
  return join(getHomeDir(), '.aws', 'sso', 'cache');
}

function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

export function tokenCacheFile(cacheDir: string, sessionName: string | null, startUrl: string): string {
  return join(cacheDir, `${sha1(sessionName ?? startUrl)}.json`);
}

export function registrationCacheFile(cacheDir: string, key: RegistrationKey): string {
  const args = { region: key.region, scopes: key.scopes, session_name: key.sessionName, startUrl: key.startUrl, tool: 'botocore' };
  return join(cacheDir, `${sha1(pythonJson(args))}.json`);
}

/** JSON as Python's json.dumps(value, sort_keys=True) writes it (", " / ": ", ASCII only). */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`).join(', ')}}`;
}

/** "2026-01-02T03:04:05Z", the CLI's timestamp format (no fractions). */
export function cacheTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Parses the CLI's timestamps, including older files' "…UTC" suffix. */
export function parseCacheTimestamp(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const date = new Date(value.replace(/UTC$/, 'Z'));
  return Number.isNaN(date.getTime()) ? null : date;
}

export async function readJsonFile(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

/** A cached registration still valid for `marginMs`, else null. */
export async function readRegistration(file: string, now: Date, marginMs: number): Promise<SsoRegistration | null> {
  const value = await readJsonFile(file);
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  const expiresAt = parseCacheTimestamp(r.expiresAt);
  if (typeof r.clientId !== 'string' || typeof r.clientSecret !== 'string' || !expiresAt) return null;
  if (expiresAt.getTime() - now.getTime() <= marginMs) return null;
  return {
    clientId: r.clientId,
    clientSecret: r.clientSecret,
    expiresAt: cacheTimestamp(expiresAt),
    ...(Array.isArray(r.scopes) ? { scopes: r.scopes.filter((s): s is string => typeof s === 'string') } : {}),
  };
}

/** Writes JSON so readers see the old file or the new one, never half of one; mode 0600. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temporary = join(dir, `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, JSON.stringify(value, null, 2), { mode: 0o600, flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}
