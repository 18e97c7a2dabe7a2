/**
 * Image Builder pipelines managed: what an edit changed (in words), what a delete removed or
 * kept (and why), and what a clone into another account or region needs and made.
 */
import type { CreatedResource } from './imagebuilder';

/** What a pipeline can be pointed at in its account and region (the edit's pickers). */
export interface PipelineChoices {
  /** Every version of the account's image recipes, newest version first within a name. */
  recipes: Array<{ arn: string; name: string; version: string; platform: string | null }>;
  infrastructures: Array<{ arn: string; name: string; description: string | null }>;
  distributions: Array<{ arn: string; name: string; description: string | null }>;
}

export interface PipelineUpdateResult {
  pipelineArn: string;
  name: string;
  /** 'changed', or 'unchanged' when the edit asked for what the pipeline already was. */
  outcome: 'changed' | 'unchanged';
  /** Each change in words, e.g. "schedule: cron(0 3 * * ? *) → none". */
  changes: string[];
  auditId: string | null;
  /** One sentence for the page (says so when the audit entry could not be written). */
  message: string;
}

/** A pipeline's own parts, each of which a delete may take along. */
export type PipelinePart = 'pipeline' | 'recipe' | 'infrastructure' | 'distribution';

export interface RemovalItem {
  kind: PipelinePart;
  arn: string;
  /** As people read it: the recipe with its version. */
  name: string;
  /**
   * A dry run says what would happen ('will-delete', 'will-keep'); the delete what did
   * ('deleted', 'kept', 'failed').
   */
  outcome: 'will-delete' | 'will-keep' | 'deleted' | 'kept' | 'failed';
  /** Why it is kept or failed, in words ("used by pipeline app-base-cis-check"); null otherwise. */
  reason: string | null;
}

export interface PipelineRemoveResult {
  dryRun: boolean;
  pipelineName: string;
  items: RemovalItem[];
  auditId: string | null;
  message: string;
}

/** A component of the source recipe and what it becomes in the target account-region. */
export interface CloneComponent {
  name: string;
  /** The source recipe's version (may be a pattern such as x.x.x). */
  version: string;
  owner: 'Amazon' | 'Self';
  sourceArn: string;
  /** The component the new recipe names; null when the target has none of that name. */
  targetArn: string | null;
  /** The version found in the target, when it differs from the source's. */
  targetVersion: string | null;
  /** The target component was chosen by the person cloning, not matched by name. */
  chosen: boolean;
}

export interface ClonePlan {
  sourceName: string;
  sourceAccountName: string;
  sourceRegion: string;
  targetAccountName: string;
  targetRegion: string;
  /** The new pipeline's name (the recipe and configurations are named after it). */
  name: string;
  parentImage: string;
  components: CloneComponent[];
  /** What the target lacks, in words; a clone with any is refused before anything is created. */
  missing: string[];
  /** What the clone does differently from the source, in words (e.g. a subnet dropped). */
  notes: string[];
}

export interface PipelineCloneResult {
  plan: ClonePlan;
  dryRun: boolean;
  /** The new pipeline; null for a dry run. */
  pipelineArn: string | null;
  created: CreatedResource[];
  auditId: string | null;
  message: string;
}
