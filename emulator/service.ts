/**
 * What a query-protocol service (EC2, STS, IAM) plugs into the server: its actions, and how it
 * spells errors on the wire. The server owns HTTP, authentication and the knobs.
 */
import type { IdentityService } from './identity/service';
import type { Principal } from './identity/principal';
import type { SessionRecord } from './identity/sessions';
import type { ApiError } from './protocol/errors';
import type { QueryParams } from './protocol/query';
import type { AccountRecord, World } from './world/model';

export interface ServiceCall {
  world: World;
  requestId: string;
  region: string;
  /** The account of the principal that signed the call. */
  caller: AccountRecord;
  principal: Principal;
  /** The temporary credentials the call was signed with; null for a long-term key. */
  session: SessionRecord | null;
  identity: IdentityService;
  params: QueryParams;
}

export interface ServiceAnswer {
  status: number;
  body: string;
  /** Default text/xml;charset=UTF-8 (the query protocols). */
  contentType?: string;
  headers?: Record<string, string>;
}

/**
 * unknown-key: no such access key (or a deleted one); invalid-token: the session token is
 * missing, wrong or revoked; expired-token: the session has expired; expired: X-Amz-Date is
 * outside the 15-minute window; mismatch: the signature does not verify.
 */
export type AuthProblem =
  | 'missing'
  | 'malformed'
  | 'unknown-key'
  | 'invalid-token'
  | 'expired-token'
  | 'expired'
  | 'mismatch';

export interface QueryService {
  /** The service name in the SigV4 credential scope, e.g. "ec2". */
  readonly signingName: string;
  /** The API version the SDK sends as Version=…; used to guess the service of unsigned calls. */
  readonly apiVersion: string;
  /** Answers a call with the XML body of a successful response, or throws an ApiError. */
  handle(call: ServiceCall): Promise<string> | string;
  authError(problem: AuthProblem, detail: string): ApiError;
  /** An error for a region the caller cannot use, or null when the region is fine. */
  regionError(world: World, region: string): ApiError | null;
  throttleError(): ApiError;
  errorAnswer(error: ApiError, requestId: string): ServiceAnswer;
}
