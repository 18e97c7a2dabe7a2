/**
 * The comparison's state: which two AMIs (each read through one of our accounts in its region),
 * their details as `images:get` answers them, and the names of the KMS keys their volumes use. A
 * store of its own: the comparison is opened from the list (two rows) and from an AMI's details,
 * and belongs to neither.
 */
import { create } from 'zustand';
import type { AppError } from '../../../../shared/errors';
import type { AmiDetail } from '../../../../shared/model';
import { invoke, toAppError } from '../../../api';
import { useAtlas } from '../../../store';
import { kmsKeysOf } from './diff';

/** One AMI as the app knows where to read it: our account entry, its region, the image. */
export interface CompareTarget {
  account: string;
  region: string;
  imageId: string;
  /** Shown while the details load. */
  name: string;
}

export interface CompareSide {
  target: CompareTarget;
  detail: AmiDetail | null;
  error: AppError | null;
}

/** Where the comparison was opened from: the host there shows it. */
export type CompareOrigin = 'list' | 'detail';

export interface CompareState {
  origin: CompareOrigin | null;
  a: CompareSide | null;
  /** Null while the user picks the second AMI ("Compare with…"). */
  b: CompareSide | null;
  /** The second AMI before "Compare with another…": Esc in the picker goes back to it. */
  previousB: CompareSide | null;
  onlyDifferences: boolean;
  /** Key ARN → alias, for keys in accounts the workspace has. */
  kmsAliases: Record<string, string>;
}

export const useCompareStore = create<CompareState>(() => ({ origin: null, a: null, b: null, previousB: null, onlyDifferences: false, kmsAliases: {} }));

// Answers for a comparison the user has since closed or changed are dropped.
let ticket = 0;
// Each account-region's keys are asked for once per run of the page: aliases rarely change.
const kmsAsked = new Set<string>();

const side = (target: CompareTarget): CompareSide => ({ target, detail: null, error: null });

export function openCompare(a: CompareTarget, b: CompareTarget | null, origin: CompareOrigin): void {
  const mine = ++ticket;
  useCompareStore.setState({ origin, a: side(a), b: b ? side(b) : null, previousB: null });
  void load('a', a, mine);
  if (b) void load('b', b, mine);
}

/** The second AMI, picked in "Compare with…" (or changed). */
export function chooseOther(b: CompareTarget): void {
  const { a, origin } = useCompareStore.getState();
  if (!a || !origin) return;
  const mine = ++ticket;
  useCompareStore.setState({ b: side(b), a: a.detail ? a : side(a.target), previousB: null });
  if (!a.detail) void load('a', a.target, mine);
  void load('b', b, mine);
}

/** Back to picking the second AMI. */
export function pickAnother(): void {
  ticket++;
  useCompareStore.setState((s) => ({ b: null, previousB: s.b }));
}

/** Esc in the picker: back to the comparison it was opened from, or closed when there was none. */
export function cancelPicking(): void {
  const { previousB, a } = useCompareStore.getState();
  if (!previousB || !a) return closeCompare();
  // The comparison as it was; a side that had no answer yet is read again.
  if ((previousB.detail || previousB.error) && (a.detail || a.error)) useCompareStore.setState({ b: previousB, previousB: null });
  else chooseOther(previousB.target);
}

export function swapSides(): void {
  const { a, b } = useCompareStore.getState();
  if (a && b) useCompareStore.setState({ a: b, b: a });
}

export function closeCompare(): void {
  ticket++;
  useCompareStore.setState({ origin: null, a: null, b: null, previousB: null });
}

export function setOnlyDifferences(on: boolean): void {
  useCompareStore.setState({ onlyDifferences: on });
}

export function retrySide(which: 'a' | 'b'): void {
  const current = useCompareStore.getState()[which];
  if (!current) return;
  const mine = ticket;
  useCompareStore.setState({ [which]: side(current.target) });
  void load(which, current.target, mine);
}

async function load(which: 'a' | 'b', target: CompareTarget, mine: number): Promise<void> {
  const { account, region, imageId } = target;
  let update: Partial<CompareSide>;
  try {
    update = { detail: await invoke('images:get', { account, region, imageId }), error: null };
  } catch (error) {
    update = { detail: null, error: toAppError(error) };
  }
  if (mine !== ticket) return;
  const current = useCompareStore.getState()[which];
  if (!current || current.target.imageId !== imageId || current.target.account !== account || current.target.region !== region) return;
  useCompareStore.setState({ [which]: { ...current, ...update } });
  if (update.detail) void nameKeys(update.detail);
}

/**
 * Reads the aliases of the keys the image's volumes use, through our entry for the key's account
 * (a key of an account the workspace does not have keeps its id). A failure leaves the id shown:
 * the name is a convenience, the comparison stands without it.
 */
async function nameKeys(detail: AmiDetail): Promise<void> {
  const accounts = useAtlas.getState().workspace?.accounts ?? [];
  const known = useCompareStore.getState().kmsAliases;
  for (const key of kmsKeysOf(detail)) {
    if (known[key.arn]) continue;
    const entry = accounts.find((a) => a.awsAccountId === key.awsAccountId);
    if (!entry) continue;
    const asked = `${entry.id}|${key.region}`;
    if (kmsAsked.has(asked)) continue;
    kmsAsked.add(asked);
    try {
      const keys = await invoke('kms:keys', { account: entry.id, region: key.region });
      const found: Record<string, string> = {};
      for (const k of keys) if (!found[k.arn]) found[k.arn] = k.alias;
      useCompareStore.setState((s) => ({ kmsAliases: { ...found, ...s.kmsAliases } }));
    } catch {
      // Let a later comparison ask again.
      kmsAsked.delete(asked);
    }
  }
}
