/**
 * The discovery service: accounts found in bulk. From IAM Identity Center: the device sign-in
 * for a start URL (the token lands in the AWS CLI's cache, shared with `aws sso login`), then
 * every account × role the user may use, each marked with the workspace's account for it when
 * there is one. Serves `discovery:*` (see serve.ts).
 */
import { AppError } from '../../../shared/errors';
import type { ChannelOutput, ChannelParsedInput, OrgAddResult, OrgDirectory, SsoAddResult, SsoDirectory } from '../../../shared/contract';
import { noPathError } from '../context';
import type { SsoSignInStart } from '../../../shared/model';
import type { CoreContext } from '../context';
import { defaultSsoCacheDir } from '../credentials/sso-cache';
import { startSsoLogin, type SsoLogin } from '../credentials/sso-login';
import type { PathAdding } from '../accounts/path-adding';
import type { PathRecord } from '../accounts/registry';
import { awsConfigFile, readConfigFile, replaceConfigFile } from './config-file';
import { populateConfig, profileNameFor } from './populate';
import { readOrganization } from './organization';
import { cachedSsoToken, readSsoDirectory } from './sso-directory';

/** Registration scopes the CLI asks for: with sso:account:access the token can be refreshed. */
const SCOPES = ['sso:account:access'];

export interface DiscoveryDeps {
  accounts: Pick<CoreContext, 'active' | 'openUrl' | 'emit' | 'profileFiles' | 'workspaceChanged' | 'require' | 'requirePath' | 'actingPath'>;
  /** AWS through the accounts' paths (Organizations is read through any healthy one). */
  aws: Pick<CoreContext, 'read' | 'pool'>;
  /** Imports the written profiles as paths (the same way as the profile import). */
  adding: PathAdding;
  /** The AWS CLI's SSO cache (default ~/.aws/sso/cache, HOME read at each call). */
  ssoCacheDir?: string;
  /** Portal results per page (default 100); tests lower it to read many pages. */
  pageSize?: number;
  /** SDK attempts per call (throttling retried). */
  maxAttempts?: number;
}

type SsoInput = ChannelParsedInput<'discovery:ssoAccounts'>;

export class DiscoveryService {
  private readonly logins = new Map<string, SsoLogin>();

  constructor(private readonly deps: DiscoveryDeps) {}

