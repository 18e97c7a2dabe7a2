/**
 * A pipeline's history as Image Builder keeps it: every image build version it made (whoever
 * started it: its schedule, someone in the console, the CLI or this app), with its status, when
 * it was made, the AMIs it distributed and which account owns each, where its logs are, and on
 * request its workflow executions and their steps.
 */
import type { BuildStep } from './imagebuilder';

/** How a build was started, as Image Builder says (SCHEDULED, USER_INITIATED, IMPORT, IMPORT_ISO). */
export type HistoryBuildType = string;

export interface HistoryAmi {
  region: string;
  imageId: string;
  name: string;
  /** The AWS account that owns this copy (12 digits); null when Image Builder did not say. */
  awsAccountId: string | null;
  /** The AMI's own status as Image Builder reports it (AVAILABLE, PENDING, FAILED…). */
  status: string | null;
}

export interface BuildLogStream {
  /** /aws/imagebuilder/<image name> unless the image names another group. */
  logGroup: string;
  /** <version>/<build number>, e.g. 1.0.0/3. */
  logStream: string;
  /** The stream in the CloudWatch console; null outside the commercial partition. */
  consoleUrl: string | null;
}

export interface BuildS3Logs {
  bucket: string;
  /** The key prefix the infrastructure configuration names ('' for the bucket's root). */
  prefix: string;
  /** The bucket at that prefix in the S3 console; null outside the commercial partition. */
  consoleUrl: string | null;
}

export interface HistoryBuild {
  /** The image build version ARN (…:image/NAME/1.0.0/3). */
  arn: string;
  /** The image's name (the recipe's). */
  name: string;
  /** 1.0.0/3: semantic version and build number. */
  version: string;
  buildType: HistoryBuildType | null;
  status: string;
  reason: string | null;
  createdAt: string | null;
  amis: HistoryAmi[];
  logs: BuildLogStream;
}

export interface BuildHistoryPage {
  account: string;
  region: string;
  pipelineArn: string;
  /** Newest first within the page. */
  builds: HistoryBuild[];
  /** Ask again with this for older builds; null at the end. */
  nextToken: string | null;
}

export interface WorkflowRun {
  workflowExecutionId: string;
  /** BUILD, TEST or DISTRIBUTION. */
  type: string;
  workflowArn: string | null;
  status: string;
  message: string | null;
  startTime: string | null;
  endTime: string | null;
  totalSteps: number | null;
  stepsSucceeded: number | null;
  stepsFailed: number | null;
  stepsSkipped: number | null;
  steps: BuildStep[];
}

export interface BuildStepsAnswer {
  imageBuildArn: string;
  /** In the order Image Builder ran them. */
  workflows: WorkflowRun[];
  /** What Image Builder said about the build's workflows as a whole, if anything. */
  message: string | null;
  logs: BuildLogStream;
  /** Set when the build's infrastructure configuration logs to S3. */
  s3Logs: BuildS3Logs | null;
}
