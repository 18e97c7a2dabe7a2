/** Image Builder: pipelines managed (edit, enable/disable, clone, delete with dependents). Serves the channels of shared/contract/builder-manage.ts. */
import type { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import type { ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { PipelineChoices, PipelineCloneResult, PipelineRemoveResult, PipelineUpdateResult } from '../../../shared/imagebuilder-manage';
import type { AuditAction } from '../../../shared/sharing';
import { accountError, placeError, type CoreContext } from '../context';
import { requireConfirmations } from '../production-guard';
import type { AuditBook } from '../sharing/audit-book';
import { auditPlace, withAuditNote, type AuditRecord } from '../sharing/audit-log';
import type { Wrap } from '../sharing/image-facts';
import { createClone, planClone, readCloneSource } from './clone-pipeline';
import { removalInWords, removePipeline } from './delete-pipeline';
import { nameOf, pipelineChoices } from './pipeline-parts';
import { updatePipeline } from './update-pipeline';

export interface PipelineManageServiceDeps {
  /** AWS through the accounts' paths: reads through any healthy one, changes through the acting one. */
  aws: Pick<CoreContext, 'read' | 'write' | 'pool'>;
  /** Which accounts are production (the guard), their names, and who acts for them (the audit log). */
  accounts: Pick<CoreContext, 'workspace' | 'require' | 'actingPath'>;
  /** Every change is written to the audit log, as everywhere. */
  audit: AuditBook;
}

/** The audit log's words for a pipeline change. */
type PipelineAuditAction = Extract<AuditAction, 'pipeline-update' | 'pipeline-clone' | 'pipeline-delete' | 'enable' | 'disable'>;

export class PipelineManageService {
  constructor(protected readonly deps: PipelineManageServiceDeps) {}

  pipelineChoices({ account, region }: ChannelParsedInput<'builder:pipelineChoices'>): Promise<PipelineChoices> {
    const { aws } = this.deps;
    return aws.read(account, region, 'imagebuilder:ListImageRecipes', (path) =>
      pipelineChoices(aws.pool.imagebuilder(path, region), (error, what) => placeError(error, path, region, what)),
    );
  }

  async update({ account, region, arn, changes, confirmations }: ChannelParsedInput<'builder:update'>): Promise<PipelineUpdateResult> {
    const what = changes.status && Object.keys(changes).length === 1 ? (changes.status === 'DISABLED' ? 'disabling a pipeline in it' : 'enabling a pipeline in it') : 'changing a pipeline in it';
    requireConfirmations(this.deps.accounts, [account], confirmations, what);
    const name = nameOf(arn);
    try {
      const done = await this.writing(account, region, 'imagebuilder:UpdateImagePipeline', (client, wrap) => updatePipeline(client, arn, changes, wrap));
      if (done.changes.length === 0) {
        return { pipelineArn: arn, name: done.name, outcome: 'unchanged', changes: [], auditId: null, message: `${done.name} already is as asked: nothing changed.` };
      }
      const action: PipelineAuditAction = done.statusOnly === 'DISABLED' ? 'disable' : done.statusOnly === 'ENABLED' ? 'enable' : 'pipeline-update';
      const detail = `Image Builder pipeline ${done.name}: ${done.changes.join('; ')}.`;
      const logged = this.record(action, account, region, done.name, 'ok', null, detail);
      return { pipelineArn: arn, name: done.name, outcome: 'changed', changes: done.changes, auditId: logged.id, message: withAuditNote(detail, logged) };
    } catch (error) {
      const appError = this.asAppError(error, account, region, 'imagebuilder:UpdateImagePipeline');
      // A change Image Builder refused as invalid changed nothing: it is not audited, only shown.
      if (appError.code !== 'VALIDATION') this.record('pipeline-update', account, region, name, 'failed', appError.message, `Image Builder pipeline ${name}: edit failed.`);
      throw appError;
    }
  }

  async remove({ account, region, arn, recipe, infrastructure, distribution, dryRun, confirmations }: ChannelParsedInput<'builder:remove'>): Promise<PipelineRemoveResult> {
    if (!dryRun) requireConfirmations(this.deps.accounts, [account], confirmations, 'deleting a pipeline in it');
    const wanted = { recipe, infrastructure, distribution };
    if (dryRun) {
      const plan = await this.reading(account, region, 'imagebuilder:ListImagePipelines', (client, wrap) => removePipeline(client, arn, wanted, true, wrap));
      return { dryRun: true, pipelineName: plan.pipelineName, items: plan.items, auditId: null, message: `${removalInWords(plan.items)}.` };
    }
    const name = nameOf(arn);
    let done: Awaited<ReturnType<typeof removePipeline>>;
    try {
      done = await this.writing(account, region, 'imagebuilder:DeleteImagePipeline', (client, wrap) => removePipeline(client, arn, wanted, false, wrap));
    } catch (error) {
      const appError = this.asAppError(error, account, region, 'imagebuilder:DeleteImagePipeline');
      this.record('pipeline-delete', account, region, name, 'failed', appError.message, `Image Builder pipeline ${name}: nothing was deleted.`);
      throw appError;
    }
    const failed = done.items.filter((i) => i.outcome === 'failed');
    const detail = `Image Builder pipeline ${done.pipelineName}: ${removalInWords(done.items)}.`;
    // The pipeline is gone either way; a part that could not be deleted is the entry's error.
    const logged = this.record('pipeline-delete', account, region, done.pipelineName, 'ok', failed.length > 0 ? failed.map((i) => `${i.kind} ${i.name}: ${i.reason}`).join('; ') : null, detail);
    return { dryRun: false, pipelineName: done.pipelineName, items: done.items, auditId: logged.id, message: withAuditNote(detail, logged) };
  }

  async clone({ account, region, arn, targetAccount, targetRegion, name, parentImage, components, dryRun, confirmations }: ChannelParsedInput<'builder:clone'>): Promise<PipelineCloneResult> {
    const { aws, accounts } = this.deps;
    if (!dryRun) requireConfirmations(accounts, [targetAccount], confirmations, 'creating a pipeline in it');
    const from = accounts.require(account).account;
    const to = accounts.require(targetAccount).account;
    const source = await aws.read(account, region, 'imagebuilder:GetImagePipeline', (path) =>
      readCloneSource(aws.pool.imagebuilder(path, region), aws.pool.ec2(path, region), arn, (error, what) => placeError(error, path, region, what)),
    );
    const fromPlace = { accountName: from.name, awsAccountId: from.awsAccountId, region };
    const toPlace = { accountName: to.name, awsAccountId: to.awsAccountId, region: targetRegion };
    const plan = (client: ImagebuilderClient, ec2: ReturnType<typeof aws.pool.ec2>, wrap: Wrap) => planClone(source, fromPlace, toPlace, { client, ec2, wrap }, name, parentImage, components ?? {});
    const refuse = (planned: Awaited<ReturnType<typeof planClone>>) =>
      new AppError({
        code: planned.refusal ?? 'CONFLICT',
        message: `${source.pipeline.name ?? nameOf(arn)} cannot be cloned into ${to.name} in ${targetRegion}: ${planned.plan.missing.join('; ')}. Nothing was created.`,
        retryable: false,
        details: { account: targetAccount, accountName: to.name, ...(to.awsAccountId ? { awsAccountId: to.awsAccountId } : {}), region: targetRegion, issues: planned.plan.missing },
      });

    if (dryRun) {
      const planned = await aws.read(targetAccount, targetRegion, 'imagebuilder:ListComponents', (path) =>
        plan(aws.pool.imagebuilder(path, targetRegion), aws.pool.ec2(path, targetRegion), (error, what) => placeError(error, path, targetRegion, what)),
      );
      const message = planned.refusal ? refuse(planned).message : `${name} can be created in ${to.name} in ${targetRegion}.`;
      return { plan: planned.plan, dryRun: true, pipelineArn: null, created: [], auditId: null, message };
    }

    const from_ = `${source.pipeline.name ?? nameOf(arn)} (${from.name}, ${region})`;
    try {
      const made = await aws.write(targetAccount, targetRegion, 'imagebuilder:CreateImagePipeline', async (path) => {
        const wrap: Wrap = (error, what) => placeError(error, path, targetRegion, what);
        const client = aws.pool.imagebuilder(path, targetRegion);
        const planned = await plan(client, aws.pool.ec2(path, targetRegion), wrap);
        if (planned.refusal) throw refuse(planned);
        return { planned, ...(await createClone(client, planned.spec, wrap)) };
      });
      const notes = made.planned.plan.notes;
      const detail = `Image Builder pipeline ${name} cloned from ${from_}: recipe, infrastructure${made.planned.spec.distribution ? ', distribution' : ''} and pipeline created.${notes.length > 0 ? ` ${notes.join(' ')}` : ''}`;
      const logged = this.record('pipeline-clone', targetAccount, targetRegion, name, 'ok', null, detail);
      return { plan: made.planned.plan, dryRun: false, pipelineArn: made.pipelineArn, created: made.created, auditId: logged.id, message: withAuditNote(detail, logged) };
    } catch (error) {
      const appError = this.asAppError(error, targetAccount, targetRegion, 'imagebuilder:CreateImagePipeline');
      this.record('pipeline-clone', targetAccount, targetRegion, name, 'failed', appError.message, `Image Builder pipeline ${name} from ${from_}: not cloned.`);
      throw appError;
    }
  }

  /** One audit entry: the account and region by name, the pipeline's name where an image's would be. */
  private record(action: PipelineAuditAction, account: string, region: string, pipelineName: string, outcome: 'ok' | 'failed', error: string | null, detail: string): AuditRecord {
    const { accounts, audit } = this.deps;
    const located = accounts.require(account);
    return audit.logFor(located.source).record({
      ...auditPlace(action, account, located.account, accounts.actingPath(account), region),
      imageId: '',
      imageName: pipelineName,
      snapshotIds: [],
      outcome,
      error,
      detail,
    });
  }

  private asAppError(error: unknown, account: string, region: string, action: string): AppError {
    return error instanceof AppError ? error : accountError(error, this.deps.accounts.require(account).account, region, action);
  }

  private reading<T>(account: string, region: string, action: string, work: (client: ImagebuilderClient, wrap: Wrap) => Promise<T>): Promise<T> {
    const { aws } = this.deps;
    return aws.read(account, region, action, (path) => work(aws.pool.imagebuilder(path, region), (error, what) => placeError(error, path, region, what)));
  }

  private writing<T>(account: string, region: string, action: string, work: (client: ImagebuilderClient, wrap: Wrap) => Promise<T>): Promise<T> {
    const { aws } = this.deps;
    return aws.write(account, region, action, (path) => work(aws.pool.imagebuilder(path, region), (error, what) => placeError(error, path, region, what)));
  }
}

