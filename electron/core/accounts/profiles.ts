/**
 * Profiles of the AWS CLI's shared files (~/.aws/config and ~/.aws/credentials), as offered for
 * import, and the SSO settings a profile signs in with.
 *
 * The files are read with the SDK's own loader (the one `fromIni` uses), so a profile is
 * classified the way the SDK will later resolve it: same file locations (AWS_CONFIG_FILE,
 * AWS_SHARED_CREDENTIALS_FILE, HOME — read at call time), same parsing, same precedence of
 * credentials-file values over config-file values. Secret values are never copied out: only
 * the presence of a key is looked at.
 */
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { ProfileInfo } from '../../../shared/model';
import { endpointProblem } from '../../../shared/endpoint';

export interface ProfileFiles {
  /** Default: AWS_CONFIG_FILE, else ~/.aws/config. */
  configFile?: string;
  /** Default: AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials. */
  credentialsFile?: string;
}

export type ProfileListing = Omit<ProfileInfo, 'imported'>;

/** What `aws sso login` needs for a profile (the SSO profile at the root of its chain). */
export interface ProfileSsoSettings {
  startUrl: string;
  region: string;
  /** The `[sso-session NAME]` used, or null for a legacy profile with sso_start_url inline. */
  sessionName: string | null;
  /** sso_registration_scopes of the session, or null when none are set. */
  scopes: string[] | null;
}

type Section = Record<string, string | undefined>;

/** Both files merged the way the SDK merges them, plus the sso-session sections. */
export interface ProfileConfig {
  profiles: Record<string, Section>;
  ssoSessions: Record<string, Section>;
}

const SSO_SESSION_PREFIX = 'sso-session.';
const SERVICES_PREFIX = 'services.';
const CREDENTIAL_SOURCES = new Set(['Environment', 'Ec2InstanceMetadata', 'EcsContainer']);

/** Reads both files afresh (the user may have edited them since the last look). */
export async function loadProfileConfig(files: ProfileFiles = {}): Promise<ProfileConfig> {
  const parsed = await loadSharedConfigFiles({
    ...(files.configFile ? { configFilepath: files.configFile } : {}),
    ...(files.credentialsFile ? { filepath: files.credentialsFile } : {}),
    ignoreCache: true,
  });
  const profiles: Record<string, Section> = Object.create(null) as Record<string, Section>;
  const ssoSessions: Record<string, Section> = Object.create(null) as Record<string, Section>;
  addSections(parsed.configFile, profiles, ssoSessions);
  // Values in the credentials file win over the config file's, as in the SDK.
  for (const [name, section] of Object.entries(parsed.credentialsFile)) {
    profiles[name] = { ...profiles[name], ...section };
  }
  return { profiles, ssoSessions };
}

function addSections(data: Record<string, Section>, profiles: Record<string, Section>, ssoSessions: Record<string, Section>): void {
  for (const [key, section] of Object.entries(data)) {
    if (key.startsWith(SSO_SESSION_PREFIX)) ssoSessions[key.slice(SSO_SESSION_PREFIX.length)] = { ...section };
    else if (!key.startsWith(SERVICES_PREFIX)) profiles[key] = { ...section };
  }
}

export async function listProfiles(files?: ProfileFiles): Promise<ProfileListing[]> {
  const config = await loadProfileConfig(files);
  return Object.keys(config.profiles)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => describeProfile(config, name));
}

/**
 * SSO settings of a profile: its own when it is an SSO profile, else those of the SSO profile
 * at the root of its source_profile chain. null when the chain does not end in SSO (or the
 * profile does not exist).
 */
export async function profileSsoSettings(name: string, files?: ProfileFiles): Promise<ProfileSsoSettings | null> {
  const config = await loadProfileConfig(files);
  const resolved = resolveChain(config, name);
  const root = resolved.chain.at(-1);
  if (!root || resolved.rootKind !== 'sso') return null;
  return ssoSettingsOf(config, root);
}

