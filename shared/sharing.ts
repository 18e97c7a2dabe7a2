/**
 * Sharing AMIs: who may launch an image (launch permissions), who may create volumes from its
 * snapshots, the checks made before a change (encryption, product codes, block public access,
 * quotas, production accounts) and the audit log of every change.
 *
 * A change is always planned first (read-only: what would change, what blocks it, what to
 * watch out for) and then applied with the same request, so the confirm sheet shows exactly
 * what the apply will do.
 */
import type { z } from 'zod';
import type { AppErrorShape } from './errors';
import type { imageRef } from './contract/fields';
import type { schemas as contract, shareEntity } from './contract/sharing';

/** Who an image is shared with. AWS calls these launch permission "entities". */
export type ShareEntity = z.output<typeof shareEntity>;

export const ACCOUNT_ID = /^\d{12}$/;
export const ORGANIZATION_ARN = /^arn:aws[a-z-]*:organizations::\d{12}:organization\/o-[a-z0-9]{10,32}$/;
export const OU_ARN = /^arn:aws[a-z-]*:organizations::\d{12}:ou\/o-[a-z0-9]{10,32}\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/;

export function entityKey(e: ShareEntity): string {
  switch (e.kind) {
    case 'account':
      return e.awsAccountId;
    case 'organization':
    case 'organizational-unit':
      return e.arn;
    case 'public':
      return 'all';
  }
}

/** Reads what a user typed (account id, organization ARN, OU ARN) as an entity, or says why not. */
export function parseEntity(text: string): ShareEntity | { error: string } {
  const value = text.trim();
  if (value === 'all' || value === 'public') return { kind: 'public' };
  if (ACCOUNT_ID.test(value)) return { kind: 'account', awsAccountId: value };
  if (ORGANIZATION_ARN.test(value)) return { kind: 'organization', arn: value };
  if (OU_ARN.test(value)) return { kind: 'organizational-unit', arn: value };
  if (/^\d+$/.test(value.replace(/-/g, ''))) {
    const digits = value.replace(/-/g, '');
    if (digits.length === 12) return { kind: 'account', awsAccountId: digits };
    return { error: `An account id has 12 digits; "${value}" has ${digits.length}.` };
  }
  if (value.startsWith('arn:') && value.includes(':organization/')) {
    return { error: 'An organization ARN looks like arn:aws:organizations::123456789012:organization/o-a1b2c3d4e5.' };
  }
  if (value.startsWith('arn:') && value.includes(':ou/')) {
    return { error: 'An OU ARN looks like arn:aws:organizations::123456789012:ou/o-a1b2c3d4e5/ou-ab12-cd34ef56.' };
  }
  return { error: 'Enter a 12-digit account id, an organization ARN or an OU ARN.' };
}

/** One owned image a change applies to: our account entry, its region, the image. */
export type ImageRef = z.output<typeof imageRef>;

/** Who to add and remove, and whether the snapshots' create-volume permission follows. */
export type ShareChangeRequest = z.output<typeof contract.sharePlan>;

export type IssueCode =
  | 'AWS_MANAGED_KEY' // snapshots encrypted with aws/ebs cannot be shared
  | 'CUSTOMER_KEY' // recipients need access to the KMS key
  | 'ENCRYPTED_PUBLIC' // encrypted snapshots cannot be made public
  | 'PRODUCT_CODES' // Marketplace/DevPay images cannot be made public
  | 'BLOCK_PUBLIC_ACCESS' // the region blocks new public sharing
  | 'SHARE_QUOTA' // too many entities on one image
  | 'NOT_OWNER' // only the owner can change launch permissions
  | 'SELF' // sharing with the owner's own account
  | 'INSTANCE_STORE' // no snapshots to share
  | 'SNAPSHOTS_ACCOUNTS_ONLY' // organizations and OUs get no create-volume permission
  | 'UNREADABLE'; // the image or its attributes could not be read

export interface ShareIssue {
  code: IssueCode;
  message: string;
  /** What to do about it, in one or two sentences. */
  fix: string | null;
  /** CUSTOMER_KEY: the key-policy statement to add, filled in. */
  policyStatement?: string;
  keyArn?: string;
}

export interface SnapshotPlan {
  snapshotId: string;
  encrypted: boolean;
  kmsKeyId: string | null;
  /** AWS or CUSTOMER, from KMS DescribeKey; null when not encrypted or unknown. */
  keyManager: 'AWS' | 'CUSTOMER' | null;
  /** Accounts that may create volumes from it now (read only when snapshots are part of the change). */
  createVolumeAccounts: string[];
}

/** The create-volume permission changes one snapshot will get (accounts only). */
export interface SnapshotChange {
  snapshotId: string;
  add: string[];
  remove: string[];
}

export interface SharePlanItem {
  ref: ImageRef;
  imageName: string;
  /** Our account entry's name, and whether changes there need typed confirmation. */
  accountName: string;
  awsAccountId: string | null;
  production: boolean;
  /** Entities that will be added / removed (those already in that state are left out). */
  willAdd: ShareEntity[];
  willRemove: ShareEntity[];
  /** Asked for but already in place: harmless, reported as such. */
  unchanged: ShareEntity[];
  snapshots: SnapshotPlan[];
  /** What changes on each snapshot; empty when snapshots are not part of the change or already as asked. */
  snapshotChanges: SnapshotChange[];
  /** Launch permissions before the change. */
  current: ShareEntity[];
  /** Refuse the change for this image. */
  blockers: ShareIssue[];
  /** Allowed, but the user should know. */
  warnings: ShareIssue[];
}

