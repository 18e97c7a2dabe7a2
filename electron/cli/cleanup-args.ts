/** `ami-atlas cleanup plan` options: parsed and checked before anything touches AWS. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { retentionRules } from '../../shared/contract/retention';
import { compileFamilyPattern } from '../../shared/family';
import type { RetentionRules } from '../../shared/retention';
import { ACCOUNT_FLAGS, accountSourceProblem, defaultDataDir, endpointArg, parseCommand, REGION } from './args';

export const CLEANUP_USAGE = `Usage: ami-atlas cleanup plan [accounts] [rules | --plan FILE] [options]

Scans AWS accounts for the AMIs they own and prints which ones a retention plan would clean up,
with the rules that picked each one, then the totals. Writes the plan as CSV with --out (the
same bytes as the app's plan export). Nothing is changed in AWS unless --apply --yes is given.

Accounts (one of):
  --profile NAME       an AWS CLI profile (repeatable); profiles reaching the same AWS account
                       are read once
  --app-accounts       every account of the AMI Atlas app
  --data-dir DIR       the app's data folder (default: the app's own for this platform)

Rules (combined: an AMI is picked only when every rule given agrees; at least one):
  --keep-newest N          keep the newest N of each family in each account and region
  --older-than DAYS        only AMIs created more than DAYS days ago
  --not-launched DAYS      only AMIs not launched for DAYS days (never launched counts)
  --not-in-use             only AMIs the usage check finds unused (runs the check unless
                           --offline, which uses the last one); unknown use is kept
  --not-shared-outside-client
                           only AMIs not shared with an account outside their client, an
                           organization or OU, or everyone
  --exclude-tag KEY[=VALUE]
                           keep AMIs with this tag (any value, or this value; repeatable)
  --family-pattern RE      how names group into families: a regular expression whose matches
                           are removed, or whose group named "family" is the family (default:
                           dates, versions and build numbers removed, as in the app)
  --plan FILE              the rules from a saved plan file instead of the flags above:
                           {"name": "monthly tidy", "rules": {"keepNewest": 3, "olderThanDays": 90,
                            "notLaunchedDays": null, "notInUse": true, "notSharedOutsideClient": false,
                            "excludeTags": ["keep"], "familyPattern": null,
                            "scope": {"clients": [], "accounts": [], "regions": []}}}
                           a rule left out is not applied; scope names clients and accounts by
                           name, 12-digit id or the app's id (empty lists: everywhere)

Scope (repeatable; replaces the plan file's scope when given):
  --client NAME        only this client's accounts
  --account NAME|ID    only this account (its name or 12-digit id)
  --region NAME        only this region (also the regions scanned; default: each account's
                       enabled regions)

Output and applying:
  --out FILE           write the plan as CSV to FILE (written whole or not at all)
  --apply --yes        then deregister each AMI of the plan and delete its snapshots that no
                       other AMI uses (protected AMIs are skipped; every change is audited);
                       one result line per AMI
  --confirm-production NAME
                       type a production account's name to let --apply change it
                       (repeatable; one per production account in the plan)
  --offline            plan over the last inventory and usage check; no AWS calls
  --endpoint URL       send every profile's AWS calls to this endpoint (with --profile)
  --help               show this help

The plan goes to standard output, progress to standard error. Sizes add up each AMI's EBS
volumes and costs are list prices for the standard tier as of the price table's date:
snapshots are incremental, so deleting one may free less. Exit codes: 0 everything read (and
applied); 1 some targets or usage places could not be read (the plan covers the rest), or some
AMIs could not be cleaned up; 2 usage error (a production account not confirmed too); 3 nothing
usable.
`;

/** Scope as the user named it: clients and accounts by name, 12-digit id or our id. */
export interface ScopeNames {
  clients: string[];
  accounts: string[];
  regions: string[];
}

