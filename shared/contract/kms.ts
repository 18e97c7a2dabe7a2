/** KMS keys of an account and region, to choose the key an image's copies are encrypted with. */
import type { KmsKeyChoice } from '../lifecycle';
import { common, output } from './fields';

export const channels = {
  /** By alias; customer managed keys first (they can be shared with other accounts). */
  'kms:keys': { input: common.regionRef, output: output<KmsKeyChoice[]>() },
} as const;
