/**
 * Credentials at run time: which principal an access key stands for, whether its session
 * token matches and is still valid, revoked keys, the credential clock and MFA checks. The
 * server asks it who signed a request; STS and the SSO portal ask it to issue sessions.
 */
import type { SigningSecret } from '../auth/sigv4';
import type { AuthProblem } from '../service';
import { userArn } from '../world/iam';
import type { AccountRecord, World } from '../world/model';
import { AuthClock } from './clock';
import { MfaVerifier } from './mfa';
import type { Principal, UserPrincipal } from './principal';
import { SessionStore, type SessionRecord } from './sessions';

export interface Authenticated {
  /** The account the principal belongs to (a role session's is the role's account). */
  account: AccountRecord;
  principal: Principal;
  /** null for an IAM user's long-term access key. */
  session: SessionRecord | null;
  secret: SigningSecret;
}

export type KeyResolution = ({ ok: true } & Authenticated) | { ok: false; problem: AuthProblem; detail: string };

const INVALID_TOKEN = 'The security token included in the request is invalid';

export class IdentityService {
  readonly clock = new AuthClock();
  readonly sessions: SessionStore;
  readonly mfa: MfaVerifier;
  private readonly revokedKeys = new Set<string>();

  constructor(readonly world: World) {
    this.sessions = new SessionStore(this.clock);
    this.mfa = new MfaVerifier(world, this.clock);
  }

  userPrincipal(account: AccountRecord): UserPrincipal {
    return {
      kind: 'user',
      accountId: account.accountId,
      userName: account.userName,
      userId: account.userId,
      arn: userArn(account.accountId, account.userName),
    };
  }

  /**
   * Who an access key stands for, given the X-Amz-Security-Token header that came with it.
   * Expiry is left to `isExpired`, checked once the signature is known to be good.
   */
  resolve(accessKeyId: string, sessionToken: string | undefined): KeyResolution {
    const account = this.world.accountByAccessKey(accessKeyId);
    if (account) {
      if (this.revokedKeys.has(accessKeyId)) {
        return { ok: false, problem: 'unknown-key', detail: `Access key ${accessKeyId} was deleted` };
      }
      // A long-term key with a token is refused, as AWS does.
      if (sessionToken !== undefined) return { ok: false, problem: 'invalid-token', detail: INVALID_TOKEN };
      return {
        ok: true,
        account,
        principal: this.userPrincipal(account),
        session: null,
        secret: { accessKeyId, secretAccessKey: account.secretAccessKey },
      };
    }
    const session = this.sessions.get(accessKeyId);
    if (!session) return { ok: false, problem: 'unknown-key', detail: `Unknown access key ${accessKeyId}` };
    if (session.revoked || sessionToken !== session.sessionToken) {
      return { ok: false, problem: 'invalid-token', detail: INVALID_TOKEN };
    }
    const owner = this.world.accountById(session.principal.accountId);
    if (!owner) return { ok: false, problem: 'invalid-token', detail: INVALID_TOKEN };
    return {
      ok: true,
      account: owner,
      principal: session.principal,
      session,
      secret: { accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken },
    };
  }

  isExpired(caller: Authenticated): boolean {
    return caller.session !== null && this.sessions.isExpired(caller.session);
  }

  /**
   * Deletes an IAM user's access key, or revokes one temporary key. Sessions issued earlier
   * with a deleted long-term key keep working until they expire, as they do in AWS.
   */
  revokeAccessKey(accessKeyId: string): boolean {
    if (this.world.accountByAccessKey(accessKeyId)) {
      this.revokedKeys.add(accessKeyId);
      return true;
    }
    const session = this.sessions.get(accessKeyId);
    if (!session) return false;
    session.revoked = true;
    return true;
  }
}
