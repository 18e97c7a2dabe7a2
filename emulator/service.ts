/**
 * What a query-protocol service (EC2, STS, IAM) plugs into the server: its actions, and how it
 * spells errors on the wire. The server owns HTTP, authentication and the knobs.
 */
import type { IdentityService } from './identity/service';
import type { Principal } from './identity/principal';
import type { SessionRecord } from './identity/sessions';
import type { ApiError } from './protocol/errors';
import type { QueryParams } from './protocol/query';
import type { BucketLimit } from './token-buckets';
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
  /** Lower-cased request headers (JSON protocols name the action in X-Amz-Target). */
  headers: Readonly<Record<string, string>>;
  /** The raw request body (JSON protocols carry their input here, not in form fields). */
  body: Buffer;
  /** HTTP method and path (rest-json services name the operation with them). */
  method?: string;
  path?: string;
}

export interface ServiceAnswer {
  status: number;
  body: string;
  /** Default text/xml;charset=UTF-8 (the query protocols). */
  contentType?: string;
  headers?: Record<string, string>;
  /** The connection is closed without an answer (the `loseCalls` knob). */
  lost?: boolean;
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

/** A token bucket of one account and region: `name` tells the buckets of a service apart. */
export interface RequestBucket extends BucketLimit {
  name: string;
}

export interface QueryService {
  /** The service name in the SigV4 credential scope, e.g. "ec2". */
  readonly signingName: string;
  /** The API version the SDK sends as Version=…; used to guess the service of unsigned calls. */
  readonly apiVersion: string;
  /** Answers a call with the body of a successful response, or throws an ApiError. */
  handle(call: ServiceCall): Promise<string> | string;
  /** Content type of a successful answer; default text/xml (the query protocols). */
  readonly contentType?: string;
  /** The action a call names, for denyAction; default the `Action` form field. */
  actionName?(params: QueryParams, headers: Readonly<Record<string, string>>, request?: { method: string; path: string }): string;
  /** rest-json services: whether a method and path is one of theirs (to answer unsigned calls in their shape). */
  servesRoute?(method: string, path: string): boolean;
  authError(problem: AuthProblem, detail: string): ApiError;
  /**
   * How the service refuses a call its IAM policy does not allow (the denyAction knob); default
   * EC2's UnauthorizedOperation. `action` is named as denyAction names it.
   */
  accessDenied?(denial: { action: string; principalArn: string; accountId: string; region: string }): ApiError;
  /** How the service answers an action it does not know (the unavailable-action knob); default EC2's InvalidAction. */
  unknownActionError?(action: string): ApiError;
  /** An error for a region the caller cannot use, or null when the region is fine. */
  regionError(world: World, region: string): ApiError | null;
  throttleError(): ApiError;
  /**
   * The token bucket a call draws on when per-action request throttling is on (EC2's
   * documented buckets); services without one are throttled only by the random knob.
   */
  requestBucket?(action: string, params: QueryParams): RequestBucket;
  errorAnswer(error: ApiError, requestId: string): ServiceAnswer;
}
