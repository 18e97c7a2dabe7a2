/**
 * Pre-flight for copies: for every image × destination region, what the copy will be called,
 * whether and how it will be encrypted, and what AWS would refuse (with the plain reason and the
 * fix) — read with the destination account's credentials, which are the ones CopyImage uses.
 */
import { DescribeImagesCommand, DescribeSnapshotsCommand, type EC2Client, type Image } from '@aws-sdk/client-ec2';
import { DescribeKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { placeLabel, type AppError } from '../../../shared/errors';
import { regionLabel } from '../../../shared/region-names';
import type { CopyIssue, CopyPlanItem, CopyRequest } from '../../../shared/lifecycle';
import type { ImageRef } from '../../../shared/sharing';
import { keyPolicyStatement } from '../sharing/key-policy';
import { nameProblem, renderTemplate, unknownTokens, type NameValues } from '../../../shared/copy-names';

export interface CopyPlaces {
  /** EC2 and KMS clients of the destination account in a region. */
  ec2(region: string): EC2Client;
  kms(region: string): KMSClient;
  destination: { account: string; accountName: string; awsAccountId: string | null };
  wrap(error: unknown, region: string, action: string): AppError;
  /** Our name for an AWS account id, when it is one of the workspace's accounts. */
  knownAs(awsAccountId: string): string | null;
}

export async function planCopies(request: CopyRequest, places: CopyPlaces, today = new Date()): Promise<CopyPlanItem[]> {
  const items: CopyPlanItem[] = [];
  const takenNames = new Map<string, Set<string>>(); // region → names planned so far
  for (const ref of request.images) {
    let source: Image | undefined;
    let readError: string | null = null;
    try {
      source = await readSource(places.ec2(ref.region), ref);
    } catch (error) {
      readError = places.wrap(error, ref.region, 'ec2:DescribeImages').message;
    }
    for (const region of request.regions) {
      try {
        items.push(await planOne(request, places, ref, source, readError, region, takenNames, today));
      } catch (error) {
        const message = places.wrap(error, region, 'ec2:CopyImage').message;
        items.push({
          source: ref,
          sourceName: source?.Name ?? ref.imageId,
          destination: { account: places.destination.account, accountName: places.destination.accountName, region },
          name: '',
          description: '',
          encrypted: request.encrypted,
          kmsKeyArn: null,
          crossAccount: false,
          blockers: [{ code: 'UNREADABLE', message, fix: 'Check the account in the sidebar, then try again.' }],
          warnings: [],
        });
      }
    }
  }
  return items;
}

async function readSource(ec2: EC2Client, ref: ImageRef): Promise<Image | undefined> {
  const out = await ec2.send(new DescribeImagesCommand({ ImageIds: [ref.imageId], IncludeDeprecated: true, IncludeDisabled: true }));
  return out.Images?.[0];
}

async function planOne(
  request: CopyRequest,
  places: CopyPlaces,
  ref: ImageRef,
  source: Image | undefined,
  readError: string | null,
  region: string,
  takenNames: Map<string, Set<string>>,
  today: Date,
): Promise<CopyPlanItem> {
  const blockers: CopyIssue[] = [];
  const warnings: CopyIssue[] = [];
  const sourceName = source?.Name ?? ref.imageId;
  const values: NameValues = { name: sourceName, region, sourceRegion: ref.region, imageId: ref.imageId, date: today.toISOString().slice(0, 10) };
  const name = renderTemplate(request.nameTemplate, values);
  const description = renderTemplate(request.descriptionTemplate, values);
  const ownerId = source?.OwnerId ?? null;
  const crossAccount = ownerId !== null && ownerId !== places.destination.awsAccountId;
  const sourceKeys = [...new Set((source?.BlockDeviceMappings ?? []).flatMap((b) => (b.Ebs?.Encrypted && b.Ebs.KmsKeyId ? [b.Ebs.KmsKeyId] : [])))];
  const sourceEncrypted = (source?.BlockDeviceMappings ?? []).some((b) => b.Ebs?.Encrypted === true);
  const encrypted = request.encrypted || sourceEncrypted;
  const item: CopyPlanItem = {
    source: ref,
    sourceName,
    destination: { account: places.destination.account, accountName: places.destination.accountName, region },
    name,
    description,
    encrypted,
    kmsKeyArn: null,
    crossAccount,
    blockers,
    warnings,
  };

  if (!source) {
    blockers.push({ code: 'UNREADABLE', message: readError ?? `${ref.imageId} no longer exists in ${regionLabel(ref.region)}.`, fix: 'Refresh the list, then try again.' });
    return item;
  }
  if (source.State !== 'available') {
    blockers.push({ code: 'NOT_AVAILABLE', message: `${sourceName} is ${source.State ?? 'not available'}: only available AMIs can be copied.`, fix: null });
  }
  if (!crossAccount && region === ref.region) {
    blockers.push({ code: 'SAME_PLACE', message: `${sourceName} is already in ${regionLabel(region)}.`, fix: 'Choose other destination regions.' });
  }
  const tokens = unknownTokens(request.nameTemplate);
  const problem = tokens.length > 0 ? `The name template uses ${tokens.join(', ')}, which is not a known token.` : nameProblem(name);
  if (problem) {
    blockers.push({ code: 'NAME_INVALID', message: problem, fix: 'Tokens: {name} {region} {sourceRegion} {imageId} {date}.' });
  } else {
    const planned = takenNames.get(region) ?? new Set<string>();
    takenNames.set(region, planned);
    if (planned.has(name) || (await nameExists(places.ec2(region), name))) {
      blockers.push({
        code: 'NAME_TAKEN',
        message: `An AMI named "${name}" already exists in ${placeLabel(places.destination.accountName, places.destination.awsAccountId, region)}.`,
        fix: 'Use a template with {region}, {date} or {imageId}, or deregister the old one first.',
      });
    }
    planned.add(name);
  }

  if (crossAccount) {
    const billing = (source.ProductCodes ?? []).filter((p) => p.ProductCodeType === 'marketplace' || p.ProductCodeType === 'devpay');
    if (billing.length > 0) {
      blockers.push({
        code: 'BILLING_PRODUCTS',
        message: `${sourceName} carries billing product codes (${billing.map((p) => p.ProductCodeId).join(', ')}) and was shared from another account: AWS does not copy such AMIs.`,
        fix: 'Launch it from the shared AMI, or subscribe to the product in this account and use its own AMI.',
      });
    }
    const snapshotIds = (source.BlockDeviceMappings ?? []).flatMap((b) => (b.Ebs?.SnapshotId ? [b.Ebs.SnapshotId] : []));
    const readable = await readableSnapshots(places.ec2(ref.region), snapshotIds);
    const missing = snapshotIds.filter((id) => !readable.has(id));
    if (missing.length > 0) {
      blockers.push({
        code: 'SNAPSHOT_ACCESS',
        message: `${places.destination.accountName} may launch ${sourceName} but not read its snapshots (${missing.join(', ')}), which a copy needs.`,
        fix: `Ask the owner (${ownerName(places, ownerId)}) to share the AMI again with "Also allow creating volumes from the snapshots" checked.`,
      });
    }
    for (const keyArn of sourceKeys) {
      if (!(await keyUsable(places.kms(ref.region), keyArn))) {
        const statement = places.destination.awsAccountId ? keyPolicyStatement(keyArn, [{ kind: 'account', awsAccountId: places.destination.awsAccountId }]) : null;
        blockers.push({
          code: 'SOURCE_KEY',
          message: `The snapshots are encrypted with ${keyArn}, which ${places.destination.accountName} may not use.`,
          fix: statement ? `Ask the owner to add this statement to the key's policy:\n${statement}` : "Ask the owner to let this account use the key in the key's policy.",
        });
      }
    }
  }

  if (encrypted) {
    const key = request.kmsKey ?? 'alias/aws/ebs';
    const found = await describeKey(places.kms(region), key);
    if (found) item.kmsKeyArn = found.arn;
    if (found?.manager === 'AWS' || (!found && !request.kmsKey)) {
      warnings.push({
        code: 'AWS_MANAGED_KEY',
        message: `Encrypted with the AWS managed key (aws/ebs) of ${region}: AWS never lets another account use that key, so this copy can never be shared with another account.`,
        fix: 'To share it later, go back and choose a customer managed key.',
      });
    }
    if (!found && request.kmsKey) {
      blockers.push({
        code: 'KMS_KEY_MISSING',
        message: `There is no KMS key ${request.kmsKey} that ${places.destination.accountName} can use in ${regionLabel(region)}.`,
        fix: 'KMS keys are regional: choose a key that exists in every destination region (or a multi-Region key), or create one there first.',
      });
    }
    if (sourceEncrypted && !request.encrypted) {
      warnings.push({ code: 'SOURCE_KEY', message: 'The source is encrypted, so its copy will be encrypted too.', fix: null });
    }
  }
  return item;
}

async function nameExists(ec2: EC2Client, name: string): Promise<boolean> {
  const out = await ec2.send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'name', Values: [name] }], IncludeDeprecated: true, IncludeDisabled: true }));
  return (out.Images ?? []).some((i) => i.Name === name);
}

