/**
 * Credential failures map to a code and the one fix that repairs the entry, with a message that
 * names the profile, role or key. Errors are built the way the SDK builds them (name + message).
 */
import { describe, expect, it } from 'vitest';
import { classify, classifyCredentialError, credentialFailure } from '../../electron/core/credentials/errors';
import { pathRecord, type PathRecord } from '../../electron/core/accounts/registry';
import type { ProfileListing } from '../../electron/core/accounts/profiles';
import { AppError } from '../../shared/errors';

function sdkError(name: string, message: string, status = 403): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: status } });
}

function providerError(message: string): Error {
  return Object.assign(new Error(message), { name: 'CredentialsProviderError' });
}

function record(kind: PathRecord['kind'], extra: Partial<PathRecord> = {}): PathRecord {
  return pathRecord({
    id: `id-${kind}`,
    accountName: `${kind} entry`,
    kind,
    defaultRegion: 'us-east-1',
    accessKeyId: kind === 'access-key' ? 'AKIAEXAMPLE000000001' : null,
    profileName: kind === 'profile' ? 'work' : null,
    roleArn: kind === 'assume-role' ? 'arn:aws:iam::111111111111:role/Audit' : null,
    sourcePath: kind === 'assume-role' ? 'id-access-key' : null,
    ...extra,
  });
}

const ssoProfile: ProfileListing = {
  name: 'sso-dev',
  kind: 'sso',
  chain: ['sso-dev'],
  roleArn: null,
  externalId: null,
  mfaSerial: null,
  ssoStartUrl: 'https://corp.awsapps.com/start',
  ssoSession: 'corp',
  region: null,
  endpointUrl: null,
  expectedAccountId: null,
  problem: null,
};

describe('classifyCredentialError', () => {
  it('sends expired or missing SSO tokens to SSO sign-in', () => {
    const missing = classify(
      providerError("The SSO session token associated with profile=sso-dev was not found or is invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile."),
      { path: record('profile', { profileName: 'sso-dev' }), profile: ssoProfile },
    );
    expect(missing).toMatchObject({ code: 'AUTH_FAILED', fix: 'sso-sign-in' });
    expect(missing.message).toMatch(/^Not signed in to AWS SSO — sign in/);
    expect(missing.message).toContain('profile sso-dev');
    expect(classifyCredentialError(providerError('The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.')).fix).toBe('sso-sign-in');
    // The portal's own rejection, wrapped by the SDK.
    expect(classify(providerError('UnauthorizedException: Session token not found or invalid'), { profile: ssoProfile }).fix).toBe('sso-sign-in');
  });

  it('asks for a new MFA code when AWS refuses the code', () => {
    const c = classify(sdkError('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.'), {
      path: record('assume-role'),
      roleArn: 'arn:aws:iam::111111111111:role/Audit',
      mfaSerial: 'arn:aws:iam::222222222222:mfa/alice',
    });
    expect(c).toMatchObject({ code: 'AUTH_FAILED', fix: 'enter-mfa' });
    expect(c.message).toContain('arn:aws:iam::222222222222:mfa/alice');
  });

  it('keeps the fix an AppError already carries (a cancelled MFA prompt)', () => {
    const cancelled = new AppError({ code: 'AUTH_FAILED', message: 'MFA sign-in was cancelled.', retryable: true, details: { fix: 'enter-mfa' } });
    expect(classifyCredentialError(cancelled)).toEqual({ code: 'AUTH_FAILED', fix: 'enter-mfa', message: 'MFA sign-in was cancelled.' });
  });

  it('asks for new keys when an access-key entry’s key is rejected, naming the key', () => {
    for (const name of ['InvalidClientTokenId', 'AuthFailure', 'SignatureDoesNotMatch']) {
      const c = classifyCredentialError(sdkError(name, 'The security token included in the request is invalid.'), record('access-key'));
      expect(c).toMatchObject({ code: 'AUTH_FAILED', fix: 'update-keys' });
      expect(c.message).toContain('AKIAEXAMPLE000000001');
    }
    expect(classifyCredentialError(sdkError('InvalidClientTokenId', 'invalid'), record('assume-role')).fix).toBe('fix-source');
    expect(classifyCredentialError(sdkError('InvalidClientTokenId', 'invalid'), record('profile')).fix).toBe('edit-profile');
  });

  it('reports a denied AssumeRole as ACCESS_DENIED with the role and the trust-policy hint', () => {
    const c = classify(sdkError('AccessDenied', 'User: arn:aws:iam::1:user/a is not authorized to perform: sts:AssumeRole'), {
      path: record('assume-role', { externalId: 'wrong-id' }),
      roleArn: 'arn:aws:iam::111111111111:role/Audit',
      externalId: 'wrong-id',
    });
    expect(c.code).toBe('ACCESS_DENIED');
    expect(c.message).toContain('arn:aws:iam::111111111111:role/Audit');
    expect(c.message).toMatch(/trust policy/);
    expect(c.message).toContain('wrong-id');
    const viaProfile = classify(sdkError('AccessDenied', 'not authorized'), { profile: { ...ssoProfile, name: 'audit', kind: 'assume-role', ssoStartUrl: null }, roleArn: 'arn:aws:iam::1:role/X' });
    expect(viaProfile).toMatchObject({ code: 'ACCESS_DENIED', fix: 'edit-profile' });
    expect(viaProfile.message).toContain('profile audit');
  });

  it('sends broken profiles and failing credential_process to the profile', () => {
    const c = classify(providerError('Profile tool credential_process returned invalid JSON.'), { path: record('profile', { profileName: 'tool' }) });
    expect(c).toMatchObject({ code: 'AUTH_FAILED', fix: 'edit-profile' });
    expect(c.message).toContain('profile tool');
  });

  it('treats an unreachable endpoint as a network problem to retry', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(classifyCredentialError(refused)).toMatchObject({ code: 'NETWORK', fix: 'retry' });
    expect(classifyCredentialError(Object.assign(new Error('timed out'), { name: 'TimeoutError' })).code).toBe('NETWORK');
  });

  it('maps expired temporary credentials by how the entry renews them', () => {
    const expired = sdkError('ExpiredToken', 'The security token included in the request is expired');
    expect(classifyCredentialError(expired, record('access-key', { mfaSerial: 'arn:aws:iam::1:mfa/a' })).fix).toBe('enter-mfa');
    expect(classifyCredentialError(expired, record('assume-role')).fix).toBe('retry');
    expect(classify(expired, { profile: ssoProfile }).fix).toBe('sso-sign-in');
  });
});

describe('credentialFailure', () => {
  it('builds an AppError with the fix, the entry and AWS’s code in its details', () => {
    const error = credentialFailure(sdkError('InvalidClientTokenId', 'invalid'), { path: record('access-key') });
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.details).toMatchObject({ path: 'id-access-key', awsCode: 'InvalidClientTokenId', fix: 'update-keys' });
    expect(error.retryable).toBe(false);
  });
});
