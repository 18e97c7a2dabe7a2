/**
 * Image Builder authoring state: which tab of the builder is shown, the account's components
 * and recipes per account and region, the component editor (a new component, or a new version
 * of one prefilled with its document) and the recipe clone dialog.
 */
import { create } from 'zustand';
import type { AppError } from '../../../shared/errors';
import type { ComponentChoice } from '../../../shared/imagebuilder';
import { nextPatch, STARTER_DOCUMENT, type ComponentFamily, type RecipeFamily, type RecipeVersionInfo } from '../../../shared/imagebuilder-authoring';
import { invoke, toAppError } from '../../api';
import { placeKey, type Loadable } from './store';

export type BuilderTab = 'pipelines' | 'components' | 'recipes';

export interface ComponentForm {
  name: string;
  version: string;
  platform: 'Linux' | 'Windows';
  /** As typed: OS versions separated by commas. */
  osVersions: string;
  description: string;
  changeDescription: string;
  data: string;
}

export interface EditorState {
  account: string;
  region: string;
  /** A new version of an existing component: its name is fixed. */
  versionOf: string | null;
  /** The versions the name already has (for "already exists" as you type). */
  existingVersions: string[];
  form: ComponentForm;
  /** Reading the document a new version starts from. */
  loading: boolean;
  creating: boolean;
  error: AppError | null;
  /** Typed production account name. */
  typedName: string;
}

export interface CloneState {
  account: string;
  region: string;
  family: RecipeFamily;
  source: RecipeVersionInfo;
  version: string;
  description: string;
  parentImage: string;
  components: string[];
  choices: ComponentChoice[];
  choicesError: AppError | null;
  creating: boolean;
  error: AppError | null;
  typedName: string;
}

export interface AuthoringState {
  tab: BuilderTab;
  components: Record<string, Loadable<ComponentFamily[]>>;
  recipes: Record<string, Loadable<RecipeFamily[]>>;
  selectedComponent: string | null;
  selectedRecipe: string | null;
  editor: EditorState | null;
  clone: CloneState | null;
  /** What the last create made, said once in the place it was made. */
  notice: string | null;
}

export const initialAuthoringState = (): AuthoringState => ({
  tab: 'pipelines',
  components: {},
  recipes: {},
  selectedComponent: null,
  selectedRecipe: null,
  editor: null,
  clone: null,
  notice: null,
});

export const useAuthoring = create<AuthoringState>(() => initialAuthoringState());

export function setBuilderTab(tab: BuilderTab): void {
  useAuthoring.setState({ tab, notice: null });
}

const tickets = new Map<string, number>();
function ticket(key: string): () => boolean {
  const mine = (tickets.get(key) ?? 0) + 1;
  tickets.set(key, mine);
  return () => tickets.get(key) === mine;
}

export async function loadComponentFamilies(account: string, region: string): Promise<void> {
  const key = placeKey(account, region);
  const current = ticket(`c:${key}`);
  useAuthoring.setState((s) => ({ components: { ...s.components, [key]: { status: 'loading', data: s.components[key]?.data ?? null, error: null } } }));
  try {
    const data = await invoke('builder:componentVersions', { account, region });
    if (!current()) return;
    useAuthoring.setState((s) => ({ components: { ...s.components, [key]: { status: 'ready', data, error: null } } }));
  } catch (error) {
    if (!current()) return;
    useAuthoring.setState((s) => ({ components: { ...s.components, [key]: { status: 'error', data: s.components[key]?.data ?? null, error: toAppError(error) } } }));
  }
}

export async function loadRecipeFamilies(account: string, region: string): Promise<void> {
  const key = placeKey(account, region);
  const current = ticket(`r:${key}`);
  useAuthoring.setState((s) => ({ recipes: { ...s.recipes, [key]: { status: 'loading', data: s.recipes[key]?.data ?? null, error: null } } }));
  try {
    const data = await invoke('builder:recipeVersions', { account, region });
    if (!current()) return;
    useAuthoring.setState((s) => ({ recipes: { ...s.recipes, [key]: { status: 'ready', data, error: null } } }));
  } catch (error) {
    if (!current()) return;
    useAuthoring.setState((s) => ({ recipes: { ...s.recipes, [key]: { status: 'error', data: s.recipes[key]?.data ?? null, error: toAppError(error) } } }));
  }
}

export function selectComponent(name: string | null): void {
  useAuthoring.setState({ selectedComponent: name });
}

export function selectRecipe(name: string | null): void {
  useAuthoring.setState({ selectedRecipe: name });
}

const emptyForm = (): ComponentForm => ({
  name: '',
  version: '1.0.0',
  platform: 'Linux',
  osVersions: '',
  description: '',
  changeDescription: '',
  data: STARTER_DOCUMENT,
});

export function openNewComponent(account: string, region: string): void {
  useAuthoring.setState({
    notice: null,
    editor: { account, region, versionOf: null, existingVersions: [], form: emptyForm(), loading: false, creating: false, error: null, typedName: '' },
  });
}

