/**
 * The KMS service: awsJson1_1 dispatch on `X-Amz-Target: TrentService.<Action>` and KMS's
 * error vocabulary — UnrecognizedClientException (unknown key, bad session token, disabled
 * region), InvalidSignatureException (bad signature, clock skew), ExpiredTokenException,
 * ThrottlingException, UnknownOperationException.
 */
import { awsJsonService } from '../protocol/aws-json-service';
import { describeKey, getKeyPolicy, listAliases, putKeyPolicy } from './actions';
import { KMS_TARGET_PREFIX } from './json';

export const kmsService = awsJsonService({
  signingName: 'kms',
  apiVersion: '2014-11-01',
  targetPrefix: KMS_TARGET_PREFIX,
  actions: {
    DescribeKey: describeKey,
    ListAliases: listAliases,
    GetKeyPolicy: getKeyPolicy,
    PutKeyPolicy: putKeyPolicy,
  },
});
