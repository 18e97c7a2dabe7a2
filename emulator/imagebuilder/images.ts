/**
 * The image build versions runs make: ListImagePipelineImages, ListImageBuildVersions, GetImage,
 * CancelImageCreation, and their workflow executions (ListWorkflowExecutions,
 * ListWorkflowStepExecutions). The lists page with maxResults (1–25) and nextToken, newest first.
 */
import { awsTime } from '../world/factory';
import type { ImageBuildRecord } from '../world/imagebuilder-model';
import { buildView, WORKFLOW_VERSIONS, workflowViews, type WorkflowType } from '../world/imagebuilder-timeline';
import { matchingPattern, type ModelPatternShape } from './arn-patterns';
import { idempotent, ownResource, type IbCall, type IbHandler } from './call';
import { imageBuilderError, notFound } from './errors';
import { optString, reqString } from './json';
import { applyFilters, page } from './paging';
import { image, imageSummary } from './serialize';

/** The caller's run named by the member; `shape` is the member's in the operation's model. */
function ownBuild(c: IbCall, member: string, shape: ModelPatternShape = 'ImageBuildVersionArn'): ImageBuildRecord {
  const arn = matchingPattern(member, reqString(c.input, member), shape);
  const found = c.state.builds.find((b) => b.arn === arn && b.owner === c.accountId && b.region === c.region);
  if (!found) throw notFound(arn);
  return found;
}

/** Amazon's default workflows, which runs without custom workflows use. */
const workflowArn = (region: string, type: WorkflowType): string => `arn:aws:imagebuilder:${region}:aws:workflow/${WORKFLOW_VERSIONS[type]}`;

const time = (ms: number | null): string | undefined => (ms === null ? undefined : awsTime(new Date(ms)));

/** Newest first by start (seeded history and live runs alike). */
const newestFirst = (builds: readonly ImageBuildRecord[]): ImageBuildRecord[] => [...builds].sort((a, b) => b.startedAtMs - a.startedAtMs);

export const listImagePipelineImages: IbHandler = (c) => {
  const p = ownResource(c, c.state.pipelines, 'imagePipelineArn', 'image-pipeline');
  const runs = newestFirst(c.state.builds.filter((b) => b.pipelineArn === p.arn && b.owner === c.accountId));
  const items = applyFilters(c, runs, { name: (b) => b.name, version: (b) => b.version });
  const { items: pageItems, nextToken } = page(c, items);
  return { requestId: c.requestId, imageSummaryList: pageItems.map((b) => imageSummary(b, buildView(b, c.now.getTime()))), nextToken };
};

/**
 * The build versions of one image version (…:image/NAME/1.0.0), whichever pipeline (or none)
 * made them. The operation documents no ResourceNotFoundException: a version with no builds
 * (or another account's) lists nothing.
 */
export const listImageBuildVersions: IbHandler = (c) => {
  const arn = matchingPattern('imageVersionArn', reqString(c.input, 'imageVersionArn'), 'ImageVersionArn');
  const builds = newestFirst(c.state.builds.filter((b) => b.arn.startsWith(`${arn}/`) && b.owner === c.accountId && b.region === c.region));
  const items = applyFilters(c, builds, {
    name: (b) => b.name,
    osVersion: (b) => b.osVersion,
    platform: (b) => b.platform,
    type: () => 'AMI',
    version: (b) => b.version,
  });
  const { items: pageItems, nextToken } = page(c, items);
  return { requestId: c.requestId, imageSummaryList: pageItems.map((b) => imageSummary(b, buildView(b, c.now.getTime()))), nextToken };
};

export const getImage: IbHandler = (c) => {
  const b = ownBuild(c, 'imageBuildVersionArn', 'ImageVersionArnOrBuildVersionArn');
  return { requestId: c.requestId, image: image(b, buildView(b, c.now.getTime())), latestVersionReferences: { latestVersionArn: b.arn } };
};

export const cancelImageCreation: IbHandler = (c) =>
  idempotent(c, 'CancelImageCreation', () => {
    const b = ownBuild(c, 'imageBuildVersionArn');
    const status = buildView(b, c.now.getTime()).status;
    if (['AVAILABLE', 'FAILED', 'CANCELLED', 'DEPRECATED', 'DELETED'].includes(status)) {
      throw imageBuilderError('ResourceInUseException', `The image '${b.arn}' is ${status} and can no longer be cancelled.`);
    }
    b.cancelledAtMs = c.now.getTime();
    return { requestId: c.requestId, clientToken: optString(c.input, 'clientToken'), imageBuildVersionArn: b.arn };
  });

export const listWorkflowExecutions: IbHandler = (c) => {
  const b = ownBuild(c, 'imageBuildVersionArn');
  const view = buildView(b, c.now.getTime());
  const all = workflowViews(b, view).map((w) => ({
    workflowBuildVersionArn: workflowArn(c.region, w.type),
    workflowExecutionId: w.workflowExecutionId,
    type: w.type,
    status: w.status,
    message: w.message ?? undefined,
    totalStepCount: w.steps.length,
    totalStepsSucceeded: w.steps.filter((s) => s.status === 'COMPLETED').length,
    totalStepsFailed: w.steps.filter((s) => s.status === 'FAILED').length,
    totalStepsSkipped: w.steps.filter((s) => s.status === 'SKIPPED').length,
    startTime: time(w.startMs),
    endTime: time(w.endMs),
  }));
  const { items, nextToken } = page(c, all);
  return { requestId: c.requestId, workflowExecutions: items, imageBuildVersionArn: b.arn, message: view.reason ?? undefined, nextToken };
};

export const listWorkflowStepExecutions: IbHandler = (c) => {
  const id = matchingPattern('workflowExecutionId', reqString(c.input, 'workflowExecutionId'), 'WorkflowExecutionId');
  const b = c.state.builds.find(
    (x) => x.owner === c.accountId && x.region === c.region && Object.values(x.workflowExecutionIds).includes(id),
  );
  if (!b) throw imageBuilderError('ResourceNotFoundException', `The workflow execution '${id}' does not exist.`);
  const workflow = workflowViews(b, buildView(b, c.now.getTime())).find((w) => w.workflowExecutionId === id);
  if (!workflow) throw imageBuilderError('ResourceNotFoundException', `The workflow execution '${id}' does not exist.`);
  const steps = workflow.steps.map((s) => ({
    stepExecutionId: s.stepExecutionId,
    name: s.name,
    description: s.description,
    action: s.action,
    status: s.status,
    message: s.message ?? undefined,
    inputs: JSON.stringify({ imageBuildVersionArn: b.arn }),
    outputs: s.status === 'COMPLETED' ? JSON.stringify({}) : undefined,
    startTime: time(s.startMs),
    endTime: time(s.endMs),
  }));
  const { items, nextToken } = page(c, steps);
  return {
    requestId: c.requestId,
    steps: items,
    workflowBuildVersionArn: workflowArn(c.region, workflow.type),
    workflowExecutionId: id,
    imageBuildVersionArn: b.arn,
    message: workflow.message ?? undefined,
    nextToken,
  };
};
