/**
 * Amazon EC2 Auto Scaling (signing name `autoscaling`), awsQuery: `Action=…&Version=2011-01-01`,
 * answers in `<ActionResponse><ActionResult>` with lists of `<member>`. A regional service with
 * the query services' credential vocabulary: InvalidClientTokenId (unknown or deleted key, bad
 * session token, a region the account has not enabled), SignatureDoesNotMatch, ExpiredToken
 * (403); Throttling (400); AccessDenied (403) for what denyAction refuses, named
 * `autoscaling:<Action>`; InvalidAction for an action it does not know.
 */
import { ApiError } from '../protocol/errors';
import { globalQueryService } from '../protocol/global-service';
import type { QueryService } from '../service';
import type { World } from '../world/model';
import { describeAutoScalingGroups, describeLaunchConfigurations } from './groups';
import { AUTOSCALING_API_VERSION, autoScalingErrorAnswer } from './response';

export const AUTOSCALING_ACTION_PREFIX = 'autoscaling:';

const base = globalQueryService({
  signingName: 'autoscaling',
  apiVersion: AUTOSCALING_API_VERSION,
  actions: {
    DescribeAutoScalingGroups: describeAutoScalingGroups,
    DescribeLaunchConfigurations: describeLaunchConfigurations,
  },
  errorAnswer: autoScalingErrorAnswer,
});

export const autoScalingService: QueryService = {
  ...base,

  actionName: (params) => `${AUTOSCALING_ACTION_PREFIX}${params.string('Action') ?? ''}`,

  regionError(world: World, region: string) {
    return world.isRegionEnabled(region) ? null : new ApiError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
  },

  accessDenied({ action, principalArn }) {
    return new ApiError('AccessDenied', `User: ${principalArn} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`, 403);
  },

  unknownActionError(action) {
    return new ApiError('InvalidAction', `Could not find operation ${action.slice(AUTOSCALING_ACTION_PREFIX.length)} for version ${AUTOSCALING_API_VERSION}`);
  },
};
