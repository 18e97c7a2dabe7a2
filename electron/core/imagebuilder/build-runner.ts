/**
 * Follows Image Builder runs: starts a pipeline with a stored client token, then reads the
 * build's status, its workflow steps and, at the end, the AMIs it distributed, until it is
 * AVAILABLE, FAILED or CANCELLED. Runs live in SQLite, so they are followed again after a
 * restart; a failed check is retried on the next pass, never taken for a failed build.
 */
import { randomUUID } from 'node:crypto';
import {
  CancelImageCreationCommand,
  GetImageCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  StartImagePipelineExecutionCommand,
  type ImagebuilderClient,
} from '@aws-sdk/client-imagebuilder';
import { AppError } from '../../../shared/errors';
import type { BuildAmi, BuildRun, BuildStep } from '../../../shared/imagebuilder';
import type { AccountSource } from '../accounts/account-source';
import type { CoreContext } from '../context';
import { JobDriver } from '../jobs/durable';
import { PerSource } from '../db/prefixed-store';
import type { SourceDatabases } from '../db/source-databases';
import { FINAL_STATES, publicRun, RunStore, type StoredRun } from './run-store';

const CHANGES = new Set(['StartImagePipelineExecution', 'CancelImageCreation']);

export interface BuildRunnerOptions {
  databases: SourceDatabases;
  pollMs?: number;
  notify?: (notice: { title: string; body: string }) => void;
}

