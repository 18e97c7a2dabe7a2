/**
 * Amazon Recycle Bin (signing name `rbin`), a rest-json service: the operation is named by
 * method and path (POST /rules, GET | PATCH | DELETE /rules/{identifier}, POST /list-rules),
 * input is a JSON body, answers are JSON, and errors carry their name in `x-amzn-errortype`.
 * Credential and region problems are answered as its API front answers them (HTTP 403);
 * denyAction takes `rbin:<Operation>` names and answers AccessDeniedException.
 */
import { ApiError } from '../protocol/errors';
import { parseJsonObject } from '../protocol/json-body';
import { restJsonAuthError, unrecognizedClient } from '../protocol/aws-json-auth';
import type { QueryService, ServiceCall } from '../service';
import type { World } from '../world/model';
import { RBIN_CONTENT_TYPE, rbinErrorAnswer, validation } from './errors';
import { createRule, deleteRule, getRule, listRules, updateRule, type JsonInput, type RbinAnswer } from './rules';

export const RBIN_ACTION_PREFIX = 'rbin:';

interface Route {
  operation: string;
  handler: (call: ServiceCall, input: JsonInput, identifier: string) => RbinAnswer;
}

function routeOf(method: string, path: string): { route: Route; identifier: string } | undefined {
  if (method === 'POST' && path === '/rules') return { route: { operation: 'CreateRule', handler: createRule }, identifier: '' };
  if (method === 'POST' && path === '/list-rules') return { route: { operation: 'ListRules', handler: listRules }, identifier: '' };
  const match = /^\/rules\/([^/]+)$/.exec(path);
  if (!match) return undefined;
  const identifier = decodeURIComponent(match[1]!);
  if (method === 'GET') return { route: { operation: 'GetRule', handler: getRule }, identifier };
  if (method === 'PATCH') return { route: { operation: 'UpdateRule', handler: updateRule }, identifier };
  if (method === 'DELETE') return { route: { operation: 'DeleteRule', handler: deleteRule }, identifier };
  return undefined;
}

export const rbinService: QueryService = {
  signingName: 'rbin',
  // Recycle Bin sends no Version field; this only has to differ from the query services'.
  apiVersion: '2021-06-15',
  contentType: RBIN_CONTENT_TYPE,

  actionName: (_params, _headers, request) => {
    const found = request ? routeOf(request.method, request.path) : undefined;
    return `${RBIN_ACTION_PREFIX}${found?.route.operation ?? 'Unknown'}`;
  },

  servesRoute: (method, path) => routeOf(method, path) !== undefined,

  handle(call) {
    const method = call.method ?? 'POST';
    const found = routeOf(method, call.path ?? '/');
    if (!found) throw new ApiError('UnknownOperationException', `No operation is served at ${method} ${call.path ?? '/'}.`, 404);
    const input = method === 'GET' || method === 'DELETE' ? {} : parseJsonObject(call.body, () => validation('The request body is not a valid JSON object.'));
    return JSON.stringify(found.route.handler(call, input, found.identifier));
  },

  authError: restJsonAuthError,

  accessDenied({ action, principalArn }) {
    return new ApiError('AccessDeniedException', `User: ${principalArn} is not authorized to perform: ${action}`, 403);
  },

  unknownActionError(action) {
    return new ApiError('UnknownOperationException', `Unknown operation ${action.slice(RBIN_ACTION_PREFIX.length)}`, 404);
  },

  regionError(world: World, region: string) {
    return world.isRegionEnabled(region) ? null : unrecognizedClient(403);
  },

  throttleError() {
    return new ApiError('ThrottlingException', 'Rate exceeded', 429);
  },

  errorAnswer: rbinErrorAnswer,
};
