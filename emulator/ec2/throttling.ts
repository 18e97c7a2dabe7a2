/**
 * EC2's request rate limits, as "Request throttling for the Amazon EC2 API" documents them
 * (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html): one token bucket per
 * account, region and API action, whose size and refill rate come from the action's category.
 * Resource rate limits (RunInstances and the like) are not modelled: the emulator serves none of
 * those actions.
 */
import type { QueryParams } from '../protocol/query';
import type { BucketLimit } from '../token-buckets';

export type Ec2ThrottleCategory =
  | 'non-mutating'
  | 'unfiltered-unpaginated'
  | 'mutating'
  | 'resource-intensive'
  | 'uncategorized';

export interface Ec2RequestBucket extends BucketLimit {
  category: Ec2ThrottleCategory;
  /** The bucket's name within the account and region: the action, or the action's unfiltered bucket. */
  name: string;
}

const CATEGORY_LIMITS: Record<Exclude<Ec2ThrottleCategory, 'uncategorized'>, BucketLimit> = {
  'non-mutating': { capacity: 100, refillPerSecond: 20 },
  'unfiltered-unpaginated': { capacity: 50, refillPerSecond: 10 },
  mutating: { capacity: 50, refillPerSecond: 5 },
  'resource-intensive': { capacity: 50, refillPerSecond: 5 },
};

/** Non-mutating actions that use a smaller bucket when called with neither a filter nor pagination. */
const UNFILTERED_SUBSET = new Set([
  'DescribeInstances',
  'DescribeInstanceStatus',
  'DescribeNetworkInterfaces',
  'DescribeSecurityGroups',
  'DescribeSnapshots',
  'DescribeSpotInstanceRequests',
  'DescribeVolumes',
]);

const RESOURCE_INTENSIVE = new Set([
  'AcceptVpcPeeringConnection',
  'AuthorizeSecurityGroupIngress',
  'CancelSpotInstanceRequests',
  'CreateKeyPair',
  'CreateVpcPeeringConnection',
  'DeleteVpcPeeringConnection',
  'RejectVpcPeeringConnection',
  'RevokeSecurityGroupIngress',
  'RequestSpotInstances',
]);

/**
 * Actions with their own documented size and refill rate ("Uncategorized actions"); only those
 * the emulator serves or that sit next to them are listed.
 */
const UNCATEGORIZED: Record<string, BucketLimit> = {
  CopyImage: { capacity: 100, refillPerSecond: 1 },
  CreateSnapshot: { capacity: 100, refillPerSecond: 5 },
  CreateTags: { capacity: 100, refillPerSecond: 10 },
  DeleteSnapshot: { capacity: 100, refillPerSecond: 5 },
  DeleteTags: { capacity: 100, refillPerSecond: 10 },
  DeregisterImage: { capacity: 100, refillPerSecond: 5 },
  DisableImageBlockPublicAccess: { capacity: 1, refillPerSecond: 0.1 },
  EnableImageBlockPublicAccess: { capacity: 1, refillPerSecond: 0.1 },
  ModifyImageAttribute: { capacity: 100, refillPerSecond: 5 },
  ModifySnapshotAttribute: { capacity: 100, refillPerSecond: 5 },
};

const NON_MUTATING_PREFIXES = ['Describe', 'List', 'Search', 'Get'];

/**
 * Whether a call of a non-mutating action names a filter or pages ("when requested without
 * specifying either pagination or a filter"). Resource ids are not mentioned by the document, so
 * they do not count.
 */
function isFilteredOrPaginated(params: QueryParams): boolean {
  return params.filters().length > 0 || params.string('MaxResults') !== undefined || params.string('NextToken') !== undefined;
}

/** The bucket a call of `action` takes its token from. */
export function ec2RequestBucket(action: string, params: QueryParams): Ec2RequestBucket {
  const own = Object.hasOwn(UNCATEGORIZED, action) ? UNCATEGORIZED[action] : undefined;
  if (own) return { category: 'uncategorized', name: action, ...own };
  if (RESOURCE_INTENSIVE.has(action)) return { category: 'resource-intensive', name: action, ...CATEGORY_LIMITS['resource-intensive'] };
  if (NON_MUTATING_PREFIXES.some((prefix) => action.startsWith(prefix))) {
    if (UNFILTERED_SUBSET.has(action) && !isFilteredOrPaginated(params)) {
      return { category: 'unfiltered-unpaginated', name: `${action}:unfiltered`, ...CATEGORY_LIMITS['unfiltered-unpaginated'] };
    }
    return { category: 'non-mutating', name: action, ...CATEGORY_LIMITS['non-mutating'] };
  }
  return { category: 'mutating', name: action, ...CATEGORY_LIMITS.mutating };
}
