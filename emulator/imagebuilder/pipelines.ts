/**
 * ListImagePipelines, GetImagePipeline, CreateImagePipeline, UpdateImagePipeline,
 * DeleteImagePipeline and StartImagePipelineExecution, which starts a run (see
 * world/imagebuilder-timeline.ts).
 */
import { startBuild } from '../world/imagebuilder-builds';
import { parseCron } from '../world/imagebuilder-cron';
import { awsTime } from '../world/factory';
import { arnName, imageBuilderArn } from '../world/imagebuilder-arns';
import type { ComponentRecord, ImagePipelineRecord, ScheduleRecord } from '../world/imagebuilder-model';
import { buildView } from '../world/imagebuilder-timeline';
import { alreadyExists, idempotent, ownResource, resourceName, type IbCall, type IbHandler } from './call';
import { resolveComponent } from './components';
import { imageBuilderError, invalidValue } from './errors';
import { optBool, optInt, optObject, optString, reqString, stringMap } from './json';
import { applyFilters, page } from './paging';
import { pipeline, type PipelineRunInfo } from './serialize';

function runInfo(c: IbCall, p: ImagePipelineRecord): PipelineRunInfo {
  const runs = c.state.builds.filter((b) => b.pipelineArn === p.arn && b.owner === p.owner);
  const last = runs[runs.length - 1];
  return { last, lastStatus: last ? buildView(last, c.now.getTime()).status : undefined };
}

export const listImagePipelines: IbHandler = (c) => {
  const own = c.state.pipelines.filter((p) => p.owner === c.accountId && p.region === c.region);
  const items = applyFilters(c, own, {
    name: (p) => p.name,
    description: (p) => p.description,
    status: (p) => p.status,
    imageRecipeArn: (p) => p.imageRecipeArn,
    infrastructureConfigurationArn: (p) => p.infrastructureConfigurationArn,
    distributionConfigurationArn: (p) => p.distributionConfigurationArn,
  });
  const { items: pageItems, nextToken } = page(c, [...items].sort((a, b) => (a.arn < b.arn ? -1 : 1)));
  return { requestId: c.requestId, imagePipelineList: pageItems.map((p) => pipeline(p, runInfo(c, p), c.now)), nextToken };
};

export const getImagePipeline: IbHandler = (c) => {
  const p = ownResource(c, c.state.pipelines, 'imagePipelineArn', 'image-pipeline');
  return { requestId: c.requestId, imagePipeline: pipeline(p, runInfo(c, p), c.now) };
};

function schedule(c: IbCall): ScheduleRecord | null {
  const s = optObject(c.input, 'schedule');
  if (!s) return null;
  const scheduleExpression = reqString(s, 'scheduleExpression');
  if (!parseCron(scheduleExpression)) {
    throw invalidValue('schedule.scheduleExpression', `'${scheduleExpression}' is not a valid cron expression, e.g. cron(0 6 ? * MON *).`);
  }
  const condition = optString(s, 'pipelineExecutionStartCondition') ?? 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE';
  if (condition !== 'EXPRESSION_MATCH_ONLY' && condition !== 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE') {
    throw invalidValue('schedule.pipelineExecutionStartCondition', 'It must be EXPRESSION_MATCH_ONLY or EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE.');
  }
  return { scheduleExpression, timezone: optString(s, 'timezone') ?? 'Etc/UTC', pipelineExecutionStartCondition: condition };
}

/**
 * What CreateImagePipeline and UpdateImagePipeline both take: the recipe and configurations (the
 * caller's own), status, tests, schedule and metadata setting, each checked as Image Builder
 * checks it, before anything changes.
 */
function pipelineSettings(c: Parameters<IbHandler>[0]) {
  if (optString(c.input, 'containerRecipeArn') !== undefined) {
    throw imageBuilderError('InvalidRequestException', 'Container recipes are not supported by this endpoint; use an image recipe.');
  }
  const recipe = ownResource(c, c.state.recipes, 'imageRecipeArn', 'image-recipe');
  const infra = ownResource(c, c.state.infrastructure, 'infrastructureConfigurationArn', 'infrastructure-configuration');
  const distributionArn = optString(c.input, 'distributionConfigurationArn');
  const dist =
    distributionArn === undefined ? null : ownResource(c, c.state.distributions, 'distributionConfigurationArn', 'distribution-configuration', distributionArn);
  const status = optString(c.input, 'status') ?? 'ENABLED';
  if (status !== 'ENABLED' && status !== 'DISABLED') throw invalidValue('status', 'It must be ENABLED or DISABLED.');
  const tests = optObject(c.input, 'imageTestsConfiguration') ?? {};
  return {
    platform: recipe.platform,
    enhancedImageMetadataEnabled: optBool(c.input, 'enhancedImageMetadataEnabled') ?? true,
    imageRecipeArn: recipe.arn,
    infrastructureConfigurationArn: infra.arn,
    distributionConfigurationArn: dist?.arn ?? null,
    imageTestsConfiguration: {
      imageTestsEnabled: optBool(tests, 'imageTestsEnabled') ?? true,
      timeoutMinutes: optInt(tests, 'timeoutMinutes', 60, 1440) ?? 720,
    },
    schedule: schedule(c),
    status,
  } satisfies Partial<ImagePipelineRecord>;
}