export interface CleanupPlanArgs {
  profiles: string[];
  appAccounts: boolean;
  dataDir: string;
  offline: boolean;
  endpoint: string | null;
  /** The rules, scope as the user named it (resolved against the workspace later). */
  rules: Omit<RetentionRules, 'scope'>;
  scope: ScopeNames;
  /** The saved plan's file and name, when the rules came from one. */
  planFile: string | null;
  out: string | null;
  /** Deregister the plan's AMIs (with their unused snapshots) after printing it; --yes was given. */
  apply: boolean;
  /** Production accounts' names, typed to confirm applying the plan there. */
  confirmProduction: string[];
}

export type ParsedCleanupArgs = { kind: 'help' } | { kind: 'plan'; args: CleanupPlanArgs } | { kind: 'usage-error'; message: string };

/** No rule: what flags and plan files add to. */
export const NO_RULES: Omit<RetentionRules, 'scope'> = {
  keepNewest: null,
  olderThanDays: null,
  notLaunchedDays: null,
  notInUse: false,
  notSharedOutsideClient: false,
  excludeTags: [],
  familyPattern: null,
};

const RULE_FLAGS = ['keep-newest', 'older-than', 'not-launched', 'not-in-use', 'not-shared-outside-client', 'exclude-tag', 'family-pattern'] as const;

/** A whole number within bounds, or why not. */
function wholeNumber(flag: string, value: string, max: number): number | string {
  if (!/^\d+$/.test(value.trim())) return `--${flag} takes a whole number of ${flag === 'keep-newest' ? 'AMIs' : 'days'}, not "${value}".`;
  const n = Number(value.trim());
  return n > max ? `--${flag} is at most ${max}.` : n;
}

export function parseCleanupArgs(argv: readonly string[]): ParsedCleanupArgs {
  const parsed = parseCommand(argv, 'cleanup plan', {
    ...ACCOUNT_FLAGS,
    'keep-newest': { type: 'string' },
    'older-than': { type: 'string' },
    'not-launched': { type: 'string' },
    'not-in-use': { type: 'boolean' },
    'not-shared-outside-client': { type: 'boolean' },
    'exclude-tag': { type: 'string', multiple: true },
    'family-pattern': { type: 'string' },
    plan: { type: 'string' },
    client: { type: 'string', multiple: true },
    account: { type: 'string', multiple: true },
    region: { type: 'string', multiple: true },
    out: { type: 'string', short: 'o' },
    apply: { type: 'boolean' },
    yes: { type: 'boolean' },
    'confirm-production': { type: 'string', multiple: true },
  });
  if (parsed.kind !== 'parsed') return parsed;
  const { values } = parsed;
  const fail = (message: string): ParsedCleanupArgs => ({ kind: 'usage-error', message });

  const profiles = values.profile ?? [];
  const appAccounts = values['app-accounts'] ?? false;
  const source = accountSourceProblem(values);
  if (source) return fail(source);

  const rules = { ...NO_RULES };
  const planFile = values.plan ?? null;
  const ruleFlags = RULE_FLAGS.filter((f) => values[f] !== undefined);
  if (planFile !== null && ruleFlags.length > 0) return fail(`--plan gives the rules: leave out ${ruleFlags.map((f) => `--${f}`).join(', ')}, or the --plan.`);
  if (planFile === null && ruleFlags.filter((f) => f !== 'family-pattern' && f !== 'exclude-tag').length === 0) {
    return fail('Give at least one rule (--keep-newest, --older-than, --not-launched, --not-in-use, --not-shared-outside-client) or --plan FILE.');
  }
  for (const [flag, key, max] of [
    ['keep-newest', 'keepNewest', 1000],
    ['older-than', 'olderThanDays', 36500],
    ['not-launched', 'notLaunchedDays', 36500],
  ] as const) {
    const raw = values[flag];
    if (raw === undefined) continue;
    const n = wholeNumber(flag, raw, max);
    if (typeof n === 'string') return fail(n);
    rules[key] = n;
  }
  rules.notInUse = values['not-in-use'] ?? false;
  rules.notSharedOutsideClient = values['not-shared-outside-client'] ?? false;
  const tags = values['exclude-tag'] ?? [];
  const badTag = tags.find((t) => t.trim() === '' || t.startsWith('=') || t.length > 400);
  if (badTag !== undefined) return fail(`--exclude-tag takes KEY or KEY=VALUE, not "${badTag}".`);
  rules.excludeTags = [...new Set(tags)];
  const familyPattern = values['family-pattern']?.trim() || null;
  const pattern = compileFamilyPattern(familyPattern);
  if (!pattern.ok) return fail(`--family-pattern: ${pattern.error}`);
  rules.familyPattern = familyPattern;

  const regions = values.region ?? [];
  const badRegion = regions.find((r) => !REGION.test(r));
  if (badRegion) return fail(`"${badRegion}" is not a region name (e.g. eu-west-1).`);
  const blank = [...(values.client ?? []), ...(values.account ?? [])].some((v) => v.trim() === '');
  if (blank) return fail('--client and --account take a name.');

  let endpoint: string | null = null;
  if (values.endpoint !== undefined && appAccounts) return fail('--endpoint goes with --profile: the app’s accounts keep the endpoints set in the app.');
  if (values.endpoint !== undefined) {
    const checked = endpointArg(values.endpoint);
    if ('problem' in checked) return fail(checked.problem);
    endpoint = checked.endpoint;
  }
  if (values.out !== undefined && values.out.trim() === '') return fail('--out takes a file name.');
  const apply = values.apply ?? false;
  if (apply && !values.yes) return fail('--apply deregisters the plan’s AMIs and deletes their unused snapshots: add --yes to confirm.');
  if (!apply && values.yes) return fail('--yes confirms --apply: give both, or neither to only print the plan.');
  if (apply && (values.offline ?? false)) return fail('--apply changes AWS: leave out --offline (the plan is made from a fresh scan).');
  const confirmProduction = values['confirm-production'] ?? [];
  if (!apply && confirmProduction.length > 0) return fail('--confirm-production goes with --apply --yes.');

  return {
    kind: 'plan',
    args: {
      profiles: [...new Set(profiles)],
      appAccounts,
      dataDir: path.resolve(values['data-dir'] ?? defaultDataDir()),
      offline: values.offline ?? false,
      endpoint,
      rules,
      scope: { clients: [...new Set(values.client ?? [])], accounts: [...new Set(values.account ?? [])], regions: [...new Set(regions)] },
      planFile,
      out: values.out ?? null,
      apply,
      confirmProduction: [...new Set(confirmProduction)],
    },
  };
}