/** A new version of a component: its newest version's document and settings, the next patch version. */
export async function openNewVersion(account: string, region: string, family: ComponentFamily): Promise<void> {
  const newest = family.versions[0];
  const existingVersions = family.versions.map((v) => v.version);
  const form: ComponentForm = {
    ...emptyForm(),
    name: family.name,
    version: nextPatch(existingVersions),
    platform: family.platform === 'Windows' ? 'Windows' : 'Linux',
    osVersions: (newest?.supportedOsVersions ?? []).join(', '),
    description: newest?.description ?? '',
    data: '',
  };
  useAuthoring.setState({ notice: null, editor: { account, region, versionOf: family.name, existingVersions, form, loading: true, creating: false, error: null, typedName: '' } });
  const build = newest?.builds[0] ?? newest?.arn;
  if (!build) return finishLoading(null, STARTER_DOCUMENT);
  try {
    const document = await invoke('builder:componentDocument', { account, region, arn: build });
    finishLoading(null, document.data ?? '');
  } catch (error) {
    finishLoading(toAppError(error), '');
  }
}

function finishLoading(error: AppError | null, data: string): void {
  const editor = useAuthoring.getState().editor;
  if (!editor || !editor.loading) return;
  useAuthoring.setState({ editor: { ...editor, loading: false, error, form: { ...editor.form, data } } });
}

export function updateEditor(patch: Partial<ComponentForm>): void {
  const editor = useAuthoring.getState().editor;
  if (editor) useAuthoring.setState({ editor: { ...editor, form: { ...editor.form, ...patch } } });
}

export function typeEditorName(typedName: string): void {
  const editor = useAuthoring.getState().editor;
  if (editor) useAuthoring.setState({ editor: { ...editor, typedName } });
}

export function closeEditor(): void {
  useAuthoring.setState({ editor: null });
}

/** OS versions as typed ("Amazon Linux 2023, Ubuntu 22.04") → the list sent. */
export function osVersionList(text: string): string[] {
  return [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
}

export async function createComponentVersion(confirmations: Record<string, string>): Promise<boolean> {
  const editor = useAuthoring.getState().editor;
  if (!editor || editor.creating) return false;
  useAuthoring.setState({ editor: { ...editor, creating: true, error: null } });
  const { form } = editor;
  try {
    const made = await invoke('builder:componentCreate', {
      account: editor.account,
      region: editor.region,
      name: form.name.trim(),
      version: form.version.trim(),
      platform: form.platform,
      supportedOsVersions: osVersionList(form.osVersions),
      description: form.description.trim(),
      changeDescription: form.changeDescription.trim(),
      data: form.data,
      confirmations,
    });
    useAuthoring.setState({ editor: null, selectedComponent: made.name, notice: made.message });
    void loadComponentFamilies(editor.account, editor.region);
    return true;
  } catch (error) {
    const now = useAuthoring.getState().editor;
    if (now) useAuthoring.setState({ editor: { ...now, creating: false, error: toAppError(error) } });
    return false;
  }
}

export async function openClone(account: string, region: string, family: RecipeFamily, source: RecipeVersionInfo): Promise<void> {
  useAuthoring.setState({
    notice: null,
    clone: {
      account,
      region,
      family,
      source,
      version: nextPatch(family.versions.map((v) => v.version)),
      description: source.description ?? '',
      parentImage: source.parentImage,
      components: source.components.map((c) => c.arn),
      choices: [],
      choicesError: null,
      creating: false,
      error: null,
      typedName: '',
    },
  });
  try {
    const choices = await invoke('builder:components', { account, region });
    const clone = useAuthoring.getState().clone;
    if (clone) useAuthoring.setState({ clone: { ...clone, choices } });
  } catch (error) {
    const clone = useAuthoring.getState().clone;
    if (clone) useAuthoring.setState({ clone: { ...clone, choicesError: toAppError(error) } });
  }
}

export function updateClone(patch: Partial<Pick<CloneState, 'version' | 'description' | 'parentImage' | 'components' | 'typedName'>>): void {
  const clone = useAuthoring.getState().clone;
  if (clone) useAuthoring.setState({ clone: { ...clone, ...patch } });
}

export function closeClone(): void {
  useAuthoring.setState({ clone: null });
}

export async function submitClone(confirmations: Record<string, string>): Promise<boolean> {
  const clone = useAuthoring.getState().clone;
  if (!clone || clone.creating) return false;
  useAuthoring.setState({ clone: { ...clone, creating: true, error: null } });
  const sourceComponents = clone.source.components.map((c) => c.arn);
  const componentsChanged = clone.components.length !== sourceComponents.length || clone.components.some((arn, i) => arn !== sourceComponents[i]);
  const parent = clone.parentImage.trim();
  try {
    const made = await invoke('builder:recipeClone', {
      account: clone.account,
      region: clone.region,
      sourceArn: clone.source.arn,
      version: clone.version.trim(),
      description: clone.description.trim(),
      parentImage: parent && parent !== clone.source.parentImage ? parent : null,
      components: componentsChanged ? clone.components : null,
      confirmations,
    });
    useAuthoring.setState({ clone: null, selectedRecipe: made.name, notice: made.message });
    void loadRecipeFamilies(clone.account, clone.region);
    return true;
  } catch (error) {
    const now = useAuthoring.getState().clone;
    if (now) useAuthoring.setState({ clone: { ...now, creating: false, error: toAppError(error) } });
    return false;
  }
}
