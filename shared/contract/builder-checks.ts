/** Checks the pipeline wizard makes as the user types: the base image, the instance profile, the network choices. */
import { z } from 'zod';
import type { BaseImageCheck, InstanceProfileCheck } from '../imagebuilder-checks';
import { id, output, region } from './fields';

const componentArn = z.string().max(1024).regex(/^arn:aws[a-z-]*:imagebuilder:[a-z0-9-]+:(\d{12}|aws):component\/[\w./-]+$/, 'must be an Image Builder component ARN');

export const schemas = {
  checkBaseImage: z.strictObject({
    account: id,
    region,
    /** An AMI id, an Image Builder image ARN, or `ssm:` and a parameter name, as typed. */
    parentImage: z.string().trim().min(1).max(2048),
    /** Components already chosen: their platform must be the image's. */
    components: z.array(componentArn).max(40).optional(),
  }),
  checkInstanceProfile: z.strictObject({
    account: id,
    region,
    instanceProfileName: z.string().trim().min(1).max(128).regex(/^[\w+=,.@-]+$/, 'must be an instance profile name'),
  }),
} as const;

export const channels = {
  /** Whether the base image exists in the account and region, and what it is (name, platform, architecture). */
  'builder:checkBaseImage': { input: schemas.checkBaseImage, output: output<BaseImageCheck>() },
  /** Whether the instance profile exists, has a role, and the role has both managed policies Image Builder needs; with the fix. */
  'builder:checkInstanceProfile': { input: schemas.checkInstanceProfile, output: output<InstanceProfileCheck>() },
} as const;

export const events = {} as const;
