/** Launch permissions: plan and apply shares, reset, leave a share, block public access, the share matrix, the audit log and undo. */
import { z } from 'zod';
import { ACCOUNT_ID, ORGANIZATION_ARN, OU_ARN, type AuditEntry, type BlockPublicAccessState, type ShareMatrix, type SharePlan, type ShareResult } from '../sharing';
import { id, imageRefShape, confirmations, common, output, event } from './fields';

/** Who an image is shared with. AWS calls these launch permission "entities". */
export const shareEntity = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('account'), awsAccountId: z.string().regex(ACCOUNT_ID, 'must be a 12-digit account id') }),
  z.strictObject({ kind: z.literal('organization'), arn: z.string().max(256).regex(ORGANIZATION_ARN, 'must be an organization ARN') }),
  z.strictObject({ kind: z.literal('organizational-unit'), arn: z.string().max(256).regex(OU_ARN, 'must be an OU ARN') }),
  z.strictObject({ kind: z.literal('public') }),
]);
const shareChange = {
  images: z.array(z.strictObject(imageRefShape)).min(1).max(200),
  add: z.array(shareEntity).max(100),
  remove: z.array(shareEntity).max(100),
  snapshots: z.boolean(),
};

export const schemas = {
  /** Leaving a share changes the account that leaves: production asks for its name. */
  leaveShare: z.strictObject({ ...imageRefShape, confirmations: confirmations.optional() }),
  sharePlan: z.strictObject(shareChange),
  shareApply: z.strictObject({
    ...shareChange,
    confirmations,
    publicConfirmation: z.string().max(200).optional(),
  }),
  shareReset: z.strictObject({ ...imageRefShape, snapshots: z.boolean(), confirmations }),
  auditList: z.strictObject({ limit: z.number().int().min(1).max(2000) }),
  auditUndo: z.strictObject({ id: z.string().max(40).regex(/^[a-z][a-z0-9]*-\d+$/, 'must be an audit entry id'), confirmations }),
  /** A client's own AMIs × its accounts, or one hub account's AMIs × every client's accounts. */
  shareMatrix: z.union([z.strictObject({ client: id }), z.strictObject({ hub: id })]),
} as const;

export const channels = {
  /** Read-only: what a share/unshare would change, and what blocks or needs care. */
  'sharing:plan': { input: schemas.sharePlan, output: output<SharePlan>() },
  'sharing:apply': { input: schemas.shareApply, output: output<ShareResult>() },
  /** ResetImageAttribute: only the owner can launch it again (optionally the snapshots too). */
  'sharing:reset': { input: schemas.shareReset, output: output<ShareResult>() },
  /** The recipient removes an image shared with it (CancelImageLaunchPermission). */
  'sharing:leave': { input: schemas.leaveShare, output: output<ShareResult>() },
  'sharing:blockPublicAccess': { input: common.regionRef, output: output<BlockPublicAccessState>() },
  'sharing:matrix': { input: schemas.shareMatrix, output: output<ShareMatrix>() },
  'audit:list': { input: schemas.auditList, output: output<AuditEntry[]>() },
  'audit:undo': { input: schemas.auditUndo, output: output<ShareResult>() },
} as const;

export const events = {
  /** Launch permissions changed (share, unshare, undo): the audit log has new entries and these images changed. */
  'sharing:changed': event<{ images: Array<{ account: string; region: string; imageId: string }>; auditIds: string[] }>(),
} as const;
