/**
 * IAM Identity Center's moving parts: OIDC clients, device authorizations waiting for the
 * user (RFC 8628), and the access and refresh tokens they turn into. All times are on the
 * credential clock, so expireSessions and advanceClock reach SSO too.
 */
import type { AuthClock } from '../identity/clock';
import { randomBase64Url, randomChars } from '../identity/random';
import type { SsoInstanceRecord } from '../world/model';
import { oidcError } from './errors';

export const DEVICE_CODE_TTL_SECONDS = 600;
export const POLL_INTERVAL_SECONDS = 1;
export const ACCESS_TOKEN_TTL_SECONDS = 8 * 3600;
const REFRESH_TOKEN_TTL_SECONDS = 90 * 86_400;
const CLIENT_SECRET_TTL_SECONDS = 90 * 86_400;
/** No vowels and no look-alikes, so codes are easy to read out and never spell words. */
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

export interface OidcClient {
  clientId: string;
  clientSecret: string;
  clientName: string;
  scopes: string[];
  issuedAtMs: number;
  secretExpiresAtMs: number;
}

export type DeviceStatus = 'pending' | 'approved' | 'denied' | 'consumed';

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  clientId: string;
  expiresAtMs: number;
  status: DeviceStatus;
  lastPollMs: number | null;
}

export interface SsoToken {
  token: string;
  kind: 'access' | 'refresh';
  clientId: string;
  /** Tokens from one sign-in share a grant; Logout ends the whole grant. */
  grantId: string;
  scopes: string[];
  expiresAtMs: number;
  revoked: boolean;
}

export interface IssuedTokens {
  access: SsoToken;
  refresh: SsoToken | null;
}

