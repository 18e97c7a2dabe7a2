/** `ami-atlas sso populate` options: parsed and checked before anything signs in. */
import path from 'node:path';
import { endpointArg, parseCommand, REGION } from './args';
import { awsConfigFile } from '../core/discovery/config-file';

export const SSO_USAGE = `Usage: ami-atlas sso populate --start-url URL --sso-region REGION [options]

Signs in to IAM Identity Center (the AWS CLI's device sign-in, its token cache shared) and writes
an [sso-session] and one profile per account × role the portal lists to the AWS config file.
Profiles it wrote are marked; a re-run updates them and removes those the portal no longer
lists. Hand-written profiles and comments are never changed.

  --start-url URL      the AWS access portal, e.g. https://my-org.awsapps.com/start
  --sso-region REGION  the IAM Identity Center region
  --sso-session NAME   the [sso-session] name (default: the start URL's host name, first part)
  --prefix P           put before every profile name
  --name TEMPLATE      profile names from {account_name}, {account_id}, {role}
                       (default: {account_name}.{role}, after the prefix)
  --role PATTERN       only roles matching the pattern (* and ? wildcards; repeatable)
  --region REGION      the profiles' default region (default: the SSO region)
  --config FILE        the AWS config file (default: AWS_CONFIG_FILE, else ~/.aws/config)
  --endpoint URL       send Identity Center's calls to this endpoint (a private endpoint or an
                       emulator); https://, or http:// on this computer only
  --dry-run            print what would change as a diff; write nothing
  --help               show this help

The sign-in address and code go to standard error (the browser opens where there is one). The
config file is replaced atomically; the previous one is kept beside it as FILE.bak. Exit codes:
0 written (or nothing to change); 2 usage error; 3 sign-in or portal failure.
`;

export interface SsoPopulateArgs {
  startUrl: string;
  ssoRegion: string;
  sessionName: string;
  prefix: string;
  nameTemplate: string;
  roles: string[];
  region: string | null;
  configFile: string;
  endpoint: string | null;
  dryRun: boolean;
}

export type ParsedSsoArgs = { kind: 'help' } | { kind: 'sso-populate'; args: SsoPopulateArgs } | { kind: 'usage-error'; message: string };

const SESSION = /^[\w.-]{1,64}$/;

export function parseSsoArgs(argv: readonly string[]): ParsedSsoArgs {
  const parsed = parseCommand(argv, 'sso populate', {
    'start-url': { type: 'string' },
    'sso-region': { type: 'string' },
    'sso-session': { type: 'string' },
    prefix: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', multiple: true },
    region: { type: 'string' },
    config: { type: 'string' },
    endpoint: { type: 'string' },
    'dry-run': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (parsed.kind !== 'parsed') return parsed;
  const { values } = parsed;
  const fail = (message: string): ParsedSsoArgs => ({ kind: 'usage-error', message });

  const startUrl = values['start-url'];
  if (!startUrl) return fail('--start-url is required (the AWS access portal, e.g. https://my-org.awsapps.com/start).');
  if (!URL.canParse(startUrl) || new URL(startUrl).protocol !== 'https:') return fail(`--start-url must be an https:// address, not "${startUrl}".`);
  const ssoRegion = values['sso-region'];
  if (!ssoRegion || !REGION.test(ssoRegion)) return fail('--sso-region is required: the IAM Identity Center region, e.g. eu-central-1.');
  if (values.region !== undefined && !REGION.test(values.region)) return fail(`"${values.region}" is not a region name (e.g. eu-west-1).`);
  const sessionName = values['sso-session'] ?? new URL(startUrl).hostname.split('.')[0]!;
  if (!SESSION.test(sessionName)) return fail(`--sso-session "${sessionName}": use 1–64 letters, digits, dots, dashes or underscores.`);
  const nameTemplate = values.name ?? '{account_name}.{role}';
  if (!/\{(account_name|account_id)\}/.test(nameTemplate) || !nameTemplate.includes('{role}')) {
    return fail('--name must contain {role} and {account_name} or {account_id}, so every profile has its own name.');
  }
  let endpoint: string | null = null;
  if (values.endpoint !== undefined) {
    const checked = endpointArg(values.endpoint);
    if ('problem' in checked) return fail(checked.problem);
    endpoint = checked.endpoint;
  }
  return {
    kind: 'sso-populate',
    args: {
      startUrl,
      ssoRegion,
      sessionName,
      prefix: values.prefix ?? '',
      nameTemplate,
      roles: values.role ?? [],
      region: values.region ?? null,
      configFile: path.resolve(awsConfigFile(values.config)),
      endpoint,
      dryRun: values['dry-run'] ?? false,
    },
  };
}

/** `*` and `?` wildcards, whole name, case as written. */
export function roleMatcher(patterns: readonly string[]): (role: string) => boolean {
  if (patterns.length === 0) return () => true;
  const res = patterns.map((p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`));
  return (role) => res.some((re) => re.test(role));
}
