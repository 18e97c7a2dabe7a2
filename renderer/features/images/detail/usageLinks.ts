/**
 * The AWS Console page of each kind of resource an AMI is used by, built from what AWS names
 * (region, instance id, resource names), never our ids. Null outside the commercial partition,
 * as for images (lib/awsLinks.ts). Pure.
 */
import type { UsageKind, UsageReference } from '../../../../shared/contract/usage';
import { partitionOf } from '../../../lib/awsLinks';

export const USAGE_KIND_WORDS: Record<UsageKind, string> = {
  instance: 'Instance',
  'launch-template': 'Launch template',
  'auto-scaling-group': 'Auto Scaling group',
  'launch-configuration': 'Launch configuration',
  'ssm-parameter': 'SSM parameter',
  'image-recipe': 'Image Builder recipe',
};

export function usageConsoleUrl(ref: Pick<UsageReference, 'kind' | 'region' | 'resource'>): string | null {
  if (partitionOf(ref.region) !== 'aws') return null;
  const r = encodeURIComponent(ref.region);
  const name = encodeURIComponent(ref.resource);
  const ec2 = `https://${r}.console.aws.amazon.com/ec2/home?region=${r}`;
  switch (ref.kind) {
    case 'instance':
      return `${ec2}#InstanceDetails:instanceId=${name}`;
    case 'launch-template':
      return `${ec2}#LaunchTemplates:search=${name}`;
    case 'auto-scaling-group':
      return `${ec2}#AutoScalingGroupDetails:id=${name};view=details`;
    case 'launch-configuration':
      return `${ec2}#LaunchConfigurations:search=${name}`;
    case 'ssm-parameter':
      return `https://${r}.console.aws.amazon.com/systems-manager/parameters/${name}/description?region=${r}`;
    case 'image-recipe':
      return `https://${r}.console.aws.amazon.com/imagebuilder/home?region=${r}#/imageRecipes`;
  }
}