/** The start URL as users paste it: trailing '/', '#' or '#/' do not matter. */
export function normalizeStartUrl(url: string): string {
  return url.trim().replace(/#\/?$/, '').replace(/\/+$/, '');
}

export function normalizeUserCode(code: string): string {
  const compact = code.trim().toUpperCase().replace(/[^A-Z0-9]/g, '');
  return compact.length === 8 ? `${compact.slice(0, 4)}-${compact.slice(4)}` : compact;
}

export class SsoState {
  private readonly clients = new Map<string, OidcClient>();
  private readonly devices = new Map<string, DeviceAuthorization>();
  private readonly byUserCode = new Map<string, DeviceAuthorization>();
  private readonly tokens = new Map<string, SsoToken>();

  constructor(
    readonly instance: SsoInstanceRecord,
    private readonly clock: AuthClock,
  ) {}

  registerClient(clientName: string, scopes: string[]): OidcClient {
    const now = this.clock.nowMs();
    const client: OidcClient = {
      clientId: randomBase64Url(16),
      clientSecret: `eyJ${randomBase64Url(96)}`,
      clientName,
      scopes,
      issuedAtMs: now,
      secretExpiresAtMs: now + CLIENT_SECRET_TTL_SECONDS * 1000,
    };
    this.clients.set(client.clientId, client);
    return client;
  }

  /** The client the id and secret belong to, or InvalidClientException. */
  authenticateClient(clientId: string | undefined, clientSecret: string | undefined): OidcClient {
    const client = clientId === undefined ? undefined : this.clients.get(clientId);
    if (!client || client.clientSecret !== clientSecret) throw oidcError('InvalidClientException', 'Invalid client provided');
    if (this.clock.nowMs() >= client.secretExpiresAtMs) throw oidcError('InvalidClientException', 'Client secret has expired');
    return client;
  }

  startDeviceAuthorization(client: OidcClient, startUrl: string): DeviceAuthorization {
    if (normalizeStartUrl(startUrl) !== normalizeStartUrl(this.instance.startUrl)) {
      throw oidcError('InvalidRequestException', 'Invalid start URL');
    }
    this.prune();
    let userCode: string;
    do userCode = normalizeUserCode(randomChars(8, USER_CODE_ALPHABET));
    while (this.byUserCode.has(userCode));
    const device: DeviceAuthorization = {
      deviceCode: randomBase64Url(48),
      userCode,
      clientId: client.clientId,
      expiresAtMs: this.clock.nowMs() + DEVICE_CODE_TTL_SECONDS * 1000,
      status: 'pending',
      lastPollMs: null,
    };
    this.devices.set(device.deviceCode, device);
    this.byUserCode.set(userCode, device);
    return device;
  }

  /** A device authorization still waiting for the user, by its user code. */
  pendingByUserCode(userCode: string): DeviceAuthorization | undefined {
    const device = this.byUserCode.get(normalizeUserCode(userCode));
    return device && device.status === 'pending' && this.clock.nowMs() < device.expiresAtMs ? device : undefined;
  }

  pendingUserCodes(): string[] {
    const now = this.clock.nowMs();
    return [...this.devices.values()].filter((d) => d.status === 'pending' && now < d.expiresAtMs).map((d) => d.userCode);
  }

  /** The user's answer on the verification page; false when the code is not pending. */
  decide(userCode: string, approve: boolean): boolean {
    const device = this.pendingByUserCode(userCode);
    if (!device) return false;
    device.status = approve ? 'approved' : 'denied';
    return true;
  }

  /** CreateToken with the device_code grant: tokens once approved, otherwise RFC 8628's errors. */
  pollDevice(client: OidcClient, deviceCode: string | undefined): IssuedTokens {
    const device = deviceCode === undefined ? undefined : this.devices.get(deviceCode);
    if (!device || device.clientId !== client.clientId) throw oidcError('InvalidGrantException', 'Invalid device code provided');
    const now = this.clock.nowMs();
    if (now >= device.expiresAtMs) throw oidcError('ExpiredTokenException', 'Device code has expired');
    switch (device.status) {
      case 'denied':
        throw oidcError('AccessDeniedException', 'Authorization was denied by the user');
      case 'consumed':
        throw oidcError('InvalidGrantException', 'Device code has already been used');
      case 'approved':
        device.status = 'consumed';
        return this.issueTokens(client, randomBase64Url(12));
      case 'pending': {
        // Polling faster than the interval is slowed down only while nothing has changed.
        const tooSoon = device.lastPollMs !== null && now - device.lastPollMs < POLL_INTERVAL_SECONDS * 1000;
        device.lastPollMs = now;
        if (tooSoon) throw oidcError('SlowDownException', 'Client is polling too quickly');
        throw oidcError('AuthorizationPendingException', 'Authorization is still pending');
      }
    }
  }

  /** CreateToken with the refresh_token grant: a new access token; the refresh token stays. */
  refresh(client: OidcClient, refreshToken: string | undefined): IssuedTokens {
    const token = refreshToken === undefined ? undefined : this.tokens.get(refreshToken);
    if (
      !token ||
      token.kind !== 'refresh' ||
      token.clientId !== client.clientId ||
      token.revoked ||
      this.clock.nowMs() >= token.expiresAtMs
    ) {
      throw oidcError('InvalidGrantException', 'Invalid refresh token provided');
    }
    return { access: this.newToken('access', client, token.grantId), refresh: token };
  }

  /** A live access token, or undefined. */
  accessToken(token: string | undefined): SsoToken | undefined {
    const found = token === undefined ? undefined : this.tokens.get(token);
    if (!found || found.kind !== 'access' || found.revoked || this.clock.nowMs() >= found.expiresAtMs) return undefined;
    return found;
  }

  /** Logout: every token of the sign-in the access token came from stops working. */
  endGrant(grantId: string): void {
    for (const token of this.tokens.values()) if (token.grantId === grantId) token.revoked = true;
  }

  expireTokens(kinds: { access: boolean; refresh: boolean }): number {
    const now = this.clock.nowMs();
    let count = 0;
    for (const token of this.tokens.values()) {
      if (token.revoked || token.expiresAtMs <= now || !kinds[token.kind]) continue;
      token.expiresAtMs = now;
      count++;
    }
    return count;
  }

  private issueTokens(client: OidcClient, grantId: string): IssuedTokens {
    // Identity Center issues refresh tokens only to clients registered with scopes.
    const refresh = client.scopes.length > 0 ? this.newToken('refresh', client, grantId) : null;
    return { access: this.newToken('access', client, grantId), refresh };
  }

  private newToken(kind: SsoToken['kind'], client: OidcClient, grantId: string): SsoToken {
    const ttl = kind === 'access' ? ACCESS_TOKEN_TTL_SECONDS : REFRESH_TOKEN_TTL_SECONDS;
    const token: SsoToken = {
      token: `${kind === 'access' ? 'aoa' : 'aor'}${randomBase64Url(96)}`,
      kind,
      clientId: client.clientId,
      grantId,
      scopes: client.scopes,
      expiresAtMs: this.clock.nowMs() + ttl * 1000,
      revoked: false,
    };
    this.tokens.set(token.token, token);
    return token;
  }

  /** Device authorizations long past their expiry are forgotten (tokens are few and kept). */
  private prune(): void {
    const cutoff = this.clock.nowMs() - DEVICE_CODE_TTL_SECONDS * 1000;
    for (const [code, device] of this.devices) {
      if (device.expiresAtMs < cutoff) {
        this.devices.delete(code);
        this.byUserCode.delete(device.userCode);
      }
    }
  }
}
