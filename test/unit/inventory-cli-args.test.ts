import path from 'node:path';
import { accountSummary } from './renderer-fixtures';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseCliArgs } from '../../electron/cli/args';
import { INVENTORY_COLUMNS } from '../../shared/inventory';

const base = ['inventory', 'export'];

describe('ami-atlas arguments', () => {
  it('reads repeatable profiles, regions and views, columns, BOM, output and endpoint', () => {
    const parsed = parseCliArgs([...base, '--profile', 'a', '--profile', 'b', '--region', 'eu-west-1', '--region', 'us-east-1', '--view', 'owned', '--columns', 'imageId, name', '--bom', '--output', 'x.csv', '--endpoint', 'http://127.0.0.1:4566/', '--data-dir', 'd', '--search', ' arm64 eu-west-1 ', '--permissions-max-age', '6']);
    expect(parsed).toEqual({
      kind: 'export',
      args: {
        profiles: ['a', 'b'],
        appAccounts: false,
        dataDir: path.resolve('d'),
        regions: ['eu-west-1', 'us-east-1'],
        views: ['owned'],
        columns: ['imageId', 'name'],
        bom: true,
        output: 'x.csv',
        offline: false,
        endpoint: 'http://127.0.0.1:4566',
        search: 'arm64 eu-west-1',
        familyPattern: null,
        permissionsMaxAgeHours: 6,
      },
    });
  });

  it('defaults to every column, both views, enabled regions and standard output', () => {
    const parsed = parseCliArgs([...base, '--app-accounts', '--offline']);
    expect(parsed.kind).toBe('export');
    if (parsed.kind !== 'export') return;
    expect(parsed.args).toMatchObject({ appAccounts: true, offline: true, regions: null, views: null, output: '-', columns: [...INVENTORY_COLUMNS] });
  });

  it('refuses what it cannot honour', () => {
    for (const argv of [
      base,
      [...base, '--profile', 'a', '--app-accounts'],
      [...base, '--profile', 'a', '--region', 'mars'],
      [...base, '--profile', 'a', '--view', 'public'],
      [...base, '--profile', 'a', '--columns', 'imageId,secret'],
      [...base, '--profile', 'a', '--endpoint', 'ftp://x'],
      [...base, '--app-accounts', '--endpoint', 'http://127.0.0.1:4566'],
      [...base, '--profile', 'a', '--nope'],
      [...base, '--profile', 'a', '--permissions-max-age', 'soon'],
      [...base, '--profile', 'a', '--permissions-max-age', '-1'],
      ['inventory', 'import', '--profile', 'a'],
    ]) {
      expect(parseCliArgs(argv).kind, argv.join(' ')).toBe('usage-error');
    }
    expect(parseCliArgs(['--help']).kind).toBe('help');
  });

  it('reads a family pattern as the app takes it, and refuses one that is not an expression', () => {
    const parsed = parseCliArgs([...base, '--profile', 'a', '--family-pattern', ' ^(?<family>[a-z]+)- ']);
    expect(parsed.kind === 'export' && parsed.args.familyPattern).toBe('^(?<family>[a-z]+)-');
    const blank = parseCliArgs([...base, '--profile', 'a', '--family-pattern', '  ']);
    expect(blank.kind === 'export' && blank.args.familyPattern).toBeNull();
    const bad = parseCliArgs([...base, '--profile', 'a', '--family-pattern', '(unclosed']);
    expect(bad).toMatchObject({ kind: 'usage-error', message: expect.stringMatching(/^--family-pattern: Not a regular expression/) });
  });

  it('finds the app’s data folder where Electron keeps it', () => {
    expect(defaultDataDir('linux', {}, '/home/u')).toBe(path.join('/home/u', '.config', 'AMI Atlas'));
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/u')).toBe(path.join('/x', 'AMI Atlas'));
    expect(defaultDataDir('darwin', {}, '/Users/u')).toBe(path.join('/Users/u', 'Library', 'Application Support', 'AMI Atlas'));
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'C:\\Users\\u')).toBe(path.join('C:\\Users\\u\\AppData\\Roaming', 'AMI Atlas'));
  });
});

describe('what the CLI says about accounts that need signing in', () => {
  it('names the command or file to fix for a profile, and the app for its own accounts', async () => {
    const { signInHint } = await import('../../electron/cli/sign-in-hints');
    const via = (profileName: string | null) => ({ fixPath: 'p', paths: [{ ...accountSummary('x').paths[0]!, id: 'p', profileName }] });
    expect(signInHint({ name: 'acme', fix: 'sso-sign-in', ...via('acme-sso') })).toContain('aws sso login --profile acme-sso');
    expect(signInHint({ name: 'acme', fix: 'enter-mfa', ...via('acme') })).toContain('run this in a terminal');
    expect(signInHint({ name: 'Build', fix: 'update-keys', ...via(null) })).toBe('open AMI Atlas and use the fix shown on Build, then run this again');
  });
});