export const createImagePipeline: IbHandler = (c) =>
  idempotent(c, 'CreateImagePipeline', () => {
    const name = resourceName(c);
    const settings = pipelineSettings(c);
    const arn = imageBuilderArn(c.region, c.accountId, 'image-pipeline', arnName(name));
    if (c.state.pipelines.some((p) => p.arn === arn)) throw alreadyExists(arn);
    c.state.pipelines.push({
      arn,
      owner: c.accountId,
      region: c.region,
      name,
      description: optString(c.input, 'description') ?? null,
      ...settings,
      dateCreated: awsTime(c.now),
      dateUpdated: null,
      tags: stringMap(c.input, 'tags'),
      imageTags: stringMap(c.input, 'imageTags'),
    });
    return { requestId: c.requestId, clientToken: optString(c.input, 'clientToken'), imagePipelineArn: arn };
  });

/**
 * UpdateImagePipeline replaces the pipeline's settings as a whole ("does not support selective
 * updates"): what the request leaves out goes back to its default (no description, no schedule,
 * no distribution, tests on for 720 minutes, ENABLED). Name, tags and creation date stay.
 */
export const updateImagePipeline: IbHandler = (c) =>
  idempotent(c, 'UpdateImagePipeline', () => {
    reqString(c.input, 'clientToken');
    const p = ownResource(c, c.state.pipelines, 'imagePipelineArn', 'image-pipeline');
    if (optString(c.input, 'containerRecipeArn') === undefined && optString(c.input, 'imageRecipeArn') === undefined) {
      throw imageBuilderError('InvalidRequestException', 'You must specify either an imageRecipeArn or a containerRecipeArn.');
    }
    const settings = pipelineSettings(c);
    const description = optString(c.input, 'description');
    if (description !== undefined && (description.length < 1 || description.length > 1024)) {
      throw invalidValue('description', 'It must be 1 to 1024 characters long.');
    }
    // Checked in full before anything changes, so a refused update leaves the pipeline as it was.
    Object.assign(p, { description: description ?? null, ...settings, dateUpdated: awsTime(c.now) } satisfies Partial<ImagePipelineRecord>);
    return { requestId: c.requestId, clientToken: optString(c.input, 'clientToken'), imagePipelineArn: p.arn };
  });

export const deleteImagePipeline: IbHandler = (c) => {
  const p = ownResource(c, c.state.pipelines, 'imagePipelineArn', 'image-pipeline');
  c.state.pipelines.splice(c.state.pipelines.indexOf(p), 1);
  return { requestId: c.requestId, imagePipelineArn: p.arn };
};

export const startImagePipelineExecution: IbHandler = (c) =>
  idempotent(c, 'StartImagePipelineExecution', () => {
    const p = ownResource(c, c.state.pipelines, 'imagePipelineArn', 'image-pipeline');
    const recipe = ownResource(c, c.state.recipes, 'imageRecipeArn', 'image-recipe', p.imageRecipeArn);
    const infrastructure = ownResource(c, c.state.infrastructure, 'infrastructureConfigurationArn', 'infrastructure-configuration', p.infrastructureConfigurationArn);
    const distribution =
      p.distributionConfigurationArn === null
        ? null
        : ownResource(c, c.state.distributions, 'distributionConfigurationArn', 'distribution-configuration', p.distributionConfigurationArn);
    const components: ComponentRecord[] = recipe.components.map((cc) => {
      const found = resolveComponent(c, cc.componentArn);
      if (!found) throw imageBuilderError('ResourceNotFoundException', `The component '${cc.componentArn}' of the recipe does not exist.`);
      return found;
    });
    const build = startBuild(c.world, c.state, {
      pipeline: p,
      recipe,
      infrastructure,
      distribution,
      components,
      tags: stringMap(c.input, 'tags'),
      buildType: 'USER_INITIATED',
    });
    return { requestId: c.requestId, clientToken: optString(c.input, 'clientToken'), imageBuildVersionArn: build.arn };
  });
