/**
 * Account endpoints: https anywhere, http only to this computer, never a link-local address —
 * the EC2 instance metadata service above all, however it is spelled — checked by the contract's
 * schema, for AWS CLI profiles' endpoint_url, for the CLI's --endpoint, and again before any AWS
 * client is made, each naming the problem.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { endpointProblem } from '../../shared/endpoint';
import { schemas } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { listProfiles } from '../../electron/core/accounts/profiles';
import { parseCliArgs } from '../../electron/cli/args';
import { ClientPool } from '../../electron/core/aws/client-pool';
import { assumeRole } from '../../electron/core/credentials/sts';
import type { PathRecord } from '../../electron/core/accounts/registry';

const METADATA_SPELLINGS = [
  'http://169.254.169.254',
  'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
  'https://169.254.169.254',
  'http://169.254.169.254.', // trailing dot
  'http://2852039166', // one decimal number
  'http://0xA9FEA9FE', // one hex number
  'http://0xa9.0xfe.0xa9.0xfe', // hex parts
  'http://0251.0376.0251.0376', // octal parts
  'http://0251.254.0xa9.254', // mixed
  'http://169.254.43518', // a.b.c short form
  'http://169.16689662', // a.b short form
  'http://[::ffff:169.254.169.254]', // IPv4-mapped
  'http://[::ffff:a9fe:a9fe]',
  'http://[0:0:0:0:0:ffff:a9fe:a9fe]',
  'http://[::169.254.169.254]', // IPv4-compatible
  'http://[::ffff:0:a9fe:a9fe]', // IPv4-translated
  'http://[64:ff9b::a9fe:a9fe]', // NAT64
  'http://[2002:a9fe:a9fe::]', // 6to4
  'http://[fd00:ec2::254]', // EC2's metadata over IPv6
  'http://instance-data', // EC2's name for it
  'https://instance-data.ec2.internal',
  'HTTP://169.254.169.254:80/',
];

describe('endpoint rules', () => {
  it('take https anywhere, and http on this computer only', () => {
    for (const ok of [
      'https://ec2.eu-west-1.amazonaws.com',
      'https://vpce-0123.ec2.eu-west-1.vpce.amazonaws.com/',
      'https://10.0.0.5:8443',
      'https://[2001:db8::1]',
      'http://127.0.0.1:4566',
      'http://127.0.0.1:4566/',
      'http://127.1:4566',
      'http://127.255.255.254',
      'http://localhost:4566',
      'http://LOCALHOST:4566',
      'http://[::1]:4566',
      'http://[::ffff:127.0.0.1]:4566',
    ]) {
      expect(endpointProblem(ok), ok).toBeNull();
    }
  });

  it('refuse plain http to another machine, saying to use https', () => {
    for (const bad of ['http://ec2.eu-west-1.amazonaws.com', 'http://10.0.0.5:4566', 'http://localhost.example.com', 'http://[2001:db8::1]', 'http://[64:ff9b::7f00:1]']) {
      expect(endpointProblem(bad), bad).toMatch(/uses http:\/\/, which is allowed only on this computer \(127\.0\.0\.1, ::1 or localhost\); use https:\/\//);
    }
  });

  it('refuse the EC2 instance metadata service in every spelling, naming the address it is', () => {
    for (const spelling of METADATA_SPELLINGS) {
      const problem = endpointProblem(spelling);
      expect(problem, spelling).toMatch(/is the EC2 instance metadata service/);
      expect(problem).toContain(JSON.stringify(spelling));
    }
    expect(endpointProblem('http://0xA9FEA9FE')).toContain('(169.254.169.254)');
  });

  it('refuse every other link-local address, IPv4 and IPv6, https or not', () => {
    for (const bad of ['https://169.254.170.2', 'http://169.254.0.1', 'https://169.254.255.255:443', 'https://[fe80::1]', 'https://[febf:ffff::1]', 'https://[::ffff:169.254.170.2]', 'http://2852039170']) {
      expect(endpointProblem(bad), bad).toMatch(/is a link-local address/);
    }
    // Just outside the ranges.
    expect(endpointProblem('https://169.255.0.1')).toBeNull();
    expect(endpointProblem('https://[fec0::1]')).toBeNull();
  });

  it('refuse what is not an endpoint at all', () => {
    expect(endpointProblem('not a url')).toMatch(/is not a URL/);
    expect(endpointProblem('ftp://example.com')).toMatch(/is not an https:\/\/ URL/);
    expect(endpointProblem('file:///etc/passwd')).toMatch(/is not an https:\/\/ URL/);
    expect(endpointProblem('https://0.0.0.0')).toMatch(/is not an address to connect to/);
    expect(endpointProblem('https://[::]')).toMatch(/is not an address to connect to/);
    const withPassword = endpointProblem('https://me:hunter2@ec2.amazonaws.com');
    expect(withPassword).toMatch(/carries a user name or password/);
    expect(withPassword).not.toContain('hunter2');
  });
});

describe('where endpoints come in', () => {
  const key = { name: 'prod', clientName: 'Acme', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', defaultRegion: 'eu-west-1' };

  it('the contract: a key pair with a metadata endpoint is invalid input, saying why', () => {
    expect(schemas.addAccessKeyAccount.safeParse({ ...key, endpoint: 'http://127.0.0.1:4566' }).success).toBe(true);
    for (const endpoint of ['http://0xA9FEA9FE', 'http://[::ffff:a9fe:a9fe]', 'http://ec2.amazonaws.com']) {
      const parsed = schemas.addAccessKeyAccount.safeParse({ ...key, endpoint });
      expect(parsed.success, endpoint).toBe(false);
      expect(parsed.error!.issues.map((i) => i.message).join(' ')).toMatch(/metadata service|allowed only on this computer/);
    }
  });

  it('AWS CLI profiles: an endpoint_url the app refuses makes the profile unusable, saying why', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atlas-endpoint-'));
    try {
      await writeFile(
        join(dir, 'config'),
        '[profile local]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:4566\n\n[profile imds]\nregion = us-east-1\nendpoint_url = http://2852039166\n',
      );
      await writeFile(join(dir, 'credentials'), '[local]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n\n[imds]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n');
      const profiles = await listProfiles({ configFile: join(dir, 'config'), credentialsFile: join(dir, 'credentials') });
      expect(profiles.find((p) => p.name === 'local')).toMatchObject({ endpointUrl: 'http://127.0.0.1:4566', problem: null });
      expect(profiles.find((p) => p.name === 'imds')).toMatchObject({
        endpointUrl: null,
        problem: expect.stringMatching(/^Profile imds: endpoint_url "http:\/\/2852039166" is the EC2 instance metadata service \(169\.254\.169\.254\)/),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("the CLI's --endpoint: a usage error naming the problem; the emulator's address works", () => {
    const base = ['inventory', 'export', '--profile', 'a'];
    expect(parseCliArgs([...base, '--endpoint', 'http://127.0.0.1:4566'])).toMatchObject({ kind: 'export', args: { endpoint: 'http://127.0.0.1:4566' } });
    const refused = parseCliArgs([...base, '--endpoint', 'http://[fd00:ec2::254]']);
    expect(refused).toMatchObject({ kind: 'usage-error', message: expect.stringMatching(/^--endpoint: "http:\/\/\[fd00:ec2::254\]" is the EC2 instance metadata service/) });
  });

  it('the core: no AWS client is made for an endpoint stored before these rules, and the error names the account', () => {
    const pool = new ClientPool({ credentialsFor: () => async () => ({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' }) });
    const path = (endpoint: string | null) => ({ id: 'path-1', accountId: 'acct-1', accountName: 'acme-prod', endpoint, kind: 'access-key' }) as unknown as PathRecord;
    expect(() => pool.ec2(path('http://127.0.0.1:4566'), 'eu-west-1')).not.toThrow();
    expect(() => pool.ec2(path(null), 'eu-west-1')).not.toThrow();
    let error: unknown;
    try {
      pool.sts(path('http://169.254.169.254'), 'eu-west-1');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^The endpoint of acme-prod is refused: .*metadata service/), details: { account: 'acct-1', accountName: 'acme-prod' } });
    expect((error as AppError).message).not.toContain('acct-1');
    pool.destroy();
  });

  it('the core: STS calls made for credentials (roles, MFA sessions) refuse it too', async () => {
    const caller = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' };
    const role = { RoleArn: 'arn:aws:iam::123456789012:role/Admin', RoleSessionName: 'atlas' };
    await expect(assumeRole(caller, role, { region: 'eu-west-1', endpoint: 'http://[::ffff:169.254.169.254]' })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/metadata service/) });
  });
});
