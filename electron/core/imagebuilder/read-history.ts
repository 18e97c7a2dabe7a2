/**
 * A pipeline's history read from Image Builder: a page of ListImagePipelineImages (image build
 * versions; an image version, should one be listed, is opened with ListImageBuildVersions), and
 * one build's workflow executions with their steps (ListWorkflowExecutions,
 * ListWorkflowStepExecutions, every page) and its S3 log location (GetImage).
 */
import {
  GetImageCommand,
  ListImageBuildVersionsCommand,
  ListImagePipelineImagesCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  type ImageSummary,
  type ImagebuilderClient,
  type WorkflowExecutionMetadata,
} from '@aws-sdk/client-imagebuilder';
import type { BuildStep } from '../../../shared/imagebuilder';
import type { BuildHistoryPage, BuildStepsAnswer, HistoryBuild, WorkflowRun } from '../../../shared/imagebuilder-history';
import type { Wrap } from '../sharing/image-facts';
import { buildLogStream, buildS3Logs, parseBuildArn } from './log-links';

/** Image Builder's largest page. */
const PAGE = 25;
const IMAGE_VERSION = /:image\/[a-z0-9-_]+\/\d+\.\d+\.\d+$/;

async function call<T>(wrap: Wrap, action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw wrap(error, action);
  }
}

const newestFirst = (a: HistoryBuild, b: HistoryBuild): number => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || b.arn.localeCompare(a.arn);

export async function readHistoryPage(
  client: ImagebuilderClient,
  place: { account: string; region: string },
  pipelineArn: string,
  nextToken: string | undefined,
  wrap: Wrap,
): Promise<BuildHistoryPage> {
  const page = await call(wrap, 'imagebuilder:ListImagePipelineImages', () =>
    client.send(new ListImagePipelineImagesCommand({ imagePipelineArn: pipelineArn, maxResults: PAGE, ...(nextToken ? { nextToken } : {}) })),
  );
  const summaries: ImageSummary[] = [];
  for (const summary of page.imageSummaryList ?? []) {
    if (summary.arn && IMAGE_VERSION.test(summary.arn)) summaries.push(...(await buildVersions(client, summary.arn, wrap)));
    else summaries.push(summary);
  }
  const builds = summaries.flatMap((s) => historyBuild(place.region, s) ?? []);
  return { account: place.account, region: place.region, pipelineArn, builds: builds.sort(newestFirst), nextToken: page.nextToken ?? null };
}

async function buildVersions(client: ImagebuilderClient, imageVersionArn: string, wrap: Wrap): Promise<ImageSummary[]> {
  const out: ImageSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call(wrap, 'imagebuilder:ListImageBuildVersions', () =>
      client.send(new ListImageBuildVersionsCommand({ imageVersionArn, maxResults: PAGE, ...(nextToken ? { nextToken } : {}) })),
    );
    out.push(...(page.imageSummaryList ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

function historyBuild(region: string, s: ImageSummary): HistoryBuild | null {
  const parsed = s.arn ? parseBuildArn(s.arn) : null;
  if (!s.arn || !parsed) return null;
  return {
    arn: s.arn,
    name: s.name ?? parsed.name,
    version: s.version && s.version.includes('/') ? s.version : parsed.version,
    buildType: s.buildType ?? null,
    status: s.state?.status ?? 'UNKNOWN',
    reason: s.state?.reason ?? null,
    createdAt: s.dateCreated ?? null,
    amis: (s.outputResources?.amis ?? []).flatMap((a) =>
      a.image && a.region ? [{ region: a.region, imageId: a.image, name: a.name ?? a.image, awsAccountId: a.accountId ?? null, status: a.state?.status ?? null }] : [],
    ),
    logs: buildLogStream(region, { name: s.name ?? parsed.name, version: parsed.version }, s.loggingConfiguration?.logGroupName),
  };
}

export async function readBuildSteps(client: ImagebuilderClient, region: string, imageBuildArn: string, wrap: Wrap): Promise<BuildStepsAnswer> {
  const parsed = parseBuildArn(imageBuildArn)!;
  const [image, listed] = await Promise.all([
    call(wrap, 'imagebuilder:GetImage', () => client.send(new GetImageCommand({ imageBuildVersionArn: imageBuildArn }))).then((o) => o.image),
    workflowExecutions(client, imageBuildArn, wrap),
  ]);
  const workflows = await Promise.all(listed.executions.map((e) => workflowRun(client, e, wrap)));
  return {
    imageBuildArn,
    workflows: workflows.filter((w): w is WorkflowRun => w !== null),
    message: listed.message,
    logs: buildLogStream(region, { name: image?.name ?? parsed.name, version: parsed.version }, image?.loggingConfiguration?.logGroupName),
    s3Logs: buildS3Logs(region, image?.infrastructureConfiguration?.logging?.s3Logs),
  };
}

async function workflowExecutions(client: ImagebuilderClient, imageBuildVersionArn: string, wrap: Wrap): Promise<{ executions: WorkflowExecutionMetadata[]; message: string | null }> {
  const executions: WorkflowExecutionMetadata[] = [];
  let message: string | null = null;
  let nextToken: string | undefined;
  do {
    const page = await call(wrap, 'imagebuilder:ListWorkflowExecutions', () =>
      client.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn, maxResults: PAGE, ...(nextToken ? { nextToken } : {}) })),
    );
    executions.push(...(page.workflowExecutions ?? []));
    message = page.message ?? message;
    nextToken = page.nextToken;
  } while (nextToken);
  return { executions, message };
}

async function workflowRun(client: ImagebuilderClient, e: WorkflowExecutionMetadata, wrap: Wrap): Promise<WorkflowRun | null> {
  const id = e.workflowExecutionId;
  if (!id) return null;
  const type = e.type ?? 'WORKFLOW';
  const steps: BuildStep[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call(wrap, 'imagebuilder:ListWorkflowStepExecutions', () =>
      client.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: id, maxResults: PAGE, ...(nextToken ? { nextToken } : {}) })),
    );
    for (const step of page.steps ?? []) {
      steps.push({
        workflow: type,
        name: step.name ?? step.stepExecutionId ?? 'step',
        status: step.status ?? 'PENDING',
        startTime: step.startTime ?? null,
        endTime: step.endTime ?? null,
        message: step.message ?? null,
      });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return {
    workflowExecutionId: id,
    type,
    workflowArn: e.workflowBuildVersionArn ?? null,
    status: e.status ?? 'PENDING',
    message: e.message ?? null,
    startTime: e.startTime ?? null,
    endTime: e.endTime ?? null,
    totalSteps: e.totalStepCount ?? null,
    stepsSucceeded: e.totalStepsSucceeded ?? null,
    stepsFailed: e.totalStepsFailed ?? null,
    stepsSkipped: e.totalStepsSkipped ?? null,
    steps,
  };
}
