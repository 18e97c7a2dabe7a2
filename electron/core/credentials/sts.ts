/**
 * The two STS calls credentials are made of: AssumeRole and GetSessionToken. Each call gets a
 * short-lived client signed with the caller's credentials (they differ per call) and pointed at
 * the entry's endpoint when it has one; without one the SDK's own endpoint rules apply
 * (AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, or AWS itself).
 */
import { AssumeRoleCommand, GetSessionTokenCommand, STSClient, type Credentials } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { assertSafeEndpoint } from '../aws/endpoint-guard';

export interface StsTarget {
  region: string;
  endpoint: string | null;
}

export interface AssumeRoleInput {
  RoleArn: string;
  RoleSessionName: string;
  ExternalId?: string;
  DurationSeconds?: number;
  SerialNumber?: string;
  TokenCode?: string;
}

/** GetSessionToken for an IAM user defaults to 12 hours; that is what we ask for. */
export const MFA_SESSION_SECONDS = 12 * 60 * 60;

function client(credentials: AwsCredentialIdentity, target: StsTarget): STSClient {
  assertSafeEndpoint(target.endpoint, null);
  return new STSClient({
    region: target.region,
    credentials,
    maxAttempts: 3,
    requestHandler: { requestTimeout: 20_000, connectionTimeout: 5_000 },
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
  });
}

function toIdentity(credentials: Credentials | undefined, what: string): AwsCredentialIdentity {
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken) {
    throw new Error(`STS ${what} answered without credentials.`);
  }
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
    ...(credentials.Expiration ? { expiration: credentials.Expiration } : {}),
  };
}

export async function assumeRole(caller: AwsCredentialIdentity, input: AssumeRoleInput, target: StsTarget): Promise<AwsCredentialIdentity> {
  const sts = client(caller, target);
  try {
    const out = await sts.send(new AssumeRoleCommand(input));
    return toIdentity(out.Credentials, 'AssumeRole');
  } finally {
    sts.destroy();
  }
}

export async function getSessionToken(
  caller: AwsCredentialIdentity,
  mfa: { serialNumber: string; tokenCode: string },
  target: StsTarget,
  durationSeconds = MFA_SESSION_SECONDS,
): Promise<AwsCredentialIdentity> {
  const sts = client(caller, target);
  try {
    const out = await sts.send(
      new GetSessionTokenCommand({ SerialNumber: mfa.serialNumber, TokenCode: mfa.tokenCode, DurationSeconds: durationSeconds }),
    );
    return toIdentity(out.Credentials, 'GetSessionToken');
  } finally {
    sts.destroy();
  }
}
