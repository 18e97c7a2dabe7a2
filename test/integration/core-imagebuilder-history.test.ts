/**
 * A pipeline's history through the core, against the emulator over HTTP with the real SDK: the
 * builds Image Builder lists whoever started them (none of them by this app), paged with "Load
 * more", a build's workflows and steps, its logs opened in the console, and failures that name
 * the account and region.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_BUILDER_FIXTURES, startEmulator, type RunningEmulator } from '../../emulator';
import type { AppCore } from '../../electron/core/app-core';
import { schemas } from '../../shared/contract/builder-history';
import type { HistoryBuild } from '../../shared/imagebuilder-history';
import type { AccountSummary, Workspace } from '../../shared/model';
import { coreOver, failure } from './core-fixture';

let emulator: RunningEmulator;
let core: AppCore;
let ws: Workspace;
const opened: string[] = [];
const { staging, hub } = IMAGE_BUILDER_FIXTURES;

const entry = (name: string): AccountSummary => ws.accounts.find((a) => a.name === name)!;

async function pipelineArn(accountName: string, name: string): Promise<string> {
  const pipelines = await core.handlers['builder:pipelines']({ account: entry(accountName).id, region: staging.region });
  return pipelines.find((p) => p.name === name)!.arn;
}

async function wholeHistory(accountName: string, arn: string): Promise<{ builds: HistoryBuild[]; pages: number }> {
  const account = entry(accountName).id;
  const builds: HistoryBuild[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await core.handlers['builder:history']({ account, region: staging.region, arn, ...(nextToken ? { nextToken } : {}) });
    builds.push(...page.builds);
    nextToken = page.nextToken ?? undefined;
    pages++;
  } while (nextToken);
  return { builds, pages };
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, imageBuildSeconds: 2 });
  core = coreOver(emulator, { maxAttempts: 2, jobPollMs: 100, openUrl: (url) => void opened.push(url) });
  ws = await core.handlers['demo:open']({});
});

afterAll(async () => {
  await core?.close();
  await emulator?.close();
});

describe('history', () => {
  it('lists the builds Image Builder made, none started from the app: type, status with reason, AMIs per region with their owner', async () => {
    expect(await core.handlers['builder:runs']({})).toEqual([]);
    const arn = await pipelineArn(staging.accountName, staging.pipelineName);
    const { builds } = await wholeHistory(staging.accountName, arn);
    expect(builds.length).toBeGreaterThanOrEqual(8);
    const created = builds.map((b) => b.createdAt!);
    expect(created).toEqual([...created].sort().reverse());
    expect(new Set(builds.map((b) => b.buildType))).toEqual(new Set(['SCHEDULED', 'USER_INITIATED']));
    expect(builds.every((b) => b.arn.startsWith(arn.replace(/image-pipeline\/.*$/, `image/${staging.recipeName}/`)))).toBe(true);

    const failed = builds.filter((b) => b.status === 'FAILED');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((b) => b.reason?.includes(staging.componentName) && b.amis.length === 0)).toBe(true);

    const production = entry(staging.sharedWithAccountName).awsAccountId;
    const withAmis = builds.filter((b) => b.amis.length > 0);
    expect(withAmis.some((b) => new Set(b.amis.map((a) => a.region)).size === 2)).toBe(true);
    expect(withAmis.flatMap((b) => b.amis).some((a) => a.awsAccountId === production)).toBe(true);
    expect(withAmis.flatMap((b) => b.amis).every((a) => /^ami-/.test(a.imageId) && /^\d{12}$/.test(a.awsAccountId ?? ''))).toBe(true);

    const newest = builds[0]!;
    expect(newest.logs.logGroup).toBe(`/aws/imagebuilder/${staging.recipeName}`);
    expect(newest.logs.logStream).toBe(newest.version);
    expect(newest.logs.consoleUrl).toContain(`https://${staging.region}.console.aws.amazon.com/cloudwatch/home?region=${staging.region}#logsV2:log-groups/log-group/$252Faws$252Fimagebuilder$252F`);
  });

  it('pages ("Load more") through a long history without repeating a build, and lists a run the app starts first', async () => {
    const arn = await pipelineArn(hub.accountName, hub.failingPipelineName);
    const account = entry(hub.accountName);
    const before = await wholeHistory(hub.accountName, arn);
    // Start runs elsewhere (the CLI, the console) until the history needs a second page.
    const cli = emulator.identities.find((i) => i.accountName === hub.accountName)!;
    const { ImagebuilderClient, StartImagePipelineExecutionCommand } = await import('@aws-sdk/client-imagebuilder');
    const client = new ImagebuilderClient({ endpoint: emulator.url, region: hub.region, maxAttempts: 1, credentials: { accessKeyId: cli.accessKeyId, secretAccessKey: cli.secretAccessKey } });
    for (let i = before.builds.length; i <= 25; i++) await client.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: arn }));
    const started = await core.handlers['builder:start']({ account: account.id, region: hub.region, arn, confirmations: { [account.id]: account.name } });
    const after = await wholeHistory(hub.accountName, arn);
    expect(after.pages).toBe(2);
    expect(after.builds).toHaveLength(27);
    expect(new Set(after.builds.map((b) => b.arn)).size).toBe(27);
    expect(after.builds[0]!.arn).toBe(started.imageBuildArn);
    expect(after.builds[0]!.buildType).toBe('USER_INITIATED');
  });

  it("a build's steps: each workflow with its status and its steps, the failed one saying why", async () => {
    const arn = await pipelineArn(staging.accountName, staging.pipelineName);
    const { builds } = await wholeHistory(staging.accountName, arn);
    const failed = builds.find((b) => b.status === 'FAILED')!;
    const answer = await core.handlers['builder:buildSteps']({ account: entry(staging.accountName).id, region: staging.region, imageBuildArn: failed.arn });
    expect(answer.workflows.map((w) => [w.type, w.status])).toEqual([
      ['BUILD', 'FAILED'],
      ['TEST', 'SKIPPED'],
      ['DISTRIBUTION', 'SKIPPED'],
    ]);
    const build = answer.workflows[0]!;
    expect(build.steps.map((s) => s.name)).toContain('ApplyBuildComponents');
    expect(build.steps.find((s) => s.status === 'FAILED')).toMatchObject({ name: 'ApplyBuildComponents', message: failed.reason });
    expect(build.totalSteps).toBe(build.steps.length);
    expect(build.startTime).not.toBeNull();
    expect(answer.logs.logStream).toBe(failed.version);

    const ok = builds.find((b) => b.status === 'AVAILABLE')!;
    const good = await core.handlers['builder:buildSteps']({ account: entry(staging.accountName).id, region: staging.region, imageBuildArn: ok.arn });
    expect(good.workflows.every((w) => w.status === 'COMPLETED' && w.steps.every((s) => s.status === 'COMPLETED'))).toBe(true);
  });

  it("opens a build's log stream in the console through the app's browser path", async () => {
    const arn = await pipelineArn(staging.accountName, staging.pipelineName);
    const [newest] = (await core.handlers['builder:history']({ account: entry(staging.accountName).id, region: staging.region, arn })).builds;
    const { url } = await core.handlers['builder:openLogs']({ account: entry(staging.accountName).id, region: staging.region, imageBuildArn: newest!.arn, where: 'cloudwatch' });
    expect(url).toBe(newest!.logs.consoleUrl);
    expect(opened.at(-1)).toBe(url);

    // The staging infrastructure uploads logs to S3 too: the build names the bucket and prefix, and opens there.
    const steps = await core.handlers['builder:buildSteps']({ account: entry(staging.accountName).id, region: staging.region, imageBuildArn: newest!.arn });
    expect(steps.s3Logs).toMatchObject({ bucket: staging.s3Logs.bucket, prefix: staging.s3Logs.prefix });
    const s3 = await core.handlers['builder:openLogs']({ account: entry(staging.accountName).id, region: staging.region, imageBuildArn: newest!.arn, where: 's3' });
    expect(s3.url).toBe(`https://s3.console.aws.amazon.com/s3/buckets/${staging.s3Logs.bucket}?region=${staging.region}&prefix=${staging.s3Logs.prefix}%2F&showversions=false`);
    expect(opened.at(-1)).toBe(s3.url);

    // The hub's logs stay in CloudWatch: asking for S3 says so.
    const hubArn = await pipelineArn(hub.accountName, hub.failingPipelineName);
    const [hubBuild] = (await core.handlers['builder:history']({ account: entry(hub.accountName).id, region: hub.region, arn: hubArn })).builds;
    const none = await failure(core.handlers['builder:openLogs']({ account: entry(hub.accountName).id, region: hub.region, imageBuildArn: hubBuild!.arn, where: 's3' }));
    expect(none.message).toMatch(/no logs in S3/);
  });

  it('names the account and region when Image Builder refuses, and refuses what is not a pipeline', async () => {
    const account = entry(staging.accountName);
    const arn = await pipelineArn(staging.accountName, staging.pipelineName);
    const id = emulator.identities.find((i) => i.accountName === staging.accountName)!;
    emulator.denyAction(id.accountId, 'imagebuilder:ListImagePipelineImages');
    try {
      const denied = await failure(core.handlers['builder:history']({ account: account.id, region: staging.region, arn }));
      expect(denied.message).toContain(staging.accountName);
      expect(denied.message).toContain(staging.region);
    } finally {
      emulator.allowAction(id.accountId, 'imagebuilder:ListImagePipelineImages');
    }
    const gone = await failure(core.handlers['builder:history']({ account: account.id, region: staging.region, arn: arn.replace(staging.pipelineArnName, 'no-such-pipeline') }));
    expect(gone.message).toContain(staging.accountName);
    expect(schemas.historyPage.safeParse({ account: account.id, region: staging.region, arn: arn.replace('image-pipeline', 'image-recipe') }).success).toBe(false);
    expect(schemas.buildRef.safeParse({ account: account.id, region: staging.region, imageBuildArn: `${arn}/1.0.0` }).success).toBe(false);
  });
});
