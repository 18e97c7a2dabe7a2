/**
 * What DescribeImageReferences answers, derived from the resources themselves so it always
 * agrees with DescribeInstances, DescribeLaunchTemplateVersions, Parameter Store and Image
 * Builder:
 * - ec2:Instance: every instance (any state) launched from the image;
 * - ec2:LaunchTemplate: a template with a version whose ImageId is the image, at the depth of
 *   the newest such version (1 = the latest version); a `resolve:ssm:` ImageId is not followed;
 * - ssm:Parameter: a String parameter of data type `aws:ec2:image` whose value is the image id;
 * - imagebuilder:ImageRecipe: a recipe whose parent image is the image id (container recipes
 *   are not emulated, so never answered).
 */
import { imageBuilderState } from './imagebuilder-state';
import type { ImageReferenceRecord, World } from './model';
import { instanceArn, launchTemplateArn, parameterArn, type UsageState } from './usage-model';

const isImageId = (value: string | null): value is string => value !== null && value.startsWith('ami-');

function usageReferences(usage: UsageState, accountId: string | null, region: string | null): ImageReferenceRecord[] {
  const scoped = <T extends { accountId: string; region: string }>(bucket: { all: T[]; in(a: string, r: string): readonly T[] }): readonly T[] =>
    accountId !== null && region !== null ? bucket.in(accountId, region) : bucket.all;
  const out: ImageReferenceRecord[] = [];
  for (const i of scoped(usage.instances)) {
    out.push({ imageId: i.imageId, region: i.region, accountId: i.accountId, resourceType: 'ec2:Instance', arn: instanceArn(i), instanceState: i.state });
  }
  for (const t of scoped(usage.launchTemplates)) {
    const depthByImage = new Map<string, number>();
    for (let depth = 1; depth <= t.versions.length; depth++) {
      const imageId = t.versions[t.versions.length - depth]?.data.imageId ?? null;
      if (isImageId(imageId) && !depthByImage.has(imageId)) depthByImage.set(imageId, depth);
    }
    for (const [imageId, depth] of depthByImage) {
      out.push({ imageId, region: t.region, accountId: t.accountId, resourceType: 'ec2:LaunchTemplate', arn: launchTemplateArn(t), launchTemplateVersionDepth: depth });
    }
  }
  for (const p of scoped(usage.parameters)) {
    if (p.type === 'String' && p.dataType === 'aws:ec2:image' && isImageId(p.value)) {
      out.push({ imageId: p.value, region: p.region, accountId: p.accountId, resourceType: 'ssm:Parameter', arn: parameterArn(p) });
    }
  }
  return out;
}

/**
 * Every reference in the world, or only those of one account in one region. Reading it makes
 * Image Builder's state (seeded lazily) when it does not exist yet.
 */
export function imageReferencesOf(world: World, scope?: { accountId: string; region: string }): ImageReferenceRecord[] {
  const out = usageReferences(world.usage, scope?.accountId ?? null, scope?.region ?? null);
  for (const recipe of imageBuilderState(world).recipes) {
    if (scope && (recipe.owner !== scope.accountId || recipe.region !== scope.region)) continue;
    if (!isImageId(recipe.parentImage)) continue;
    out.push({ imageId: recipe.parentImage, region: recipe.region, accountId: recipe.owner, resourceType: 'imagebuilder:ImageRecipe', arn: recipe.arn });
  }
  return out;
}
