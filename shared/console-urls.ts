/**
 * The AWS Console page of each kind of resource an AMI is used by, built from what AWS names
 * (region, instance id, resource names), never our ids. Main opens only these (the page names a
 * resource, never a URL); the page shows and copies the same. Null outside the commercial
 * partition: China, GovCloud and the isolated regions have consoles of their own. Pure.
 */
import type { UsageKind } from './contract/usage';

const NOT_COMMERCIAL = /^(cn-|us-gov-|[a-z]{2}-iso[a-z]?-)/;

export function resourceConsoleUrl(ref: { kind: UsageKind; region: string; resource: string }): string | null {
  if (NOT_COMMERCIAL.test(ref.region)) return null;
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
