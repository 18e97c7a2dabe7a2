/**
 * SSO sign-in with the OAuth device authorization flow, as `aws sso login` does it:
 * register a public client (reusing the CLI's cached registration while it is valid), start a
 * device authorization, let the user approve it in the browser, poll CreateToken (honouring
 * `interval`, `slow_down` and `authorization_pending`), then write the token where the CLI
 * keeps it — so one sign-in serves this app, the AWS CLI and the SDK's SSO provider.
 */
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
  type CreateTokenCommandOutput,
  type StartDeviceAuthorizationCommandOutput,
} from '@aws-sdk/client-sso-oidc';
import { AppError } from '../../../shared/errors';
import type { SsoSignInStart } from '../../../shared/model';
import { assertSafeEndpoint } from '../aws/endpoint-guard';
import { classify } from './errors';
import {
  cacheTimestamp,
  defaultSsoCacheDir,
  readRegistration,
  registrationCacheFile,
  tokenCacheFile,
  writeJsonAtomic,
  type SsoRegistration,
  type SsoTokenFile,
} from './sso-cache';

export interface SsoLoginOptions {
  startUrl: string;
  region: string;
  /** The `[sso-session NAME]`, or null for a legacy profile (the token is then keyed by start URL). */
  sessionName: string | null;
  /** Registration scopes (sso_registration_scopes); with sso:account:access the token is refreshable. */
  scopes?: string[];
  /** SSO OIDC endpoint override (the emulator, a private endpoint); default: AWS for `region`. */
  endpoint?: string | null;
  openUrl(url: string): Promise<void> | void;
  /** Default ~/.aws/sso/cache (HOME read now). */
  cacheDir?: string;
  clientName?: string;
  now?: () => Date;
}

export interface SsoLogin {
  start: SsoSignInStart;
  /** Resolves once the token is cached; rejects with an AppError (denied, expired, cancelled). */
  done: Promise<void>;
  cancel(): void;
}

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** RFC 8628: the default polling interval, and what slow_down adds to it. */
const DEFAULT_INTERVAL_S = 5;
const SLOW_DOWN_S = 5;
/** A registration this close to expiry is renewed, as the CLI does (15 minutes). */
const REGISTRATION_MARGIN_MS = 15 * 60_000;

