/**
 * The SSO cache is shared with the AWS CLI, so its file names and formats must be the CLI's
 * exactly (expected values below were computed the way botocore computes them).
 */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cacheTimestamp,
  defaultSsoCacheDir,
  parseCacheTimestamp,
  pythonJson,
  readRegistration,
  registrationCacheFile,
  tokenCacheFile,
  writeJsonAtomic,
} from '../../electron/core/credentials/sso-cache';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atlas-sso-cache-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SSO cache file names', () => {
  it('names the token after the sha1 of the session name, or of the start URL for legacy profiles', () => {
    expect(tokenCacheFile('/c', 'corp', 'https://corp.awsapps.com/start')).toBe(join('/c', 'ee0bfd2552fbd840c02cc48b6e823320543c450f.json'));
    expect(tokenCacheFile('/c', null, 'https://old.awsapps.com/start')).toBe(join('/c', '33d5ca4bf3b1a62edb96b47f7c203034a43ac435.json'));
  });

  it('names the client registration after botocore’s JSON key', () => {
    expect(
      registrationCacheFile('/c', { startUrl: 'https://corp.awsapps.com/start', region: 'eu-west-1', sessionName: 'corp', scopes: ['sso:account:access'] }),
    ).toBe(join('/c', '787ef34d0a944c01385765faa28b5e67d1c08f33.json'));
    expect(registrationCacheFile('/c', { startUrl: 'https://old.awsapps.com/start', region: 'us-east-2', sessionName: null, scopes: null })).toBe(
      join('/c', '31a893c5c4d24f6e31e7cb5cbe01cfc2940c3759.json'),
    );
  });

  it('serializes like Python json.dumps(sort_keys=True)', () => {
    expect(pythonJson({ b: 'é', a: [1, 'x'] })).toBe('{"a": [1, "x"], "b": "\\u00e9"}');
  });

  it('follows HOME at call time', () => {
    const saved = process.env.HOME;
    try {
      process.env.HOME = dir;
      expect(defaultSsoCacheDir()).toBe(join(dir, '.aws', 'sso', 'cache'));
    } finally {
      if (saved === undefined) delete process.env.HOME;
      else process.env.HOME = saved;
    }
  });
});

describe('SSO cache files', () => {
  it('writes atomically, readable by the user only, in a private directory', async () => {
    const file = join(dir, 'sso', 'cache', 'x.json');
    await writeJsonAtomic(file, { a: 1 });
    await writeJsonAtomic(file, { a: 2 });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ a: 2 });
    expect(await readdir(join(dir, 'sso', 'cache'))).toEqual(['x.json']); // no temporary files left
    if (process.platform !== 'win32') {
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(join(dir, 'sso', 'cache'))).mode & 0o777).toBe(0o700);
    }
  });

  it('reuses a registration only while it is valid for the margin', async () => {
    const file = join(dir, 'reg.json');
    const now = new Date('2026-01-01T00:00:00Z');
    await writeFile(file, JSON.stringify({ clientId: 'id', clientSecret: 'secret', expiresAt: '2026-01-01T01:00:00Z', scopes: ['s'] }));
    expect(await readRegistration(file, now, 15 * 60_000)).toEqual({ clientId: 'id', clientSecret: 'secret', expiresAt: '2026-01-01T01:00:00Z', scopes: ['s'] });
    expect(await readRegistration(file, now, 2 * 3600_000)).toBeNull();
    // Older CLI versions wrote "…UTC".
    await writeFile(file, JSON.stringify({ clientId: 'id', clientSecret: 'secret', expiresAt: '2026-01-01T01:00:00UTC' }));
    expect((await readRegistration(file, now, 0))?.expiresAt).toBe('2026-01-01T01:00:00Z');
    await writeFile(file, 'not json');
    expect(await readRegistration(file, now, 0)).toBeNull();
    expect(await readRegistration(join(dir, 'missing.json'), now, 0)).toBeNull();
  });

  it('writes timestamps the way the CLI does', () => {
    expect(cacheTimestamp(new Date('2026-03-04T05:06:07.890Z'))).toBe('2026-03-04T05:06:07Z');
    expect(parseCacheTimestamp('2026-03-04T05:06:07UTC')?.toISOString()).toBe('2026-03-04T05:06:07.000Z');
    expect(parseCacheTimestamp('nonsense')).toBeNull();
  });
});
