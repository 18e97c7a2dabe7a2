/**
 * The copy dialog's state: what is copied where (the form), the KMS keys of each destination
 * region, the plan under review, and starting the jobs. A store of its own: the dialog is
 * opened from several places (toolbar, row menu, shortcut) and outlives none of them.
 */
import { create } from 'zustand';
import type { AppError } from '../../../shared/errors';
import type { CopyPlan, CopyRequest, KmsKeyChoice } from '../../../shared/lifecycle';
import { invoke, toAppError } from '../../api';
import { copyConfirmations, DEFAULT_DESCRIPTION_TEMPLATE, DEFAULT_NAME_TEMPLATE, startBlock } from '../../lib/copyPlan';
import { useAtlas } from '../../store';
import type { CopySourceImage, OpenCopyInput } from '../../lib/intents';

export type { CopySourceImage, OpenCopyInput } from '../../lib/intents';

export interface CopyForm {
  regions: string[];
  nameTemplate: string;
  descriptionTemplate: string;
  encrypted: boolean;
  /** Alias (alias/…) in every destination region; null = the account's default EBS key. */
  kmsKey: string | null;
  copyTags: boolean;
}

export interface RegionKeys {
  status: 'loading' | 'ready' | 'error';
  keys: KmsKeyChoice[];
  error: AppError | null;
}

export type CopyPhase = 'edit' | 'planning' | 'review' | 'starting';

export interface CopyDialogState {
  sources: CopySourceImage[];
  /** The account entry the copies go to. */
  destinationAccount: string;
  /** Where the sources are (one list = one region). */
  sourceRegion: string;
  /** Shared-with-me images copied into the active account. */
  crossAccount: boolean;
  form: CopyForm;
  phase: CopyPhase;
  plan: CopyPlan | null;
  error: AppError | null;
  /** Production entry id → what the user typed. */
  typed: Record<string, string>;
}

export interface CopyStore {
  dialog: CopyDialogState | null;
  /** KMS keys by "account|region" (kept across openings: keys rarely change). */
  keys: Record<string, RegionKeys>;
}

export const useCopyStore = create<CopyStore>(() => ({ dialog: null, keys: {} }));

let planTicket = 0;

const patch = (update: Partial<CopyDialogState>) =>
  useCopyStore.setState((s) => (s.dialog ? { dialog: { ...s.dialog, ...update } } : {}));

export function keysKey(account: string, region: string): string {
  return `${account}|${region}`;
}

export function openCopyDialog(input: OpenCopyInput): void {
  planTicket++;
  useCopyStore.setState({
    dialog: {
      sources: input.sources,
      destinationAccount: input.destinationAccount,
      sourceRegion: input.sourceRegion,
      crossAccount: input.crossAccount,
      form: {
        regions: input.regions,
        nameTemplate: DEFAULT_NAME_TEMPLATE,
        descriptionTemplate: DEFAULT_DESCRIPTION_TEMPLATE,
        // An encrypted source always gives encrypted copies; say so by starting with it on.
        encrypted: input.sources.some((s) => s.encrypted),
        kmsKey: null,
        copyTags: true,
      },
      phase: 'edit',
      plan: null,
      error: null,
      typed: {},
    },
  });
  const dialog = useCopyStore.getState().dialog;
  if (dialog?.form.encrypted) for (const region of dialog.form.regions) void loadKeys(dialog.destinationAccount, region);
}

export function closeCopyDialog(): void {
  planTicket++;
  useCopyStore.setState({ dialog: null });
}

export function updateCopyForm(update: Partial<CopyForm>): void {
  const dialog = useCopyStore.getState().dialog;
  if (!dialog || dialog.phase !== 'edit') return;
  const form = { ...dialog.form, ...update };
  patch({ form, error: null });
  if (copiesEncrypted({ sources: dialog.sources, form })) for (const region of form.regions) void loadKeys(dialog.destinationAccount, region);
}

export function toggleCopyRegion(region: string): void {
  const dialog = useCopyStore.getState().dialog;
  if (!dialog) return;
  const has = dialog.form.regions.includes(region);
  updateCopyForm({ regions: has ? dialog.form.regions.filter((r) => r !== region) : [...dialog.form.regions, region] });
}

/** Loads a region's keys once (again after a failure, or when `force`). */
export async function loadKeys(account: string, region: string, force = false): Promise<void> {
  const key = keysKey(account, region);
  const current = useCopyStore.getState().keys[key];
  if (current && !force && current.status !== 'error') return;
  const put = (state: RegionKeys) => useCopyStore.setState((s) => ({ keys: { ...s.keys, [key]: state } }));
  put({ status: 'loading', keys: current?.keys ?? [], error: null });
  try {
    put({ status: 'ready', keys: await invoke('kms:keys', { account, region }), error: null });
  } catch (error) {
    put({ status: 'error', keys: [], error: toAppError(error) });
  }
}

/** Some copies will be encrypted: encryption is on, or a source is encrypted (its copy always is). */
export function copiesEncrypted(dialog: Pick<CopyDialogState, 'sources' | 'form'>): boolean {
  return dialog.form.encrypted || dialog.sources.some((s) => s.encrypted);
}

export function copyRequest(dialog: CopyDialogState): CopyRequest {
  const { form } = dialog;
  return {
    images: dialog.sources.map((s) => s.ref),
    destinationAccount: dialog.destinationAccount,
    regions: form.regions,
    nameTemplate: form.nameTemplate,
    descriptionTemplate: form.descriptionTemplate,
    // Off in a mixed selection: only the encrypted images' copies are encrypted (with the key chosen).
    encrypted: form.encrypted,
    kmsKey: copiesEncrypted(dialog) ? form.kmsKey : null,
    copyTags: form.copyTags,
  };
}

/** "Review": the core's plan of every copy, with what AWS would refuse. */
export async function reviewCopies(): Promise<void> {
  const dialog = useCopyStore.getState().dialog;
  if (!dialog || dialog.form.regions.length === 0) return;
  const mine = ++planTicket;
  patch({ phase: 'planning', error: null });
  try {
    const plan = await invoke('copy:plan', copyRequest(dialog));
    if (mine !== planTicket) return;
    patch({ phase: 'review', plan, typed: {} });
  } catch (error) {
    if (mine !== planTicket) return;
    patch({ phase: 'edit', plan: null, error: toAppError(error) });
  }
}

/** Back from the review to the form (the plan is dropped: any change needs a new one). */
export function backToCopyForm(): void {
  planTicket++;
  patch({ phase: 'edit', plan: null, error: null });
}

export function setCopyTyped(account: string, text: string): void {
  const dialog = useCopyStore.getState().dialog;
  if (dialog) patch({ typed: { ...dialog.typed, [account]: text } });
}

/** "Start copies": queues the jobs, shows them in the jobs drawer, closes the dialog. */
export async function startCopies(): Promise<boolean> {
  const dialog = useCopyStore.getState().dialog;
  if (!dialog?.plan || dialog.phase !== 'review' || startBlock(dialog.plan, dialog.typed) !== null) return false;
  patch({ phase: 'starting', error: null });
  try {
    const jobs = await invoke('copy:start', { ...copyRequest(dialog), confirmations: copyConfirmations(dialog.plan, dialog.typed) });
    const atlas = useAtlas.getState();
    for (const job of jobs) atlas.applyJobChanged(job);
    atlas.setJobsPanelOpen(true);
    closeCopyDialog();
    return true;
  } catch (error) {
    if (useCopyStore.getState().dialog) patch({ phase: 'review', error: toAppError(error) });
    return false;
  }
}
