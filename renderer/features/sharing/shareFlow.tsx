/**
 * Every sharing change goes the same way: plan it (read-only), show the plan in the confirm
 * sheet (production accounts and making an image public need typed confirmation), then apply
 * exactly the planned request. Kept apart from the components so every way of sharing takes
 * one path: the editor, the matrix and leaving a share confirm in the confirm sheet here; a drop
 * or the share picker (several images to an account or client) confirm in the share sheet
 * (store.ts); both plan and apply through `shareCalls.ts`.
 */
import type { ImageRef, ShareChangeRequest, ShareEntity, ShareIssue, SharePlan, ShareResult } from '../../../shared/sharing';
import type { AccountSummary, Workspace } from '../../../shared/model';
import { invoke } from '../../api';
import { applyChange, planChange } from './shareCalls';
import { confirmChange, productionConfirmations, type ConfirmLine, type ConfirmRequest } from '../../components/ConfirmProduction';
import {
  isPublic,
  noopMessage,
  planBlockers,
  planIsNoop,
  planItemLines,
  planWarnings,
  type AccountNames,
} from '../../lib/sharing';
import { findAccount } from '../../lib/workspace';
import { placeholderAccount } from '../../lib/accounts';
import { PlanWarnings } from './PlanIssues';
import { confirmationsOf, productionNamed } from '../../lib/confirm';

export interface FlowContext {
  workspace: Workspace | null;
  names: AccountNames;
  /** The confirm sheet; tests answer it themselves. */
  confirm?: (request: ConfirmRequest) => Promise<boolean>;
}

export interface FlowWording {
  title: string;
  confirmLabel: string;
  tone?: 'danger' | 'primary';
}

export type FlowOutcome =
  | { status: 'blocked'; plan: SharePlan; blockers: ShareIssue[] }
  | { status: 'noop'; plan: SharePlan; message: string }
  | { status: 'cancelled'; plan: SharePlan }
  | { status: 'applied'; plan: SharePlan; result: ShareResult };

/** Plans a share/unshare, asks for confirmation with the plan, and applies it. */
export async function runShareChange(change: ShareChangeRequest, wording: FlowWording, ctx: FlowContext): Promise<FlowOutcome> {
  const plan = await planChange(change);
  const blockers = planBlockers(plan);
  if (blockers.length > 0) return { status: 'blocked', plan, blockers };
  if (planIsNoop(plan)) return { status: 'noop', plan, message: noopMessage(plan, ctx.names, change.add.length > 0 ? 'add' : 'remove') };

  const makesPublic = plan.items.some((i) => isPublic(i.willAdd));
  const request = confirmRequest(plan, wording, ctx, makesPublic);
  if (!(await (ctx.confirm ?? confirmChange)(request))) return { status: 'cancelled', plan };

  const result = await applyChange(change, {
    confirmations: confirmations(plan, ctx.workspace),
    ...(makesPublic ? { publicConfirmation: publicPhrase(plan) } : {}),
  });
  return { status: 'applied', plan, result };
}

/**
 * Reset (only the owner can launch): there is no plan for a reset, so the plan of removing
 * every current entity stands in for it; the sheet then lists exactly who loses access.
 */
export async function runReset(ref: ImageRef, current: ShareEntity[], snapshots: boolean, ctx: FlowContext): Promise<FlowOutcome> {
  const plan = await planChange({ images: [ref], add: [], remove: current, snapshots });
  const blockers = planBlockers(plan);
  if (blockers.length > 0) return { status: 'blocked', plan, blockers };
  const imageName = plan.items[0]?.imageName || ref.imageId;
  const request = confirmRequest(
    plan,
    { title: `Reset launch permissions of ${imageName}`, confirmLabel: 'Reset', tone: 'danger' },
    ctx,
    false,
    snapshots ? 'Only the owner will be able to launch it; snapshot permissions are reset too.' : 'Only the owner will be able to launch it.',
  );
  if (!(await (ctx.confirm ?? confirmChange)(request))) return { status: 'cancelled', plan };
  const result = await invoke('sharing:reset', { ...ref, snapshots, confirmations: confirmations(plan, ctx.workspace) });
  return { status: 'applied', plan, result };
}

