/** State of sharing by drag and drop / "Share with…": the confirm sheet, the picker, the audit log. */
import type { AppError } from '../../../shared/errors';
import type { Events } from '../../../shared/contract';
import type { AuditEntry, ImageRef, ShareEntity, SharePlan, ShareResult } from '../../../shared/sharing';
import type { ShareTarget } from '../../lib/shareTargets';

export type ShareSheetPhase = 'planning' | 'planned' | 'applying' | 'applied';

export interface ShareSheetState {
  images: ImageRef[];
  /** Names known before the plan arrives, for the sheet's title and progress. */
  imageNames: Record<string, string>;
  target: ShareTarget;
  add: ShareEntity[];
  /** Also grant create-volume on the snapshots (the recipient can copy the AMI). */
  snapshots: boolean;
  phase: ShareSheetPhase;
  plan: SharePlan | null;
  /** The plan or apply call failed as a whole. */
  error: AppError | null;
  /** Production account entry id → what the user typed. */
  typed: Record<string, string>;
  /** Per-AMI outcomes; a retry replaces the entries it re-applied. */
  result: ShareResult | null;
}

export interface AuditUndoState {
  running: boolean;
  error: AppError | null;
}

export interface SharingSlice {
  shareSheet: ShareSheetState | null;
  openShareSheet(images: ImageRef[], target: ShareTarget, imageNames?: Record<string, string>): void;
  setShareSnapshots(on: boolean): void;
  setShareTyped(account: string, text: string): void;
  planShare(): Promise<void>;
  /** Applies the plan to every image without blockers (or only `only`, for a retry). */
  applyShare(only?: readonly ImageRef[]): Promise<void>;
  retryFailedShares(): Promise<void>;
  closeShareSheet(): void;

  /** The images "Share with…" was opened for; null when the picker is closed. */
  sharePicker: { images: ImageRef[]; imageNames: Record<string, string> } | null;
  openSharePicker(images: ImageRef[], imageNames?: Record<string, string>): void;
  closeSharePicker(): void;

  audit: AuditEntry[];
  auditStatus: 'idle' | 'loading' | 'ready' | 'error';
  auditError: AppError | null;
  auditUndo: Record<string, AuditUndoState>;
  loadAudit(): Promise<void>;
  /** Undoes one entry; `confirmations` names the production account when it is one. */
  undoAudit(id: string, confirmations: Record<string, string>): Promise<void>;
  /** The `sharing:changed` event: refresh what shows the changed images, and the audit log. */
  applySharingChanged(payload: Events['sharing:changed']): void;
}
