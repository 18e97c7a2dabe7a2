/** EC2 Image Builder: pipelines, runs followed as jobs, components, and creating a pipeline. */
import { z } from 'zod';
import type { BuildRun, ComponentChoice, CreatePipelineResult, PipelineDetail, PipelineSummary } from '../imagebuilder';
import { id, region, imageId, confirmations, common, output, event } from './fields';

const builderArn = z.string().max(1024).regex(/^arn:aws[a-z-]*:imagebuilder:[a-z0-9-]+:(\d{12}|aws):[a-z-]+\/[\w./-]+$/, 'must be an Image Builder ARN');
const builderName = z.string().trim().min(1).max(126).regex(/^[-_A-Za-z0-9]+$/, 'letters, digits, - and _ only');

export const schemas = {
  pipelineRef: z.strictObject({ account: id, region, arn: builderArn }),
  pipelineStart: z.strictObject({ account: id, region, arn: builderArn, confirmations }),
  pipelineCreate: z.strictObject({
    account: id,
    region,
    name: builderName,
    description: z.string().max(1024),
    parentImage: z.union([imageId, builderArn]),
    recipeVersion: z.string().regex(/^\d+\.\d+\.\d+$/, 'must look like 1.0.0'),
    components: z.array(builderArn).min(1).max(20),
    tests: z.array(builderArn).max(20),
    instanceProfileName: z.string().min(1).max(256).regex(/^[\w+=,.@-]+$/, 'must be an instance profile name'),
    instanceTypes: z.array(z.string().regex(/^[a-z0-9]+[a-z0-9-]*\.[a-z0-9]+$/, 'must be an instance type such as m5.large')).min(1).max(10),
    terminateInstanceOnFailure: z.boolean(),
    regions: z.array(region).min(1).max(32),
    amiName: z.string().min(1).max(127),
    shareWithAccounts: z.array(z.string().regex(/^\d{12}$/, 'must be a 12-digit account id')).max(100),
    schedule: z.string().max(256).regex(/^cron\(.+\)$/, 'must be a cron expression such as cron(0 6 ? * MON *)').nullable(),
    confirmations,
  }),
} as const;

export const channels = {
  'builder:pipelines': { input: common.regionRef, output: output<PipelineSummary[]>() },
  'builder:pipeline': { input: schemas.pipelineRef, output: output<PipelineDetail>() },
  /** Starts a run (with a client token) and follows it as a job. */
  'builder:start': { input: schemas.pipelineStart, output: output<BuildRun>() },
  'builder:runs': { input: common.empty, output: output<BuildRun[]>() },
  'builder:cancel': { input: common.jobCancel, output: output<BuildRun>() },
  /** The account's and Amazon's components in a region. */
  'builder:components': { input: common.regionRef, output: output<ComponentChoice[]>() },
  /** Creates recipe, infrastructure, distribution and pipeline in order; rolls back on failure. */
  'builder:create': { input: schemas.pipelineCreate, output: output<CreatePipelineResult>() },
} as const;

export const events = {
  /** An Image Builder run was started, moved on, or ended. */
  'builder:run': event<BuildRun>(),
} as const;
