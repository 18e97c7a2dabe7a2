import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_RULES, parseCleanupArgs, readPlanFile } from '../../electron/cli/cleanup-args';
import { resolveScope, rulesInWords } from '../../electron/cli/cleanup-plan';
import type { Workspace } from '../../shared/model';

const parsed = (argv: string[]) => {
  const result = parseCleanupArgs(['cleanup', 'plan', '--profile', 'acme', ...argv]);
  if (result.kind !== 'plan') throw new Error(result.kind === 'usage-error' ? result.message : 'help');
  return result.args;
};
const problem = (argv: string[]) => {
  const result = parseCleanupArgs(['cleanup', 'plan', ...argv]);
  return result.kind === 'usage-error' ? result.message : null;
};

describe('ami-atlas cleanup plan options', () => {
  it('turns flags into rules, repeatable ones as lists', () => {
    const args = parsed(['--keep-newest', '3', '--older-than', '90', '--not-launched', '30', '--not-in-use', '--exclude-tag', 'keep', '--exclude-tag', 'env=prod', '--region', 'eu-west-1', '--region', 'us-east-1', '--client', 'Acme', '--account', '111122223333']);
    expect(args.rules).toEqual({ ...NO_RULES, keepNewest: 3, olderThanDays: 90, notLaunchedDays: 30, notInUse: true, excludeTags: ['keep', 'env=prod'] });
    expect(args.scope).toEqual({ clients: ['Acme'], accounts: ['111122223333'], regions: ['eu-west-1', 'us-east-1'] });
    expect(args.apply).toBe(false);
  });

  it('refuses what it cannot use, in words', () => {
    expect(problem(['--keep-newest', '3'])).toBe('Give either --profile NAME (one or more) or --app-accounts.');
    expect(problem(['--profile', 'a', '--exclude-tag', 'keep'])).toContain('Give at least one rule');
    expect(problem(['--profile', 'a', '--older-than', '1.5'])).toBe('--older-than takes a whole number of days, not "1.5".');
    expect(problem(['--profile', 'a', '--not-launched=-3'])).toBe('--not-launched takes a whole number of days, not "-3".');
    expect(problem(['--profile', 'a', '--keep-newest', '1001'])).toBe('--keep-newest is at most 1000.');
    expect(problem(['--profile', 'a', '--older-than', '3', '--exclude-tag', '=x'])).toBe('--exclude-tag takes KEY or KEY=VALUE, not "=x".');
    expect(problem(['--profile', 'a', '--older-than', '3', '--region', 'Europe'])).toBe('"Europe" is not a region name (e.g. eu-west-1).');
    expect(problem(['--profile', 'a', '--older-than', '3', '--yes'])).toBe('--yes confirms --apply: give both, or neither to only print the plan.');
    expect(problem(['--profile', 'a', '--older-than', '3', '--confirm-production', 'Acme Prod'])).toBe('--confirm-production goes with --apply --yes.');
    expect(problem(['--profile', 'a', '--older-than', '3', '--nope'])).toContain("Unknown option '--nope'");
    expect(parseCleanupArgs(['cleanup', 'plan', '--help'])).toEqual({ kind: 'help' });
  });
});

describe('plan files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-plan-file-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const file = async (name: string, content: string) => {
    const at = path.join(dir, name);
    await writeFile(at, content);
    return at;
  };

  it('reads a name and rules; rules left out are not applied', async () => {
    const at = await file('tidy.json', JSON.stringify({ name: 'monthly tidy', rules: { keepNewest: 3, excludeTags: ['keep'], scope: { clients: ['Acme'] } } }));
    expect(await readPlanFile(at)).toEqual({ name: 'monthly tidy', rules: { ...NO_RULES, keepNewest: 3, excludeTags: ['keep'] }, scope: { clients: ['Acme'], accounts: [], regions: [] } });
  });

  it('says what is wrong with a file, where', async () => {
    expect(await readPlanFile(path.join(dir, 'missing.json'))).toEqual({ problem: `--plan: ${path.join(dir, 'missing.json')} cannot be read: there is no such file.` });
    expect(await readPlanFile(await file('text.json', 'keep 3'))).toEqual({ problem: expect.stringContaining('is not JSON') });
    expect(await readPlanFile(await file('unknown.json', JSON.stringify({ name: 'x', rules: { keepNewset: 3 } })))).toEqual({ problem: expect.stringContaining('rules: Unrecognized key') });
    expect(await readPlanFile(await file('pattern.json', JSON.stringify({ name: 'x', rules: { familyPattern: '(a' } })))).toEqual({ problem: expect.stringContaining('rules.familyPattern: Not a regular expression') });
  });
});

describe('scope by name', () => {
  const account = (id: string, name: string, awsAccountId: string, clientId: string) => ({ id, name, awsAccountId, clientId }) as Workspace['accounts'][number];
  const workspace = {
    clients: [
      { id: 'c1', name: 'Acme', color: '#000', production: false },
      { id: 'c2', name: 'Globex', color: '#000', production: false },
    ],
    accounts: [account('a1', 'Acme Prod', '111122223333', 'c1'), account('a2', 'Acme Dev', '444455556666', 'c1'), account('a3', 'Globex', '777788889999', 'c2')],
  } as Workspace;

  it('finds clients by name and accounts by name or 12-digit id among those reached', () => {
    expect(resolveScope(workspace, { clients: ['acme'], accounts: [], regions: ['eu-west-1'] }, ['a1', 'a2', 'a3'])).toEqual({ clients: ['c1'], accounts: ['a1', 'a2', 'a3'], regions: ['eu-west-1'] });
    expect(resolveScope(workspace, { clients: [], accounts: ['Acme Dev', '777788889999'], regions: [] }, ['a1', 'a2', 'a3']).accounts).toEqual(['a2', 'a3']);
    expect(() => resolveScope(workspace, { clients: [], accounts: ['Globex'], regions: [] }, ['a1'])).toThrow('No account named "Globex" among Acme Prod (111122223333).');
    expect(() => resolveScope(workspace, { clients: ['Initech'], accounts: [], regions: [] }, ['a1', 'a3'])).toThrow('No client named "Initech". Clients: Acme, Globex.');
  });

  it('says the rules in words', () => {
    expect(rulesInWords({ ...NO_RULES, keepNewest: 3, olderThanDays: 90, notInUse: true, excludeTags: ['keep'] })).toBe(
      'keep the newest 3 of each family in each account and region; created more than 90 days ago; unused at the last usage check; except those tagged keep',
    );
    expect(rulesInWords(NO_RULES)).toBe('none');
  });
});
