/** Image Builder pipelines managed: edited, enabled or disabled, cloned into another account or region, deleted with their dependent resources. */
import { z } from 'zod';
import type { PipelineChoices, PipelineCloneResult, PipelineRemoveResult, PipelineUpdateResult } from '../imagebuilder-manage';
import { common, confirmations, id, imageId, output, region } from './fields';

const builderArn = z.string().max(1024).regex(/^arn:aws[a-z-]*:imagebuilder:[a-z0-9-]+:(\d{12}|aws):[a-z-]+\/[\w./-]+$/, 'must be an Image Builder ARN');
const builderName = z.string().trim().min(1).max(126).regex(/^[-_A-Za-z0-9]+$/, 'letters, digits, - and _ only');

export const schemas = {
  pipelineUpdate: z.strictObject({
    account: id,
    region,
    arn: builderArn,
    /** Only what changes; what is left out stays as the pipeline has it. */
    changes: z.strictObject({
      description: z.string().max(1024).optional(),
      /** A cron expression, or null for "only when started by hand"; Image Builder judges the expression. */
      schedule: z.string().trim().min(1).max(256).nullable().optional(),
      status: z.enum(['ENABLED', 'DISABLED']).optional(),
      tests: z.strictObject({ enabled: z.boolean(), timeoutMinutes: z.number().int().min(60, 'at least 60 minutes').max(1440, 'at most 1440 minutes') }).optional(),
      recipeArn: builderArn.optional(),
      infrastructureArn: builderArn.optional(),
      distributionArn: builderArn.nullable().optional(),
    }),
    confirmations,
  }),
  pipelineRemove: z.strictObject({
    account: id,
    region,
    arn: builderArn,
    /** Which of its parts go too; each is kept when another pipeline still uses it. */
    recipe: z.boolean(),
    infrastructure: z.boolean(),
    distribution: z.boolean(),
    /** Say what would go and what would stay, deleting nothing. */
    dryRun: z.boolean().optional(),
    confirmations,
  }),
  pipelineClone: z.strictObject({
    account: id,
    region,
    arn: builderArn,
    targetAccount: id,
    targetRegion: region,
    name: builderName,
    /** Another parent image for the target (the source's may not exist there). */
    parentImage: z.union([imageId, builderArn]).optional(),
    /** The target's component to use in place of a source component, by the source component's ARN (else matched by name). */
    components: z.record(builderArn, builderArn).optional(),
    /** Resolve the components and say what is missing, creating nothing. */
    dryRun: z.boolean().optional(),
    confirmations,
  }),
} as const;

export const channels = {
  /** Changes a pipeline (UpdateImagePipeline with the rest as it was); enable and disable are edits of its status. */
  'builder:update': { input: schemas.pipelineUpdate, output: output<PipelineUpdateResult>() },
  /** Deletes a pipeline, then the recipe, infrastructure and distribution asked for that no other pipeline uses. */
  'builder:remove': { input: schemas.pipelineRemove, output: output<PipelineRemoveResult>() },
  /** Re-creates a pipeline (recipe, infrastructure, distribution, pipeline) in another account or region; rolls back on failure. */
  'builder:clone': { input: schemas.pipelineClone, output: output<PipelineCloneResult>() },
  /** The account's recipes (every version), infrastructure and distribution configurations in a region. */
  'builder:pipelineChoices': { input: common.regionRef, output: output<PipelineChoices>() },
} as const;

export const events = {} as const;
