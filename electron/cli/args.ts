/** `ami-atlas inventory export` options: parsed and checked before anything touches AWS. */
import os from 'node:os';
import path from 'node:path';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { INVENTORY_COLUMNS, type InventoryColumn } from '../../shared/inventory';
import type { ImageView } from '../../shared/model';
import { endpointProblem } from '../../shared/endpoint';
import { compileFamilyPattern } from '../../shared/family';

export const USAGE = `Usage: ami-atlas inventory export [options]
       ami-atlas cleanup plan [options]   (see ami-atlas cleanup plan --help)
       ami-atlas sso populate --start-url URL --sso-region REGION [options]   (see ami-atlas sso populate --help)

Scans AWS accounts for their AMIs (owned and shared with them) and writes the inventory as CSV.

Accounts (one of):
  --profile NAME       an AWS CLI profile (repeatable), read from the AWS config and
                       credentials files on every run; profiles reaching the same AWS
                       account are read once
  --app-accounts       every account of the AMI Atlas app
  --data-dir DIR       the app's data folder (default: the app's own for this platform)

Scope and output:
  --region NAME        a region to scan (repeatable; default: each account's enabled regions)
  --view owned|shared  which listing (repeatable; default: both)
  --permissions-max-age HOURS
                       launch permissions read longer ago than this are read again, even
                       for AMIs unchanged since (default: 24; 0 reads every AMI's)
  --search TEXT        only AMIs matching every word, as the app's search box: name, id,
                       description, owner, accounts, region, architecture, platform,
                       state, visibility, tags (e.g. "arm64 eu-west-1", "env=prod")
  --columns a,b,c      columns, in order (default: all). One of:
                       ${INVENTORY_COLUMNS.join(', ')}
  --family-pattern RE  how the family column and cost totals group names: a regular
                       expression whose matches are removed, or whose group named
                       "family" is the family (default: dates, versions and build numbers
                       removed, as in the app)
  --bom                start with a UTF-8 byte-order mark (for Excel)
  --output FILE        where to write the CSV; - for standard output (default)
  --offline            export the last scan from the cache; no AWS calls
  --endpoint URL       send every profile's AWS calls to this endpoint (a private endpoint or
                       an emulator), whatever its endpoint_url says (with --profile); https://,
                       or http:// on this computer only; never a link-local address
  --help               show this help

Progress goes to standard error. Exit codes: 0 all targets read; 1 some targets failed (the
CSV still holds everything that was read); 2 usage error; 3 nothing usable (every target
failed, credentials rejected, or no cached inventory).
`;

export interface ExportArgs {
  profiles: string[];
  appAccounts: boolean;
  dataDir: string;
  regions: string[] | null;
  views: ImageView[] | null;
  columns: InventoryColumn[];
  bom: boolean;
  output: string;
  offline: boolean;
  endpoint: string | null;
  /** The app's search text (every term must match). */
  search: string;
  /** Hours after which unchanged AMIs' launch permissions are read again; null: the app's default. */
  permissionsMaxAgeHours: number | null;
  /** The user's family pattern (shared/family.ts); null: the built-in rules. */
  familyPattern: string | null;
}

export type ParsedArgs = { kind: 'help' } | { kind: 'export'; args: ExportArgs } | { kind: 'usage-error'; message: string };

/** Where Electron keeps the app's userData ("AMI Atlas") on this platform. */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'AMI Atlas');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'AMI Atlas');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'AMI Atlas');
}

export const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** What every command says when its words are not its own. */
export function commandProblem(positionals: readonly string[], command: string): string | null {
  return positionals.join(' ') === command ? null : `Unknown command "${positionals.join(' ')}". Try: ami-atlas ${command} --help`;
}

/** An --endpoint value: normalized, or why it is refused (https, or http on this computer only). */
export function endpointArg(value: string): { endpoint: string } | { problem: string } {
  const problem = endpointProblem(value);
  return problem ? { problem: `--endpoint: ${problem}` } : { endpoint: new URL(value).href.replace(/\/$/, '') };
}

type CommandValues<O extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: true }>>['values'];

