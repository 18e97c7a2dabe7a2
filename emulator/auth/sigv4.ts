/**
 * SigV4 verification. The request is rebuilt from what arrived on the wire (method, path,
 * query, the headers the client says it signed, body) and signed again with the secret the
 * emulator issued for the access key; the signatures must match exactly. This is the same
 * signer the SDK uses, so a request is accepted exactly when AWS would accept it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

type SignableRequest = Parameters<SignatureV4['sign']>[0] & { headers: Record<string, string> };

export interface ParsedAuthorization {
  accessKeyId: string;
  /** yyyymmdd from the credential scope. */
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** What the wire carried, as the server received it. */
export interface ReceivedRequest {
  method: string;
  /** Raw path from the request line, without the query string. */
  rawPath: string;
  query: URLSearchParams;
  /** Header names in lower case; repeated headers already joined with commas. */
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface SigningSecret {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type VerifyFailure =
  | { reason: 'malformed'; message: string }
  | { reason: 'expired'; message: string }
  | { reason: 'mismatch'; message: string };

/** AWS refuses requests whose X-Amz-Date is more than 15 minutes away from its clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request\s*,\s*SignedHeaders=([a-z0-9;_.-]+)\s*,\s*Signature=([0-9a-f]{64})\s*$/i;

/**
 * Reads `AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, SignedHeaders=…,
 * Signature=…`. Returns null when there is no header, 'malformed' when it cannot be read.
 */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | null | 'malformed' {
  if (header === undefined || header.trim() === '') return null;
  const match = AUTH_PATTERN.exec(header.trim());
  if (!match) return 'malformed';
  const [, accessKeyId, scopeDate, region, service, signedHeaders, signature] = match;
  if (!accessKeyId || !scopeDate || !region || !service || !signedHeaders || !signature) return 'malformed';
  return {
    accessKeyId,
    scopeDate,
    region,
    service,
    signedHeaders: signedHeaders.toLowerCase().split(';'),
    signature: signature.toLowerCase(),
  };
}

/** 20261128T001742Z → Date */
function parseAmzDate(value: string | undefined): Date | null {
  const match = value ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value) : null;
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) ? null : date;
}

function decodePath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return rawPath;
  }
}

function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of query) {
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

export async function verifySignature(
  request: ReceivedRequest,
  auth: ParsedAuthorization,
  secret: SigningSecret,
  now: Date,
): Promise<VerifyFailure | null> {
  const amzDate = request.headers['x-amz-date'];
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate || !auth.signedHeaders.includes('x-amz-date')) {
    return { reason: 'malformed', message: 'Authorization requires a signed X-Amz-Date header (yyyyMMddTHHmmssZ)' };
  }
  if (!auth.signedHeaders.includes('host')) {
    return { reason: 'malformed', message: "Signed headers must include 'host'" };
  }
  if (amzDate?.slice(0, 8) !== auth.scopeDate) {
    return { reason: 'mismatch', message: 'Credential should be scoped to a valid date matching X-Amz-Date' };
  }
  if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) {
    return {
      reason: 'expired',
      message: `Signature expired: ${amzDate} is now earlier or later than the allowed window around the server time`,
    };
  }

  // A declared payload hash must describe the body that actually arrived.
  const declaredHash = request.headers['x-amz-content-sha256'];
  if (declaredHash !== undefined && declaredHash !== 'UNSIGNED-PAYLOAD') {
    const actual = createHash('sha256').update(request.body).digest('hex');
    if (declaredHash.toLowerCase() !== actual) {
      return { reason: 'mismatch', message: 'The provided x-amz-content-sha256 header does not match the body' };
    }
  }

  const tokenHeader = request.headers['x-amz-security-token'];
  if ((tokenHeader ?? null) !== (secret.sessionToken ?? null)) {
    return { reason: 'mismatch', message: 'The security token included in the request is invalid' };
  }

  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) {
      return { reason: 'mismatch', message: `Signed header '${name}' is missing from the request` };
    }
    headers[name] = value;
  }
  const hostHeader = headers.host ?? '';
  const toSign: SignableRequest = {
    method: request.method.toUpperCase(),
    protocol: 'http:',
    hostname: hostHeader.replace(/:\d+$/, ''),
    path: decodePath(request.rawPath),
    query: queryRecord(request.query),
    headers,
    body: request.body,
  };
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: secret.accessKeyId,
      secretAccessKey: secret.secretAccessKey,
      ...(secret.sessionToken ? { sessionToken: secret.sessionToken } : {}),
    },
    region: auth.region,
    service: auth.service,
    sha256: Sha256,
    // The client decided whether to sign a payload hash header; add nothing of our own.
    applyChecksum: false,
  });
  const signed = await signer.sign(toSign, {
    signingDate,
    signingRegion: auth.region,
    signingService: auth.service,
    signableHeaders: new Set(auth.signedHeaders),
  });
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization ?? ''))?.[1];
  if (!expected || !timingSafeEqual(Buffer.from(expected), Buffer.from(auth.signature))) {
    return {
      reason: 'mismatch',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    };
  }
  return null;
}
