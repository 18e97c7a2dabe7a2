/**
 * EC2 Image Builder (signing name `imagebuilder`), a rest-json service: the operation is named
 * by method and path, input comes as JSON (or query string for GET/DELETE), and errors carry
 * their name in `x-amzn-errortype`. Auth and region failures are answered as its API front
 * answers them: UnrecognizedClientException, InvalidSignatureException, ExpiredTokenException,
 * MissingAuthenticationTokenException (HTTP 403); throttling is ThrottlingException (429);
 * denyAction takes `imagebuilder:<Operation>` names and answers AccessDeniedException (403).
 */
import { ApiError } from '../protocol/errors';
import { restJsonAuthError, unrecognizedClient } from '../protocol/aws-json-auth';
import type { QueryService, ServiceCall } from '../service';
import { imageBuilderState, settleImageBuilder } from '../world/imagebuilder-state';
import type { World } from '../world/model';
import type { IbCall } from './call';
import { imageBuilderError, imageBuilderErrorAnswer, JSON_CONTENT_TYPE } from './errors';
import { parseJsonBody, type JsonObject } from './json';
import { routeOf } from './routes';

export const IMAGE_BUILDER_ACTION_PREFIX = 'imagebuilder:';

/** GET and DELETE carry their members in the query string; the others in a JSON body. */
function inputOf(call: ServiceCall, method: string): JsonObject {
  if (method === 'GET' || method === 'DELETE') {
    const out: Record<string, string> = {};
    for (const [name, value] of call.params.entries()) out[name] = value;
    return out;
  }
  return parseJsonBody(call.body);
}

export const imageBuilderService: QueryService = {
  signingName: 'imagebuilder',
  // Image Builder sends no Version field; this only has to differ from the query services'.
  apiVersion: '2019-12-02',
  contentType: JSON_CONTENT_TYPE,

  actionName: (_params, _headers, request) => {
    const route = request ? routeOf(request.method, request.path) : undefined;
    return `${IMAGE_BUILDER_ACTION_PREFIX}${route?.operation ?? 'Unknown'}`;
  },

  servesRoute: (method, path) => routeOf(method, path) !== undefined,

  handle(call) {
    const method = call.method ?? 'POST';
    const path = call.path ?? '/';
    const route = routeOf(method, path);
    if (!route) throw imageBuilderError('ClientException', `No operation is served at ${method} ${path}.`);
    const state = imageBuilderState(call.world);
    settleImageBuilder(call.world);
    const c: IbCall = {
      world: call.world,
      state,
      accountId: call.caller.accountId,
      region: call.region,
      requestId: call.requestId,
      input: inputOf(call, method),
      now: call.world.now(),
      service: call,
    };
    return JSON.stringify(route.handler(c));
  },

  authError: restJsonAuthError,

  regionError(world: World, region: string) {
    return world.isRegionEnabled(region) ? null : unrecognizedClient(403);
  },

  throttleError() {
    return new ApiError('ThrottlingException', 'Rate exceeded', 429);
  },

  errorAnswer: imageBuilderErrorAnswer,
};