/** One command's options (its `help` option says --help was asked), parsed strictly; its words checked. */
export function parseCommand<const O extends ParseArgsOptionsConfig>(
  argv: readonly string[],
  command: string,
  options: O,
): { kind: 'help' } | { kind: 'usage-error'; message: string } | { kind: 'parsed'; values: CommandValues<O> } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    return { kind: 'usage-error', message: error instanceof Error ? error.message : String(error) };
  }
  if ((parsed.values as { help?: boolean }).help) return { kind: 'help' };
  const wrong = commandProblem(parsed.positionals, command);
  return wrong ? { kind: 'usage-error', message: wrong } : { kind: 'parsed', values: parsed.values };
}
const COLUMN_SET = new Set<string>(INVENTORY_COLUMNS);

/** The flags every command that reads accounts takes: where the accounts come from, offline, the endpoint, help. */
export const ACCOUNT_FLAGS = {
  profile: { type: 'string', multiple: true },
  'app-accounts': { type: 'boolean' },
  'data-dir': { type: 'string' },
  offline: { type: 'boolean' },
  endpoint: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Profiles or the app's accounts, exactly one of them; or why not. */
export function accountSourceProblem(values: { profile?: string[]; 'app-accounts'?: boolean }): string | null {
  return ((values.profile ?? []).length > 0) === (values['app-accounts'] ?? false) ? 'Give either --profile NAME (one or more) or --app-accounts.' : null;
}

export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  const parsed = parseCommand(argv, 'inventory export', {
    ...ACCOUNT_FLAGS,
    region: { type: 'string', multiple: true },
    view: { type: 'string', multiple: true },
    columns: { type: 'string' },
    bom: { type: 'boolean' },
    output: { type: 'string', short: 'o' },
    search: { type: 'string' },
    'family-pattern': { type: 'string' },
    'permissions-max-age': { type: 'string' },
  });
  if (parsed.kind !== 'parsed') return parsed;
  const { values } = parsed;
  const fail = (message: string): ParsedArgs => ({ kind: 'usage-error', message });
  const profiles = values.profile ?? [];
  const appAccounts = values['app-accounts'] ?? false;
  const source = accountSourceProblem(values);
  if (source) return fail(source);

  const regions = values.region ?? null;
  const badRegion = regions?.find((r) => !REGION.test(r));
  if (badRegion) return fail(`"${badRegion}" is not a region name (e.g. eu-west-1).`);

  const views = values.view ?? null;
  const badView = views?.find((v) => v !== 'owned' && v !== 'shared');
  if (badView) return fail(`--view must be owned or shared, not "${badView}".`);

  let columns: InventoryColumn[] = [...INVENTORY_COLUMNS];
  if (values.columns !== undefined) {
    const asked = values.columns.split(',').map((c) => c.trim()).filter(Boolean);
    const unknown = asked.filter((c) => !COLUMN_SET.has(c));
    if (asked.length === 0 || unknown.length > 0) return fail(`Unknown column(s): ${unknown.join(', ') || '(none given)'}. Columns: ${INVENTORY_COLUMNS.join(', ')}`);
    columns = asked as InventoryColumn[];
  }

  let permissionsMaxAgeHours: number | null = null;
  if (values['permissions-max-age'] !== undefined) {
    const hours = Number(values['permissions-max-age']);
    if (values['permissions-max-age'].trim() === '' || !Number.isFinite(hours) || hours < 0 || hours > 8760) {
      return fail(`--permissions-max-age takes hours from 0 to 8760 (a year), not "${values['permissions-max-age']}".`);
    }
    permissionsMaxAgeHours = hours;
  }

  const familyPattern = values['family-pattern']?.trim() || null;
  const pattern = compileFamilyPattern(familyPattern);
  if (!pattern.ok) return fail(`--family-pattern: ${pattern.error}`);

  let endpoint: string | null = null;
  if (values.endpoint !== undefined && appAccounts) return fail('--endpoint goes with --profile: the app’s accounts keep the endpoints set in the app.');
  if (values.endpoint !== undefined) {
    const checked = endpointArg(values.endpoint);
    if ('problem' in checked) return fail(checked.problem);
    endpoint = checked.endpoint;
  }

  return {
    kind: 'export',
    args: {
      profiles: [...new Set(profiles)],
      appAccounts,
      dataDir: path.resolve(values['data-dir'] ?? defaultDataDir()),
      regions: regions ? [...new Set(regions)] : null,
      views: views ? ([...new Set(views)] as ImageView[]) : null,
      columns,
      bom: values.bom ?? false,
      output: values.output ?? '-',
      offline: values.offline ?? false,
      endpoint,
      search: (values.search ?? '').trim(),
      familyPattern,
      permissionsMaxAgeHours,
    },
  };
}
