/**
 * The console page of each kind of resource that uses an AMI: in the resource's own region,
 * names encoded, and none outside the commercial partition (as for images).
 */
import { describe, expect, it } from 'vitest';
import { usageConsoleUrl, USAGE_KIND_WORDS } from '../../renderer/features/images/detail/usageLinks';

describe('usageConsoleUrl', () => {
  it('opens each kind in its region, with the name encoded', () => {
    expect(usageConsoleUrl({ kind: 'instance', region: 'eu-west-1', resource: 'i-0123456789abcdef0' })).toBe(
      'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#InstanceDetails:instanceId=i-0123456789abcdef0',
    );
    expect(usageConsoleUrl({ kind: 'ssm-parameter', region: 'us-east-1', resource: '/golden/al2023/latest' })).toBe(
      'https://us-east-1.console.aws.amazon.com/systems-manager/parameters/%2Fgolden%2Fal2023%2Flatest/description?region=us-east-1',
    );
    expect(usageConsoleUrl({ kind: 'auto-scaling-group', region: 'us-west-2', resource: 'web app' })).toContain('#AutoScalingGroupDetails:id=web%20app;');
    for (const kind of Object.keys(USAGE_KIND_WORDS) as Array<keyof typeof USAGE_KIND_WORDS>) {
      expect(usageConsoleUrl({ kind, region: 'ap-southeast-2', resource: 'x' })).toMatch(/^https:\/\/ap-southeast-2\.console\.aws\.amazon\.com\/.*region=ap-southeast-2/);
    }
  });

  it('links nothing in China, GovCloud or the isolated regions', () => {
    for (const region of ['cn-north-1', 'us-gov-west-1', 'us-iso-east-1']) expect(usageConsoleUrl({ kind: 'instance', region, resource: 'i-1' })).toBeNull();
  });
});