const scopeList = (max: number) => z.array(z.string().trim().min(1).max(200)).max(max);

/** A saved plan file: a name and rules; rules left out are not applied, scope by name or id. */
const planFileSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  rules: retentionRules
    .omit({ scope: true })
    .partial()
    .extend({ scope: z.strictObject({ clients: scopeList(200), accounts: scopeList(1000), regions: z.array(z.string().regex(REGION, 'must be a region name such as eu-west-1')).max(64) }).partial().optional() }),
});

export interface PlanFile {
  name: string;
  rules: Omit<RetentionRules, 'scope'>;
  scope: ScopeNames;
}

/** The plan file's name and rules, or why it cannot be used, in words. */
export async function readPlanFile(file: string): Promise<PlanFile | { problem: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: `--plan: ${file} cannot be read${code === 'ENOENT' ? ': there is no such file' : code ? ` (${code})` : ''}.` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `--plan: ${file} is not JSON (${error instanceof Error ? error.message : String(error)}).` };
  }
  const parsed = planFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : 'the file';
    return { problem: `--plan: ${file}: ${where}: ${issue.message}. See ami-atlas cleanup plan --help for the format.` };
  }
  const { scope, ...rules } = parsed.data.rules;
  const merged = { ...NO_RULES, ...rules };
  const pattern = compileFamilyPattern(merged.familyPattern);
  if (!pattern.ok) return { problem: `--plan: ${file}: rules.familyPattern: ${pattern.error}` };
  return { name: parsed.data.name, rules: merged, scope: { clients: scope?.clients ?? [], accounts: scope?.accounts ?? [], regions: scope?.regions ?? [] } };
}
