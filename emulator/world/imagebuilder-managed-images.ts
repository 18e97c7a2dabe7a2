/**
 * Amazon-managed Image Builder images (owner `aws`), the same in every region: what a recipe
 * may name as its parent by ARN, such as `arn:aws:imagebuilder:eu-west-1:aws:image/amazon-linux-2023-x86/x.x.x`.
 * Each version's AMI in a region is the newest public catalogue AMI whose name starts with the
 * image's prefix (see catalogue.ts), so the AMI an ARN stands for exists and can be described.
 */
import { compareVersions, versionMatches } from './imagebuilder-arns';
import type { ImageBuilderPlatform } from './imagebuilder-model';
import { isPublicImage, type ImageRecord, type World } from './model';

export interface ManagedImagePlan {
  /** The name in the ARN. */
  arnName: string;
  /** The name GetImage answers. */
  name: string;
  platform: ImageBuilderPlatform;
  osVersion: string;
  architecture: 'x86_64' | 'arm64';
  /** The catalogue AMIs this image's AMIs are drawn from: names starting with this. */
  amiPrefix: string;
  versions: readonly string[];
  dateCreated: string;
}

export const MANAGED_IMAGES: readonly ManagedImagePlan[] = [
  { arnName: 'amazon-linux-2023-x86', name: 'Amazon Linux 2023 x86', platform: 'Linux', osVersion: 'Amazon Linux 2023', architecture: 'x86_64', amiPrefix: 'al2023-ami-2023', versions: ['2025.3.1', '2025.4.0'], dateCreated: '2025-04-02T08:12:44.000Z' },
  { arnName: 'amazon-linux-2023-arm64', name: 'Amazon Linux 2023 ARM64', platform: 'Linux', osVersion: 'Amazon Linux 2023', architecture: 'arm64', amiPrefix: 'al2023-ami-2023', versions: ['2025.3.1', '2025.4.0'], dateCreated: '2025-04-02T08:12:44.000Z' },
  { arnName: 'amazon-linux-2-x86', name: 'Amazon Linux 2 x86', platform: 'Linux', osVersion: 'Amazon Linux 2', architecture: 'x86_64', amiPrefix: 'amzn2-ami-kernel-5.10-hvm-', versions: ['2025.4.0'], dateCreated: '2025-04-02T08:12:44.000Z' },
  { arnName: 'ubuntu-server-24-lts-x86', name: 'Ubuntu Server 24 LTS x86', platform: 'Linux', osVersion: 'Ubuntu 24', architecture: 'x86_64', amiPrefix: 'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-', versions: ['2025.4.1'], dateCreated: '2025-04-09T11:40:02.000Z' },
  { arnName: 'windows-server-2022-english-full-base-x86', name: 'Windows Server 2022 English Full Base x86', platform: 'Windows', osVersion: 'Microsoft Windows Server 2022', architecture: 'x86_64', amiPrefix: 'Windows_Server-2022-English-Full-Base-', versions: ['2025.4.9'], dateCreated: '2025-04-10T02:05:51.000Z' },
];

export function managedImagePlan(arnName: string): ManagedImagePlan | undefined {
  return MANAGED_IMAGES.find((p) => p.arnName === arnName);
}

/** The newest version matching a pattern such as `x.x.x` or `2025.x.x`, or an exact one. */
export function managedImageVersion(plan: ManagedImagePlan, pattern: string): string | undefined {
  return plan.versions.filter((v) => versionMatches(pattern, v) || v === pattern).sort(compareVersions).pop();
}

/** The AMI the image stands for in a region: the newest available catalogue AMI of its kind. */
export function managedImageAmi(world: World, plan: ManagedImagePlan, region: string): ImageRecord | undefined {
  return world
    .imagesIn(region)
    .filter((i) => isPublicImage(i) && i.state === 'available' && i.architecture === plan.architecture && i.name.startsWith(plan.amiPrefix) && !i.name.includes('minimal') && !i.name.includes('-ecs-'))
    .sort((a, b) => b.creationDate.localeCompare(a.creationDate))[0];
}
