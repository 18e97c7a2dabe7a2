/**
 * What a query-protocol service (EC2, STS) plugs into the server: its actions, and how it
 * spells errors on the wire. The server owns HTTP, authentication and the knobs.
 */
import type { ApiError } from './protocol/errors';
import type { QueryParams } from './protocol/query';
import type { AccountRecord, World } from './world/model';

export interface ServiceCall {
  world: World;
  requestId: string;
  region: string;
  caller: AccountRecord;
  params: QueryParams;
}

export interface ServiceAnswer {
  status: number;
  body: string;
}

export type AuthProblem = 'missing' | 'malformed' | 'unknown-key' | 'expired' | 'mismatch';

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
