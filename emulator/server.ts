/**
 * The HTTP front of the emulator. One endpoint serves every service and region: the SigV4
 * credential scope (`Credential=AKID/date/REGION/SERVICE/aws4_request`) says which service
 * and region a call is for, exactly as AWS's regional endpoints would know from the host name.
 *
 * Order of checks, as AWS does them: authenticate (key known, signature valid, clock within
 * 15 minutes), then region, then throttling, then the action. Every failure is answered in
 * the service's own error shape; nothing a client sends can crash the server.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseAuthorization, verifySignature, type ReceivedRequest } from './auth/sigv4';
import type { Knobs } from './knobs';
import { ApiError, internalError } from './protocol/errors';
import { QueryParams } from './protocol/query';
import type { QueryService, ServiceAnswer } from './service';
import type { World } from './world/model';

/** Query-protocol bodies are small; anything bigger is refused without buffering it. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface ServerContext {
  world: World;
  knobs: Knobs;
  services: readonly QueryService[];
  /** The service that answers when a call names no service we know (EC2, like AWS's default). */
  fallback: QueryService;
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
    const body = Buffer.from(answer.body, 'utf8');
    res.writeHead(answer.status, {
      'content-type': 'text/xml;charset=UTF-8',
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
    const auth = parseAuthorization(headers.authorization);

    const formBody = isFormBody(method, headers['content-type']) ? body.toString('utf8') : null;
    let params: QueryParams | null = null;
    let paramsError: unknown = null;
    try {
      params = QueryParams.parse(url.searchParams, formBody);
    } catch (error) {
      paramsError = error;
    }

    // Unsigned calls still deserve the right error shape: guess the service from Version.
    const service =
      (auth && auth !== 'malformed' ? bySigningName.get(auth.service) : undefined) ??
      byVersion.get(params?.string('Version') ?? '') ??
      context.fallback;

    const latency = context.knobs.latencyMs;
    if (latency > 0) await sleep(latency);

    try {
      if (tooLarge) throw new ApiError('RequestEntityTooLarge', `Request body exceeds ${MAX_BODY_BYTES} bytes`, 413);
      if (auth === null) throw service.authError('missing', 'Request is missing an Authorization header');
      if (auth === 'malformed') throw service.authError('malformed', 'Authorization header is not a valid SigV4 header');
      if (!bySigningName.has(auth.service)) {
        throw new ApiError('UnsupportedOperation', `The emulator does not serve the '${auth.service}' service`);
      }
      const caller = context.world.accountByAccessKey(auth.accessKeyId);
      if (!caller) throw service.authError('unknown-key', `Unknown access key ${auth.accessKeyId}`);
      const received: ReceivedRequest = { method, rawPath: url.pathname, query: url.searchParams, headers, body };
      const failure = await verifySignature(
        received,
        auth,
        { accessKeyId: caller.accessKeyId, secretAccessKey: caller.secretAccessKey },
        new Date(),
      );
      if (failure) throw service.authError(failure.reason, failure.message);
      const regionError = service.regionError(context.world, auth.region);
      if (regionError) throw regionError;
      if (context.knobs.shouldThrottle()) throw service.throttleError();
      if (!params) throw paramsError instanceof ApiError ? paramsError : internalError();

      const xml = await service.handle({ world: context.world, requestId, region: auth.region, caller, params });
      return { status: 200, body: xml };
    } catch (error) {
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
