/**
 * Pipelines managed through the core, against the emulator over HTTP with the real SDK: a
 * pipeline's schedule edited and the pipeline disabled (each in the audit log, by name), a
 * schedule Image Builder cannot read refused beside its field, a pipeline cloned into another
 * account (refused first while a component is missing there), and deleted with its recipe and
 * configurations — those another pipeline still uses kept, saying by whom.
 */
import { CreateComponentCommand, CreateImagePipelineCommand, DeleteImagePipelineCommand, GetImagePipelineCommand, ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { toAppError } from '../../electron/core/aws/errors';
import { removePipeline } from '../../electron/core/imagebuilder/delete-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_BUILDER_FIXTURES, startEmulator, type RunningEmulator } from '../../emulator';
import type { AppCore } from '../../electron/core/app-core';
import type { AccountSummary, Workspace } from '../../shared/model';
import { coreOver, failure } from './core-fixture';
import { idShapedIn, knownIdsIn } from '../internal-ids';

let emulator: RunningEmulator;
let core: AppCore;
let ws: Workspace;
const { staging } = IMAGE_BUILDER_FIXTURES;
const REGION = staging.region;

const entry = (name: string): AccountSummary => ws.accounts.find((a) => a.name === name)!;

async function pipelineArn(accountName: string, name: string, region = REGION): Promise<string> {
  const listed = await core.handlers['builder:pipelines']({ account: entry(accountName).id, region });
  const found = listed.find((p) => p.name === name);
  if (!found) throw new Error(`no pipeline ${name} in ${accountName}/${region}`);
  return found.arn;
}

async function auditOf(action: string) {
  return (await core.handlers['audit:list']({ limit: 100 })).filter((e) => (e.action as string) === action);
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, imageBuildSeconds: 2 });
  core = coreOver(emulator, { maxAttempts: 2, jobPollMs: 100 });
  ws = await core.handlers['demo:open']({});
});

afterAll(async () => {
  await core?.close();
  await emulator?.close();
});

