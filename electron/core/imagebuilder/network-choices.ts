/**
 * What the pipeline wizard offers for where a build runs (subnets with their VPC and zone,
 * security groups, key pairs) and which launch templates a distribution may update, read from
 * EC2 in the pipeline's account and region. Names come first: a subnet or VPC is shown by its
 * Name tag when it has one.
 */
import {
  DescribeKeyPairsCommand,
  DescribeLaunchTemplatesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type Tag,
} from '@aws-sdk/client-ec2';
import type { NetworkChoices } from '../../../shared/imagebuilder';
import type { Wrap } from '../sharing/image-facts';

const nameTag = (tags: readonly Tag[] | undefined): string | null => tags?.find((t) => t.Key === 'Name')?.Value || null;

async function call<T>(wrap: Wrap, action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw wrap(error, action);
  }
}

/** Every page of a paged Describe call. */
async function allPages<P extends { NextToken?: string }, T>(first: (token: string | undefined) => Promise<P>, items: (page: P) => T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await first(token);
    out.push(...(items(page) ?? []));
    token = page.NextToken;
  } while (token);
  return out;
}

export async function readNetworkChoices(ec2: EC2Client, wrap: Wrap): Promise<NetworkChoices> {
  const [vpcs, subnets, groups, keys, templates] = await Promise.all([
    allPages(
      (NextToken) => call(wrap, 'ec2:DescribeVpcs', () => ec2.send(new DescribeVpcsCommand({ MaxResults: 1000, NextToken }))),
      (p) => p.Vpcs,
    ),
    allPages(
      (NextToken) => call(wrap, 'ec2:DescribeSubnets', () => ec2.send(new DescribeSubnetsCommand({ MaxResults: 1000, NextToken }))),
      (p) => p.Subnets,
    ),
    allPages(
      (NextToken) => call(wrap, 'ec2:DescribeSecurityGroups', () => ec2.send(new DescribeSecurityGroupsCommand({ MaxResults: 1000, NextToken }))),
      (p) => p.SecurityGroups,
    ),
    call(wrap, 'ec2:DescribeKeyPairs', () => ec2.send(new DescribeKeyPairsCommand({}))).then((o) => o.KeyPairs ?? []),
    allPages(
      (NextToken) => call(wrap, 'ec2:DescribeLaunchTemplates', () => ec2.send(new DescribeLaunchTemplatesCommand({ MaxResults: 200, NextToken }))),
      (p) => p.LaunchTemplates,
    ),
  ]);
  const vpcName = new Map(vpcs.map((v) => [v.VpcId ?? '', nameTag(v.Tags) ?? (v.IsDefault ? 'default VPC' : null)]));
  const byName = <T>(name: (t: T) => string) => (a: T, b: T) => name(a).localeCompare(name(b));
  return {
    subnets: subnets
      .filter((s) => s.SubnetId && s.VpcId)
      .map((s) => ({
        id: s.SubnetId!,
        name: nameTag(s.Tags),
        vpcId: s.VpcId!,
        vpcName: vpcName.get(s.VpcId!) ?? null,
        availabilityZone: s.AvailabilityZone ?? '',
        cidrBlock: s.CidrBlock ?? '',
        defaultForAz: s.DefaultForAz ?? false,
      }))
      // Named subnets first (someone made them for a purpose), then by VPC and zone.
      .sort((a, b) => Number(a.name === null) - Number(b.name === null) || (a.name ?? '').localeCompare(b.name ?? '') || a.vpcId.localeCompare(b.vpcId) || a.availabilityZone.localeCompare(b.availabilityZone)),
    securityGroups: groups
      .filter((g) => g.GroupId && g.VpcId)
      .map((g) => ({ id: g.GroupId!, name: g.GroupName ?? g.GroupId!, vpcId: g.VpcId!, description: g.Description || null }))
      .sort(byName((g) => g.name)),
    keyPairs: keys
      .filter((k) => k.KeyName)
      .map((k) => ({ name: k.KeyName!, type: k.KeyType ?? null }))
      .sort(byName((k) => k.name)),
    launchTemplates: templates
      .filter((t) => t.LaunchTemplateId)
      .map((t) => ({ id: t.LaunchTemplateId!, name: t.LaunchTemplateName ?? t.LaunchTemplateId! }))
      .sort(byName((t) => t.name)),
  };
}
