/**
 * The "Create pipeline" wizard: which account and region it creates in, the step shown, the
 * form, the components to choose from, and creating (with what was created, or why not).
 */
import { create } from 'zustand';
import type { AppError } from '../../../shared/errors';
import type { ComponentChoice, CreatePipelineResult, NetworkChoices } from '../../../shared/imagebuilder';
import type { KmsKeyChoice } from '../../../shared/lifecycle';
import { invoke, toAppError } from '../../api';
import { firstIncompleteStep, initialWizardForm, stepIssues, toPipelineDraft, WIZARD_STEPS, type WizardForm, type WizardStep } from '../../lib/builderDraft';
import { emptyRegionPlace, initialPlaceForm, placeIssues, toPlaceDraft, type PlaceForm, type PlaceIssues, type RegionPlace } from '../../lib/builderPlace';
import { loadPipelines, selectPipeline } from './store';
import { checkedStep, resetWizardChecks, useWizardChecks } from './wizardChecks';

/** A list read for one region of the wizard's account. */
export interface RegionLoad<T> {
  status: 'loading' | 'ready' | 'error';
  value: T | null;
  error: AppError | null;
}

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
  /** Network, logging and per-region distribution settings (see lib/builderPlace). */
  place: PlaceForm;
  /** Subnets, security groups, key pairs and launch templates, by region. */
  network: Record<string, RegionLoad<NetworkChoices>>;
  /** KMS keys, by region. */
  kmsKeys: Record<string, RegionLoad<KmsKeyChoice[]>>;
}

export const useBuilderWizard = create<{ wizard: WizardState | null }>(() => ({ wizard: null }));

const patch = (update: Partial<WizardState> | ((w: WizardState) => Partial<WizardState>)) =>
  useBuilderWizard.setState((s) => (s.wizard ? { wizard: { ...s.wizard, ...(typeof update === 'function' ? update(s.wizard) : update) } } : {}));

// A check's answer can hold a step back: what shows the wizard's steps and its Create button renders again.
useWizardChecks.subscribe(() => patch({}));

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
      place: initialPlaceForm(),
      network: {},
      kmsKeys: {},
    },
  });
  void loadComponents();
  void loadNetworkChoices(region);
}

export function closeWizard(): void {
  componentsTicket++;
  resetWizardChecks();
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

export function updatePlace(update: Partial<PlaceForm> | ((place: PlaceForm) => Partial<PlaceForm>)): void {
  patch((w) => ({ place: { ...w.place, ...(typeof update === 'function' ? update(w.place) : update) }, error: w.phase === 'edit' ? null : w.error }));
}

export function updateRegionPlace(region: string, update: (r: RegionPlace) => Partial<RegionPlace>): void {
  updatePlace((p) => {
    const current = p.regions[region] ?? emptyRegionPlace();
    return { regions: { ...p.regions, [region]: { ...current, ...update(current) } } };
  });
}

/** Reads a region's list once (again when `force`), keeping what was read while it reloads. */
async function loadRegionList<K extends 'network' | 'kmsKeys'>(key: K, region: string, force: boolean, read: (account: string) => Promise<NonNullable<WizardState[K][string]['value']>>): Promise<void> {
  const w = useBuilderWizard.getState().wizard;
  if (!w) return;
  const current = w[key][region];
  if (current && !force && current.status !== 'error') return;
  const account = w.account;
  const set = (load: WizardState[K][string]) => patch((cur) => (cur.account === account ? ({ [key]: { ...cur[key], [region]: load } } as Partial<WizardState>) : {}));
  set({ status: 'loading', value: current?.value ?? null, error: null } as WizardState[K][string]);
  try {
    const value = await read(account);
    set({ status: 'ready', value, error: null } as WizardState[K][string]);
  } catch (error) {
    set({ status: 'error', value: current?.value ?? null, error: toAppError(error) } as WizardState[K][string]);
  }
}

export function loadNetworkChoices(region: string, force = false): Promise<void> {
  return loadRegionList('network', region, force, (account) => invoke('builder:networkChoices', { account, region }));
}

export function loadWizardKmsKeys(region: string, force = false): Promise<void> {
  return loadRegionList('kmsKeys', region, force, (account) => invoke('kms:keys', { account, region }));
}

/** The first step before `upTo` that the basic form, the place settings or a failed check (a missing base image) leave incomplete. */
export function incompleteStep(w: WizardState, upTo: WizardStep = 'review'): WizardStep | null {
  const basic = firstIncompleteStep(w.form, w.components.list, upTo);
  const end = WIZARD_STEPS.indexOf(basic ?? upTo);
  const place = WIZARD_STEPS.slice(0, end).find((step) => Object.keys(placeIssues(step, w.place, w.form.regions)).length > 0);
  const found = place ?? basic;
  const checked = checkedStep(w);
  return checked !== null && WIZARD_STEPS.indexOf(checked) < WIZARD_STEPS.indexOf(found ?? upTo) ? checked : found;
}

/** Issues of the place settings on the current step, shown once the user tried to move on from it. */
export function visiblePlaceIssues(w: WizardState): PlaceIssues {
  return w.touched.includes(w.step) ? placeIssues(w.step, w.place, w.form.regions) : {};
}

/** Whether a step is complete, counting the place settings (for the step list and the review). */
export function wizardStepIncomplete(w: WizardState): WizardStep | null {
  return incompleteStep(w);
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
  const blocked = incompleteStep(w, step);
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
  const blocked = incompleteStep(w);
  if (blocked) {
    patch({ step: blocked, touched: [...new Set([...w.touched, blocked])] });
    return null;
  }
  patch({ phase: 'creating', error: null });
  try {
    const result = await invoke('builder:create', { ...toPipelineDraft(w.form, w.account, w.region), ...toPlaceDraft(w.place, w.form.regions), confirmations });
    patch({ phase: 'created', result });
    await loadPipelines(w.account, w.region);
    selectPipeline(result.pipelineArn);
    return result;
  } catch (error) {
    patch({ phase: 'edit', error: toAppError(error) });
    return null;
  }
}