export function describeProfile(config: ProfileConfig, name: string): ProfileListing {
  const section = config.profiles[name] ?? {};
  const resolved = resolveChain(config, name);
  const root = resolved.chain.at(-1) ?? name;
  const sso = resolved.rootKind === 'sso' ? ssoSettingsOf(config, root) : null;
  const rootSection = config.profiles[root] ?? {};
  // An endpoint_url the app would never send credentials to makes the profile unusable, saying why.
  const endpointUrl = nonEmpty(section.endpoint_url);
  const endpointIssue = endpointUrl ? endpointProblem(endpointUrl) : null;
  return {
    name,
    kind: resolved.kind,
    chain: resolved.chain,
    roleArn: resolved.kind === 'assume-role' ? nonEmpty(section.role_arn) : null,
    externalId: resolved.kind === 'assume-role' ? nonEmpty(section.external_id) : null,
    mfaSerial: firstMfaSerial(config, resolved.chain),
    ssoStartUrl: sso?.startUrl ?? (resolved.rootKind === 'sso' ? nonEmpty(rootSection.sso_start_url) : null),
    ssoSession: resolved.rootKind === 'sso' ? nonEmpty(rootSection.sso_session) : null,
    region: nonEmpty(section.region),
    endpointUrl: endpointIssue ? null : endpointUrl,
    expectedAccountId: expectedAccount(resolved.kind, section),
    problem: resolved.problem ?? (endpointIssue ? `Profile ${name}: endpoint_url ${endpointIssue}` : null),
  };
}

/**
 * The account a profile reaches, as its own settings say: the role's account, or the SSO
 * account. AssumeRole and SSO can only ever hand out credentials of that account, so a path can
 * join its account before it is signed in. Keys and credential_process say nothing: STS tells.
 */
function expectedAccount(kind: Kind, section: Section): string | null {
  if (kind === 'assume-role') return accountOfArn(nonEmpty(section.role_arn));
  if (kind === 'sso') {
    const id = nonEmpty(section.sso_account_id);
    return id && /^\d{12}$/.test(id) ? id : null;
  }
  return null;
}

/** The 12-digit account of an IAM ARN ("arn:aws:iam::123456789012:role/x"), or null. */
export function accountOfArn(arn: string | null): string | null {
  const match = arn ? /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(arn) : null;
  return match?.[1] ?? null;
}

type Kind = ProfileInfo['kind'];

interface ResolvedChain {
  kind: Kind;
  /** This profile → … → the profile holding the root credential (as far as it could be followed). */
  chain: string[];
  /** How the root credential is obtained. */
  rootKind: Kind;
  problem: string | null;
}

/** How the SDK treats a section: the order of checks follows fromIni's resolveProfileData. */
function ownKind(section: Section, asSource: boolean): Kind | 'role-without-source' | 'credential-source' | 'none' {
  const hasRole = Boolean(section.role_arn);
  const hasSource = section.source_profile !== undefined;
  const hasCredentialSource = section.credential_source !== undefined;
  const hasStatic = Boolean(section.aws_access_key_id) && Boolean(section.aws_secret_access_key);
  // A source profile with static keys is used for its keys, even when it names a role itself.
  if (asSource && hasStatic) return 'static';
  if (hasRole && hasSource !== hasCredentialSource) return 'assume-role';
  if (hasStatic) return 'static';
  if (hasRole && section.web_identity_token_file) return 'unsupported';
  if (section.credential_process) return 'process';
  if (section.sso_session || section.sso_start_url || section.sso_account_id || section.sso_role_name || section.sso_region) return 'sso';
  if (!hasRole && hasCredentialSource) return 'credential-source';
  if (hasRole) return 'role-without-source';
  return 'none';
}

function resolveChain(config: ProfileConfig, name: string): ResolvedChain {
  const top = config.profiles[name];
  if (!top) return { kind: 'unsupported', chain: [name], rootKind: 'unsupported', problem: `Profile ${name} does not exist in the AWS config or credentials file.` };
  const topKind = ownKind(top, false);
  const kind: Kind =
    topKind === 'role-without-source'
      ? 'assume-role'
      : topKind === 'none' && top.aws_access_key_id
        ? 'static' // half a key pair: shown as static, with its problem
        : topKind === 'credential-source' || topKind === 'none'
          ? 'unsupported'
          : topKind;

  const chain = [name];
  let current = name;
  let section = top;
  let currentKind = topKind;
  for (;;) {
    if (currentKind !== 'assume-role' && currentKind !== 'credential-source') {
      const problem = leafProblem(config, current, section, currentKind, chain.length > 1, name);
      const rootKind: Kind = currentKind === 'static' || currentKind === 'process' || currentKind === 'sso' ? currentKind : 'unsupported';
      return { kind, chain, rootKind, problem };
    }
    if (currentKind === 'credential-source' && chain.length === 1) {
      return { kind, chain, rootKind: 'unsupported', problem: `Profile ${name} has credential_source but no role_arn to assume with it.` };
    }
    if (section.credential_source !== undefined) {
      // The root credential comes from the environment or instance metadata, not another profile.
      const source = section.credential_source;
      const known = source !== undefined && CREDENTIAL_SOURCES.has(source);
      return {
        kind,
        chain,
        rootKind: known ? 'static' : 'unsupported',
        problem: known ? null : `Profile ${current} has credential_source = ${source ?? ''}; expected Environment, Ec2InstanceMetadata or EcsContainer.`,
      };
    }
    const next = section.source_profile ?? '';
    const nextSection = config.profiles[next];
    if (!next || !nextSection) {
      return {
        kind,
        chain,
        rootKind: 'unsupported',
        problem: next
          ? `Profile ${current} uses source_profile ${next}, which does not exist.`
          : `Profile ${current} has an empty source_profile.`,
      };
    }
    const nextKind = ownKind(nextSection, true);
    // A role profile may name itself as source when it also holds static keys (the SDK allows it).
    if (next === current && nextKind === 'static') return { kind, chain, rootKind: 'static', problem: null };
    if (chain.includes(next)) {
      return { kind, chain, rootKind: 'unsupported', problem: `The source_profile chain loops: ${[...chain, next].join(' → ')}.` };
    }
    chain.push(next);
    current = next;
    section = nextSection;
    currentKind = nextKind;
  }
}