describe('editing a pipeline', () => {
  it('offers the account-region recipes (every version), infrastructure and distributions to point a pipeline at', async () => {
    const choices = await core.handlers['builder:pipelineChoices']({ account: entry(staging.accountName).id, region: REGION });
    expect(choices.recipes.map((r) => `${r.name} ${r.version}`)).toEqual(expect.arrayContaining([`${staging.recipeName} ${staging.recipeVersion}`, `${staging.failingRecipeName} ${staging.recipeVersion}`]));
    expect(choices.infrastructures.map((i) => i.name)).toContain(staging.infrastructureName);
    expect(choices.distributions.map((d) => d.name)).toContain(staging.distributionName);
  });

  it("changes the schedule, then disables the pipeline; each change is audited with the account, region and pipeline by name", async () => {
    const account = entry(staging.accountName);
    const arn = await pipelineArn(staging.accountName, staging.pipelineName);
    const edited = await core.handlers['builder:update']({ account: account.id, region: REGION, arn, changes: { schedule: 'cron(15 5 ? * MON-FRI *)', description: 'Nightly app base, weekdays' }, confirmations: {} });
    expect(edited.outcome).toBe('changed');
    expect(edited.changes).toContain(`schedule: ${staging.scheduleExpression} → cron(15 5 ? * MON-FRI *)`);

    const detail = await core.handlers['builder:pipeline']({ account: account.id, region: REGION, arn });
    expect(detail).toMatchObject({ schedule: 'cron(15 5 ? * MON-FRI *)', description: 'Nightly app base, weekdays', status: 'ENABLED' });
    // The rest of the pipeline is as it was (UpdateImagePipeline replaces it as a whole).
    expect(detail.recipe?.name).toBe(staging.recipeName);
    expect(detail.infrastructure?.name).toBe(staging.infrastructureName);
    expect(detail.distribution?.name).toBe(staging.distributionName);
    expect(detail.tests).toEqual({ enabled: true, timeoutMinutes: 720 });

    const disabled = await core.handlers['builder:update']({ account: account.id, region: REGION, arn, changes: { status: 'DISABLED' }, confirmations: {} });
    expect(disabled.changes).toEqual(['status: ENABLED → DISABLED']);
    const listed = await core.handlers['builder:pipelines']({ account: account.id, region: REGION });
    expect(listed.find((p) => p.arn === arn)).toMatchObject({ status: 'DISABLED', schedule: 'cron(15 5 ? * MON-FRI *)' });

    const [update] = await auditOf('pipeline-update');
    expect(update).toMatchObject({ accountName: staging.accountName, region: REGION, imageName: staging.pipelineName, outcome: 'ok' });
    expect(update!.detail).toContain('schedule: cron(0 3 * * ? *) → cron(15 5 ? * MON-FRI *)');
    const [disable] = await auditOf('disable');
    expect(disable).toMatchObject({ accountName: staging.accountName, imageName: staging.pipelineName, outcome: 'ok' });
    expect(disable!.detail).not.toContain(arn);

    const again = await core.handlers['builder:update']({ account: account.id, region: REGION, arn, changes: { status: 'DISABLED' }, confirmations: {} });
    expect(again.outcome).toBe('unchanged');
  });

  it("a schedule Image Builder cannot read is refused beside the schedule field, and the pipeline keeps its own", async () => {
    const account = entry(staging.accountName);
    const arn = await pipelineArn(staging.accountName, staging.failingPipelineName);
    const error = await failure(core.handlers['builder:update']({ account: account.id, region: REGION, arn, changes: { schedule: 'cron(0 3 * *)' }, confirmations: {} }));
    expect(error.code).toBe('VALIDATION');
    expect(error.details?.issues?.[0]).toMatch(/^schedule: .*cron/);
    expect(error.message).toContain(staging.accountName);
    const detail = await core.handlers['builder:pipeline']({ account: account.id, region: REGION, arn });
    expect(detail.schedule).toBe(staging.failingScheduleExpression);
  });

  it('points the pipeline at another recipe version and drops its tests', async () => {
    const account = entry(staging.accountName);
    const arn = await pipelineArn(staging.accountName, staging.failingPipelineName);
    const choices = await core.handlers['builder:pipelineChoices']({ account: account.id, region: REGION });
    const other = choices.recipes.find((r) => r.name === staging.recipeName)!;
    const done = await core.handlers['builder:update']({ account: account.id, region: REGION, arn, changes: { recipeArn: other.arn, tests: { enabled: false, timeoutMinutes: 90 } }, confirmations: {} });
    expect(done.changes).toEqual([`image tests off`, 'test timeout: 720 → 90 minutes', `recipe: ${staging.failingRecipeName} ${staging.recipeVersion} → ${staging.recipeName} ${staging.recipeVersion}`]);
    const detail = await core.handlers['builder:pipeline']({ account: account.id, region: REGION, arn });
    expect(detail.recipe?.name).toBe(staging.recipeName);
    expect(detail.tests).toEqual({ enabled: false, timeoutMinutes: 90 });
  });

  it('a production account asks for its name first', async () => {
    const hub = IMAGE_BUILDER_FIXTURES.hub;
    const account = entry(hub.accountName);
    expect(account.production).toBe(true);
    const arn = await pipelineArn(hub.accountName, hub.pipelineName, hub.region);
    const error = await failure(core.handlers['builder:update']({ account: account.id, region: hub.region, arn, changes: { status: 'DISABLED' }, confirmations: {} }));
    expect(error.code).toBe('CONFIRMATION_REQUIRED');
    expect(error.message).toContain(hub.accountName);
    const done = await core.handlers['builder:update']({ account: account.id, region: hub.region, arn, changes: { status: 'DISABLED' }, confirmations: { [account.id]: account.name } });
    expect(done.outcome).toBe('changed');
  });
});