export type LeaveOutcome = { status: 'cancelled' } | { status: 'left'; result: ShareResult };

/** The recipient removes an image shared with it. Nothing to plan: only the share goes. */
export async function runLeaveShare(ref: ImageRef, imageName: string, ownerLabel: string, ctx: FlowContext): Promise<LeaveOutcome> {
  const account = findAccount(ctx.workspace, ref.account);
  const request: ConfirmRequest = {
    title: `Leave the share of ${imageName || ref.imageId}`,
    message: (
      <p>
        {account?.name ?? 'This account'} will no longer be able to launch this image. Only {ownerLabel} can share it again.
      </p>
    ),
    accounts: account ? [account] : [],
    lines: [{ account: ref.account, region: ref.region, text: `Leave ${imageName || ref.imageId} (${ref.imageId}), shared by ${ownerLabel}` }],
    confirmLabel: 'Leave share',
    inAws: true,
    tone: 'danger',
  };
  if (!(await (ctx.confirm ?? confirmChange)(request))) return { status: 'cancelled' };
  const result = await invoke('sharing:leave', { ...ref, confirmations: productionConfirmations(request.accounts) });
  return { status: 'left', result };
}

function planAccounts(plan: SharePlan, workspace: Workspace | null): AccountSummary[] {
  const seen = new Set<string>();
  const out: AccountSummary[] = [];
  for (const item of plan.items) {
    if (seen.has(item.ref.account)) continue;
    seen.add(item.ref.account);
    const account = findAccount(workspace, item.ref.account);
    // The plan knows the entry even when the workspace copy is stale; the sheet needs a summary.
    out.push(account ?? stubAccount(item));
  }
  return out;
}

function stubAccount(item: SharePlan['items'][number]): AccountSummary {
  return placeholderAccount({ id: item.ref.account, name: item.accountName, awsAccountId: item.awsAccountId, production: item.production, defaultRegion: item.ref.region });
}

/** The names to type: the image's name when it goes public, then every production account's. */
function requiredPhrases(plan: SharePlan, accounts: readonly AccountSummary[], makesPublic: boolean): string[] {
  const phrases = makesPublic ? [publicPhrase(plan)] : [];
  for (const c of plan.confirmAccounts) phrases.push(c.name);
  for (const a of accounts) if (a.production) phrases.push(a.name);
  return [...new Set(phrases)];
}

function publicPhrase(plan: SharePlan): string {
  const item = plan.items.find((i) => isPublic(i.willAdd)) ?? plan.items[0];
  return item ? item.imageName || item.ref.imageId : '';
}

/**
 * The typed names, by entry id. The sheet's button only enables once each typed name matches,
 * so the canonical name stands for what was typed.
 */
function confirmations(plan: SharePlan, workspace: Workspace | null): Record<string, string> {
  return confirmationsOf([...plan.confirmAccounts, ...productionNamed(planAccounts(plan, workspace))]);
}

function confirmRequest(plan: SharePlan, wording: FlowWording, ctx: FlowContext, makesPublic: boolean, note?: string): ConfirmRequest {
  const accounts = planAccounts(plan, ctx.workspace);
  const lines: ConfirmLine[] = plan.items.flatMap((item) =>
    planItemLines(item, ctx.names).map((text) => ({ account: item.ref.account, region: item.ref.region, text })),
  );
  const warnings = planWarnings(plan);
  const phrases = requiredPhrases(plan, accounts, makesPublic);
  return {
    title: wording.title,
    message:
      note || makesPublic || warnings.length > 0 ? (
        <>
          {makesPublic && <p>Anyone with an AWS account will be able to find and launch this image.</p>}
          {note && <p>{note}</p>}
          {warnings.length > 0 && <PlanWarnings issues={warnings} />}
        </>
      ) : undefined,
    accounts,
    lines,
    confirmLabel: wording.confirmLabel,
    inAws: true,
    tone: wording.tone ?? (makesPublic ? 'danger' : 'primary'),
    typeToConfirm: phrases,
    ...(makesPublic ? { guardMessage: 'Making an image public cannot be limited to people you know. Type the image name (and any production account) to confirm.' } : {}),
  };
}
