/**
 * Where an error happened, as people read it: the account by its name (with its 12-digit id when
 * known) and the region by its name and code — never our internal id, never a bare region code.
 */
import { describe, expect, it } from 'vitest';
import { toAppError } from '../../electron/core/aws/errors';
import { describePlace, placeLabel } from '../../shared/errors';
import { regionLabel, regionName } from '../../shared/region-names';
import { KNOWN_REGIONS } from '../../renderer/lib/regions';

const INTERNAL = '3f0c1a52-9b7e-4d2a-8c61-5e2f0a9d7b14';

describe('places in messages', () => {
  it('names the account and the region', () => {
    expect(placeLabel('Acme Prod', '123456789012', 'eu-west-1')).toBe('Acme Prod (123456789012) · Europe (Ireland) eu-west-1');
    expect(placeLabel('Acme Prod', null, 'us-east-1')).toBe('Acme Prod · US East (N. Virginia) us-east-1');
    expect(placeLabel('Acme Prod', '123456789012', null)).toBe('Acme Prod (123456789012)');
    // A region the table does not know yet is still named by its code.
    expect(regionLabel('xx-future-9')).toBe('xx-future-9');
  });

  it('has a name for every region offered as a suggestion', () => {
    for (const region of KNOWN_REGIONS) expect(regionName(region), region).not.toBeNull();
  });

  it('an AWS refusal names where it happened, never by internal id or bare code', () => {
    const denied = Object.assign(new Error('You are not authorized to perform this operation.'), { name: 'UnauthorizedOperation', $metadata: { httpStatusCode: 403 } });
    const error = toAppError(denied, { account: INTERNAL, accountName: 'Acme Prod', awsAccountId: '123456789012', region: 'ap-southeast-2', action: 'ec2:DescribeImages' });
    expect(error.message).toBe(
      'Access denied in Acme Prod (123456789012) · Asia Pacific (Sydney) ap-southeast-2: ec2:DescribeImages — You are not authorized to perform this operation.',
    );
    expect(describePlace(error.details)).toBe('Acme Prod (123456789012) · Asia Pacific (Sydney) ap-southeast-2: ec2:DescribeImages');
    for (const text of [error.message, describePlace(error.details)]) {
      expect(text).not.toContain(INTERNAL);
      expect(text).not.toMatch(/\/ap-southeast-2/);
    }
  });

  it('an account not verified yet is named without an id; one with no name is "this account"', () => {
    const rejected = Object.assign(new Error('The security token included in the request is invalid.'), { name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } });
    expect(toAppError(rejected, { account: INTERNAL, accountName: 'Acme Prod', region: 'us-east-1', action: 'sts:GetCallerIdentity' }).message).toMatch(
      /^Credentials rejected in Acme Prod · US East \(N\. Virginia\) us-east-1: sts:GetCallerIdentity/,
    );
    expect(toAppError(rejected, { account: INTERNAL, region: 'eu-central-1', action: 'sts:GetCallerIdentity' }).message).toMatch(
      /^Credentials rejected in this account · Europe \(Frankfurt\) eu-central-1:/,
    );
  });
});
