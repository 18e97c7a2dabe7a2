/** Validation of the identifiers EC2 takes as input, with EC2's error codes and wording. */
import { ApiError } from '../protocol/errors';

const IMAGE_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
const SNAPSHOT_ID = /^snap-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
const ACCOUNT_ID = /^\d{12}$/;

export function checkImageId(id: string): void {
  if (!IMAGE_ID.test(id)) throw new ApiError('InvalidAMIID.Malformed', `Invalid id: "${id}" (expecting "ami-...")`);
}

export function checkSnapshotId(id: string): void {
  if (!SNAPSHOT_ID.test(id)) {
    throw new ApiError('InvalidSnapshotID.Malformed', `Invalid id: "${id}" (expecting "snap-...")`);
  }
}

export function isAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value);
}

export function malformedUserId(value: string): ApiError {
  return new ApiError('InvalidUserID.Malformed', `Invalid user id: "${value}"`);
}

export function imagesNotFound(ids: string[]): ApiError {
  return ids.length === 1
    ? new ApiError('InvalidAMIID.NotFound', `The image id '[${ids[0]}]' does not exist`)
    : new ApiError('InvalidAMIID.NotFound', `The image ids '[${ids.join(', ')}]' do not exist`);
}

export function snapshotsNotFound(ids: string[]): ApiError {
  return ids.length === 1
    ? new ApiError('InvalidSnapshot.NotFound', `The snapshot '${ids[0]}' does not exist.`)
    : new ApiError('InvalidSnapshot.NotFound', `The snapshots '${ids.join(', ')}' do not exist.`);
}
