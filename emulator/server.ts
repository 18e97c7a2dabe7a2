/**
 * The HTTP front of the emulator. One endpoint serves every service and region: the SigV4
 * credential scope (`Credential=AKID/date/REGION/SERVICE/aws4_request`) says which service
 * and region a call is for, exactly as AWS's regional endpoints would know from the host name.
 * IAM Identity Center's unsigned rest-json calls (OIDC, portal) and its verification page are
 * recognised by method and path first, since they carry no credential scope.
 *
 * Order of checks, as AWS does them: authenticate (key known, session token valid, signature
 * valid, clock within 15 minutes, session not expired), then region, then throttling (the random knob, then the action's token bucket), then
 * whether the region offers the action, then permission, then the action. Every failure is answered in the service's own error shape; nothing a client sends
 * can crash the server.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseAuthorization, verifySignature, type ReceivedRequest } from './auth/sigv4';
import type { IdentityService } from './identity/service';
import type { Knobs, LossPoint } from './knobs';
import { ApiError, internalError } from './protocol/errors';
import { QueryParams } from './protocol/query';
import type { QueryService, ServiceAnswer } from './service';
import type { SsoFrontend } from './sso/router';
import type { World } from './world/model';

/** Query-protocol bodies are small; anything bigger is refused without buffering it. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface ServerContext {
  world: World;
  knobs: Knobs;
  /** Query-protocol services and awsJson ones (KMS), told apart by SigV4 signing name. */
  services: readonly QueryService[];
  /** The service that answers when a call names no service we know (EC2, like AWS's default). */
  fallback: QueryService;
  identity: IdentityService;
  sso: SsoFrontend;
  /** Runs before every signed call is answered: brings time-dependent state (builds in flight) up to the world clock. */
  beforeCall?: () => void;
}

interface ReadBody {
  body: Buffer;
  tooLarge: boolean;
}

function readBody(req: IncomingMessage): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge }));
    req.on('error', reject);
  });
}

