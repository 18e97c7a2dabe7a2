/**
 * SSO OIDC (rest-json, unsigned): RegisterClient, StartDeviceAuthorization and CreateToken
 * with the device_code and refresh_token grants. Field names and error shapes are the ones
 * @aws-sdk/client-sso-oidc serializes and parses.
 */
import { oidcError } from './errors';
import { optionalString, parseJsonObject, requiredString, stringList, type JsonObject } from './json';
import { DEVICE_CODE_TTL_SECONDS, POLL_INTERVAL_SECONDS, type IssuedTokens, type SsoState } from './state';

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const REFRESH_GRANT = 'refresh_token';

const seconds = (ms: number): number => Math.floor(ms / 1000);

export function registerClient(state: SsoState, body: Buffer): JsonObject {
  const input = parseJsonObject(body);
  const clientName = requiredString(input, 'clientName');
  const clientType = requiredString(input, 'clientType');
  if (clientType !== 'public') throw oidcError('InvalidClientMetadataException', `Invalid client type: ${clientType}`);
  const grantTypes = stringList(input, 'grantTypes');
  const unsupported = grantTypes.find((g) => g !== DEVICE_CODE_GRANT && g !== REFRESH_GRANT);
  if (unsupported !== undefined) {
    throw oidcError('InvalidClientMetadataException', `Grant type ${unsupported} is not supported by the emulator`);
  }
  const client = state.registerClient(clientName, stringList(input, 'scopes'));
  return {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    clientIdIssuedAt: seconds(client.issuedAtMs),
    clientSecretExpiresAt: seconds(client.secretExpiresAtMs),
  };
}

export function startDeviceAuthorization(state: SsoState, body: Buffer, baseUrl: string): JsonObject {
  const input = parseJsonObject(body);
  const client = state.authenticateClient(optionalString(input, 'clientId'), optionalString(input, 'clientSecret'));
  const device = state.startDeviceAuthorization(client, requiredString(input, 'startUrl'));
  const verificationUri = `${baseUrl}/sso/verify`;
  return {
    deviceCode: device.deviceCode,
    userCode: device.userCode,
    verificationUri,
    verificationUriComplete: `${verificationUri}?user_code=${encodeURIComponent(device.userCode)}`,
    expiresIn: DEVICE_CODE_TTL_SECONDS,
    interval: POLL_INTERVAL_SECONDS,
  };
}

export function createToken(state: SsoState, body: Buffer, nowMs: number): JsonObject {
  const input = parseJsonObject(body);
  const client = state.authenticateClient(optionalString(input, 'clientId'), optionalString(input, 'clientSecret'));
  const grantType = requiredString(input, 'grantType');
  let issued: IssuedTokens;
  if (grantType === DEVICE_CODE_GRANT) issued = state.pollDevice(client, optionalString(input, 'deviceCode'));
  else if (grantType === REFRESH_GRANT) issued = state.refresh(client, optionalString(input, 'refreshToken'));
  else throw oidcError('UnsupportedGrantTypeException', `Unsupported grant type: ${grantType}`);
  return {
    accessToken: issued.access.token,
    tokenType: 'Bearer',
    expiresIn: Math.max(0, seconds(issued.access.expiresAtMs - nowMs)),
    ...(issued.refresh ? { refreshToken: issued.refresh.token } : {}),
  };
}
