/**
 * AWS Systems Manager Parameter Store (signing name `ssm`), awsJson1_1 on
 * `X-Amz-Target: AmazonSSM.<Action>`. Errors as the JSON services spell them
 * (`{"__type": …, "message": …}`, HTTP 400): UnrecognizedClientException (unknown or deleted
 * key, bad session token, a region the account has not enabled), InvalidSignatureException,
 * ExpiredTokenException, ThrottlingException, AccessDeniedException for what denyAction refuses
 * (named `ssm:<Action>`), UnknownOperationException for an action it does not know.
 */
import { ApiError } from '../protocol/errors';
import { awsJsonService } from '../protocol/aws-json-service';
import { describeParameters, getParameters, getParametersByPath } from './parameters';

export const SSM_ACTION_PREFIX = 'ssm:';

export const ssmService = awsJsonService({
  signingName: 'ssm',
  apiVersion: '2014-11-06',
  targetPrefix: 'AmazonSSM.',
  actionPrefix: SSM_ACTION_PREFIX,
  actions: {
    GetParametersByPath: getParametersByPath,
    DescribeParameters: describeParameters,
    GetParameters: getParameters,
  },
  accessDenied({ action, principalArn, accountId, region }) {
    return new ApiError(
      'AccessDeniedException',
      `User: ${principalArn} is not authorized to perform: ${action} on resource: arn:aws:ssm:${region}:${accountId}:* because no identity-based policy allows the ${action} action`,
      400,
    );
  },
});
