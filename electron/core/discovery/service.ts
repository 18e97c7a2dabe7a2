/**
 * The discovery service: accounts found in bulk. From IAM Identity Center: the device sign-in
 * for a start URL (the token lands in the AWS CLI's cache, shared with `aws sso login`), then
 * every account × role the user may use, each marked with the workspace's account for it when
 * there is one. Serves `discovery:*` (see serve.ts).
 */
import { AppError } from '../../../shared/errors';
import type { ChannelOutput, ChannelParsedInput, DirectoryAccount, OrgAddResult, OrgDirectory, SsoAddResult, SsoDirectory, SsoPortalChanges, SsoSessionInfo } from '../../../shared/contract';
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
import { loadProfileConfig } from '../accounts/profiles';
import { comparePortal, portalPaths } from './portal-changes';
import { pairKey, PortalStore, type PortalRecord } from './portal-store';

/** Registration scopes the CLI asks for: with sso:account:access the token can be refreshed. */
const SCOPES = ['sso:account:access'];

/** A portal is looked at by itself (at start) at most this often; a look reads every account's roles. */
export const SSO_REFRESH_INTERVAL_MS = 6 * 60 * 60 * 1000;

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
  /** The last directory read per start URL: what the user saw when they add from it. */
  private readonly lastRead = new Map<string, DirectoryAccount[]>();

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
    const accessToken = await this.token(input);
    if (!accessToken) {
      throw new AppError({
        code: 'AUTH_FAILED',
        message: `Not signed in to ${input.startUrl}: sign in first (the browser opens for it).`,
        retryable: false,
      });
    }
    const accounts = await this.readDirectory(input, accessToken);
    this.lastRead.set(input.startUrl, accounts);
    return { startUrl: input.startUrl, ssoRegion: input.ssoRegion, accounts };
  }

  private token(input: { startUrl: string; sessionName?: string | null | undefined }): Promise<string | null> {
    return cachedSsoToken(this.cacheDir(), input.sessionName ?? null, input.startUrl, new Date());
  }

  private async readDirectory(input: { ssoRegion: string; endpoint?: string | null | undefined }, accessToken: string): Promise<DirectoryAccount[]> {
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
    return entries.map((entry) => {
      const known = registry.findByIdentity(entry.awsAccountId, endpoint);
      return { ...entry, inWorkspace: known ? { account: known.id, accountName: known.name } : null };
    });
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
    // What the user saw in the portal when choosing is not offered again by a later look; what a
    // look offers stays offered until it is added or dismissed.
    const store = this.portals();
    const offered = new Set((store.get(input.startUrl)?.changes?.offered ?? []).flatMap((a) => a.roles.map((role) => pairKey(a.awsAccountId, role))));
    const seen = [...(this.lastRead.get(input.startUrl) ?? []), ...input.accounts.map((a) => ({ awsAccountId: a.awsAccountId, roles: rolesOf(a) }))]
      .flatMap((a) => a.roles.map((role) => pairKey(a.awsAccountId, role)))
      .filter((key) => !offered.has(key));
    store.recordAdding(
      { startUrl: input.startUrl, ssoRegion: input.ssoRegion, sessionName: input.sessionName, endpoint: input.endpoint ?? null, clientName: mostCommon(input.accounts.map((a) => a.clientName)) },
      seen,
    );
    return { workspace: accounts.workspaceChanged(), results };
  }

  /** `discovery:ssoSessions`: the config's sso-session sections that name a start URL and region. */
  async ssoSessions(): Promise<SsoSessionInfo[]> {
    const { ssoSessions } = await loadProfileConfig(this.deps.accounts.profileFiles);
    return Object.entries(ssoSessions)
      .flatMap(([name, section]) => (section.sso_start_url && section.sso_region ? [{ name, startUrl: section.sso_start_url, ssoRegion: section.sso_region }] : []))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** `discovery:ssoPortals`: the portals accounts were added from, with the last look's changes as they stand now. */
  async ssoPortals(): Promise<SsoPortalChanges[]> {
    const config = await loadProfileConfig(this.deps.accounts.profileFiles);
    return this.portals()
      .list()
      .map((portal) => this.standing(portal, config));
  }

  /** `discovery:ssoRefresh`: reads the portals again (one, or all) and compares with the workspace. */
  async ssoRefresh({ startUrl }: ChannelParsedInput<'discovery:ssoRefresh'>): Promise<SsoPortalChanges[]> {
    const store = this.portals();
    const chosen = store.list().filter((p) => startUrl === undefined || p.startUrl === startUrl);
    if (startUrl !== undefined && chosen.length === 0) {
      throw new AppError({ code: 'NOT_FOUND', message: `No accounts were added from ${startUrl}: add some from it first.`, retryable: false });
    }
    for (const portal of chosen) await this.look(store, portal);
    return this.ssoPortals();
  }

  /** `discovery:ssoDismiss`: offers not to repeat and removals to stop flagging. */
  async ssoDismiss(input: ChannelParsedInput<'discovery:ssoDismiss'>): Promise<SsoPortalChanges[]> {
    const store = this.portals();
    if (!store.get(input.startUrl)) throw new AppError({ code: 'NOT_FOUND', message: `No accounts were added from ${input.startUrl}.`, retryable: false });
    store.dismiss(input.startUrl, 'offer', input.offers);
    store.dismiss(input.startUrl, 'removal', input.removals);
    return this.ssoPortals();
  }

  /**
   * The look made without being asked (at start): only portals not looked at for a while, only
   * with a token already cached (never a sign-in prompt), told to the page as `discovery:ssoChanges`.
   */
  async refreshDue(now = new Date(), intervalMs = SSO_REFRESH_INTERVAL_MS): Promise<void> {
    const store = this.portals();
    const due = store.list().filter((p) => !p.checkedAt || now.getTime() - Date.parse(p.checkedAt) >= intervalMs);
    if (due.length === 0) return;
    for (const portal of due) {
      if (await this.token(portal)) await this.look(store, portal);
    }
    this.deps.accounts.emit('discovery:ssoChanges', await this.ssoPortals());
  }

  /** Reads one portal and records what changed; a failure is recorded for that portal and said. */
  private async look(store: PortalStore, portal: PortalRecord): Promise<void> {
    const base = { ...this.standingBase(portal), checkedAt: new Date().toISOString() };
    const accessToken = await this.token(portal);
    if (!accessToken) {
      store.recordChanges(portal.startUrl, {
        ...this.standingBase(portal),
        state: 'sign-in',
        error: { code: 'AUTH_FAILED', message: `Sign in to ${portal.startUrl} to look for new and removed accounts.`, retryable: false },
      });
      return;
    }
    try {
      const directory = await this.readDirectory(portal, accessToken);
      this.lastRead.set(portal.startUrl, directory);
      const has = portalPaths(portal.startUrl, this.deps.accounts.active().registry, await loadProfileConfig(this.deps.accounts.profileFiles));
      const { offered, removed } = comparePortal(directory, has, {
        seen: portal.seen,
        dismissedOffers: store.dismissed(portal.startUrl, 'offer'),
        keptRemovals: store.dismissed(portal.startUrl, 'removal'),
      });
      store.recordChanges(portal.startUrl, { ...base, state: 'current', error: null, offered, removed });
    } catch (error) {
      const shape = error instanceof AppError ? error.toShape() : { code: 'INTERNAL' as const, message: String(error), retryable: false };
      // A token the portal no longer takes (expired, signed out) is a sign-in to do, not a failure.
      const signIn = shape.code === 'AUTH_FAILED';
      store.recordChanges(portal.startUrl, {
        ...this.standingBase(portal),
        state: signIn ? 'sign-in' : 'failed',
        error: { ...shape, message: signIn ? `Sign in to ${portal.startUrl} again to look for new and removed accounts.` : `${portal.startUrl}: ${shape.message}` },
      });
    }
  }

  /** A portal's recorded changes, without what was added, dismissed or removed since. */
  private standing(portal: PortalRecord, config: Awaited<ReturnType<typeof loadProfileConfig>>): SsoPortalChanges {
    const store = this.portals();
    const last = portal.changes ?? { ...this.standingBase(portal), state: 'unchecked' as const, error: null };
    const has = portalPaths(portal.startUrl, this.deps.accounts.active().registry, config);
    const holding = new Set(has.map((p) => pairKey(p.awsAccountId, p.role)));
    const dismissed = store.dismissed(portal.startUrl, 'offer');
    const kept = store.dismissed(portal.startUrl, 'removal');
    const stillThere = new Set(has.map((p) => p.path));
    const { registry } = this.deps.accounts.active();
    return {
      ...last,
      clientName: portal.clientName,
      offered: last.offered.flatMap((account) => {
        const roles = account.roles.filter((role) => !holding.has(pairKey(account.awsAccountId, role)) && !dismissed.has(pairKey(account.awsAccountId, role)));
        const known = registry.findByIdentity(account.awsAccountId, portal.endpoint);
        return roles.length > 0 ? [{ ...account, roles, inWorkspace: known ? { account: known.id, accountName: known.name } : null }] : [];
      }),
      removed: last.removed.filter((r) => stillThere.has(r.path) && !kept.has(pairKey(r.awsAccountId, r.role))),
    };
  }

  private standingBase(portal: PortalRecord): Omit<SsoPortalChanges, 'state' | 'error'> {
    return {
      startUrl: portal.startUrl,
      ssoRegion: portal.ssoRegion,
      sessionName: portal.sessionName,
      endpoint: portal.endpoint,
      clientName: portal.clientName,
      checkedAt: portal.checkedAt,
      offered: portal.changes?.offered ?? [],
      removed: portal.changes?.removed ?? [],
    };
  }

  private portals(): PortalStore {
    return new PortalStore(this.deps.accounts.active().registry.db);
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
    role: {
      roleName: string;
      externalId?: string | null | undefined;
      mfaSerial?: string | null | undefined;
      accounts: ReadonlyArray<{ awsAccountId: string; name: string; clientName: string; production?: boolean | undefined }>;
    },
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
          { name: request.name, clientName: request.clientName, defaultRegion, endpoint: via.endpoint, expected: request.awsAccountId, production: request.production ?? false },
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
        // Our fix names the role, the account and the source: it replaces the generic trust-policy hint.
        const said = fix ? shape.message.replace(/\s*Check the role's trust policy:[^.]*\./, '') : shape.message;
        result.error = { ...shape, message: `${said}${fix}` };
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

function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

/** An account's roles to write profiles for: the read role first, then the write role when it is another. */
function rolesOf(request: { readRole: string; writeRole?: string | null | undefined }): string[] {
  return [...new Set([request.readRole, request.writeRole ?? request.readRole])];
}
