/**
 * SSO sign-in for profile paths: the device-authorization flow of `aws sso login`, so one
 * sign-in serves the app and the AWS CLI alike. Every path on the same SSO start URL is signed
 * in by it.
 */
import { AppError } from '../../../shared/errors';
import type { SsoSignInStart } from '../../../shared/model';
import { profileSsoSettings } from '../accounts/profiles';
import { nameOf } from '../accounts/access';
import { startSsoLogin, type SsoLogin } from '../credentials/sso-login';
import type { CoreContext } from '../context';

export type SsoDeps = Pick<CoreContext, 'requirePath' | 'profileFiles' | 'openUrl' | 'emit' | 'sources' | 'forgetCredentials' | 'verifyPath' | 'workspaceChanged'>;

export class SsoSignIns {
  private readonly logins = new Map<string, SsoLogin>();

  constructor(private readonly deps: SsoDeps) {}

  async signIn(pathId: string): Promise<SsoSignInStart> {
    const { deps, logins } = this;
    const { path, settings } = await this.settingsFor(pathId);
    logins.get(pathId)?.cancel();
    const login = await startSsoLogin({
      startUrl: settings.startUrl,
      region: settings.region,
      sessionName: settings.sessionName,
      ...(settings.scopes ? { scopes: settings.scopes } : {}),
      endpoint: path.endpoint,
      openUrl: deps.openUrl,
    });
    logins.set(pathId, login);
    deps.emit('sso:status', { path: pathId, state: 'pending', message: null });

    login.done
      .then(
        async () => {
          // Every profile path on this start URL now has a fresh token in the shared cache.
          for (const source of deps.sources()) {
            for (const other of source.registry.listPaths()) {
              if (other.kind !== 'profile' || !other.profileName) continue;
              const s = await profileSsoSettings(other.profileName, deps.profileFiles).catch(() => null);
              if (s && s.startUrl === settings.startUrl) deps.forgetCredentials(other.id);
            }
          }
          try {
            await deps.verifyPath(pathId);
            deps.emit('sso:status', { path: pathId, state: 'signed-in', message: null });
          } catch (error) {
            deps.emit('sso:status', { path: pathId, state: 'failed', message: error instanceof Error ? error.message : String(error) });
          }
          deps.workspaceChanged();
        },
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          const state = /denied/i.test(message) ? 'denied' : /expired/i.test(message) ? 'expired' : 'failed';
          deps.emit('sso:status', { path: pathId, state, message });
        },
      )
      .finally(() => {
        if (logins.get(pathId) === login) logins.delete(pathId);
      });
    return login.start;
  }

  cancel(pathId: string): void {
    const login = this.logins.get(pathId);
    if (login) {
      login.cancel();
      this.logins.delete(pathId);
    }
  }

  cancelAll(): void {
    for (const login of this.logins.values()) login.cancel();
    this.logins.clear();
  }

  private async settingsFor(pathId: string) {
    const { path } = this.deps.requirePath(pathId);
    const settings = path.kind === 'profile' && path.profileName ? await profileSsoSettings(path.profileName, this.deps.profileFiles) : null;
    if (!settings) {
      throw new AppError({
        code: 'VALIDATION',
        message: `${nameOf(path)} into ${path.accountName} does not sign in with AWS IAM Identity Center (SSO).`,
        retryable: false,
        details: { account: path.accountId, accountName: path.accountName, path: pathId },
      });
    }
    return { path, settings };
  }
}
