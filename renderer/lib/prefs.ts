/**
 * What the app remembers between launches: which account, region and view were open.
 * Only ids and names of regions live here; nothing secret is ever written to localStorage.
 */
import type { ImageView } from '../../shared/model';

export interface Prefs {
  accountId: string | null;
  regionByAccount: Record<string, string>;
  view: ImageView;
}

const KEY = 'atlas.prefs.v1';

export const DEFAULT_PREFS: Prefs = { accountId: null, regionByAccount: {}, view: 'owned' };

/** Accepts only the expected shape, so a corrupted or old entry can't break startup. */
export function parsePrefs(raw: string | null): Prefs {
  if (!raw) return { ...DEFAULT_PREFS, regionByAccount: {} };
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return { ...DEFAULT_PREFS, regionByAccount: {} };
    const v = value as Record<string, unknown>;
    const regionByAccount: Record<string, string> = {};
    if (typeof v.regionByAccount === 'object' && v.regionByAccount !== null) {
      for (const [account, region] of Object.entries(v.regionByAccount as Record<string, unknown>)) {
        if (typeof region === 'string' && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) regionByAccount[account] = region;
      }
    }
    return {
      accountId: typeof v.accountId === 'string' ? v.accountId : null,
      regionByAccount,
      view: v.view === 'shared' ? 'shared' : 'owned',
    };
  } catch {
    return { ...DEFAULT_PREFS, regionByAccount: {} };
  }
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage can be disabled; the app then just forgets
  }
}

export function loadPrefs(): Prefs {
  return parsePrefs(storage()?.getItem(KEY) ?? null);
}

export function savePrefs(update: Partial<Prefs>): void {
  const store = storage();
  if (!store) return;
  const next = { ...loadPrefs(), ...update };
  try {
    store.setItem(KEY, JSON.stringify(next));
  } catch {
    // Quota or privacy mode: remembering is a nicety, never a reason to fail.
  }
}

/** What the share matrix shows as rows: a client's own AMIs, or those of one hub account. */
export interface MatrixPrefs {
  rows: 'client' | 'hub';
  /** The hub account (our account id) last chosen, kept while client rows are shown. */
  hub: string | null;
}

const MATRIX_KEY = 'atlas.matrix.v1';

export const DEFAULT_MATRIX_PREFS: MatrixPrefs = { rows: 'client', hub: null };

/** Accepts only the expected shape, like parsePrefs. */
export function parseMatrixPrefs(raw: string | null): MatrixPrefs {
  if (!raw) return { ...DEFAULT_MATRIX_PREFS };
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return { ...DEFAULT_MATRIX_PREFS };
    const v = value as Record<string, unknown>;
    return {
      rows: v.rows === 'hub' ? 'hub' : 'client',
      hub: typeof v.hub === 'string' && v.hub.length > 0 && v.hub.length <= 64 ? v.hub : null,
    };
  } catch {
    return { ...DEFAULT_MATRIX_PREFS };
  }
}

export function loadMatrixPrefs(): MatrixPrefs {
  return parseMatrixPrefs(storage()?.getItem(MATRIX_KEY) ?? null);
}

export function saveMatrixPrefs(update: Partial<MatrixPrefs>): void {
  const store = storage();
  if (!store) return;
  try {
    store.setItem(MATRIX_KEY, JSON.stringify({ ...loadMatrixPrefs(), ...update }));
  } catch {
    // As for savePrefs: forgetting is fine.
  }
}
