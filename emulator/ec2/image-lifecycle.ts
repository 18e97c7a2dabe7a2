/**
 * An image owner's lifecycle switches, owner only (AuthFailure / InvalidAMIID.NotFound):
 * - EnableImageDeprecation: DeprecateAt rounded to the nearest minute, in the future
 *   (InvalidParameterValue otherwise), at most 10 years ahead — 2 years after creation for a
 *   public image; DisableImageDeprecation clears it;
 * - DisableImage: `available` → `disabled`, and every launch permission is removed (the
 *   image becomes private; accounts, organizations and OUs lose access); EnableImage:
 *   `disabled` → `available`, without giving the old permissions back. Other states:
 *   IncorrectState;
 * - Enable/DisableImageDeregistrationProtection: `enabled`, or with WithCooldown
 *   `enabled-with-cooldown`, which after disabling keeps protecting for 24 hours, shown as
 *   `disabled-until-<time>` until then.
 */
import { ApiError, invalidParameterValue } from '../protocol/errors';
import { el } from '../protocol/xml';
import type { ServiceCall } from '../service';
import { awsTime } from '../world/factory';
import { isPublicImage, type ImageRecord } from '../world/model';
import { ownedImage } from './owned-resource';
import { ec2Document } from './response';

const MINUTE = 60_000;
const DAY = 86_400_000;
const COOLDOWN_MS = DAY;

const done = (action: string, requestId: string): string => ec2Document(action, requestId, [el('return', true)]);

function ownImage(call: ServiceCall): ImageRecord {
  return ownedImage(call.world, call.caller, call.region, call.params.required('ImageId'));
}

function addYears(ms: number, years: number): number {
  const date = new Date(ms);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.getTime();
}

export function enableImageDeprecation(call: ServiceCall): string {
  const raw = call.params.required('DeprecateAt');
  const image = ownImage(call);
  const parsed = Date.parse(raw);
  if (Number.isNaN(parsed)) throw invalidParameterValue(`Value (${raw}) for parameter DeprecateAt is invalid. Expected a date and time in UTC.`);
  const deprecateAt = Math.round(parsed / MINUTE) * MINUTE;
  const now = call.world.now().getTime();
  if (deprecateAt <= now) {
    throw invalidParameterValue(`The deprecation time ${awsTime(new Date(deprecateAt))} is in the past. Specify a time in the future.`);
  }
  const limit = isPublicImage(image) ? addYears(Date.parse(image.creationDate), 2) : addYears(now, 10);
  if (deprecateAt > limit) {
    throw invalidParameterValue(
      isPublicImage(image)
        ? 'The deprecation time of a public image can be at most 2 years after its creation date.'
        : 'The deprecation time can be at most 10 years from now.',
    );
  }
  image.deprecationTime = awsTime(new Date(deprecateAt));
  return done('EnableImageDeprecation', call.requestId);
}

export function disableImageDeprecation(call: ServiceCall): string {
  ownImage(call).deprecationTime = null;
  return done('DisableImageDeprecation', call.requestId);
}

export function disableImage(call: ServiceCall): string {
  const image = ownImage(call);
  if (image.state !== 'available') {
    throw new ApiError('IncorrectState', `Image ${image.imageId} is in state ${image.state}; only available images can be disabled.`);
  }
  image.state = 'disabled';
  image.launchPermissions = [];
  return done('DisableImage', call.requestId);
}

export function enableImage(call: ServiceCall): string {
  const image = ownImage(call);
  if (image.state !== 'disabled') {
    throw new ApiError('IncorrectState', `Image ${image.imageId} is in state ${image.state}; only disabled images can be enabled.`);
  }
  image.state = 'available';
  return done('EnableImage', call.requestId);
}

export function enableImageDeregistrationProtection(call: ServiceCall): string {
  const image = ownImage(call);
  image.deregistrationProtection = call.params.bool('WithCooldown') === true ? 'enabled-with-cooldown' : 'enabled';
  call.world.imageActivity.cancelCooldown(image.imageId);
  return done('EnableImageDeregistrationProtection', call.requestId);
}

export function disableImageDeregistrationProtection(call: ServiceCall): string {
  const image = ownImage(call);
  if (image.deregistrationProtection === 'enabled-with-cooldown') {
    const until = call.world.now().getTime() + COOLDOWN_MS;
    image.deregistrationProtection = `disabled-until-${awsTime(new Date(until))}`;
    call.world.imageActivity.startCooldown(image.imageId, image.region, until);
  } else if (!image.deregistrationProtection?.startsWith('disabled-until-')) {
    image.deregistrationProtection = 'disabled';
  }
  return done('DisableImageDeregistrationProtection', call.requestId);
}
