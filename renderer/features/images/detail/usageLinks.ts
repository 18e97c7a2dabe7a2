/** How each kind of resource an AMI is used by is named, and its AWS Console page. */
import type { UsageKind } from '../../../../shared/contract/usage';

export const USAGE_KIND_WORDS: Record<UsageKind, string> = {
  instance: 'Instance',
  'launch-template': 'Launch template',
  'auto-scaling-group': 'Auto Scaling group',
  'launch-configuration': 'Launch configuration',
  'ssm-parameter': 'SSM parameter',
  'image-recipe': 'Image Builder recipe',
};

/** The page shows and copies the link main opens (shared/console-urls.ts). */
export { resourceConsoleUrl as usageConsoleUrl } from '../../../../shared/console-urls';
