import { describe, expect, it } from 'vitest';
import { toAppError } from '../../electron/core/aws/errors';
import { describePlace } from '../../shared/errors';

const place = { account: '3f0c1a52-internal-id', accountName: 'acme-prod', awsAccountId: '123456789012', region: 'eu-west-1', action: 'ec2:DescribeImages' };

function sdkError(name: string, status: number, message = 'AWS said no') {
  return Object.assign(new Error(message), { name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status } });
}

describe('AWS error mapping', () => {
  it.each([
    ['UnauthorizedOperation', 403, 'ACCESS_DENIED', false, 'Access denied in acme-prod (123456789012) · Europe (Ireland) eu-west-1: ec2:DescribeImages'],
    ['AuthFailure', 401, 'AUTH_FAILED', false, 'Credentials rejected in acme-prod (123456789012) · Europe (Ireland) eu-west-1'],
    ['InvalidAMIID.NotFound', 400, 'NOT_FOUND', false, 'Not found'],
    ['InvalidAMIID.Malformed', 400, 'NOT_FOUND', false, 'Not found'],
    ['RequestLimitExceeded', 503, 'THROTTLED', true, 'throttling'],
    ['InternalError', 500, 'AWS_ERROR', true, 'AWS error InternalError'],
    ['InvalidParameterValue', 400, 'AWS_ERROR', false, 'AWS error InvalidParameterValue'],
  ])('%s → %s', (name, status, code, retryable, text) => {
    const error = toAppError(sdkError(name, status), place);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.message).toContain(text);
    expect(error.message).toContain('AWS said no');
    expect(error.details).toMatchObject({ awsAccountId: '123456789012', region: 'eu-west-1', action: 'ec2:DescribeImages', awsCode: name });
    expect(describePlace(error.details)).toBe('acme-prod (123456789012) · Europe (Ireland) eu-west-1: ec2:DescribeImages');
    // Our own id for the account is for the page to find it, never for people to read.
    expect(error.message).not.toContain('internal-id');
    expect(describePlace(error.details)).not.toContain('internal-id');
  });

  it('recognises an unreachable endpoint as a retryable network error', () => {
    const error = toAppError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), place);
    expect(error.code).toBe('NETWORK');
    expect(error.retryable).toBe(true);
  });

  it('keeps unknown failures visible as INTERNAL with their message', () => {
    const error = toAppError(new TypeError('x is not a function'), { account: 'entry-1', accountName: 'Build', action: 'ec2:DescribeImages' });
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain('x is not a function');
    expect(error.message).toContain('Build');
    expect(error.message).not.toContain('entry-1');
  });
});
