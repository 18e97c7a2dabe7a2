/**
 * Errors of the rest-json SSO services. The SDK takes the error name from the
 * x-amzn-errortype header; the body carries OAuth's `error`/`error_description` (OIDC) or a
 * `message` (portal).
 */
export class JsonApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly body: Record<string, string>,
  ) {
    super(body.error_description ?? body.message ?? type);
    this.name = 'JsonApiError';
  }
}

/** OAuth 2.0 / device-grant errors (RFC 6749 §5.2, RFC 8628 §3.5) as SSO OIDC names them. */
export const OIDC_ERRORS = {
  InvalidClientException: { status: 401, error: 'invalid_client' },
  InvalidClientMetadataException: { status: 400, error: 'invalid_client_metadata' },
  InvalidRequestException: { status: 400, error: 'invalid_request' },
  InvalidGrantException: { status: 400, error: 'invalid_grant' },
  UnsupportedGrantTypeException: { status: 400, error: 'unsupported_grant_type' },
  AuthorizationPendingException: { status: 400, error: 'authorization_pending' },
  SlowDownException: { status: 400, error: 'slow_down' },
  ExpiredTokenException: { status: 400, error: 'expired_token' },
  AccessDeniedException: { status: 400, error: 'access_denied' },
} as const;

export type OidcErrorType = keyof typeof OIDC_ERRORS;

export function oidcError(type: OidcErrorType, description: string): JsonApiError {
  const { status, error } = OIDC_ERRORS[type];
  return new JsonApiError(status, type, { error, error_description: description });
}

const PORTAL_STATUS = {
  UnauthorizedException: 401,
  ForbiddenException: 403,
  InvalidRequestException: 400,
  ResourceNotFoundException: 404,
  TooManyRequestsException: 429,
} as const;

export type PortalErrorType = keyof typeof PORTAL_STATUS;

export function portalError(type: PortalErrorType, message: string): JsonApiError {
  return new JsonApiError(PORTAL_STATUS[type], type, { message });
}