export class BuildRunner {
  private readonly stores: PerSource<RunStore>;
  private readonly driver: JobDriver<RunStore, StoredRun>;

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: BuildRunnerOptions,
  ) {
    this.stores = new PerSource(options.databases, (db, prefix) => new RunStore(db, prefix));
    // A run not started yet is started (with its stored token); a started one is followed.
    this.driver = new JobDriver(() => ctx.sources(), this.stores, { active: (store) => store.active(), steps: (store, runs) => runs.map((run) => (run.imageBuildArn ? this.follow(store, run) : this.begin(store, run))) }, options.pollMs ?? 2000);
  }

  async start(account: string, region: string, pipelineArn: string, pipelineName: string): Promise<BuildRun> {
    const located = this.ctx.require(account);
    const run = this.storeFor(located.source).add({ account, accountName: located.account.name, region, pipelineArn, pipelineName, clientToken: randomUUID() });
    this.changed(run);
    await this.begin(this.storeFor(located.source), run);
    this.wake();
    return publicRun(this.storeFor(located.source).get(run.id)!);
  }

  /** The runs of the open workspace. */
  list(): BuildRun[] {
    return [this.ctx.active()]
      .flatMap((s) => this.storeFor(s).list())
      .sort((a, b) => (a.startedAt === b.startedAt ? b.id.localeCompare(a.id) : a.startedAt < b.startedAt ? 1 : -1))
      .map(publicRun);
  }

  async cancel(id: string): Promise<BuildRun> {
    const owner = this.stores.owner(this.ctx.sources(), id);
    const run = owner?.store.get(id);
    if (!owner || !run) throw new AppError({ code: 'NOT_FOUND', message: 'That run is no longer listed.', retryable: false });
    if (run.finished) return publicRun(run);
    const marked = owner.store.update(id, { cancelRequested: true });
    if (marked.imageBuildArn) await this.sendCancel(owner.store, marked);
    return publicRun(owner.store.get(id)!);
  }

  wake(): void {
    this.driver.wake();
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  private storeFor(source: AccountSource): RunStore {
    return this.stores.for(source);
  }

  private client(run: StoredRun): { send: <T>(action: string, work: (c: ImagebuilderClient) => Promise<T>) => Promise<T> } {
    return {
      // Starting and cancelling change something: the acting path. Following a run only reads.
      send: (action, work) =>
        (CHANGES.has(action) ? this.ctx.write : this.ctx.read)(run.account, run.region, `imagebuilder:${action}`, (path) => work(this.ctx.pool.imagebuilder(path, run.region))),
    };
  }

  private async begin(store: RunStore, run: StoredRun): Promise<void> {
    if (!this.ctx.find(run.account)) return;
    await this.driver.exclusive(run.id, () => this.startRun(store, run));
  }

  private async startRun(store: RunStore, run: StoredRun): Promise<void> {
    try {
      const out = await this.client(run).send('StartImagePipelineExecution', (c) =>
        c.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: run.pipelineArn, clientToken: run.clientToken })),
      );
      if (!out.imageBuildVersionArn) throw new AppError({ code: 'AWS_ERROR', message: 'Image Builder answered without a build.', retryable: true });
      const started = store.update(run.id, { imageBuildArn: out.imageBuildVersionArn, status: 'PENDING' });
      this.changed(started);
      if (started.cancelRequested) await this.sendCancel(store, started);
    } catch (error) {
      const appError = error instanceof AppError ? error : new AppError({ code: 'INTERNAL', message: String(error), retryable: false });
      if (appError.retryable) return; // network, throttling: the next pass starts it (same token, same build)
      const failed = store.update(run.id, { status: 'FAILED', finished: true, reason: appError.message, error: appError.toShape(), finishedAt: new Date().toISOString() });
      this.changed(failed);
      this.notify(failed);
    }
  }

  private follow(store: RunStore, run: StoredRun): Promise<void> {
    return this.driver.exclusive(run.id, () => this.check(store, run));
  }

  private async check(store: RunStore, run: StoredRun): Promise<void> {
    try {
      const api = this.client(run);
      const image = (await api.send('GetImage', (c) => c.send(new GetImageCommand({ imageBuildVersionArn: run.imageBuildArn! })))).image;
      const status = image?.state?.status ?? run.status;
      const steps = await this.readSteps(run).catch(() => run.steps);
      const amis: BuildAmi[] = (image?.outputResources?.amis ?? []).flatMap((a) =>
        a.image && a.region ? [{ region: a.region, imageId: a.image, name: a.name ?? a.image, awsAccountId: a.accountId ?? '' }] : [],
      );
      const finished = FINAL_STATES.has(status);
      const changed = status !== run.status || steps.length !== run.steps.length || JSON.stringify(steps) !== JSON.stringify(run.steps) || amis.length !== run.amis.length;
      if (!changed && !finished) return;
      const updated = store.update(run.id, {
        status,
        steps,
        amis,
        reason: image?.state?.reason ?? null,
        ...(finished ? { finished: true, finishedAt: new Date().toISOString() } : {}),
      });
      this.changed(updated);
      if (finished) {
        this.notify(updated);
        if (amis.length > 0) {
          this.ctx.emit('images:changed', { images: amis.filter((a) => a.region).map((a) => ({ account: run.account, region: a.region, imageId: a.imageId })), auditIds: [] });
        }
      }
    } catch {
      // Not an answer about the build (network, throttling, credentials): check again next pass.
    }
  }

  private async readSteps(run: StoredRun): Promise<BuildStep[]> {
    const api = this.client(run);
    const executions = (await api.send('ListWorkflowExecutions', (c) => c.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: run.imageBuildArn! })))).workflowExecutions ?? [];
    const steps: BuildStep[] = [];
    for (const execution of executions) {
      if (!execution.workflowExecutionId) continue;
      const out = await api.send('ListWorkflowStepExecutions', (c) => c.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: execution.workflowExecutionId })));
      const workflow = execution.type ?? execution.workflowBuildVersionArn?.split('/').at(-3) ?? 'workflow';
      for (const step of out.steps ?? []) {
        steps.push({
          workflow,
          name: step.name ?? step.stepExecutionId ?? 'step',
          status: step.status ?? 'PENDING',
          startTime: step.startTime ?? null,
          endTime: step.endTime ?? null,
          message: step.message ?? null,
        });
      }
    }
    return steps;
  }

  private async sendCancel(store: RunStore, run: StoredRun): Promise<void> {
    await this.client(run).send('CancelImageCreation', (c) => c.send(new CancelImageCreationCommand({ imageBuildVersionArn: run.imageBuildArn!, clientToken: randomUUID() })));
    await this.follow(store, run);
  }

  private changed(run: StoredRun): void {
    this.ctx.emit('builder:run', publicRun(run));
  }

  private notify(run: StoredRun): void {
    if (!this.options.notify) return;
    const where = `${run.accountName}/${run.region}`;
    this.options.notify(
      run.status === 'AVAILABLE'
        ? { title: 'Image build finished', body: `${run.pipelineName} in ${where}: ${run.amis.length} AMI${run.amis.length === 1 ? '' : 's'} distributed.` }
        : { title: `Image build ${run.status.toLowerCase()}`, body: `${run.pipelineName} in ${where}${run.reason ? `: ${run.reason}` : ''}` },
    );
  }
}
