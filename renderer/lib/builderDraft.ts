/** The "Create pipeline" wizard's form: its steps, what each step must hold, and the draft sent to the core. Pure. */
import type { ComponentChoice, PipelineDraft } from '../../shared/imagebuilder';
import { cronProblem, SCHEDULE_PRESETS } from './builder';

export const WIZARD_STEPS = ['output', 'base', 'components', 'tests', 'infrastructure', 'distribution', 'schedule', 'review'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export const WIZARD_STEP_LABEL: Record<WizardStep, string> = {
  output: 'Output',
  base: 'Base image',
  components: 'Components',
  tests: 'Tests',
  infrastructure: 'Infrastructure',
  distribution: 'Distribution',
  schedule: 'Schedule',
  review: 'Review',
};

export const BUILD_DATE_TOKEN = '{{ imagebuilder:buildDate }}';
export const DEFAULT_INSTANCE_PROFILE = 'EC2InstanceProfileForImageBuilder';

export type ScheduleMode = 'manual' | 'preset' | 'custom';

export interface WizardForm {
  name: string;
  description: string;
  parentImage: string;
  recipeVersion: string;
  /** Build components' ARNs, in the order they run. */
  components: string[];
  testsEnabled: boolean;
  tests: string[];
  instanceProfileName: string;
  /** Comma- or space-separated, as typed. */
  instanceTypes: string;
  terminateInstanceOnFailure: boolean;
  regions: string[];
  amiName: string;
  /** 12-digit AWS account ids. */
  shareWith: string[];
  scheduleMode: ScheduleMode;
  presetId: string;
  cron: string;
}

export function initialWizardForm(region: string, parentImage: string | null): WizardForm {
  return {
    name: '',
    description: '',
    parentImage: parentImage ?? '',
    recipeVersion: '1.0.0',
    components: [],
    testsEnabled: true,
    tests: [],
    instanceProfileName: DEFAULT_INSTANCE_PROFILE,
    instanceTypes: 't3.medium',
    terminateInstanceOnFailure: true,
    regions: [region],
    amiName: `golden-${BUILD_DATE_TOKEN}`,
    shareWith: [],
    scheduleMode: 'manual',
    presetId: SCHEDULE_PRESETS[0]!.id,
    cron: 'cron(0 6 ? * MON *)',
  };
}

const NAME = /^[-_A-Za-z0-9]+$/;
/** `ssm:` and a Parameter Store parameter that holds an AMI id (Image Builder reads it at build time). */
const SSM_PARAMETER = /^ssm:[\w./-]+$/;
const AMI_ID = /^ami-[0-9a-f]{8,17}$/;
const IMAGE_ARN = /^arn:aws[a-z-]*:imagebuilder:[a-z0-9-]+:(\d{12}|aws):image\/[\w./-]+$/;
const INSTANCE_TYPE = /^[a-z0-9]+[a-z0-9-]*\.[a-z0-9]+$/;
const PROFILE = /^[\w+=,.@-]+$/;
const VERSION = /^\d+\.\d+\.\d+$/;
export const ACCOUNT_ID = /^\d{12}$/;

export function splitInstanceTypes(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((t) => t.trim()).filter(Boolean))];
}

/** The cron expression the form stands for; null = started by hand. */
export function formSchedule(form: Pick<WizardForm, 'scheduleMode' | 'presetId' | 'cron'>): string | null {
  if (form.scheduleMode === 'manual') return null;
  if (form.scheduleMode === 'preset') return SCHEDULE_PRESETS.find((p) => p.id === form.presetId)?.cron ?? null;
  return form.cron.trim();
}

/** "12-digit id", accepting the dashed form people copy from the console. */
export function normalizeAccountId(text: string): string | null {
  const digits = text.replace(/[\s-]/g, '');
  return ACCOUNT_ID.test(digits) ? digits : null;
}

/** What stops a step from being left forward: field → messages (empty when the step is complete). */
export type StepIssues = Partial<Record<keyof WizardForm, string>>;

