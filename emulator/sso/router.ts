/**
 * Routes of IAM Identity Center on the emulator's one endpoint. These calls carry no SigV4
 * signature (OIDC is unauthenticated, the portal takes a bearer token), so the server routes
 * them by method and path before it looks for an Authorization header. Query-protocol calls
 * always go to "/", so the paths never collide.
 */
import type { Knobs } from '../knobs';
import type { ServiceAnswer } from '../service';
import { JsonApiError, oidcError, portalError } from './errors';
import type { JsonObject } from './json';
import { createToken, registerClient, startDeviceAuthorization } from './oidc';
import { getRoleCredentials, listAccountRoles, listAccounts, logout, type PortalContext } from './portal';
import { decidePage, verifyPage } from './verify-page';

export interface SsoRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: Buffer;
  /** Scheme, host and port the client used, for links back to the emulator. */
  baseUrl: string;
}

type Handler = (ctx: PortalContext, req: SsoRequest) => ServiceAnswer;

const json = (value: JsonObject | null): ServiceAnswer => ({
  status: 200,
  body: value === null ? '' : JSON.stringify(value),
  contentType: 'application/json',
});

const portal =
  (knobs: Knobs, action: (ctx: PortalContext, req: SsoRequest) => JsonObject | null): Handler =>
  (ctx, req) => {
    if (knobs.shouldThrottle()) throw portalError('TooManyRequestsException', 'Too many requests');
    return json(action(ctx, req));
  };

function routes(knobs: Knobs): Map<string, Handler> {
  return new Map<string, Handler>([
    ['POST /client/register', (ctx, req) => json(registerClient(ctx.state, req.body))],
    ['POST /device_authorization', (ctx, req) => json(startDeviceAuthorization(ctx.state, req.body, req.baseUrl))],
    [
      'POST /token',
      (ctx, req) => {
        if (req.url.searchParams.has('aws_iam')) throw oidcError('InvalidRequestException', 'CreateTokenWithIAM is not emulated');
        return json(createToken(ctx.state, req.body, ctx.identity.clock.nowMs()));
      },
    ],
    ['GET /assignment/accounts', portal(knobs, (ctx, req) => listAccounts(ctx, req.headers, req.url.searchParams))],
    ['GET /assignment/roles', portal(knobs, (ctx, req) => listAccountRoles(ctx, req.headers, req.url.searchParams))],
    ['GET /federation/credentials', portal(knobs, (ctx, req) => getRoleCredentials(ctx, req.headers, req.url.searchParams))],
    [
      'POST /logout',
      portal(knobs, (ctx, req) => {
        logout(ctx, req.headers);
        return null;
      }),
    ],
    ['GET /sso/verify', (ctx, req) => verifyPage(ctx.state, req.url.searchParams)],
    ['POST /sso/verify/approve', (ctx, req) => decidePage(ctx.state, req.body, true)],
    ['POST /sso/verify/deny', (ctx, req) => decidePage(ctx.state, req.body, false)],
  ]);
}

export class SsoFrontend {
  private readonly handlers: Map<string, Handler>;

  constructor(
    private readonly ctx: PortalContext,
    knobs: Knobs,
  ) {
    this.handlers = routes(knobs);
  }

  /** True when the request is one of Identity Center's calls or the verification page. */
  serves(method: string, pathname: string): boolean {
    return this.handlers.has(`${method} ${pathname}`);
  }

  handle(req: SsoRequest): ServiceAnswer {
    const handler = this.handlers.get(`${req.method} ${req.url.pathname}`);
    try {
      if (!handler) throw oidcError('InvalidRequestException', 'Unknown operation');
      return handler(this.ctx, req);
    } catch (error) {
      if (error instanceof JsonApiError) {
        return {
          status: error.status,
          body: JSON.stringify(error.body),
          contentType: 'application/json',
          headers: { 'x-amzn-errortype': error.type },
        };
      }
      process.stderr.write(`emulator: internal error in ${req.method} ${req.url.pathname}: ${String(error)}\n`);
      return {
        status: 500,
        body: JSON.stringify({ error: 'server_error', error_description: 'An internal error has occurred' }),
        contentType: 'application/json',
        headers: { 'x-amzn-errortype': 'InternalServerException' },
      };
    }
  }
}