  /** `discovery:ssoSignIn`: the device code and page; the outcome comes as `discovery:ssoStatus`. */
  async ssoSignIn(input: ChannelParsedInput<'discovery:ssoSignIn'>): Promise<SsoSignInStart> {
    const { startUrl } = input;
    const emit = this.deps.accounts.emit;
    this.logins.get(startUrl)?.cancel();
    const login = await startSsoLogin({
      startUrl,
      region: input.ssoRegion,
      sessionName: input.sessionName ?? null,
      scopes: SCOPES,
      endpoint: input.endpoint ?? null,
      openUrl: (url) => this.deps.accounts.openUrl(url),
      cacheDir: this.cacheDir(),
    });
    this.logins.set(startUrl, login);
    emit('discovery:ssoStatus', { startUrl, state: 'pending', message: null });
    login.done
      .then(
        () => emit('discovery:ssoStatus', { startUrl, state: 'signed-in', message: null }),
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          const state = /denied/i.test(message) ? 'denied' : /expired/i.test(message) ? 'expired' : 'failed';
          emit('discovery:ssoStatus', { startUrl, state, message });
        },
      )
      .finally(() => {
        if (this.logins.get(startUrl) === login) this.logins.delete(startUrl);
      });
    return login.start;
  }

  /** `discovery:ssoAccounts`: the signed-in user's accounts and roles, matched to the workspace. */
  async ssoAccounts(input: SsoInput): Promise<SsoDirectory> {
    const accessToken = await cachedSsoToken(this.cacheDir(), input.sessionName ?? null, input.startUrl, new Date());
    if (!accessToken) {
      throw new AppError({
        code: 'AUTH_FAILED',
        message: `Not signed in to ${input.startUrl}: sign in first (the browser opens for it).`,
        retryable: false,
      });
    }
    const entries = await readSsoDirectory({
      accessToken,
      region: input.ssoRegion,
      endpoint: input.endpoint ?? null,
      pageSize: this.deps.pageSize ?? 100,
      concurrency: 4,
      maxAttempts: this.deps.maxAttempts ?? 5,
    });
    const { registry } = this.deps.accounts.active();
    const endpoint = input.endpoint ?? null;
    return {
      startUrl: input.startUrl,
      ssoRegion: input.ssoRegion,
      accounts: entries.map((entry) => {
        const known = registry.findByIdentity(entry.awsAccountId, endpoint);
        return { ...entry, inWorkspace: known ? { account: known.id, accountName: known.name } : null };
      }),
    };
  }

  /**
   * `discovery:ssoAdd`: a marked profile per account × role in the AWS config (added beside the
   * others: nothing is removed here), then each account's read role imported as a path, and
   * its write role as a second path that changes go through. One account at a time, so a
   * failure is that account's only.
   */
  async ssoAdd(input: ChannelParsedInput<'discovery:ssoAdd'>): Promise<ChannelOutput<'discovery:ssoAdd'>> {
    const { accounts, adding } = this.deps;
    const file = awsConfigFile(accounts.profileFiles?.configFile);
    const template = '{account_name}.{role}';
    const before = await readConfigFile(file);
    const written = populateConfig(before, {
      startUrl: input.startUrl,
      ssoRegion: input.ssoRegion,
      sessionName: input.sessionName,
      accounts: input.accounts.map((a) => ({ awsAccountId: a.awsAccountId, accountName: a.accountName, roles: rolesOf(a) })),
      nameTemplate: template,
      endpoint: input.endpoint ?? null,
      removeStale: false,
    });
    if (written.text !== before) await replaceConfigFile(file, written.text, before.length > 0);
    const conflicts = new Set(written.conflicts);
    const profiles = new Map((await adding.profiles()).map((p) => [p.name, p]));

    const results: SsoAddResult[] = [];
    for (const request of input.accounts) {
      const names = rolesOf(request).map((role) => profileNameFor(template, '', { ...request, roles: [] }, role));
      const result: SsoAddResult = { awsAccountId: request.awsAccountId, accountName: request.accountName, account: null, profiles: names, verified: false, error: null };
      results.push(result);
      const taken = names.find((n) => conflicts.has(n));
      if (taken) {
        result.error = { code: 'CONFLICT', message: `A profile you wrote yourself is called ${taken}: rename it, or import it from the AWS CLI profiles instead.`, retryable: false };
        continue;
      }
      let readPath: string | null = null;
      let writePath: string | null = null;
      for (const [i, name] of names.entries()) {
        const profile = profiles.get(name);
        const existing = profile ? adding.importedAs(name) : null;
        if (!profile) {
          result.error = { code: 'NOT_FOUND', message: `The profile ${name} was written but cannot be read back from ${file}.`, retryable: false };
          break;
        }
        const outcome = existing
          ? { account: existing.account, path: existing.path, verified: true, error: null }
          : await adding.addProfile({ profileName: name, name: request.name ?? request.accountName, clientName: request.clientName, ...(result.account ? { account: result.account } : {}) }, profile).catch((error: unknown) => ({
              account: null,
              path: null,
              verified: false,
              error: error instanceof AppError ? error.toShape() : { code: 'INTERNAL' as const, message: String(error), retryable: false },
            }));
        result.account ??= outcome.account;
        result.verified = i === 0 ? outcome.verified : result.verified && outcome.verified;
        result.error ??= outcome.error;
        if (i === 0) readPath = outcome.path;
        writePath = outcome.path;
      }
      // The read role reads, the write role changes: both named on the account.
      if (result.account && readPath) this.deps.accounts.active().registry.updateAccount(result.account, { readPath, writePath: writePath ?? readPath });
    }
    return { workspace: accounts.workspaceChanged(), results };
  }

  /** `discovery:orgAccounts`: the organization as the account's paths see it (management or delegated administrator). */
  async orgAccounts({ account }: ChannelParsedInput<'discovery:orgAccounts'>): Promise<OrgDirectory> {
    const { accounts, aws } = this.deps;
    const { account: record } = accounts.require(account);
    let entries;
    try {
      entries = await aws.read(account, 'us-east-1', 'organizations:ListAccounts', (path) => readOrganization(aws.pool.organizations(path)));
    } catch (error) {
      if (error instanceof AppError && error.code === 'ACCESS_DENIED') {
        throw new AppError({
          ...error.toShape(),
          message: `${record.name} cannot list its organization's accounts: only the management account, or a member registered as a delegated administrator, can (organizations:ListAccounts). Pick that account instead.`,
        });
      }
      throw error;
    }
    const { registry } = accounts.active();
    return {
      account,
      accounts: entries.map((entry) => {
        const known = registry.findByIdentity(entry.awsAccountId, record.endpoint);
        return { ...entry, inWorkspace: known ? { account: known.id, accountName: known.name } : null };
      }),
    };
  }

  /**
   * `discovery:orgAdd`: each account through the same role name, assumed from the account's
   * acting path (OrganizationAccountAccessRole by default in the page), verified on its own;
   * suspended accounts are skipped and said.
   */
  async orgAdd(input: ChannelParsedInput<'discovery:orgAdd'>): Promise<ChannelOutput<'discovery:orgAdd'>> {
    const { accounts } = this.deps;
    const { account: source } = accounts.require(input.account);
    const acting = accounts.actingPath(source.id);
    if (!acting) throw noPathError(source);
    const directory = await this.orgAccounts({ account: input.account });
    const status = new Map(directory.accounts.map((a) => [a.awsAccountId, a.status]));
    const results = await this.addThroughRole(acting, source.defaultRegion, input, (request) => {
      const state = status.get(request.awsAccountId);
      if (state === 'ACTIVE') return null;
      return state ? `${request.name} is ${state.toLowerCase()} in the organization: it cannot be used.` : `${request.name} is not an account of ${source.name}'s organization.`;
    });
    return { workspace: accounts.workspaceChanged(), results };
  }

  /** `discovery:bulkRoles`: one source path, the same role name in N accounts, each verified with GetCallerIdentity. */
  async bulkRoles(input: ChannelParsedInput<'discovery:bulkRoles'>): Promise<ChannelOutput<'discovery:bulkRoles'>> {
    const { accounts } = this.deps;
    const { path: source } = accounts.requirePath(input.sourcePath);
    const results = await this.addThroughRole(source, source.defaultRegion, input, () => null);
    return { workspace: accounts.workspaceChanged(), results };
  }

  /** Adds each account through `roleName` assumed from `via`, one at a time; a failure is that account's only, with the fix. */
  private async addThroughRole(
    via: PathRecord,
    defaultRegion: string,
    role: { roleName: string; externalId?: string | null | undefined; mfaSerial?: string | null | undefined; accounts: ReadonlyArray<{ awsAccountId: string; name: string; clientName: string }> },
    skip: (request: { awsAccountId: string; name: string }) => string | null,
  ): Promise<OrgAddResult[]> {
    const { accounts, adding } = this.deps;
    const partition = /^arn:(aws[a-z-]*):/.exec(via.arn ?? '')?.[1] ?? 'aws';
    const results: OrgAddResult[] = [];
    for (const request of role.accounts) {
      const result: OrgAddResult = { awsAccountId: request.awsAccountId, name: request.name, account: null, verified: false, error: null };
      results.push(result);
      const why = skip(request);
      if (why) {
        result.error = { code: 'VALIDATION', message: why, retryable: false };
        continue;
      }
      const roleArn = `arn:${partition}:iam::${request.awsAccountId}:role/${role.roleName}`;
      try {
        const added = await adding.add(
          { name: request.name, clientName: request.clientName, defaultRegion, endpoint: via.endpoint, expected: request.awsAccountId },
          { kind: 'assume-role', roleArn, sourcePath: via.id, externalId: role.externalId ?? null, mfaSerial: role.mfaSerial ?? null, sessionName: null, durationSeconds: null },
          null,
        );
        result.account = added.account;
        // Kept when AWS could not be reached (nothing typed was wrong); verified once STS named its caller.
        result.verified = Boolean(accounts.active().registry.getPath(added.path)?.arn);
      } catch (error) {
        const shape = error instanceof AppError ? error.toShape() : { code: 'INTERNAL' as const, message: String(error), retryable: false };
        const fix =
          shape.code === 'ACCESS_DENIED' || shape.code === 'AUTH_FAILED'
            ? ` Check that ${role.roleName} exists in ${request.awsAccountId} and that its trust policy lets ${via.arn ?? via.accountName} assume it${role.externalId ? ' with this ExternalId' : ''}${role.mfaSerial ? ' with MFA' : ''}.`
            : '';
        result.error = { ...shape, message: `${shape.message}${fix}` };
      }
    }
    return results;
  }

  cancelAll(): void {
    for (const login of this.logins.values()) login.cancel();
    this.logins.clear();
  }

  private cacheDir(): string {
    return this.deps.ssoCacheDir ?? defaultSsoCacheDir();
  }
}

/** An account's roles to write profiles for: the read role first, then the write role when it is another. */
function rolesOf(request: { readRole: string; writeRole?: string | null | undefined }): string[] {
  return [...new Set([request.readRole, request.writeRole ?? request.readRole])];
}
