/**
 * The Recycle Bin of one account-region: its retention rules for AMIs and EBS snapshots (read
 * with ListRules, then GetRule for each, since only GetRule says which resource tags a rule
 * keeps), the coverage they give in words, the AMIs the bin holds, and a rule to add.
 */
import { ListImagesInRecycleBinCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { CreateRuleCommand, GetRuleCommand, ListRulesCommand, type RbinClient, type ResourceType } from '@aws-sdk/client-rbin';
import type { RecycleBinCoverage, RecycleBinImage } from '../../../shared/cleanup';
import type { Tag } from '../../../shared/model';

export interface BinRule {
  identifier: string;
  resourceType: ResourceType;
  retentionDays: number;
  /** Empty: the rule keeps every resource of its type. */
  resourceTags: Array<{ key: string; value: string | null }>;
}

export async function readRules(rbin: RbinClient): Promise<BinRule[]> {
  const rules: BinRule[] = [];
  for (const resourceType of ['EC2_IMAGE', 'EBS_SNAPSHOT'] as const) {
    let nextToken: string | undefined;
    do {
      const page = await rbin.send(new ListRulesCommand({ ResourceType: resourceType, ...(nextToken ? { NextToken: nextToken } : {}) }));
      for (const summary of page.Rules ?? []) {
        if (!summary.Identifier) continue;
        const rule = await rbin.send(new GetRuleCommand({ Identifier: summary.Identifier }));
        // A rule still `pending` keeps nothing yet.
        if (rule.Status && rule.Status !== 'available') continue;
        rules.push({
          identifier: summary.Identifier,
          resourceType,
          retentionDays: rule.RetentionPeriod?.RetentionPeriodValue ?? summary.RetentionPeriod?.RetentionPeriodValue ?? 0,
          resourceTags: (rule.ResourceTags ?? []).map((t) => ({ key: t.ResourceTagKey ?? '', value: t.ResourceTagValue ?? null })),
        });
      }
      nextToken = page.NextToken;
    } while (nextToken);
  }
  return rules;
}

/** How long a resource of this type with these tags is kept once deleted (the longest rule that keeps it), or null. */
export function retentionFor(rules: readonly BinRule[], type: ResourceType, tags: readonly Tag[]): number | null {
  let days: number | null = null;
  for (const rule of rules) {
    if (rule.resourceType !== type) continue;
    const keeps = rule.resourceTags.length === 0 || rule.resourceTags.some((t) => tags.some((own) => own.key === t.key && (t.value === null || own.value === t.value)));
    if (keeps && (days === null || rule.retentionDays > days)) days = rule.retentionDays;
  }
  return days;
}

const days = (n: number): string => `${n} day${n === 1 ? '' : 's'}`;

function untaggedLongest(rules: readonly BinRule[], type: ResourceType): number | null {
  const untagged = rules.filter((r) => r.resourceType === type && r.resourceTags.length === 0).map((r) => r.retentionDays);
  return untagged.length > 0 ? Math.max(...untagged) : null;
}

/** The coverage of an account-region whose rules were read. */
export function coverageOf(place: { account: string; accountName: string; region: string }, rules: readonly BinRule[]): RecycleBinCoverage {
  const taggedRules = rules
    .filter((r) => r.resourceTags.length > 0)
    .map((r) => {
      const what = r.resourceType === 'EC2_IMAGE' ? 'AMIs' : 'EBS snapshots';
      const tags = r.resourceTags.map((t) => (t.value === null ? `${t.key} (any value)` : `${t.key}=${t.value}`)).join(' or ');
      return `${what} tagged ${tags}: ${days(r.retentionDays)}`;
    });
  return {
    ...place,
    imageRetentionDays: untaggedLongest(rules, 'EC2_IMAGE'),
    snapshotRetentionDays: untaggedLongest(rules, 'EBS_SNAPSHOT'),
    taggedRules,
    error: null,
  };
}

export async function readBinImages(ec2: EC2Client, place: { account: string; accountName: string; region: string }, imageIds?: string[]): Promise<RecycleBinImage[]> {
  const images: RecycleBinImage[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ec2.send(new ListImagesInRecycleBinCommand({ ...(imageIds ? { ImageIds: imageIds } : { MaxResults: 1000 }), ...(nextToken ? { NextToken: nextToken } : {}) }));
    for (const i of page.Images ?? []) {
      if (!i.ImageId) continue;
      images.push({
        ...place,
        imageId: i.ImageId,
        name: i.Name ?? i.ImageId,
        description: i.Description ?? null,
        recycleBinEnterTime: i.RecycleBinEnterTime ? i.RecycleBinEnterTime.toISOString() : null,
        recycleBinExitTime: i.RecycleBinExitTime ? i.RecycleBinExitTime.toISOString() : null,
      });
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return images;
}

/** A Region-level rule: every deregistered AMI (or deleted snapshot) here is kept `retentionDays`. */
export async function createRegionRule(rbin: RbinClient, resourceType: ResourceType, retentionDays: number): Promise<string> {
  const out = await rbin.send(
    new CreateRuleCommand({
      ResourceType: resourceType,
      RetentionPeriod: { RetentionPeriodValue: retentionDays, RetentionPeriodUnit: 'DAYS' },
      Description: `Keeps every ${resourceType === 'EC2_IMAGE' ? 'deregistered AMI' : 'deleted EBS snapshot'} ${days(retentionDays)}`,
    }),
  );
  return out.Identifier ?? '';
}