export function stepIssues(step: WizardStep, form: WizardForm, components: readonly ComponentChoice[] = []): StepIssues {
  const issues: StepIssues = {};
  switch (step) {
    case 'output':
      if (!form.name.trim()) issues.name = 'Name the pipeline.';
      else if (form.name.trim().length > 126) issues.name = 'At most 126 characters.';
      else if (!NAME.test(form.name.trim())) issues.name = 'Letters, digits, - and _ only.';
      if (!VERSION.test(form.recipeVersion.trim())) issues.recipeVersion = 'A version such as 1.0.0.';
      if (form.description.length > 1024) issues.description = 'At most 1024 characters.';
      break;
    case 'base': {
      const p = form.parentImage.trim();
      if (!p) issues.parentImage = 'Pick an AMI in the grid, or type an AMI id or a managed image ARN.';
      else if (!AMI_ID.test(p) && !IMAGE_ARN.test(p) && !SSM_PARAMETER.test(p))
        issues.parentImage = 'An AMI id (ami-…), an Image Builder image ARN (arn:aws:imagebuilder:…:image/…) or ssm: and a parameter name.';
      break;
    }
    case 'components': {
      if (form.components.length === 0) issues.components = 'Choose at least one build component.';
      else if (form.components.length > 20) issues.components = 'At most 20 components.';
      const tests = new Set(components.filter((c) => c.type === 'TEST').map((c) => c.arn));
      if (form.components.some((arn) => tests.has(arn))) issues.components = 'Test components belong in the Tests step.';
      break;
    }
    case 'tests':
      if (form.testsEnabled && form.tests.length === 0) issues.tests = 'Choose at least one test, or turn tests off.';
      else if (form.tests.length > 20) issues.tests = 'At most 20 tests.';
      break;
    case 'infrastructure': {
      const p = form.instanceProfileName.trim();
      if (!p) issues.instanceProfileName = 'Name the instance profile the build instance runs with.';
      else if (!PROFILE.test(p) || p.length > 256) issues.instanceProfileName = 'An instance profile name (letters, digits and +=,.@-_).';
      const types = splitInstanceTypes(form.instanceTypes);
      if (types.length === 0) issues.instanceTypes = 'At least one instance type, such as t3.medium.';
      else if (types.length > 10) issues.instanceTypes = 'At most 10 instance types.';
      else {
        const bad = types.find((t) => !INSTANCE_TYPE.test(t));
        if (bad) issues.instanceTypes = `“${bad}” is not an instance type (such as m5.large).`;
      }
      break;
    }
    case 'distribution': {
      if (form.regions.length === 0) issues.regions = 'Choose at least one region.';
      const name = form.amiName.trim();
      if (!name) issues.amiName = 'Name the AMIs.';
      else if (name.length > 127) issues.amiName = 'At most 127 characters.';
      else if (!name.includes('{{')) issues.amiName = `AMI names must be unique: include ${BUILD_DATE_TOKEN}.`;
      const bad = form.shareWith.find((id) => !ACCOUNT_ID.test(id));
      if (bad) issues.shareWith = `“${bad}” is not a 12-digit account id.`;
      break;
    }
    case 'schedule': {
      if (form.scheduleMode === 'custom') {
        const problem = cronProblem(form.cron);
        if (problem) issues.cron = problem;
      }
      break;
    }
    case 'review':
      break;
  }
  return issues;
}

/** The first step (before `upTo`) that is not complete, so "Create" and jumping ahead can point at it. */
export function firstIncompleteStep(form: WizardForm, components: readonly ComponentChoice[], upTo: WizardStep = 'review'): WizardStep | null {
  for (const step of WIZARD_STEPS) {
    if (step === upTo) return null;
    if (Object.keys(stepIssues(step, form, components)).length > 0) return step;
  }
  return null;
}

export function toPipelineDraft(form: WizardForm, account: string, region: string): PipelineDraft {
  return {
    account,
    region,
    name: form.name.trim(),
    description: form.description.trim(),
    parentImage: form.parentImage.trim(),
    recipeVersion: form.recipeVersion.trim(),
    components: [...form.components],
    tests: form.testsEnabled ? [...form.tests] : [],
    instanceProfileName: form.instanceProfileName.trim(),
    instanceTypes: splitInstanceTypes(form.instanceTypes),
    terminateInstanceOnFailure: form.terminateInstanceOnFailure,
    regions: [...form.regions],
    amiName: form.amiName.trim(),
    shareWithAccounts: [...form.shareWith],
    schedule: formSchedule(form),
  };
}

/** Moves an item of an ordered list up (-1) or down (+1); out of range leaves it. */
export function moveItem<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/** Components that match a filter (name, description, owner, platform). */
export function filterComponents(choices: readonly ComponentChoice[], type: ComponentChoice['type'], query: string, owner: 'all' | ComponentChoice['owner']): ComponentChoice[] {
  const q = query.trim().toLowerCase();
  return choices.filter(
    (c) => c.type === type && (owner === 'all' || c.owner === owner) && (!q || `${c.name} ${c.description ?? ''} ${c.platform} ${c.owner}`.toLowerCase().includes(q)),
  );
}