/** Snapshots the caller may read (DescribeSnapshots answers only those, or fails for unknown ids). */
async function readableSnapshots(ec2: EC2Client, snapshotIds: string[]): Promise<Set<string>> {
  const readable = new Set<string>();
  for (const id of snapshotIds) {
    try {
      const out = await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [id] }));
      if ((out.Snapshots ?? []).some((s) => s.SnapshotId === id)) readable.add(id);
    } catch (error) {
      // Not found / not authorized is AWS's way of saying this account cannot read it; anything
      // else (throttling, network) is not an answer and must not read as "no access".
      if (!isNoAccess(error)) throw error;
    }
  }
  return readable;
}

async function keyUsable(kms: KMSClient, keyId: string): Promise<boolean> {
  return (await describeKey(kms, keyId)) !== null;
}

/** An enabled key the caller may use: its ARN and who manages it; null when there is none. */
async function describeKey(kms: KMSClient, keyId: string): Promise<{ arn: string; manager: 'AWS' | 'CUSTOMER' } | null> {
  try {
    const meta = (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata;
    if (!meta?.Arn || (meta.KeyState !== undefined && meta.KeyState !== 'Enabled')) return null;
    return { arn: meta.Arn, manager: meta.KeyManager === 'AWS' ? 'AWS' : 'CUSTOMER' };
  } catch (error) {
    if (isNoAccess(error)) return null;
    throw error;
  }
}

function isNoAccess(error: unknown): boolean {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
  return /NotFound|AuthFailure|UnauthorizedOperation|AccessDenied|InvalidArn|Malformed/.test(name);
}

function ownerName(places: CopyPlaces, ownerId: string | null): string {
  if (!ownerId) return 'unknown';
  const name = places.knownAs(ownerId);
  return name ? `${name}, ${ownerId}` : ownerId;
}
