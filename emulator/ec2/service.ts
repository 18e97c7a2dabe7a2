/**
 * The EC2 service: action dispatch and EC2's error vocabulary. EC2 answers every credential
 * problem (unknown or deleted key, bad session token, bad signature, disabled region) with
 * AuthFailure, and a clock outside the 15-minute window or an expired session with
 * RequestExpired; throttling is RequestLimitExceeded (HTTP 503).
 */
import { ApiError } from '../protocol/errors';
import type { AuthProblem, QueryService, ServiceCall } from '../service';
import type { World } from '../world/model';
import {
  disableImageBlockPublicAccess,
  enableImageBlockPublicAccess,
  getImageBlockPublicAccessState,
} from './block-public-access';
import { copyImage } from './copy-image';
import { deleteSnapshot } from './delete-snapshot';
import { deregisterImage } from './deregister-image';
import { describeImageAttribute } from './image-attribute';
import {
  disableImage,
  disableImageDeprecation,
  disableImageDeregistrationProtection,
  enableImage,
  enableImageDeprecation,
  enableImageDeregistrationProtection,
} from './image-lifecycle';
import { describeImageReferences } from './image-references';
import { describeImages } from './images';
import { describeInstances } from './instances';
import { describeLaunchTemplates, describeLaunchTemplateVersions } from './launch-templates';
import { describeKeyPairs, describeSecurityGroups, describeSubnets, describeVpcs } from './network';
import { describeRegions } from './regions';
import { EC2_API_VERSION, ec2ErrorAnswer } from './response';
import { cancelImageLaunchPermission, modifyImageAttribute, resetImageAttribute } from './modify-image-attribute';
import { describeSnapshotAttribute, modifySnapshotAttribute, resetSnapshotAttribute } from './snapshot-attribute';
import { settleImageActivity } from './settle';
import { describeSnapshots } from './snapshots';
import { ec2RequestBucket } from './throttling';
import { listImagesInRecycleBin, listSnapshotsInRecycleBin, restoreImageFromRecycleBin, restoreSnapshotFromRecycleBin } from './recycle-bin';
import { createTags, deleteTags } from './tags';

type Action = (call: ServiceCall) => string | Promise<string>;

const ACTIONS: Record<string, Action> = {
  DescribeRegions: describeRegions,
  DescribeImages: describeImages,
  DescribeImageAttribute: describeImageAttribute,
  DescribeSnapshots: describeSnapshots,
  ModifyImageAttribute: modifyImageAttribute,
  ResetImageAttribute: resetImageAttribute,
  CancelImageLaunchPermission: cancelImageLaunchPermission,
  DescribeSnapshotAttribute: describeSnapshotAttribute,
  ModifySnapshotAttribute: modifySnapshotAttribute,
  ResetSnapshotAttribute: resetSnapshotAttribute,
  GetImageBlockPublicAccessState: getImageBlockPublicAccessState,
  EnableImageBlockPublicAccess: enableImageBlockPublicAccess,
  DisableImageBlockPublicAccess: disableImageBlockPublicAccess,
  CopyImage: copyImage,
  DeregisterImage: deregisterImage,
  EnableImageDeprecation: enableImageDeprecation,
  DisableImageDeprecation: disableImageDeprecation,
  EnableImage: enableImage,
  DisableImage: disableImage,
  EnableImageDeregistrationProtection: enableImageDeregistrationProtection,
  DisableImageDeregistrationProtection: disableImageDeregistrationProtection,
  DescribeImageReferences: describeImageReferences,
  DescribeInstances: describeInstances,
  DescribeLaunchTemplates: describeLaunchTemplates,
  DescribeLaunchTemplateVersions: describeLaunchTemplateVersions,
  DescribeVpcs: describeVpcs,
  DescribeSubnets: describeSubnets,
  DescribeSecurityGroups: describeSecurityGroups,
  DescribeKeyPairs: describeKeyPairs,
  CreateTags: createTags,
  DeleteTags: deleteTags,
  DeleteSnapshot: deleteSnapshot,
  ListImagesInRecycleBin: listImagesInRecycleBin,
  RestoreImageFromRecycleBin: restoreImageFromRecycleBin,
  ListSnapshotsInRecycleBin: listSnapshotsInRecycleBin,
  RestoreSnapshotFromRecycleBin: restoreSnapshotFromRecycleBin,
};

const AUTH_FAILURE_MESSAGE = 'AWS was not able to validate the provided access credentials';

export const ec2Service: QueryService = {
  signingName: 'ec2',
  apiVersion: EC2_API_VERSION,

  handle(call) {
    const name = call.params.string('Action');
    if (name === undefined || name === '') {
      throw new ApiError('MissingAction', 'The request must contain the parameter Action');
    }
    const action = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
    if (!action) throw new ApiError('InvalidAction', `The action ${name} is not valid for this web service.`);
    if (call.params.bool('DryRun') === true) {
      throw new ApiError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
    }
    settleImageActivity(call.world);
    return action(call);
  },

  authError(problem: AuthProblem, detail: string) {
    switch (problem) {
      case 'missing':
        return new ApiError(
          'MissingAuthenticationToken',
          'The request must contain either a valid (registered) AWS access key ID or X.509 certificate.',
          401,
        );
      case 'malformed':
        return new ApiError('IncompleteSignature', detail, 400);
      case 'expired':
        return new ApiError('RequestExpired', `Request has expired. ${detail}`, 400);
      // EC2 answers calls signed with expired temporary credentials as expired requests.
      case 'expired-token':
        return new ApiError('RequestExpired', 'Request has expired.', 400);
      case 'unknown-key':
      case 'invalid-token':
      case 'mismatch':
        return new ApiError('AuthFailure', AUTH_FAILURE_MESSAGE, 401);
    }
  },

  // A region that does not exist or is not enabled for the account behaves like AWS's
  // endpoint for a disabled opt-in region: the credentials are not valid there.
  regionError(world: World, region: string) {
    return world.isRegionEnabled(region) ? null : new ApiError('AuthFailure', AUTH_FAILURE_MESSAGE, 401);
  },

  throttleError() {
    return new ApiError('RequestLimitExceeded', 'Request limit exceeded.', 503);
  },

  requestBucket: ec2RequestBucket,

  errorAnswer: ec2ErrorAnswer,
};
