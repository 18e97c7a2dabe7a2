/**
 * Editing a pipeline. UpdateImagePipeline replaces the pipeline's settings as a whole, so the
 * pipeline is read first and sent back with only the asked-for changes applied; what changed is
 * said in words for the page and the audit log.
 */
import { randomUUID } from 'node:crypto';
import { UpdateImagePipelineCommand, type ImagebuilderClient, type ImagePipeline } from '@aws-sdk/client-imagebuilder';
import type { ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Wrap } from '../sharing/image-facts';
import { call, partLabel, readPipeline } from './pipeline-parts';

export type PipelineChanges = ChannelParsedInput<'builder:update'>['changes'];

export interface UpdateOutcome {
  name: string;
  /** Each change in words; empty when the edit asked for what the pipeline already was. */
  changes: string[];
  /** Set when the status is the only thing that changed (an enable or a disable). */
  statusOnly: 'ENABLED' | 'DISABLED' | null;
}

/** The pipeline as it would be after the edit, and each difference in words. */
export function applyChanges(current: ImagePipeline, changes: PipelineChanges): { next: ImagePipeline; words: string[]; statusChanged: boolean } {
  const words: string[] = [];
  const next: ImagePipeline = { ...current };
  if (changes.description !== undefined && changes.description.trim() !== (current.description ?? '')) {
    next.description = changes.description.trim() || undefined;
    words.push(next.description ? `description: “${next.description}”` : 'description removed');
  }
  if (changes.schedule !== undefined && changes.schedule !== (current.schedule?.scheduleExpression ?? null)) {
    const was = current.schedule?.scheduleExpression ?? 'none';
    next.schedule = changes.schedule === null ? undefined : { ...current.schedule, pipelineExecutionStartCondition: current.schedule?.pipelineExecutionStartCondition ?? 'EXPRESSION_MATCH_ONLY', scheduleExpression: changes.schedule };
    words.push(`schedule: ${was} → ${changes.schedule ?? 'none (runs only when started)'}`);
  }
  let statusChanged = false;
  if (changes.status !== undefined && changes.status !== (current.status ?? 'ENABLED')) {
    next.status = changes.status;
    statusChanged = true;
    words.push(`status: ${current.status ?? 'ENABLED'} → ${changes.status}`);
  }
  if (changes.tests !== undefined) {
    const was = { enabled: current.imageTestsConfiguration?.imageTestsEnabled ?? true, timeoutMinutes: current.imageTestsConfiguration?.timeoutMinutes ?? 720 };
    if (was.enabled !== changes.tests.enabled) words.push(`image tests ${changes.tests.enabled ? 'on' : 'off'}`);
    if (was.timeoutMinutes !== changes.tests.timeoutMinutes) words.push(`test timeout: ${was.timeoutMinutes} → ${changes.tests.timeoutMinutes} minutes`);
    next.imageTestsConfiguration = { imageTestsEnabled: changes.tests.enabled, timeoutMinutes: changes.tests.timeoutMinutes };
  }
  if (changes.recipeArn !== undefined && changes.recipeArn !== current.imageRecipeArn) {
    words.push(`recipe: ${current.imageRecipeArn ? partLabel('recipe', current.imageRecipeArn) : 'none'} → ${partLabel('recipe', changes.recipeArn)}`);
    next.imageRecipeArn = changes.recipeArn;
  }
  if (changes.infrastructureArn !== undefined && changes.infrastructureArn !== current.infrastructureConfigurationArn) {
    words.push(`infrastructure: ${current.infrastructureConfigurationArn ? partLabel('infrastructure', current.infrastructureConfigurationArn) : 'none'} → ${partLabel('infrastructure', changes.infrastructureArn)}`);
    next.infrastructureConfigurationArn = changes.infrastructureArn;
  }
  if (changes.distributionArn !== undefined && changes.distributionArn !== (current.distributionConfigurationArn ?? null)) {
    const was = current.distributionConfigurationArn ? partLabel('distribution', current.distributionConfigurationArn) : 'none';
    words.push(`distribution: ${was} → ${changes.distributionArn ? partLabel('distribution', changes.distributionArn) : 'none'}`);
    next.distributionConfigurationArn = changes.distributionArn ?? undefined;
  }
  return { next, words, statusChanged };
}

export async function updatePipeline(client: ImagebuilderClient, arn: string, changes: PipelineChanges, wrap: Wrap): Promise<UpdateOutcome> {
  const current = await readPipeline(client, arn, wrap);
  const name = current.name ?? arn;
  const { next, words, statusChanged } = applyChanges(current, changes);
  if (words.length === 0) return { name, changes: [], statusOnly: null };
  if (!next.infrastructureConfigurationArn) {
    throw new AppError({ code: 'VALIDATION', message: `${name} has no infrastructure configuration: choose one.`, retryable: false, details: { issues: ['infrastructure: choose one'] } });
  }
  await call(refusalsInWords(wrap), 'imagebuilder:UpdateImagePipeline', () =>
    client.send(
      new UpdateImagePipelineCommand({
        imagePipelineArn: arn,
        description: next.description || undefined,
        imageRecipeArn: next.imageRecipeArn,
        infrastructureConfigurationArn: next.infrastructureConfigurationArn,
        distributionConfigurationArn: next.distributionConfigurationArn,
        imageTestsConfiguration: next.imageTestsConfiguration,
        enhancedImageMetadataEnabled: next.enhancedImageMetadataEnabled,
        schedule: next.schedule,
        status: next.status,
        clientToken: randomUUID(),
      }),
    ),
  );
  return { name, changes: words, statusOnly: statusChanged && words.length === 1 ? (next.status === 'DISABLED' ? 'DISABLED' : 'ENABLED') : null };
}

/** Which field of the edit an Image Builder parameter is (its validation message goes there). */
const FIELD_OF: ReadonlyArray<[RegExp, string]> = [
  [/^schedule/, 'schedule'],
  [/^description/, 'description'],
  [/^imageTests/, 'tests'],
  [/^imageRecipe/, 'recipe'],
  [/^infrastructure/, 'infrastructure'],
  [/^distribution/, 'distribution'],
  [/^status/, 'status'],
];

/**
 * Image Builder's refusals of the input (a cron expression it cannot read, a recipe it does not
 * have) become VALIDATION errors naming the field, so the dialog shows them beside it.
 */
function refusalsInWords(wrap: Wrap): Wrap {
  return (error, action) => {
    const appError = wrap(error, action);
    const awsCode = appError.details?.awsCode;
    if (awsCode !== 'InvalidParameterValueException' && awsCode !== 'InvalidRequestException' && awsCode !== 'InvalidParameterCombinationException') return appError;
    const text = appError.message.split(' — ').slice(1).join(' — ') || appError.message;
    const member = /parameter '([^']+)'/.exec(text)?.[1] ?? '';
    const field = FIELD_OF.find(([pattern]) => pattern.test(member))?.[1] ?? 'pipeline';
    return new AppError({ code: 'VALIDATION', message: appError.message, retryable: false, details: { ...appError.details, issues: [`${field}: ${text}`] } });
  };
}
