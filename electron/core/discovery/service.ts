/**
 * The discovery service: accounts found in bulk. From IAM Identity Center: the device sign-in
 * for a start URL (the token lands in the AWS CLI's cache, shared with `aws sso login`), then
 * every account × role the user may use, each marked with the workspace's account for it when
 * there is one. Serves `discovery:*` (see serve.ts).
 */
import { AppError } from '../../../shared/errors';
import type { ChannelParsedInput, SsoDirectory } from '../../../shared/contract';
import type { SsoSignInStart } from '../../../shared/model';
import type { CoreContext } from '../context';
import { defaultSsoCacheDir } from '../credentials/sso-cache';
import { startSsoLogin, type SsoLogin } from '../credentials/sso-login';
import { cachedSsoToken, readSsoDirectory } from './sso-directory';

/** Registration scopes the CLI asks for: with sso:account:access the token can be refreshed. */
const SCOPES = ['sso:account:access'];

export interface DiscoveryDeps {
  accounts: Pick<CoreContext, 'active' | 'openUrl' | 'emit'>;
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

  cancelAll(): void {
    for (const login of this.logins.values()) login.cancel();
    this.logins.clear();
  }

  private cacheDir(): string {
    return this.deps.ssoCacheDir ?? defaultSsoCacheDir();
  }
}