export interface SharePlan {
  items: SharePlanItem[];
  /** Account entries (production) whose names must be typed to apply. */
  confirmAccounts: Array<{ account: string; name: string }>;
}

/** A change with the typed names of production accounts (entry id → text) and, for public, the image's name. */
export type ShareApplyRequest = z.output<typeof contract.shareApply>;

export type ItemOutcome = 'changed' | 'unchanged' | 'failed' | 'blocked';

export interface ShareItemResult {
  ref: ImageRef;
  imageName: string;
  outcome: ItemOutcome;
  /** One line for the results list ("shared with 2 accounts and 1 snapshot"). */
  message: string;
  error: AppErrorShape | null;
  /** The audit entry written for it (null when nothing was attempted). */
  auditId: string | null;
  /**
   * Shared, but the snapshots are under customer managed keys whose policies must first let the
   * new recipients use them: each key and the statement to add, filled in.
   */
  keyPolicies?: KeyPolicyNeed[];
}

export interface KeyPolicyNeed {
  keyArn: string;
  statement: string;
}

export interface ShareResult {
  items: ShareItemResult[];
}

export type AuditAction =
  | 'share'
  | 'unshare'
  | 'make-public'
  | 'make-private'
  | 'reset'
  | 'leave-share'
  | 'undo'
  | 'copy'
  | 'cancel-copy'
  | 'deregister'
  | 'deprecate'
  | 'undeprecate'
  | 'disable'
  | 'enable'
  | 'protect'
  | 'unprotect'
  | 'tag'
  | 'production-on'
  | 'production-off'
  | 'delete-snapshot'
  | 'restore'
  | 'recycle-bin-rule'
  | 'pipeline-update'
  | 'pipeline-clone'
  | 'pipeline-delete'
  | 'component-create'
  | 'recipe-version';

export interface AuditEntry {
  /** Unique across the workspace (user and demo accounts keep separate logs). */
  id: string;
  at: string;
  action: AuditAction;
  /** Our account the change was made in (an AccountSummary id), its name then, and its 12-digit id. */
  account: string;
  accountName: string;
  awsAccountId: string | null;
  region: string;
  imageId: string;
  imageName: string;
  added: ShareEntity[];
  removed: ShareEntity[];
  snapshotIds: string[];
  outcome: 'ok' | 'unchanged' | 'failed';
  error: string | null;
  /** What else to know, e.g. "to eu-west-1 as ami-… (golden-eu-west-1)", "with its 2 snapshots". */
  detail: string | null;
  /** The access path that acted ("profile acme-admin") and its principal ("role/Admin"), when recorded. */
  via: string | null;
  principal: string | null;
  /** For an undo: what it reversed, to say it in words ("the share of golden-al2023, 3 Dec 10:42"). */
  undone: { action: AuditAction; imageName: string; at: string } | null;
  /** Set when a later entry undid this one. */
  undoneBy: string | null;
  /** For an undo: the entry it reversed. */
  undoOf: string | null;
  /** Whether "undo" is offered: a share/unshare that worked and was not undone yet. */
  undoable: boolean;
}

/** Block public access for AMIs in one account and region. */
export interface BlockPublicAccessState {
  state: 'block-new-sharing' | 'unblocked';
}

export type MatrixCell = 'owner' | 'account' | 'organization' | 'organizational-unit' | 'public' | 'none';

/**
 * A cell as the matrix holds it: a MatrixCell, or 'pending' while the row's launch permissions are
 * not read yet (the scan's second phase) — unknown, never "not shared". The owner and public
 * cells are known from the listing alone, so a pending row still shows them.
 */
export type MatrixCellState = MatrixCell | 'pending';

/**
 * Who can launch what (from the inventory): a client's own AMIs × the client's accounts, or, with
 * `hub`, the AMIs one hub account owns × every account of every client, grouped by client.
 */
export interface ShareMatrix {
  /** The client whose AMIs are the rows; for a hub matrix, the hub account's client. */
  clientId: string;
  /** The account whose AMIs are the rows (a hub matrix), or null for a client's matrix. */
  hub: string | null;
  accounts: Array<{ account: string; name: string; awsAccountId: string | null; clientId: string }>;
  rows: Array<{ ref: ImageRef; imageName: string; ownerName: string; cells: MatrixCellState[] }>;
  /** When the inventory these rows come from was read; null when the client was never scanned. */
  asOf: string | null;
  /** How many of the rows' AMIs have their launch permissions pending (their cells say 'pending'); absent means none. */
  permissionsPending?: number;
}

/**
 * What is said when the owner's own account is named as a recipient: it is the owner, so it can
 * already launch the image (AWS never lists an owner among the launch permissions).
 */
export function ownerIsRecipientMessage(ownerName: string, images = 1): string {
  return images === 1 ? `${ownerName} is this image's owner: it can already launch it.` : `${ownerName} owns these images: it can already launch them.`;
}