describe('cloning a pipeline', () => {
  const TARGET = 'globex-dev';
  const TARGET_REGION = 'eu-central-1';

  it('into another account and region: refused while its own component and parent image are missing there (by name), then made once the target has them', async () => {
    const source = entry(staging.accountName);
    const target = entry(TARGET);
    const arn = await pipelineArn(staging.accountName, staging.pipelineName);
    const input = { account: source.id, region: REGION, arn, targetAccount: target.id, targetRegion: TARGET_REGION, name: `${staging.pipelineName}-copy`, confirmations: {} };

    const checked = await core.handlers['builder:clone']({ ...input, dryRun: true });
    expect(checked.plan.missing).toHaveLength(2);
    expect(checked.plan.missing[0]).toBe(`the component ${staging.componentName} (the account's own) does not exist in ${TARGET} in ${TARGET_REGION}`);
    expect(checked.plan.missing[1]).toMatch(new RegExp(`^the parent image ${staging.parentImagePrefix}\\S* \\(ami-\\w+\\) is not available to ${TARGET} in ${TARGET_REGION}`));
    expect(checked.plan.components.filter((c) => c.owner === 'Amazon').every((c) => c.targetArn?.includes(`:${TARGET_REGION}:aws:component/`))).toBe(true);
    expect(checked.plan.notes.join(' ')).toMatch(/subnet subnet-\w+, security group sg-\w+[^(]* \(they belong to acme-staging in us-east-1\)/);

    const parent = emulator.world.imagesIn(TARGET_REGION).find((i) => i.ownerId === target.awsAccountId && i.state === 'available' && i.architecture === 'x86_64')!;
    Object.assign(input, { parentImage: parent.imageId });
    const refused = await failure(core.handlers['builder:clone'](input));
    expect(refused.code).toBe('NOT_FOUND');
    expect(refused.message).toContain(staging.componentName);
    expect(refused.message).toContain('Nothing was created');
    expect((await core.handlers['builder:pipelines']({ account: target.id, region: TARGET_REGION })).map((p) => p.name)).not.toContain(input.name);
    expect((await core.handlers['builder:pipelineChoices']({ account: target.id, region: TARGET_REGION })).recipes).toEqual([]);

    // The target makes its own component of that name (two versions: the newest is used).
    const id = emulator.identities.find((i) => i.accountName === TARGET)!;
    const ib = new ImagebuilderClient({ region: TARGET_REGION, endpoint: emulator.url, credentials: { accessKeyId: id.accessKeyId, secretAccessKey: id.secretAccessKey } });
    const doc = 'name: setup\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: run\n        action: ExecuteBash\n        inputs:\n          commands:\n            - echo ok\n';
    for (const semanticVersion of ['1.0.0', '1.3.0']) {
      await ib.send(new CreateComponentCommand({ name: staging.componentName, semanticVersion, platform: 'Linux', data: doc, clientToken: `c-${semanticVersion}` }));
    }
    ib.destroy();

    const cloned = await core.handlers['builder:clone'](input);
    expect(cloned.created.map((c) => c.kind)).toEqual(['recipe', 'infrastructure', 'distribution', 'pipeline']);
    expect(cloned.plan.components.find((c) => c.name === staging.componentName)).toMatchObject({ owner: 'Self', targetVersion: '1.3.0' });
    const detail = await core.handlers['builder:pipeline']({ account: target.id, region: TARGET_REGION, arn: cloned.pipelineArn! });
    // As the source is now: edited above (schedule) and disabled.
    expect(detail).toMatchObject({ name: input.name, schedule: 'cron(15 5 ? * MON-FRI *)', status: 'DISABLED' });
    expect(detail.recipe?.parentImage).toBe(parent.imageId);
    expect(detail.recipe?.components.map((c) => c.name)).toContain(staging.componentName);
    expect(detail.infrastructure).toMatchObject({ instanceProfileName: 'EC2InstanceProfileForImageBuilder', subnetId: null });
    // The source's own region becomes the target's; the other region stays.
    expect(detail.distribution?.regions.map((r) => r.region)).toEqual([TARGET_REGION, 'us-west-2']);
    // The target does not share with itself; the rest of the source's sharing stays.
    expect(detail.distribution?.regions[0]?.launchPermission.userIds).not.toContain(target.awsAccountId);

    const [audited] = await auditOf('pipeline-clone');
    expect(audited).toMatchObject({ accountName: TARGET, region: TARGET_REGION, imageName: input.name, outcome: 'ok' });
    expect(audited!.detail).toContain(`cloned from ${staging.pipelineName} (${staging.accountName}, ${REGION})`);

    const twice = await failure(core.handlers['builder:clone'](input));
    expect(twice.code).toBe('CONFLICT');
    expect(twice.details?.issues).toContain(`a pipeline named ${input.name} already exists in ${TARGET} in ${TARGET_REGION}`);
  });

  it('with a component chosen by hand in the target: the missing one is replaced, and a choice the target cannot use is refused', async () => {
    const source = entry(staging.accountName);
    const target = entry('globex-prod');
    const arn = await pipelineArn(staging.accountName, staging.pipelineName);
    const parent = emulator.world.imagesIn(TARGET_REGION).find((i) => i.ownerId === target.awsAccountId && i.state === 'available' && i.architecture === 'x86_64')!;
    const input = { account: source.id, region: REGION, arn, targetAccount: target.id, targetRegion: TARGET_REGION, name: 'chosen-copy', parentImage: parent.imageId, confirmations: { [target.id]: target.name } };
    const planned = await core.handlers['builder:clone']({ ...input, dryRun: true });
    const own = planned.plan.components.find((c) => c.name === staging.componentName)!;
    expect(own).toMatchObject({ targetArn: null, chosen: false });

    const offered = await core.handlers['builder:components']({ account: target.id, region: TARGET_REGION });
    const stand = offered.find((c) => c.owner === 'Amazon' && c.name === 'reboot-linux')!;
    const unusable = `arn:aws:imagebuilder:${TARGET_REGION}:${target.awsAccountId}:component/not-there/1.0.0/1`;
    const refused = await core.handlers['builder:clone']({ ...input, components: { [own.sourceArn]: unusable }, dryRun: true });
    expect(refused.plan.missing).toContain(`the chosen component not-there 1.0.0 is not one ${target.name} in ${TARGET_REGION} can use`);

    const cloned = await core.handlers['builder:clone']({ ...input, components: { [own.sourceArn]: stand.arn } });
    expect(cloned.plan.missing).toEqual([]);
    expect(cloned.plan.components.find((c) => c.sourceArn === own.sourceArn)).toMatchObject({ chosen: true, targetArn: stand.arn });
    expect(cloned.plan.notes).toContain(`The component ${staging.componentName} is replaced by reboot-linux ${stand.version}, as chosen.`);
    const detail = await core.handlers['builder:pipeline']({ account: target.id, region: TARGET_REGION, arn: cloned.pipelineArn! });
    const names = detail.recipe!.components.map((c) => c.name);
    expect(names).toContain('reboot-linux');
    expect(names).not.toContain(staging.componentName);
  });

  it('into a production account asks for its name first', async () => {
    const source = entry(staging.accountName);
    const target = entry('acme-production');
    const arn = await pipelineArn(staging.accountName, staging.pipelineName);
    const error = await failure(core.handlers['builder:clone']({ account: source.id, region: REGION, arn, targetAccount: target.id, targetRegion: REGION, name: 'prod-copy', confirmations: {} }));
    expect(error.code).toBe('CONFIRMATION_REQUIRED');
    expect(error.message).toContain('acme-production');
  });
});

describe('deleting a pipeline', () => {
  it('with its recipe, infrastructure and distribution: the parts another pipeline uses are kept, saying by whom', async () => {
    const account = entry(staging.accountName);
    const arn = await pipelineArn(staging.accountName, staging.pipelineName);
    const all = { recipe: true, infrastructure: true, distribution: true };

    const planned = await core.handlers['builder:remove']({ account: account.id, region: REGION, arn, ...all, dryRun: true, confirmations: {} });
    // The other seeded pipeline was pointed at the same recipe above, and shares the configurations.
    expect(planned.items.map((i) => [i.kind, i.outcome, i.reason])).toEqual([
      ['pipeline', 'will-delete', null],
      ['recipe', 'will-keep', `used by pipeline ${staging.failingPipelineName}`],
      ['infrastructure', 'will-keep', `used by pipeline ${staging.failingPipelineName}`],
      ['distribution', 'will-keep', `used by pipeline ${staging.failingPipelineName}`],
    ]);
    expect((await core.handlers['builder:pipelines']({ account: account.id, region: REGION })).map((p) => p.arn)).toContain(arn);

    const done = await core.handlers['builder:remove']({ account: account.id, region: REGION, arn, ...all, confirmations: {} });
    expect(done.items.map((i) => [i.kind, i.outcome])).toEqual([
      ['pipeline', 'deleted'],
      ['recipe', 'kept'],
      ['infrastructure', 'kept'],
      ['distribution', 'kept'],
    ]);
    expect((await core.handlers['builder:pipelines']({ account: account.id, region: REGION })).map((p) => p.name)).toEqual([staging.failingPipelineName]);
    const [audited] = await auditOf('pipeline-delete');
    expect(audited).toMatchObject({ accountName: staging.accountName, region: REGION, imageName: staging.pipelineName, outcome: 'ok' });
    expect(audited!.detail).toContain(`infrastructure ${staging.infrastructureName} kept: used by pipeline ${staging.failingPipelineName}`);
  });

  it('the last pipeline of its parts takes them all along; the recipe the first pointed at before goes too', async () => {
    const account = entry(staging.accountName);
    const arn = await pipelineArn(staging.accountName, staging.failingPipelineName);
    const done = await core.handlers['builder:remove']({ account: account.id, region: REGION, arn, recipe: true, infrastructure: true, distribution: true, confirmations: {} });
    expect(done.items.map((i) => [i.kind, i.name, i.outcome])).toEqual([
      ['pipeline', staging.failingPipelineName, 'deleted'],
      ['recipe', `${staging.recipeName} ${staging.recipeVersion}`, 'deleted'],
      ['infrastructure', staging.infrastructureName, 'deleted'],
      ['distribution', staging.distributionName, 'deleted'],
    ]);
    const choices = await core.handlers['builder:pipelineChoices']({ account: account.id, region: REGION });
    expect(choices.recipes.map((r) => r.name)).not.toContain(staging.recipeName);
    expect(choices.infrastructures.map((i) => i.name)).not.toContain(staging.infrastructureName);
    expect(choices.distributions.map((d) => d.name)).not.toContain(staging.distributionName);
  });

  it('in a production account asks for its name first and deletes nothing without it', async () => {
    const hub = IMAGE_BUILDER_FIXTURES.hub;
    const account = entry(hub.accountName);
    const arn = await pipelineArn(hub.accountName, hub.pipelineName, hub.region);
    const error = await failure(core.handlers['builder:remove']({ account: account.id, region: hub.region, arn, recipe: true, infrastructure: false, distribution: false, confirmations: {} }));
    expect(error.code).toBe('CONFIRMATION_REQUIRED');
    expect((await core.handlers['builder:pipelines']({ account: account.id, region: hub.region })).map((p) => p.arn)).toContain(arn);
  });

  it("a part another pipeline started using after the check is kept: Image Builder's ResourceDependencyException is read as the same answer", async () => {
    const hub = IMAGE_BUILDER_FIXTURES.hub;
    const id = emulator.identities.find((i) => i.accountName === hub.accountName)!;
    const client = new ImagebuilderClient({ region: hub.region, endpoint: emulator.url, maxAttempts: 1, credentials: { accessKeyId: id.accessKeyId, secretAccessKey: id.secretAccessKey } });
    const arn = await pipelineArn(hub.accountName, hub.failingPipelineName, hub.region);
    const pipeline = (await client.send(new GetImagePipelineCommand({ imagePipelineArn: arn }))).imagePipeline!;
    // Between the check and the recipe's delete, someone else makes a pipeline from the same recipe.
    const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
    (client as unknown as { send: (command: unknown) => Promise<unknown> }).send = async (command) => {
      const out = await send(command);
      if (command instanceof DeleteImagePipelineCommand) {
        await send(new CreateImagePipelineCommand({ name: 'late-user', imageRecipeArn: pipeline.imageRecipeArn, infrastructureConfigurationArn: pipeline.infrastructureConfigurationArn }));
      }
      return out;
    };
    const wrap = (error: unknown, action: string) => toAppError(error, { account: 'hub', accountName: hub.accountName, region: hub.region, action });
    const done = await removePipeline(client, arn, { recipe: true, infrastructure: false, distribution: false }, false, wrap);
    client.destroy();
    expect(done.items.map((i) => [i.kind, i.outcome, i.reason])).toEqual([
      ['pipeline', 'deleted', null],
      ['recipe', 'kept', 'used by pipeline late-user'],
    ]);
  });
});

describe('names, never ids', () => {
  it('the audit entries and errors of managed pipelines name accounts and pipelines, never internal ids', async () => {
    const account = entry(staging.accountName);
    const gone = (await failure(
      core.handlers['builder:update']({ account: account.id, region: REGION, arn: `arn:aws:imagebuilder:${REGION}:${account.awsAccountId}:image-pipeline/no-such-pipeline`, changes: { status: 'DISABLED' }, confirmations: {} }),
    )).message;
    expect(gone).toContain(staging.accountName);
    const entries = (await core.handlers['audit:list']({ limit: 200 })).filter((e) => ['pipeline-update', 'pipeline-clone', 'pipeline-delete', 'enable', 'disable'].includes(e.action as string));
    expect(entries.length).toBeGreaterThanOrEqual(6);
    const text = [gone, ...entries.flatMap((e) => [e.detail ?? '', e.error ?? '', e.imageName, e.accountName])].join('\n');
    const ids = [...ws.accounts.map((a) => a.id), ...ws.accounts.flatMap((a) => a.paths.map((p) => p.id)), ...ws.clients.map((c) => c.id), ...entries.map((e) => e.id)];
    expect(knownIdsIn(text, ids)).toEqual([]);
    expect(idShapedIn(text)).toEqual([]);
  });
});
