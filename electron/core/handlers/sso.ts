/**
 * SSO sign-in for profile paths: the device-authorization flow of `aws sso login`, so one
 * sign-in serves the app and the AWS CLI alike. Every path on the same SSO start URL is signed
 * in by it.
 */
import { AppError } from '../../../shared/errors';
import { profileSsoSettings } from '../accounts/profiles';
import { nameOf } from '../accounts/access';
import { startSsoLogin, type SsoLogin } from '../credentials/sso-login';
import type { CoreContext } from '../context';
import type { Handlers } from './types';

export function ssoHandlers(ctx: CoreContext): Pick<Handlers, 'sso:signIn' | 'sso:cancel'> & { cancelAll(): void } {
  const logins = new Map<string, SsoLogin>();

  const settingsFor = async (pathId: string) => {
    const { path } = ctx.requirePath(pathId);
    const settings = path.kind === 'profile' && path.profileName ? await profileSsoSettings(path.profileName, ctx.profileFiles) : null;
    if (!settings) {
      throw new AppError({
        code: 'VALIDATION',
        message: `${nameOf(path)} into ${path.accountName} does not sign in with AWS IAM Identity Center (SSO).`,
        retryable: false,
        details: { account: path.accountId, accountName: path.accountName, path: pathId },
      });
    }
    return { path, settings };
  };

  return {
    'sso:signIn': async ({ path: pathId }) => {
      const { path, settings } = await settingsFor(pathId);
      logins.get(pathId)?.cancel();
      const login = await startSsoLogin({
        startUrl: settings.startUrl,
        region: settings.region,
        sessionName: settings.sessionName,
        ...(settings.scopes ? { scopes: settings.scopes } : {}),
        endpoint: path.endpoint,
        openUrl: ctx.openUrl,
      });
      logins.set(pathId, login);
      ctx.emit('sso:status', { path: pathId, state: 'pending', message: null });

      login.done.then(
        async () => {
          // Every profile path on this start URL now has a fresh token in the shared cache.
          for (const source of ctx.sources()) {
            for (const other of source.registry.listPaths()) {
              if (other.kind !== 'profile' || !other.profileName) continue;
              const s = await profileSsoSettings(other.profileName, ctx.profileFiles).catch(() => null);
              if (s && s.startUrl === settings.startUrl) ctx.forgetCredentials(other.id);
            }
          }
          try {
            await ctx.verifyPath(pathId);
            ctx.emit('sso:status', { path: pathId, state: 'signed-in', message: null });
          } catch (error) {
            ctx.emit('sso:status', { path: pathId, state: 'failed', message: error instanceof Error ? error.message : String(error) });
          }
          ctx.workspaceChanged();
        },
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          const state = /denied/i.test(message) ? 'denied' : /expired/i.test(message) ? 'expired' : 'failed';
          ctx.emit('sso:status', { path: pathId, state, message });
        },
      ).finally(() => {
        if (logins.get(pathId) === login) logins.delete(pathId);
      });
      return login.start;
    },

    'sso:cancel': async ({ path }) => {
      const login = logins.get(path);
      if (login) {
        login.cancel();
        logins.delete(path);
      }
      return ctx.workspaceChanged();
    },

    cancelAll() {
      for (const login of logins.values()) login.cancel();
      logins.clear();
    },
  };
}
