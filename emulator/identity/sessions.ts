/**
 * Temporary credentials issued while the emulator runs: GetSessionToken and AssumeRole
 * sessions and SSO role credentials. Each is an ASIA… access key with its own secret and
 * session token, bound to the principal it acts as, and valid until it expires on the
 * credential clock or is revoked.
 */
import type { AuthClock } from './clock';
import type { Principal } from './principal';
import { KEY_ALPHABET, SECRET_ALPHABET, randomBase64, randomChars } from './random';

export type SessionSource = 'GetSessionToken' | 'AssumeRole' | 'SSO';

export interface SessionRecord {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly principal: Principal;
  readonly source: SessionSource;
  readonly issuedAtMs: number;
  expiresAtMs: number;
  /** aws:MultiFactorAuthPresent for calls made with this session. */
  readonly mfaAuthenticated: boolean;
  /** True for role sessions whose caller was itself a role session (role chaining). */
  readonly chained: boolean;
  revoked: boolean;
}

export interface IssueRequest {
  principal: Principal;
  source: SessionSource;
  durationSeconds: number;
  mfaAuthenticated: boolean;
  chained?: boolean;
}

/** Expired sessions are kept this long so late callers get ExpiredToken, not an unknown key. */
const KEEP_EXPIRED_MS = 24 * 3600 * 1000;

export class SessionStore {
  private readonly byKey = new Map<string, SessionRecord>();

  constructor(private readonly clock: AuthClock) {}

  issue(request: IssueRequest): SessionRecord {
    this.prune();
    const now = this.clock.nowMs();
    let accessKeyId: string;
    do accessKeyId = `ASIA${randomChars(16, KEY_ALPHABET)}`;
    while (this.byKey.has(accessKeyId));
    const session: SessionRecord = {
      accessKeyId,
      secretAccessKey: randomChars(40, SECRET_ALPHABET),
      sessionToken: randomBase64(264),
      principal: request.principal,
      source: request.source,
      issuedAtMs: now,
      expiresAtMs: now + request.durationSeconds * 1000,
      mfaAuthenticated: request.mfaAuthenticated,
      chained: request.chained ?? false,
      revoked: false,
    };
    this.byKey.set(accessKeyId, session);
    return session;
  }

  get(accessKeyId: string): SessionRecord | undefined {
    return this.byKey.get(accessKeyId);
  }

  isExpired(session: SessionRecord): boolean {
    return this.clock.nowMs() >= session.expiresAtMs;
  }

  /** Ends every live session matching the filter now; returns how many. */
  expire(match: (session: SessionRecord) => boolean): number {
    const now = this.clock.nowMs();
    let count = 0;
    for (const session of this.byKey.values()) {
      if (session.revoked || session.expiresAtMs <= now || !match(session)) continue;
      session.expiresAtMs = now;
      count++;
    }
    return count;
  }

  private prune(): void {
    const cutoff = this.clock.nowMs() - KEEP_EXPIRED_MS;
    for (const [key, session] of this.byKey) {
      if (session.expiresAtMs < cutoff) this.byKey.delete(key);
    }
  }
}