export async function startSsoLogin(options: SsoLoginOptions): Promise<SsoLogin> {
  const now = options.now ?? (() => new Date());
  const cacheDir = options.cacheDir ?? defaultSsoCacheDir();
  const scopes = options.scopes && options.scopes.length > 0 ? options.scopes : null;
  assertSafeEndpoint(options.endpoint, null);
  const client = new SSOOIDCClient({
    region: options.region,
    maxAttempts: 3,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  });
  const registrationFile = registrationCacheFile(cacheDir, {
    startUrl: options.startUrl,
    region: options.region,
    sessionName: options.sessionName,
    scopes,
  });

  const register = async (): Promise<SsoRegistration> => {
    const out = await client.send(
      new RegisterClientCommand({
        clientName: options.clientName ?? `ami-atlas-${options.sessionName ?? 'sso'}`,
        clientType: 'public',
        ...(scopes ? { scopes } : {}),
      }),
    );
    if (!out.clientId || !out.clientSecret) throw new Error('SSO OIDC RegisterClient answered without a client id.');
    const expiresAt = out.clientSecretExpiresAt ? new Date(out.clientSecretExpiresAt * 1000) : new Date(now().getTime() + 90 * 86_400_000);
    const registration: SsoRegistration = {
      clientId: out.clientId,
      clientSecret: out.clientSecret,
      expiresAt: cacheTimestamp(expiresAt),
      ...(scopes ? { scopes } : {}),
    };
    await writeJsonAtomic(registrationFile, registration);
    return registration;
  };

  let registration: SsoRegistration;
  let authorization: StartDeviceAuthorizationCommandOutput;
  try {
    const cached = await readRegistration(registrationFile, now(), REGISTRATION_MARGIN_MS);
    registration = cached ?? (await register());
    const authorize = (r: SsoRegistration) =>
      client.send(new StartDeviceAuthorizationCommand({ clientId: r.clientId, clientSecret: r.clientSecret, startUrl: options.startUrl }));
    try {
      authorization = await authorize(registration);
    } catch (error) {
      // A cached registration the service no longer accepts is replaced once.
      if (!cached || !isClientRejected(error)) throw error;
      registration = await register();
      authorization = await authorize(registration);
    }
  } catch (error) {
    client.destroy();
    throw ssoError(error, options.startUrl);
  }

  const { deviceCode, userCode, verificationUri } = authorization;
  if (!deviceCode || !userCode || !verificationUri) {
    client.destroy();
    throw new AppError({ code: 'AWS_ERROR', message: `SSO at ${options.startUrl} did not start a device authorization.`, retryable: true });
  }
  const expiresAt = new Date(now().getTime() + (authorization.expiresIn ?? 600) * 1000);
  const start: SsoSignInStart = {
    verificationUri,
    verificationUriComplete: authorization.verificationUriComplete ?? null,
    userCode,
    expiresAt: expiresAt.toISOString(),
  };

  let cancelled = false;
  let timer: NodeJS.Timeout | undefined;
  let wake = (): void => undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (cancelled) return resolve();
      wake = resolve;
      timer = setTimeout(resolve, ms);
    });
  const cancelledError = () =>
    new AppError({ code: 'AUTH_FAILED', message: 'SSO sign-in was cancelled.', retryable: true, details: { fix: 'sso-sign-in' } });

  const poll = async (): Promise<CreateTokenCommandOutput> => {
    let intervalS = authorization.interval && authorization.interval > 0 ? authorization.interval : DEFAULT_INTERVAL_S;
    // One attempt straight away: the user may have approved already (the CLI does the same).
    for (let first = true; ; first = false) {
      if (!first) await sleep(intervalS * 1000);
      if (cancelled) throw cancelledError();
      if (now() >= expiresAt) throw expired(options.startUrl);
      let token: CreateTokenCommandOutput;
      try {
        token = await client.send(
          new CreateTokenCommand({ grantType: DEVICE_GRANT, clientId: registration.clientId, clientSecret: registration.clientSecret, deviceCode }),
        );
      } catch (error) {
        if (cancelled) throw cancelledError();
        const name = (error as { name?: string }).name;
        if (name === 'AuthorizationPendingException') continue;
        if (name === 'SlowDownException') {
          intervalS += SLOW_DOWN_S;
          continue;
        }
        if (name === 'ExpiredTokenException') throw expired(options.startUrl);
        if (name === 'AccessDeniedException') {
          throw new AppError({
            code: 'AUTH_FAILED',
            message: `SSO sign-in to ${options.startUrl} was denied in the browser.`,
            retryable: true,
            details: { fix: 'sso-sign-in', awsCode: name },
          });
        }
        throw ssoError(error, options.startUrl);
      }
      // Cancelled while the answer was on its way: the user no longer wants this sign-in.
      if (cancelled) throw cancelledError();
      return token;
    }
  };

  const done = (async () => {
    try {
      const token = await poll();
      if (!token.accessToken) throw new Error('SSO OIDC CreateToken answered without an access token.');
      const file: SsoTokenFile = {
        startUrl: options.startUrl,
        region: options.region,
        accessToken: token.accessToken,
        expiresAt: cacheTimestamp(new Date(now().getTime() + (token.expiresIn ?? 3600) * 1000)),
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        registrationExpiresAt: registration.expiresAt,
        ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
      };
      await writeJsonAtomic(tokenCacheFile(cacheDir, options.sessionName, options.startUrl), file);
    } catch (error) {
      throw error instanceof AppError ? error : ssoError(error, options.startUrl);
    } finally {
      clearTimeout(timer);
      client.destroy();
    }
  })();
  // Settled by whoever holds the login; this only keeps an early failure from counting as unhandled.
  done.catch(() => undefined);

  try {
    await options.openUrl(start.verificationUriComplete ?? start.verificationUri);
  } catch {
    // The user can still open the address shown with the code.
  }

  return {
    start,
    done,
    cancel() {
      cancelled = true;
      clearTimeout(timer);
      wake();
    },
  };
}

function isClientRejected(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'InvalidClientException' || name === 'UnauthorizedClientException';
}

function expired(startUrl: string): AppError {
  return new AppError({
    code: 'AUTH_FAILED',
    message: `The SSO sign-in request for ${startUrl} expired before it was approved — start the sign-in again.`,
    retryable: true,
    details: { fix: 'sso-sign-in' },
  });
}

function ssoError(error: unknown, startUrl: string): AppError {
  const c = classify(error, {});
  return new AppError({
    code: c.code === 'INTERNAL' ? 'AWS_ERROR' : c.code,
    message: `SSO sign-in to ${startUrl} failed: ${error instanceof Error ? error.message : String(error)}`,
    retryable: c.code === 'NETWORK' || c.code === 'THROTTLED',
    details: { fix: c.code === 'NETWORK' ? 'retry' : 'sso-sign-in' },
  });
}
