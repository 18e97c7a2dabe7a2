/** The two calls every sharing change makes, whichever sheet confirms it (see shareFlow.tsx). */
import type { ShareChangeRequest, SharePlan, ShareResult } from '../../../shared/sharing';
import { invoke } from '../../api';

/** A change's first step, however it is confirmed: the read-only plan. */
export function planChange(change: ShareChangeRequest): Promise<SharePlan> {
  return invoke('sharing:plan', change);
}

/** Its last step: exactly the planned change, with each production name (and the public phrase). */
export function applyChange(change: ShareChangeRequest, guard: { confirmations: Record<string, string>; publicConfirmation?: string }): Promise<ShareResult> {
  return invoke('sharing:apply', { ...change, ...guard });
}
