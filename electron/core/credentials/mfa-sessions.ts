/**
 * One MFA prompt per root credential, good until the session it buys expires.
 *
 * An MFA device belongs to the IAM user whose long-term keys sit at the root of a chain. The
 * first time a role (or an access-key entry) needs that device, the user is asked for one code
 * and we call STS GetSessionToken with the root keys + code. AWS marks the returned session
 * as MFA-authenticated (aws:MultiFactorAuthPresent = true, for up to 12 hours), so every later
 * AssumeRole made with it satisfies a trust policy that requires MFA, without another code.
 * Role credentials obtained that way carry the MFA context on (it is sticky along a chain), so
 * they are remembered too and a chained role asking for the same device is not prompted again.
 *
 * Sessions are keyed by (device, root access key id): entries sharing a root share one session,
 * and a rotated key gets its own. Concurrent requests for the same key wait on one prompt.
 */
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import type { StsTarget } from './sts';

export interface MfaSessionOptions {
  /** Asks the user for a code; called at most once per concurrent burst. */
  ask(): Promise<string>;
  /** The entry whose long-term keys are used: forgetting it drops the session. */
  owner: string;
  target: StsTarget;
}

export interface MfaSessionDeps {
  getSessionToken(root: AwsCredentialIdentity, mfa: { serialNumber: string; tokenCode: string }, target: StsTarget): Promise<AwsCredentialIdentity>;
  now(): Date;
  /** A session this close to its expiry is replaced (with a new prompt) rather than used. */
  refreshBeforeMs: number;
}

interface Session {
  credentials: AwsCredentialIdentity;
  owners: Set<string>;
}

export class MfaSessions {
  readonly #sessions = new Map<string, Session>();
  readonly #pending = new Map<string, Promise<AwsCredentialIdentity>>();
  /** Access key id → expiry (ms) of temporary credentials that carry an MFA context. */
  readonly #mfaCarriers = new Map<string, number>();
  /** Bumped by forget(): a prompt that was already running then does not store its session. */
  #epoch = 0;

  constructor(private readonly deps: MfaSessionDeps) {}

  /** A valid MFA session for this device and root key, prompting once when there is none. */
  async session(serial: string, root: AwsCredentialIdentity, options: MfaSessionOptions): Promise<AwsCredentialIdentity> {
    const key = sessionKey(serial, root);
    const cached = this.#sessions.get(key);
    if (cached && this.#fresh(cached.credentials)) {
      cached.owners.add(options.owner);
      return cached.credentials;
    }
    let pending = this.#pending.get(key);
    if (!pending) {
      const epoch = this.#epoch;
      pending = (async () => {
        const tokenCode = await options.ask();
        return this.deps.getSessionToken(root, { serialNumber: serial, tokenCode }, options.target);
      })();
      this.#pending.set(key, pending);
      const settle = (credentials: AwsCredentialIdentity | null) => {
        if (this.#pending.get(key) === pending) this.#pending.delete(key);
        if (credentials && epoch === this.#epoch) {
          this.#sessions.set(key, { credentials, owners: new Set([options.owner]) });
          this.markCarriesMfa(credentials);
        }
      };
      pending.then(settle, () => settle(null));
    }
    const credentials = await pending;
    this.#sessions.get(key)?.owners.add(options.owner);
    return credentials;
  }

  /** True when these credentials already carry an MFA context (no code needed to use them). */
  carriesMfa(credentials: AwsCredentialIdentity): boolean {
    const expiry = this.#mfaCarriers.get(credentials.accessKeyId);
    return expiry !== undefined && expiry > this.deps.now().getTime();
  }

  markCarriesMfa(credentials: AwsCredentialIdentity): void {
    const now = this.deps.now().getTime();
    for (const [id, expiry] of this.#mfaCarriers) if (expiry <= now) this.#mfaCarriers.delete(id);
    // Without an expiry we cannot know when it stops being valid: assume the STS default hour.
    this.#mfaCarriers.set(credentials.accessKeyId, credentials.expiration?.getTime() ?? now + 3_600_000);
  }

  /** Drops the session these credentials belong to (AWS rejected it: revoked or expired early). */
  discard(credentials: AwsCredentialIdentity): void {
    this.#mfaCarriers.delete(credentials.accessKeyId);
    for (const [key, session] of this.#sessions) {
      if (session.credentials.accessKeyId === credentials.accessKeyId) this.#sessions.delete(key);
    }
  }

  /** Drops every session obtained with this entry's keys. */
  forget(owner: string): void {
    let dropped = false;
    for (const [key, session] of this.#sessions) {
      if (session.owners.has(owner)) {
        this.#sessions.delete(key);
        this.#mfaCarriers.delete(session.credentials.accessKeyId);
        dropped = true;
      }
    }
    if (dropped || this.#pending.size > 0) this.#epoch++;
  }

  #fresh(credentials: AwsCredentialIdentity): boolean {
    if (!credentials.expiration) return true;
    return credentials.expiration.getTime() - this.deps.now().getTime() > this.deps.refreshBeforeMs;
  }
}

function sessionKey(serial: string, root: AwsCredentialIdentity): string {
  return `${serial}\n${root.accessKeyId}`;
}
