/** Pure helpers for sharing: naming entities, reading plans and results, the matrix's cells. */
import type { LaunchPermission } from '../../shared/model';
import {
  entityKey,
  ownerIsRecipientMessage,
  type IssueCode,
  type MatrixCell,
  type ShareEntity,
  type ShareIssue,
  type ShareItemResult,
  type SharePlan,
  type SharePlanItem,
} from '../../shared/sharing';
import { formatAccountId } from './format';

/** AWS account id → our account entry's name. */
export type AccountNames = ReadonlyMap<string, string>;

/** A launch permission as the detail pane reads it, as the entity a change request names. */
export function entityFromPermission(p: LaunchPermission): ShareEntity | null {
  switch (p.kind) {
    case 'group':
      return p.value === 'all' ? { kind: 'public' } : null;
    case 'account':
      return { kind: 'account', awsAccountId: p.value };
    case 'organization':
      return { kind: 'organization', arn: p.value };
    case 'organizational-unit':
      return { kind: 'organizational-unit', arn: p.value };
  }
}

export function entitiesFromPermissions(permissions: readonly LaunchPermission[]): ShareEntity[] {
  return permissions.map(entityFromPermission).filter((e): e is ShareEntity => e !== null);
}

export function sameEntity(a: ShareEntity, b: ShareEntity): boolean {
  return a.kind === b.kind && entityKey(a) === entityKey(b);
}

/**
 * When a typed or picked entity is the account that owns the image, what to say instead of
 * sharing: "Acme Prod is this image's owner: it can already launch it." Null otherwise.
 */
export function ownerRecipientNote(entity: ShareEntity, owner: { name: string; awsAccountId: string | null } | null, images = 1): string | null {
  if (!owner?.awsAccountId || entity.kind !== 'account' || entity.awsAccountId !== owner.awsAccountId) return null;
  return ownerIsRecipientMessage(owner.name, images);
}

/** "o-a1b2c3d4e5" from an organization ARN, "ou-ab12-cd34ef56" from an OU ARN. */
export function shortArn(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** "prod-eu (1234-5678-9012)", "account 1234-5678-9012", "organization o-…", "everyone (public)". */
export function describeEntity(e: ShareEntity, names: AccountNames): string {
  switch (e.kind) {
    case 'account': {
      const name = names.get(e.awsAccountId);
      return name ? `${name} (${formatAccountId(e.awsAccountId)})` : `account ${formatAccountId(e.awsAccountId)}`;
    }
    case 'organization':
      return `organization ${shortArn(e.arn)}`;
    case 'organizational-unit':
      return `OU ${shortArn(e.arn)}`;
    case 'public':
      return 'everyone (public)';
  }
}

/** "prod-eu and 2 others" — for titles, where a full list does not fit. */
export function describeEntities(list: readonly ShareEntity[], names: AccountNames): string {
  if (list.length === 0) return 'nobody';
  const first = describeEntity(list[0]!, names);
  if (list.length === 1) return first;
  return `${first} and ${list.length - 1} other${list.length === 2 ? '' : 's'}`;
}

/** Sort order in the editor: public first (the widest), then organizations, OUs, accounts. */
const KIND_ORDER: Record<ShareEntity['kind'], number> = { public: 0, organization: 1, 'organizational-unit': 2, account: 3 };

export function sortEntities(list: readonly ShareEntity[], names: AccountNames): ShareEntity[] {
  const known = (e: ShareEntity) => (e.kind === 'account' && names.has(e.awsAccountId) ? 0 : 1);
  const label = (e: ShareEntity) => (e.kind === 'account' ? (names.get(e.awsAccountId) ?? e.awsAccountId) : entityKey(e));
  // Our own accounts before strangers, then by name.
  return [...list].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || known(a) - known(b) || label(a).localeCompare(label(b)));
}

export function isPublic(list: readonly ShareEntity[]): boolean {
  return list.some((e) => e.kind === 'public');
}

/** Every blocker of every item, each once per code (the same fix applies to all). */
export function planBlockers(plan: SharePlan): ShareIssue[] {
  return uniqueIssues(plan.items.flatMap((i) => i.blockers));
}

export function planWarnings(plan: SharePlan): ShareIssue[] {
  return uniqueIssues(plan.items.flatMap((i) => i.warnings));
}

function uniqueIssues(issues: readonly ShareIssue[]): ShareIssue[] {
  const seen = new Set<IssueCode>();
  return issues.filter((i) => (seen.has(i.code) ? false : (seen.add(i.code), true)));
}

/** True when the plan would change nothing at all: every entity is already as asked. */
export function planIsNoop(plan: SharePlan): boolean {
  return plan.items.every((i) => i.willAdd.length === 0 && i.willRemove.length === 0 && (i.snapshotChanges ?? []).length === 0);
}

/** One line per image for the confirm sheet: "Share golden-al2023 with prod-eu (…)". */
export function planItemLines(item: SharePlanItem, names: AccountNames): string[] {
  const image = item.imageName || item.ref.imageId;
  const lines: string[] = [];
  if (item.willAdd.length > 0) lines.push(`${image}: share with ${item.willAdd.map((e) => describeEntity(e, names)).join(', ')}`);
  if (item.willRemove.length > 0) lines.push(`${image}: stop sharing with ${item.willRemove.map((e) => describeEntity(e, names)).join(', ')}`);
  const snapshots = item.snapshotChanges ?? [];
  if (snapshots.length > 0) {
    const verb = snapshots.some((c) => c.add.length > 0) ? (snapshots.some((c) => c.remove.length > 0) ? 'change' : 'grant') : 'revoke';
    lines.push(`${image}: ${verb} create-volume permission on ${snapshots.length === 1 ? `snapshot ${snapshots[0]!.snapshotId}` : `${snapshots.length} snapshots`}`);
  }
  if (item.unchanged.length > 0) lines.push(`${image}: unchanged for ${item.unchanged.map((e) => describeEntity(e, names)).join(', ')}`);
  return lines;
}

