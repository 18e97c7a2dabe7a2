/**
 * Planning a share or unshare of one image: what will change, what AWS would refuse (so the
 * user hears it before, with the fix, rather than as an error after) and what needs care. Pure:
 * it works on facts already read, so every rule is testable without AWS.
 */
import { entityKey, ownerIsRecipientMessage, type ImageRef, type ShareEntity, type ShareIssue, type SharePlanItem, type SnapshotChange } from '../../../shared/sharing';
import type { ImageFacts } from './image-facts';
import { keyPolicyStatement } from './key-policy';
import { uniqueEntities } from './entities';

/** AWS's quota of entities (accounts, organizations, OUs) one AMI can be shared with. */
export const SHARE_ENTITY_LIMIT = 1000;

export interface PlanInput {
  ref: ImageRef;
  facts: ImageFacts;
  add: readonly ShareEntity[];
  remove: readonly ShareEntity[];
  snapshots: boolean;
  account: { name: string; awsAccountId: string | null; production: boolean };
  /** The region's image block public access state; only read when making an image public. */
  blockPublicAccess: 'block-new-sharing' | 'unblocked' | null;
  region: string;
  entityLimit?: number;
}

export function planItem(input: PlanInput): SharePlanItem {
  const { facts, account } = input;
  const blockers: ShareIssue[] = [];
  const warnings: ShareIssue[] = [];
  const current = facts.launchPermissions ?? [];
  const has = new Set(current.map(entityKey));

  const willAdd: ShareEntity[] = [];
  const willRemove: ShareEntity[] = [];
  const unchanged: ShareEntity[] = [];
  for (const e of uniqueEntities(input.add)) {
    if (e.kind === 'account' && e.awsAccountId === facts.ownerId) {
      warnings.push({ code: 'SELF', message: ownerIsRecipientMessage(account.name), fix: null });
      continue;
    }
    (has.has(entityKey(e)) ? unchanged : willAdd).push(e);
  }
  for (const e of uniqueEntities(input.remove)) (has.has(entityKey(e)) ? willRemove : unchanged).push(e);

  const base = {
    ref: input.ref,
    imageName: facts.name,
    accountName: account.name,
    awsAccountId: account.awsAccountId,
    production: account.production,
    willAdd,
    willRemove,
    unchanged,
    snapshots: input.snapshots ? facts.snapshots : [],
    snapshotChanges: input.snapshots ? snapshotChanges(facts, input.add, input.remove) : [],
    current,
    blockers,
    warnings,
  };

  if (facts.launchPermissions === null) {
    blockers.push({
      code: 'NOT_OWNER',
      message: `Only the owner (${facts.ownerId}) can change who may launch ${facts.imageId}.`,
      fix: 'Switch to the owning account, or ask its owner to share it.',
    });
    return base;
  }

  const makesPublic = willAdd.some((e) => e.kind === 'public');
  const sharesWithOthers = willAdd.some((e) => e.kind !== 'public');

  if (makesPublic) {
    if (facts.snapshots.some((s) => s.encrypted)) {
      blockers.push({
        code: 'ENCRYPTED_PUBLIC',
        message: 'AWS does not make AMIs with encrypted snapshots public.',
        fix: 'Share it with specific accounts, organizations or OUs instead, or copy it without encryption first.',
      });
    }
    if (facts.productCodes.length > 0) {
      blockers.push({
        code: 'PRODUCT_CODES',
        message: `AWS does not make AMIs with product codes (${facts.productCodes.join(', ')}) public.`,
        fix: 'Share it with specific accounts instead.',
      });
    }
    if (input.blockPublicAccess === 'block-new-sharing') {
      blockers.push({
        code: 'BLOCK_PUBLIC_ACCESS',
        message: `Block public access for AMIs is on in ${account.awsAccountId ?? account.name}/${input.region}: AWS refuses to make images public there.`,
        fix: `If the image really must be public, turn it off first: EC2 console → AMIs → Data protection and security → Block public access for AMIs → Edit, or \`aws ec2 disable-image-block-public-access --region ${input.region}\`. It can take up to 10 minutes to apply.`,
      });
    }
  }

  if (sharesWithOthers) {
    const awsManaged = facts.snapshots.filter((s) => s.keyManager === 'AWS');
    if (awsManaged.length > 0) {
      blockers.push({
        code: 'AWS_MANAGED_KEY',
        message: `${awsManaged.map((s) => s.snapshotId).join(', ')} ${awsManaged.length === 1 ? 'is' : 'are'} encrypted with the AWS managed key (aws/ebs), which cannot be shared with other accounts.`,
        fix: 'Copy the AMI with a customer managed KMS key (Copy → Encryption → choose the key), then share the copy.',
      });
    }
    const recipients = willAdd.filter((e) => e.kind !== 'public');
    const customerKeys = [...new Set(facts.snapshots.filter((s) => s.keyManager === 'CUSTOMER' && s.kmsKeyId).map((s) => s.kmsKeyId!))];
    for (const keyArn of customerKeys) {
      warnings.push({
        code: 'CUSTOMER_KEY',
        message: `The snapshots are encrypted with the customer managed key ${keyArn}. The recipients can only launch or copy the AMI once that key's policy lets them use it.`,
        fix: "Add this statement to the key's policy (KMS console → the key → Key policy → Edit), in the key's own account:",
        keyArn,
        policyStatement: keyPolicyStatement(keyArn, recipients) ?? '',
      });
    }
    const limit = input.entityLimit ?? SHARE_ENTITY_LIMIT;
    const after = current.filter((e) => e.kind !== 'public').length + recipients.length;
    if (after > limit) {
      blockers.push({
        code: 'SHARE_QUOTA',
        message: `An AMI can be shared with at most ${limit} accounts, organizations and OUs per Region; this would make ${after}.`,
        fix: 'Share with an organization or OU instead of many single accounts, or remove shares that are no longer needed.',
      });
    }
    if (input.snapshots && facts.rootDeviceType === 'instance-store') {
      warnings.push({ code: 'INSTANCE_STORE', message: 'This AMI is backed by instance store: it has no snapshots to share.', fix: null });
    } else if (input.snapshots && recipients.some((e) => e.kind !== 'account')) {
      warnings.push({
        code: 'SNAPSHOTS_ACCOUNTS_ONLY',
        message: 'Snapshots can only be shared with accounts: organizations and OUs get the launch permission only.',
        fix: null,
      });
    }
  }
  return base;
}

/**
 * Accounts asked for (not only the new launch permissions), compared with each snapshot's own
 * permissions: a retry after a snapshot failed finishes the job, and a repeat does nothing.
 */
function snapshotChanges(facts: ImageFacts, add: readonly ShareEntity[], remove: readonly ShareEntity[]): SnapshotChange[] {
  const ids = (list: readonly ShareEntity[]) =>
    [...new Set(list.flatMap((e) => (e.kind === 'account' && e.awsAccountId !== facts.ownerId ? [e.awsAccountId] : [])))];
  const adds = ids(add);
  const removes = ids(remove);
  return facts.snapshots.flatMap((s) => {
    const now = new Set(s.createVolumeAccounts);
    const change = { snapshotId: s.snapshotId, add: adds.filter((a) => !now.has(a)), remove: removes.filter((r) => now.has(r)) };
    return change.add.length > 0 || change.remove.length > 0 ? [change] : [];
  });
}
