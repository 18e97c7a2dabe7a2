/**
 * What planning a share needs to know about one image, read from AWS with the owner's
 * credentials: the image, its launch permissions, its snapshots and who manages their keys.
 */
import {
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  GetImageBlockPublicAccessStateCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { DescribeKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { AppError } from '../../../shared/errors';
import type { ShareEntity, SnapshotPlan } from '../../../shared/sharing';
import { fromLaunchPermission } from './entities';

export interface ImageFacts {
  imageId: string;
  name: string;
  ownerId: string;
  state: string;
  rootDeviceType: string;
  productCodes: string[];
  /** Null when the caller is not the owner (only owners may read them). */
  launchPermissions: ShareEntity[] | null;
  snapshots: SnapshotPlan[];
}

export type Wrap = (error: unknown, action: string) => AppError;

export async function readImageFacts(
  ec2: EC2Client,
  kms: KMSClient,
  imageId: string,
  callerAccountId: string | null,
  wrap: Wrap,
  options: { keyManagers?: Map<string, Promise<'AWS' | 'CUSTOMER' | null>>; snapshotPermissions?: boolean } = {},
): Promise<ImageFacts> {
  const keyManagers = options.keyManagers ?? new Map<string, Promise<'AWS' | 'CUSTOMER' | null>>();
  const image = await call(wrap, 'ec2:DescribeImages', async () => {
    const out = await ec2.send(new DescribeImagesCommand({ ImageIds: [imageId], IncludeDeprecated: true, IncludeDisabled: true }));
    return out.Images?.[0];
  });
  if (!image) {
    throw new AppError({
      code: 'NOT_FOUND',
      message: `${imageId} no longer exists: it was deregistered. Rescan to update the list.`,
      retryable: false,
      details: { action: 'ec2:DescribeImages', awsCode: 'InvalidAMIID.NotFound' },
    });
  }
  const ownerId = image.OwnerId ?? '';
  const isOwner = callerAccountId !== null && ownerId === callerAccountId;
  const snapshotIds = (image.BlockDeviceMappings ?? []).flatMap((b) => (b.Ebs?.SnapshotId ? [b.Ebs.SnapshotId] : []));

  const [permissions, snapshots] = await Promise.all([
    isOwner
      ? call(wrap, 'ec2:DescribeImageAttribute', async () => {
          const out = await ec2.send(new DescribeImageAttributeCommand({ ImageId: imageId, Attribute: 'launchPermission' }));
          return (out.LaunchPermissions ?? []).flatMap((p) => fromLaunchPermission(p) ?? []);
        })
      : Promise.resolve(null),
    isOwner && snapshotIds.length > 0
      ? call(wrap, 'ec2:DescribeSnapshots', async () => (await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: snapshotIds }))).Snapshots ?? [])
      : Promise.resolve([]),
  ]);

  const plans = await Promise.all(
    snapshots.map(async (s): Promise<SnapshotPlan> => {
      const kmsKeyId = s.Encrypted ? (s.KmsKeyId ?? null) : null;
      let keyManager: SnapshotPlan['keyManager'] = null;
      if (kmsKeyId) {
        let pending = keyManagers.get(kmsKeyId);
        if (!pending) {
          pending = call(wrap, 'kms:DescribeKey', async () => {
            const out = await kms.send(new DescribeKeyCommand({ KeyId: kmsKeyId }));
            const manager = out.KeyMetadata?.KeyManager;
            return manager === 'AWS' || manager === 'CUSTOMER' ? manager : null;
          });
          keyManagers.set(kmsKeyId, pending);
        }
        keyManager = await pending;
      }
      const snapshotId = s.SnapshotId ?? '';
      const createVolumeAccounts = options.snapshotPermissions
        ? await call(wrap, 'ec2:DescribeSnapshotAttribute', async () => {
            const out = await ec2.send(new DescribeSnapshotAttributeCommand({ SnapshotId: snapshotId, Attribute: 'createVolumePermission' }));
            return (out.CreateVolumePermissions ?? []).flatMap((p) => (p.UserId ? [p.UserId] : []));
          })
        : [];
      return { snapshotId, encrypted: s.Encrypted === true, kmsKeyId, keyManager, createVolumeAccounts };
    }),
  );

  return {
    imageId,
    name: image.Name ?? imageId,
    ownerId,
    state: image.State ?? 'unknown',
    rootDeviceType: image.RootDeviceType ?? 'ebs',
    productCodes: (image.ProductCodes ?? []).flatMap((p) => (p.ProductCodeId ? [p.ProductCodeId] : [])),
    launchPermissions: permissions,
    snapshots: plans,
  };
}

export async function readBlockPublicAccess(ec2: EC2Client, wrap: Wrap): Promise<'block-new-sharing' | 'unblocked'> {
  return call(wrap, 'ec2:GetImageBlockPublicAccessState', async () => {
    const out = await ec2.send(new GetImageBlockPublicAccessStateCommand({}));
    return out.ImageBlockPublicAccessState === 'block-new-sharing' ? 'block-new-sharing' : 'unblocked';
  });
}

async function call<T>(wrap: Wrap, action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw wrap(error, action);
  }
}
