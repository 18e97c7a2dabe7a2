/** Image Builder's own history of a pipeline: its image build versions, their workflow and step executions, and links to their logs. */
import { z } from 'zod';
import type { BuildHistoryPage, BuildStepsAnswer } from '../imagebuilder-history';
import { id, region, output } from './fields';

const pipelineArn = z
  .string()
  .max(1024)
  .regex(/^arn:aws[a-z-]*:imagebuilder:[a-z0-9-]+:\d{12}:image-pipeline\/[a-z0-9-_]+$/, 'must be an image pipeline ARN');
const imageBuildArn = z
  .string()
  .max(1024)
  .regex(/^arn:aws[a-z-]*:imagebuilder:[a-z0-9-]+:\d{12}:image\/[a-z0-9-_]+\/\d+\.\d+\.\d+\/\d+$/, 'must be an image build version ARN');

export const schemas = {
  historyPage: z.strictObject({ account: id, region, arn: pipelineArn, nextToken: z.string().min(1).max(65535).optional() }),
  buildRef: z.strictObject({ account: id, region, imageBuildArn }),
  /** Which log of a build to open; main reads where it is and builds the console URL itself. */
  buildLogs: z.strictObject({ account: id, region, imageBuildArn, where: z.enum(['cloudwatch', 's3']) }),
} as const;

export const channels = {
  /** One page of the pipeline's image build versions, newest first, whoever started them. */
  'builder:history': { input: schemas.historyPage, output: output<BuildHistoryPage>() },
  /** A build's workflow executions (build, test, distribution) with their steps, and where its logs are. */
  'builder:buildSteps': { input: schemas.buildRef, output: output<BuildStepsAnswer>() },
  /** Opens the build's log stream (CloudWatch) or its S3 log location in the AWS Console; answers with the URL opened. */
  'builder:openLogs': { input: schemas.buildLogs, output: output<{ url: string }>() },
} as const;

export const events = {} as const;