/** Why the last profile reached in a chain cannot supply credentials, or null. */
function leafProblem(config: ProfileConfig, name: string, section: Section, kind: ReturnType<typeof ownKind>, isSource: boolean, top: string): string | null {
  const via = isSource ? ` (source of ${top})` : '';
  switch (kind) {
    case 'assume-role':
    case 'credential-source':
    case 'static':
    case 'process':
      return null;
    case 'sso':
      return ssoProblem(config, name, section);
    case 'role-without-source':
      return section.source_profile !== undefined && section.credential_source !== undefined
        ? `Profile ${name}${via} sets both source_profile and credential_source; keep one.`
        : `Profile ${name}${via} has role_arn but no source_profile or credential_source to assume it with.`;
    case 'unsupported':
      return `Profile ${name}${via} uses a web identity token file, which AMI Atlas does not support.`;
    case 'none':
      if (section.aws_access_key_id && !section.aws_secret_access_key) return `Profile ${name}${via} has aws_access_key_id but no aws_secret_access_key.`;
      if (section.login_session) return `Profile ${name}${via} uses an AWS console login session, which AMI Atlas does not support.`;
      return `Profile ${name}${via} holds no credentials (no keys, role, SSO or credential_process).`;
  }
}

function ssoProblem(config: ProfileConfig, name: string, section: Section): string | null {
  const missing: string[] = [];
  if (section.sso_session) {
    const session = config.ssoSessions[section.sso_session];
    if (!session) return `Profile ${name} uses sso_session ${section.sso_session}, but there is no [sso-session ${section.sso_session}] section.`;
    if (!session.sso_start_url) missing.push(`sso_start_url in [sso-session ${section.sso_session}]`);
    if (!session.sso_region) missing.push(`sso_region in [sso-session ${section.sso_session}]`);
  } else {
    if (!section.sso_start_url) missing.push('sso_start_url');
    if (!section.sso_region) missing.push('sso_region');
  }
  if (!section.sso_account_id) missing.push('sso_account_id');
  if (!section.sso_role_name) missing.push('sso_role_name');
  return missing.length > 0 ? `SSO profile ${name} is missing ${missing.join(', ')}.` : null;
}

function ssoSettingsOf(config: ProfileConfig, name: string): ProfileSsoSettings | null {
  const section = config.profiles[name];
  if (!section) return null;
  if (section.sso_session) {
    const session = config.ssoSessions[section.sso_session];
    const startUrl = nonEmpty(session?.sso_start_url);
    const region = nonEmpty(session?.sso_region);
    if (!startUrl || !region) return null;
    const rawScopes = nonEmpty(session?.sso_registration_scopes);
    return { startUrl, region, sessionName: section.sso_session, scopes: rawScopes ? parseScopes(rawScopes) : null };
  }
  const startUrl = nonEmpty(section.sso_start_url);
  const region = nonEmpty(section.sso_region);
  return startUrl && region ? { startUrl, region, sessionName: null, scopes: null } : null;
}

/** "a, b," → ["a", "b"], as the AWS CLI reads sso_registration_scopes. */
function parseScopes(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The MFA device of the first role in the chain that asks for one. */
function firstMfaSerial(config: ProfileConfig, chain: string[]): string | null {
  for (const name of chain) {
    const section = config.profiles[name];
    if (section?.role_arn && section.mfa_serial) return section.mfa_serial;
  }
  return null;
}

function nonEmpty(value: string | undefined): string | null {
  return value && value.trim() ? value.trim() : null;
}
