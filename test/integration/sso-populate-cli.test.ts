/**
 * `ami-atlas sso populate` against the emulator's IAM Identity Center: sign in (the address and
 * code on standard error), write profiles into a config that holds hand-written profiles and
 * comments, re-run after the portal changed, dry-run, and use a generated profile with the SDK.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromSSO } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { parseSsoArgs, type SsoPopulateArgs } from '../../electron/cli/sso-args';
import { runSsoPopulate } from '../../electron/cli/sso-populate';

let emulator: RunningEmulator;
let home: string;
let config: string;
const HAND_WRITTEN = `# Hand-written; AMI Atlas must leave this alone.
[default]
region = eu-west-1

[profile build-admin]
# why: the build account
role_arn = arn:aws:iam::111111111111:role/Admin
source_profile = default
`;

function sink(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return Object.assign(out, { text: () => chunks.join('') });
}

function args(extra: string[] = []): SsoPopulateArgs {
  const parsed = parseSsoArgs(['sso', 'populate', '--start-url', emulator.sso.startUrl, '--sso-region', emulator.sso.region, '--sso-session', 'atlas', '--config', config, '--endpoint', emulator.url, '--role', 'ReadOnly*', ...extra]);
  if (parsed.kind !== 'sso-populate') throw new Error(JSON.stringify(parsed));
  return parsed.args;
}

async function run(extra: string[] = []) {
  const stdout = sink();
  const stderr = sink();
  const opened: string[] = [];
  const code = await runSsoPopulate(args(extra), {
    stdout,
    stderr,
    cacheDir: join(home, '.aws', 'sso', 'cache'),
    // The user pressing Allow in the browser that opened.
    openUrl: (url) => {
      opened.push(url);
      emulator.sso.approve(new URL(url).searchParams.get('user_code')!);
    },
  });
  return { code, stdout: stdout.text(), stderr: stderr.text(), opened };
}

const generated = (text: string) => [...text.matchAll(/^\[profile ([^\]]+)\]$/gm)].map((m) => m[1]!).filter((n) => n !== 'build-admin');

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, ssoDirectory: { accounts: 12 } });
  home = await mkdtemp(join(tmpdir(), 'atlas-populate-cli-'));
  config = join(home, '.aws', 'config');
  await mkdir(join(home, '.aws'), { recursive: true });
  await writeFile(config, HAND_WRITTEN);
});

afterAll(async () => {
  await emulator?.close();
  if (home) await rm(home, { recursive: true, force: true });
});

describe('ami-atlas sso populate', () => {
  it('signs in (address and code on stderr), then writes one profile per account with a matching role; hand-written text stays', async () => {
    const { code, stderr, opened } = await run();
    expect(code).toBe(0);
    expect(opened).toHaveLength(1);
    expect(stderr).toContain(opened[0]!);
    expect(stderr).toMatch(/code [A-Z]{4}-[A-Z]{4}/);
    const text = await readFile(config, 'utf8');
    expect(text.startsWith(HAND_WRITTEN)).toBe(true);
    const expected = emulator.sso.accounts.filter((a) => a.roles.includes('ReadOnlyAccess')).map((a) => `${a.accountName}.ReadOnlyAccess`).sort();
    expect(generated(text).sort()).toEqual(expected);
    expect(text).not.toContain('AdministratorAccess');
    expect(await readFile(`${config}.bak`, 'utf8')).toBe(HAND_WRITTEN);
  });

  it('a generated profile works with the SDK (its config parses as the AWS CLI reads it)', async () => {
    const account = emulator.sso.accounts.find((a) => a.accountName.startsWith('directory-'))!;
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: emulator.url,
      credentials: fromSSO({ profile: `${account.accountName}.ReadOnlyAccess`, configFilepath: config, filepath: join(home, 'none'), clientConfig: { endpoint: emulator.url } }),
    });
    const previousHome = process.env.HOME;
    process.env.HOME = home; // the token cache the sign-in wrote
    try {
      expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(account.accountId);
    } finally {
      process.env.HOME = previousHome;
      sts.destroy();
    }
  });

  it('after the portal changed, a re-run removes the stale profiles and adds the new ones, and nothing else (no new sign-in)', async () => {
    const before = await readFile(config, 'utf8');
    const gone = emulator.sso.accounts.filter((a) => a.accountName.startsWith('directory-')).slice(0, 2);
    emulator.sso.removeAccounts(gone.map((a) => a.accountId));
    const joined = emulator.sso.addAccounts(1);
    const { code, opened, stderr } = await run();
    expect(code).toBe(0);
    expect(opened).toEqual([]);
    expect(stderr).toContain('1 profile added, 0 profiles updated, 2 profiles removed');
    const after = await readFile(config, 'utf8');
    const names = (t: string) => new Set(generated(t));
    expect([...names(before)].filter((n) => !names(after).has(n)).sort()).toEqual(gone.map((a) => `${a.accountName}.ReadOnlyAccess`).sort());
    expect([...names(after)].filter((n) => !names(before).has(n))).toEqual([`${joined[0]!.accountName}.ReadOnlyAccess`]);
    expect(after.startsWith(HAND_WRITTEN)).toBe(true);
  });

  it('--dry-run prints the change as a diff and writes nothing', async () => {
    const before = await readFile(config, 'utf8');
    emulator.sso.addAccounts(1);
    const { code, stdout } = await run(['--dry-run']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\+\[profile directory-\d{3}\.ReadOnlyAccess\]$/m);
    expect(await readFile(config, 'utf8')).toBe(before);
  });

  it('refuses bad arguments before signing in', () => {
    expect(parseSsoArgs(['sso', 'populate', '--sso-region', 'eu-west-1']).kind).toBe('usage-error');
    expect(parseSsoArgs(['sso', 'populate', '--start-url', 'http://x.awsapps.com/start', '--sso-region', 'eu-west-1']).kind).toBe('usage-error');
    expect(parseSsoArgs(['sso', 'populate', '--start-url', 'https://x.awsapps.com/start', '--sso-region', 'eu-west-1', '--name', '{role}']).kind).toBe('usage-error');
    expect(parseSsoArgs(['sso', 'populate', '--start-url', 'https://x.awsapps.com/start', '--sso-region', 'eu-west-1', '--endpoint', 'http://169.254.169.254']).kind).toBe('usage-error');
  });
});
