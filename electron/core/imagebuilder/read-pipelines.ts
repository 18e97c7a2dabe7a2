/**
 * Pipelines as the app shows them: the list with each one's last run, and one pipeline with
 * its recipe, infrastructure and distribution read alongside.
 */
import {
  GetDistributionConfigurationCommand,
  GetImagePipelineCommand,
  GetImageRecipeCommand,
  GetInfrastructureConfigurationCommand,
  ListComponentsCommand,
  ListImagePipelineImagesCommand,
  ListImagePipelinesCommand,
  type ImagebuilderClient,
  type ImagePipeline,
} from '@aws-sdk/client-imagebuilder';
import type { ComponentChoice, PipelineDetail, PipelineSummary } from '../../../shared/imagebuilder';
import type { Wrap } from '../sharing/image-facts';

async function call<T>(wrap: Wrap, action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw wrap(error, action);
  }
}

export async function listPipelines(client: ImagebuilderClient, place: { account: string; region: string }, wrap: Wrap): Promise<PipelineSummary[]> {
  const pipelines: ImagePipeline[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call(wrap, 'imagebuilder:ListImagePipelines', () => client.send(new ListImagePipelinesCommand({ maxResults: 25, ...(nextToken ? { nextToken } : {}) })));
    pipelines.push(...(page.imagePipelineList ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return Promise.all(pipelines.map(async (p) => summary(p, place, await lastRun(client, p.arn ?? '', wrap))));
}

async function lastRun(client: ImagebuilderClient, pipelineArn: string, wrap: Wrap): Promise<PipelineSummary['lastRun']> {
  const out = await call(wrap, 'imagebuilder:ListImagePipelineImages', () => client.send(new ListImagePipelineImagesCommand({ imagePipelineArn: pipelineArn, maxResults: 25 })));
  const newest = (out.imageSummaryList ?? []).sort((a, b) => (b.dateCreated ?? '').localeCompare(a.dateCreated ?? ''))[0];
  return newest?.arn ? { status: newest.state?.status ?? 'UNKNOWN', imageBuildArn: newest.arn, at: newest.dateCreated ?? null, reason: newest.state?.reason ?? null } : null;
}

function summary(p: ImagePipeline, place: { account: string; region: string }, last: PipelineSummary['lastRun']): PipelineSummary {
  return {
    account: place.account,
    region: place.region,
    arn: p.arn ?? '',
    name: p.name ?? '',
    description: p.description ?? null,
    status: p.status ?? 'ENABLED',
    schedule: p.schedule?.scheduleExpression ?? null,
    dateLastRun: p.dateLastRun ?? null,
    dateNextRun: p.dateNextRun ?? null,
    lastRun: last,
  };
}

export async function getPipeline(client: ImagebuilderClient, arn: string, place: { account: string; region: string }, wrap: Wrap): Promise<PipelineDetail> {
  const pipeline = (await call(wrap, 'imagebuilder:GetImagePipeline', () => client.send(new GetImagePipelineCommand({ imagePipelineArn: arn })))).imagePipeline ?? {};
  const [last, recipe, infrastructure, distribution] = await Promise.all([
    lastRun(client, arn, wrap),
    pipeline.imageRecipeArn
      ? call(wrap, 'imagebuilder:GetImageRecipe', () => client.send(new GetImageRecipeCommand({ imageRecipeArn: pipeline.imageRecipeArn }))).then((o) => o.imageRecipe ?? null)
      : Promise.resolve(null),
    pipeline.infrastructureConfigurationArn
      ? call(wrap, 'imagebuilder:GetInfrastructureConfiguration', () =>
          client.send(new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: pipeline.infrastructureConfigurationArn })),
        ).then((o) => o.infrastructureConfiguration ?? null)
      : Promise.resolve(null),
    pipeline.distributionConfigurationArn
      ? call(wrap, 'imagebuilder:GetDistributionConfiguration', () =>
          client.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: pipeline.distributionConfigurationArn })),
        ).then((o) => o.distributionConfiguration ?? null)
      : Promise.resolve(null),
  ]);
  return {
    ...summary(pipeline, place, last),
    recipe: recipe
      ? {
          arn: recipe.arn ?? '',
          name: recipe.name ?? '',
          version: recipe.version ?? '',
          parentImage: recipe.parentImage ?? '',
          components: (recipe.components ?? []).map((c) => componentRef(c.componentArn ?? '')),
          blockDevices: (recipe.blockDeviceMappings ?? []).map((b) => ({
            deviceName: b.deviceName ?? '',
            volumeSizeGiB: b.ebs?.volumeSize ?? null,
            volumeType: b.ebs?.volumeType ?? null,
            encrypted: b.ebs?.encrypted ?? null,
          })),
        }
      : null,
    infrastructure: infrastructure
      ? {
          arn: infrastructure.arn ?? '',
          name: infrastructure.name ?? '',
          instanceProfileName: infrastructure.instanceProfileName ?? '',
          instanceTypes: infrastructure.instanceTypes ?? [],
          subnetId: infrastructure.subnetId ?? null,
          securityGroupIds: infrastructure.securityGroupIds ?? [],
          keyPair: infrastructure.keyPair ?? null,
          s3Logs: infrastructure.logging?.s3Logs?.s3BucketName
            ? { bucket: infrastructure.logging.s3Logs.s3BucketName, prefix: infrastructure.logging.s3Logs.s3KeyPrefix ?? null }
            : null,
          snsTopicArn: infrastructure.snsTopicArn ?? null,
          terminateInstanceOnFailure: infrastructure.terminateInstanceOnFailure ?? true,
        }
      : null,
    distribution: distribution
      ? {
          arn: distribution.arn ?? '',
          name: distribution.name ?? '',
          regions: (distribution.distributions ?? []).map((d) => ({
            region: d.region ?? '',
            amiName: d.amiDistributionConfiguration?.name ?? null,
            launchPermission: {
              userIds: d.amiDistributionConfiguration?.launchPermission?.userIds ?? [],
              organizationArns: d.amiDistributionConfiguration?.launchPermission?.organizationArns ?? [],
              organizationalUnitArns: d.amiDistributionConfiguration?.launchPermission?.organizationalUnitArns ?? [],
              public: (d.amiDistributionConfiguration?.launchPermission?.userGroups ?? []).includes('all'),
            },
            targetAccountIds: d.amiDistributionConfiguration?.targetAccountIds ?? [],
            kmsKeyId: d.amiDistributionConfiguration?.kmsKeyId ?? null,
            amiTags: d.amiDistributionConfiguration?.amiTags ?? {},
            launchTemplates: (d.launchTemplateConfigurations ?? []).map((t) => ({
              launchTemplateId: t.launchTemplateId ?? '',
              accountId: t.accountId ?? null,
              setDefaultVersion: t.setDefaultVersion ?? false,
            })),
          })),
        }
      : null,
    tests: { enabled: pipeline.imageTestsConfiguration?.imageTestsEnabled ?? true, timeoutMinutes: pipeline.imageTestsConfiguration?.timeoutMinutes ?? null },
  };
}

/** arn:…:component/name/1.0.0/1 → name and version. */
function componentRef(arn: string): { arn: string; name: string; version: string } {
  const parts = arn.split(':').pop()?.split('/') ?? [];
  return { arn, name: parts[1] ?? arn, version: parts.slice(2).join('/') };
}

export async function listComponents(client: ImagebuilderClient, wrap: Wrap): Promise<ComponentChoice[]> {
  const out: ComponentChoice[] = [];
  for (const owner of ['Self', 'Amazon'] as const) {
    let nextToken: string | undefined;
    do {
      const page = await call(wrap, 'imagebuilder:ListComponents', () => client.send(new ListComponentsCommand({ owner, maxResults: 25, ...(nextToken ? { nextToken } : {}) })));
      for (const c of page.componentVersionList ?? []) {
        if (!c.arn || !c.name) continue;
        out.push({
          arn: c.arn,
          name: c.name,
          version: c.version ?? '',
          type: c.type === 'TEST' ? 'TEST' : 'BUILD',
          owner,
          platform: c.platform ?? 'Linux',
          description: c.description ?? null,
        });
      }
      nextToken = page.nextToken;
    } while (nextToken);
  }
  return out;
}