/** Why nothing will change, in the user's words: "Already shared with …" / "Not shared with …". */
export function noopMessage(plan: SharePlan, names: AccountNames, direction: 'add' | 'remove'): string {
  const unchanged = plan.items.flatMap((i) => i.unchanged);
  // Only the owner was named: it is not "already shared", it owns the image.
  const self = plan.items.flatMap((i) => i.warnings).find((w) => w.code === 'SELF');
  if (self && unchanged.length === 0) return self.message;
  const who = unchanged.length > 0 ? describeEntities(unchanged, names) : 'them';
  return direction === 'add' ? `Already shared with ${who}: nothing to change.` : `Not shared with ${who}: nothing to change.`;
}

export type OutcomeTone = 'success' | 'warning' | 'neutral' | 'danger';

export function outcomeTone(item: ShareItemResult): OutcomeTone {
  if (item.outcome === 'changed') return item.keyPolicies?.length ? 'warning' : 'success';
  if (item.outcome === 'unchanged') return 'neutral';
  return 'danger';
}

/** The result line, with "already shared" / "not shared" spelled out when nothing changed. */
export function outcomeText(item: ShareItemResult, direction: 'add' | 'remove' | 'reset'): string {
  if (item.outcome === 'unchanged') {
    const said = item.message.trim();
    if (said) return said;
    return direction === 'add' ? 'Already shared: nothing changed.' : 'Not shared: nothing changed.';
  }
  if (item.outcome === 'failed') return item.error ? `Failed: ${item.error.message}` : `Failed: ${item.message}`;
  if (item.outcome === 'blocked') return `Not changed: ${item.message}`;
  return item.message;
}

/** Matrix cells in words, for the cell's accessible name and its tooltip. */
export function cellLabel(cell: MatrixCell): string {
  switch (cell) {
    case 'owner':
      return 'Owner';
    case 'account':
      return 'Shared with this account';
    case 'organization':
      return 'Shared via the organization';
    case 'organizational-unit':
      return 'Shared via an OU';
    case 'public':
      return 'Public';
    case 'none':
      return 'Not shared';
  }
}

/** What clicking a cell does: share with that one account, stop sharing, or nothing (and why). */
export type CellAction = { kind: 'add' | 'remove' } | { kind: 'none'; reason: string };

export function cellAction(cell: MatrixCell, awsAccountId: string | null): CellAction {
  if (cell === 'owner') return { kind: 'none', reason: 'The owner can always launch its own images.' };
  if (!awsAccountId) return { kind: 'none', reason: 'This account is not verified yet, so its 12-digit id is unknown.' };
  if (cell === 'none') return { kind: 'add' };
  if (cell === 'account') return { kind: 'remove' };
  // Removing the account would not stop it launching: the broader grant still covers it.
  const via = cell === 'public' ? 'public access' : cell === 'organization' ? 'the organization' : 'an OU';
  return { kind: 'none', reason: `Covered by ${via}; change that in the image's permissions.` };
}

/** The cell after a change that worked. */
export function cellAfter(cell: MatrixCell, action: 'add' | 'remove'): MatrixCell {
  return action === 'add' ? 'account' : 'none';
}

export interface GridPos {
  row: number;
  col: number;
}

/** Arrow keys, Home/End (row), Ctrl+Home/End (grid), PageUp/PageDown; null for other keys. */
export function moveInGrid(
  pos: GridPos,
  key: string,
  rows: number,
  cols: number,
  ctrl = false,
  page = 10,
): GridPos | null {
  if (rows === 0 || cols === 0) return null;
  const clamp = (v: number, max: number) => Math.max(0, Math.min(max - 1, v));
  switch (key) {
    case 'ArrowUp':
      return { row: clamp(pos.row - 1, rows), col: pos.col };
    case 'ArrowDown':
      return { row: clamp(pos.row + 1, rows), col: pos.col };
    case 'ArrowLeft':
      return { row: pos.row, col: clamp(pos.col - 1, cols) };
    case 'ArrowRight':
      return { row: pos.row, col: clamp(pos.col + 1, cols) };
    case 'Home':
      return ctrl ? { row: 0, col: 0 } : { row: pos.row, col: 0 };
    case 'End':
      return ctrl ? { row: rows - 1, col: cols - 1 } : { row: pos.row, col: cols - 1 };
    case 'PageUp':
      return { row: clamp(pos.row - page, rows), col: pos.col };
    case 'PageDown':
      return { row: clamp(pos.row + page, rows), col: pos.col };
    default:
      return null;
  }
}

/** How to turn block public access off, for the explanation shown instead of "Make public". */
export function blockPublicAccessHelp(region: string): { steps: string; command: string } {
  return {
    steps: `EC2 console → ${region} → Dashboard → Data protection and security → Block public access for AMIs → Manage → turn it off.`,
    command: `aws ec2 disable-image-block-public-access --region ${region}`,
  };
}
