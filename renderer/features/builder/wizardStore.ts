/**
 * The "Create pipeline" wizard: which account and region it creates in, the step shown, the
 * form, the components to choose from, and creating (with what was created, or why not).
 */
import { create } from 'zustand';
import type { AppError } from '../../../shared/errors';
import type { ComponentChoice, CreatePipelineResult } from '../../../shared/imagebuilder';
import { invoke, toAppError } from '../../api';
import { firstIncompleteStep, initialWizardForm, stepIssues, toPipelineDraft, WIZARD_STEPS, type WizardForm, type WizardStep } from '../../lib/builderDraft';
import { loadPipelines, selectPipeline } from './store';

export interface WizardState {
  account: string;
  region: string;
  step: WizardStep;
  form: WizardForm;
  /** Steps the user tried to leave forward: their issues are shown from then on. */
  touched: WizardStep[];
  components: { status: 'loading' | 'ready' | 'error'; list: ComponentChoice[]; error: AppError | null };
  phase: 'edit' | 'creating' | 'created';
  result: CreatePipelineResult | null;
  error: AppError | null;
  /** Production entry id → what the user typed. */
  typed: Record<string, string>;
}

export const useBuilderWizard = create<{ wizard: WizardState | null }>(() => ({ wizard: null }));

const patch = (update: Partial<WizardState> | ((w: WizardState) => Partial<WizardState>)) =>
  useBuilderWizard.setState((s) => (s.wizard ? { wizard: { ...s.wizard, ...(typeof update === 'function' ? update(s.wizard) : update) } } : {}));

let componentsTicket = 0;

export function openWizard(account: string, region: string, parentImage: string | null): void {
  useBuilderWizard.setState({
    wizard: {
      account,
      region,
      step: 'output',
      form: initialWizardForm(region, parentImage),
      touched: [],
      components: { status: 'loading', list: [], error: null },
      phase: 'edit',
      result: null,
      error: null,
      typed: {},
    },
  });
  void loadComponents();
}

export function closeWizard(): void {
  componentsTicket++;
  useBuilderWizard.setState({ wizard: null });
}

export async function loadComponents(): Promise<void> {
  const w = useBuilderWizard.getState().wizard;
  if (!w) return;
  const mine = ++componentsTicket;
  patch({ components: { status: 'loading', list: w.components.list, error: null } });
  try {
    const list = await invoke('builder:components', { account: w.account, region: w.region });
    if (mine !== componentsTicket) return;
    const sorted = [...list].sort((a, b) => (a.owner === b.owner ? a.name.localeCompare(b.name) : a.owner === 'Self' ? -1 : 1));
    patch({ components: { status: 'ready', list: sorted, error: null } });
  } catch (error) {
    if (mine !== componentsTicket) return;
    patch((cur) => ({ components: { status: 'error', list: cur.components.list, error: toAppError(error) } }));
  }
}

export function updateWizardForm(update: Partial<WizardForm> | ((form: WizardForm) => Partial<WizardForm>)): void {
  patch((w) => ({ form: { ...w.form, ...(typeof update === 'function' ? update(w.form) : update) }, error: w.phase === 'edit' ? null : w.error }));
}

export function setWizardTyped(account: string, text: string): void {
  patch((w) => ({ typed: { ...w.typed, [account]: text } }));
}

/**
 * Goes to a step. Backwards always; forwards only past complete steps: otherwise it stops at
 * the first incomplete one and shows its issues. Returns the step shown.
 */
export function goToStep(step: WizardStep): WizardStep {
  const w = useBuilderWizard.getState().wizard;
  if (!w || w.phase !== 'edit') return w?.step ?? step;
  const target = WIZARD_STEPS.indexOf(step);
  if (target <= WIZARD_STEPS.indexOf(w.step)) {
    patch({ step });
    return step;
  }
  const blocked = firstIncompleteStep(w.form, w.components.list, step);
  const shown = blocked ?? step;
  patch({ step: shown, touched: blocked ? [...new Set([...w.touched, blocked])] : w.touched });
  return shown;
}

export function nextStep(): WizardStep {
  const w = useBuilderWizard.getState().wizard;
  if (!w) return 'output';
  const next = WIZARD_STEPS[Math.min(WIZARD_STEPS.indexOf(w.step) + 1, WIZARD_STEPS.length - 1)]!;
  return goToStep(next);
}

export function previousStep(): WizardStep {
  const w = useBuilderWizard.getState().wizard;
  if (!w) return 'output';
  return goToStep(WIZARD_STEPS[Math.max(WIZARD_STEPS.indexOf(w.step) - 1, 0)]!);
}

/** Issues of the current step, shown once the user tried to move on from it. */
export function visibleIssues(w: WizardState) {
  return w.touched.includes(w.step) ? stepIssues(w.step, w.form, w.components.list) : {};
}

/** Creates the pipeline (the core creates recipe, infrastructure, distribution and pipeline, and rolls back on failure). */
export async function createPipeline(confirmations: Record<string, string>): Promise<CreatePipelineResult | null> {
  const w = useBuilderWizard.getState().wizard;
  if (!w || w.phase !== 'edit') return null;
  const blocked = firstIncompleteStep(w.form, w.components.list);
  if (blocked) {
    patch({ step: blocked, touched: [...new Set([...w.touched, blocked])] });
    return null;
  }
  patch({ phase: 'creating', error: null });
  try {
    const result = await invoke('builder:create', { ...toPipelineDraft(w.form, w.account, w.region), confirmations });
    patch({ phase: 'created', result });
    await loadPipelines(w.account, w.region);
    selectPipeline(result.pipelineArn);
    return result;
  } catch (error) {
    patch({ phase: 'edit', error: toAppError(error) });
    return null;
  }
}