function headerRecord(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

function isFormBody(method: string, contentType: string | undefined): boolean {
  if (contentType === undefined) return method === 'POST';
  return contentType.toLowerCase().startsWith('application/x-www-form-urlencoded');
}

export function createRequestHandler(context: ServerContext): (req: IncomingMessage, res: ServerResponse) => void {
  const bySigningName = new Map(context.services.map((s) => [s.signingName, s]));
  const byVersion = new Map(context.services.map((s) => [s.apiVersion, s]));

  const send = (res: ServerResponse, requestId: string, answer: ServiceAnswer): void => {
    if (res.headersSent || res.destroyed) return;
    if (answer.lost) {
      res.destroy();
      return;
    }
    const body = Buffer.from(answer.body, 'utf8');
    res.writeHead(answer.status, {
      ...answer.headers,
      'content-type': answer.contentType ?? 'text/xml;charset=UTF-8',
      'content-length': String(body.length),
      'x-amzn-requestid': requestId,
    });
    res.end(body);
  };

  const answer = async (req: IncomingMessage, requestId: string): Promise<ServiceAnswer> => {
    const { body, tooLarge } = await readBody(req);
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const headers = headerRecord(req);

    if (context.sso.serves(method, url.pathname)) {
      if (context.knobs.latencyMs > 0) await sleep(context.knobs.latencyMs);
      if (tooLarge) return { status: 413, body: '', contentType: 'application/json' };
      const baseUrl = `http://${headers.host ?? 'localhost'}`;
      return context.sso.handle({ method, url, headers, body, baseUrl });
    }

    const auth = parseAuthorization(headers.authorization);

    const formBody = isFormBody(method, headers['content-type']) ? body.toString('utf8') : null;
    let params: QueryParams | null = null;
    let paramsError: unknown = null;
    try {
      params = QueryParams.parse(url.searchParams, formBody);
    } catch (error) {
      paramsError = error;
    }

    // Unsigned calls still deserve the right error shape: guess the service from Version (or a rest-json path).
    const service =
      (auth && auth !== 'malformed' ? bySigningName.get(auth.service) : undefined) ??
      byVersion.get(params?.string('Version') ?? '') ??
      context.services.find((s) => s.servesRoute?.(method, url.pathname)) ??
      context.fallback;

    const latency = context.knobs.latencyMs;
    if (latency > 0) await sleep(latency);

    let loss: LossPoint | null = null;
    try {
      if (tooLarge) throw new ApiError('RequestEntityTooLarge', `Request body exceeds ${MAX_BODY_BYTES} bytes`, 413);
      if (auth === null) throw service.authError('missing', 'Request is missing an Authorization header');
      if (auth === 'malformed') throw service.authError('malformed', 'Authorization header is not a valid SigV4 header');
      if (!bySigningName.has(auth.service)) {
        throw new ApiError('UnsupportedOperation', `The emulator does not serve the '${auth.service}' service`);
      }
      const caller = context.identity.resolve(auth.accessKeyId, headers['x-amz-security-token']);
      if (!caller.ok) throw service.authError(caller.problem, caller.detail);
      const received: ReceivedRequest = { method, rawPath: url.pathname, query: url.searchParams, headers, body };
      // Signing time is checked against the real clock: the SDK signs with the machine's.
      const failure = await verifySignature(received, auth, caller.secret, new Date());
      if (failure) throw service.authError(failure.reason, failure.message);
      if (context.identity.isExpired(caller)) {
        throw service.authError('expired-token', 'The security token included in the request is expired');
      }
      const regionError = service.regionError(context.world, auth.region);
      if (regionError) throw regionError;
      if (context.knobs.shouldThrottle()) throw service.throttleError();
      if (!params) throw paramsError instanceof ApiError ? paramsError : internalError();
      const actionName = service.actionName
        ? service.actionName(params, headers, { method, path: url.pathname })
        : (params.string('Action') ?? '');
      // The account's bucket for this action in this region (EC2's documented request rate limits).
      const bucket = service.requestBucket?.(actionName, params);
      if (bucket && !context.knobs.takeRequestToken(`${caller.account.accountId}/${auth.region}`, bucket)) throw service.throttleError();
      // An action a region does not offer yet is unknown there, whoever asks and whatever their permissions.
      if (context.knobs.isUnavailable(actionName, auth.region)) {
        throw service.unknownActionError?.(actionName) ?? new ApiError('InvalidAction', `The action ${actionName} is not valid for this web service.`);
      }
      if (context.knobs.isDenied(caller.account.accountId, actionName, auth.region)) {
        throw (
          service.accessDenied?.({ action: actionName, principalArn: caller.principal.arn, accountId: caller.account.accountId, region: auth.region }) ??
          new ApiError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403)
        );
      }

      loss = context.knobs.takeLoss(caller.account.accountId, actionName);
      if (loss === 'before') return { status: 0, body: '', lost: true };

      context.beforeCall?.();
      const xml = await service.handle({
        world: context.world,
        requestId,
        region: auth.region,
        caller: caller.account,
        principal: caller.principal,
        session: caller.session,
        identity: context.identity,
        params,
        headers,
        body,
        method,
        path: url.pathname,
      });
      if (loss === 'after') return { status: 0, body: '', lost: true };
      return { status: 200, body: xml, contentType: service.contentType };
    } catch (error) {
      if (loss === 'after') return { status: 0, body: '', lost: true };
      if (error instanceof ApiError) return service.errorAnswer(error, requestId);
      process.stderr.write(`emulator: internal error answering ${requestId}: ${String(error)}\n`);
      return service.errorAnswer(internalError(), requestId);
    }
  };

  return (req, res) => {
    const requestId = randomUUID();
    res.on('error', () => undefined);
    answer(req, requestId)
      .then((a) => send(res, requestId, a))
      .catch(() => send(res, requestId, context.fallback.errorAnswer(internalError(), requestId)));
  };
}
