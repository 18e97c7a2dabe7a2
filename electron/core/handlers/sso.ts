/**
 * SSO sign-in for profile entries: the device-authorization flow of `aws sso login`, so one
 * sign-in serves the app and the AWS CLI alike. Every entry on the same SSO session is signed
 * in by it.
 */
import { AppError } from '../../../shared/errors';
import { profileSsoSettings } from '../accounts/profiles';
import { startSsoLogin, type SsoLogin } from '../credentials/sso-login';
import type { CoreContext } from '../context';
import { verifyAccount } from './accounts';
import type { Handlers } from './types';

export function ssoHandlers(ctx: CoreContext): Pick<Handlers, 'sso:signIn' | 'sso:cancel'> & { cancelAll(): void } {
  const logins = new Map<string, SsoLogin>();

  const settingsFor = async (accountId: string) => {
    const { account } = ctx.require(accountId);
    const settings = account.kind === 'profile' && account.profileName ? await profileSsoSettings(account.profileName, ctx.profileFiles) : null;
    if (!settings) {
      throw new AppError({
        code: 'VALIDATION',
        message: `${account.name} does not sign in with AWS IAM Identity Center (SSO); its credentials come from ${account.kind === 'profile' ? `profile ${account.profileName}` : 'elsewhere'}.`,
        retryable: false,
        details: { account: accountId },
      });
    }
    return { account, settings };
  };

  return {
    'sso:signIn': async ({ account: accountId }) => {
      const { account, settings } = await settingsFor(accountId);
      logins.get(accountId)?.cancel();
      const login = await startSsoLogin({
        startUrl: settings.startUrl,
        region: settings.region,
        sessionName: settings.sessionName,
        ...(settings.scopes ? { scopes: settings.scopes } : {}),
        endpoint: account.endpoint,
        openUrl: ctx.openUrl,
      });
      logins.set(accountId, login);
      ctx.emit('sso:status', { account: accountId, state: 'pending', message: null });

      login.done.then(
        async () => {
          // Every profile entry on this start URL now has a fresh token in the shared cache.
          const sameSession: string[] = [];
          for (const source of ctx.sources()) {
            for (const other of source.registry.listAccounts()) {
              if (other.kind !== 'profile' || !other.profileName) continue;
              const s = await profileSsoSettings(other.profileName, ctx.profileFiles).catch(() => null);
              if (s && s.startUrl === settings.startUrl) sameSession.push(other.id);
            }
          }
          for (const id of sameSession) ctx.forgetCredentials(id);
          try {
            const { source } = ctx.require(accountId);
            await verifyAccount(ctx, source, account);
            ctx.emit('sso:status', { account: accountId, state: 'signed-in', message: null });
          } catch (error) {
            ctx.emit('sso:status', { account: accountId, state: 'failed', message: error instanceof Error ? error.message : String(error) });
          }
          ctx.workspaceChanged();
        },
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          const state = /denied/i.test(message) ? 'denied' : /expired/i.test(message) ? 'expired' : 'failed';
          ctx.emit('sso:status', { account: accountId, state, message });
        },
      ).finally(() => {
        if (logins.get(accountId) === login) logins.delete(accountId);
      });
      return login.start;
    },

    'sso:cancel': async ({ account }) => {
      const login = logins.get(account);
      if (login) {
        login.cancel();
        logins.delete(account);
      }
      return ctx.workspaceChanged();
    },

    cancelAll() {
      for (const login of logins.values()) login.cancel();
      logins.clear();
    },
  };
}
