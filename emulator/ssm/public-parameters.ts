/**
 * The public parameters AWS publishes under `/aws/service/` in every region, naming the newest
 * Amazon Linux, Ubuntu, Debian and Windows Server AMIs of the region's public catalogue. Any
 * account reads them with GetParameters and GetParametersByPath (DescribeParameters does not list
 * them); their ARN has no account (`arn:aws:ssm:us-east-1::parameter/aws/service/…`). The version
 * counts the releases so far, so it rises with every new image, as AWS's do.
 */
import { AMAZON_OWNER_ID, AMAZON_WINDOWS_OWNER_ID, CANONICAL_OWNER_ID, DEBIAN_OWNER_ID } from '../world/catalogue';
import { isPublicImage, type ImageRecord, type World } from '../world/model';
import type { SsmParameterRecord } from '../world/usage-model';

export const PUBLIC_PARAMETER_ROOT = '/aws/service/';

interface PublicParameter {
  name: string;
  ownerId: string;
  image: RegExp;
}

const AL = '/aws/service/ami-amazon-linux-latest';
const UBUNTU = '/aws/service/canonical/ubuntu/server';
const ARCHES = [
  ['x86_64', 'amd64'],
  ['arm64', 'arm64'],
] as const;

const PUBLIC_PARAMETERS: readonly PublicParameter[] = [
  ...ARCHES.flatMap(([arch]) => [
    { name: `${AL}/al2023-ami-kernel-default-${arch}`, ownerId: AMAZON_OWNER_ID, image: new RegExp(`^al2023-ami-2023\\.[0-9.]+-kernel-6\\.1-${arch}$`) },
    { name: `${AL}/al2023-ami-kernel-6.1-${arch}`, ownerId: AMAZON_OWNER_ID, image: new RegExp(`^al2023-ami-2023\\.[0-9.]+-kernel-6\\.1-${arch}$`) },
    { name: `${AL}/al2023-ami-kernel-6.12-${arch}`, ownerId: AMAZON_OWNER_ID, image: new RegExp(`^al2023-ami-2023\\.[0-9.]+-kernel-6\\.12-${arch}$`) },
    { name: `${AL}/al2023-ami-minimal-kernel-default-${arch}`, ownerId: AMAZON_OWNER_ID, image: new RegExp(`^al2023-ami-minimal-2023\\.[0-9.]+-kernel-6\\.1-${arch}$`) },
    { name: `${AL}/amzn2-ami-kernel-5.10-hvm-${arch}-gp2`, ownerId: AMAZON_OWNER_ID, image: new RegExp(`^amzn2-ami-kernel-5\\.10-hvm-[0-9.]+-${arch}-gp2$`) },
  ]),
  { name: `${AL}/amzn2-ami-hvm-x86_64-gp2`, ownerId: AMAZON_OWNER_ID, image: /^amzn2-ami-hvm-[0-9.]+-x86_64-gp2$/ },
  ...ARCHES.flatMap(([, deb]) => [
    { name: `${UBUNTU}/24.04/stable/current/${deb}/hvm/ebs-gp3/ami-id`, ownerId: CANONICAL_OWNER_ID, image: new RegExp(`^ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24\\.04-${deb}-server-`) },
    { name: `${UBUNTU}/22.04/stable/current/${deb}/hvm/ebs-gp2/ami-id`, ownerId: CANONICAL_OWNER_ID, image: new RegExp(`^ubuntu/images/hvm-ssd/ubuntu-jammy-22\\.04-${deb}-server-`) },
    { name: `/aws/service/debian/release/12/latest/${deb}`, ownerId: DEBIAN_OWNER_ID, image: new RegExp(`^debian-12-${deb}-`) },
  ]),
  ...['2016', '2019', '2022', '2025'].flatMap((version) =>
    ['English-Full-Base', 'English-Core-Base'].map((edition) => ({
      name: `/aws/service/ami-windows-latest/Windows_Server-${version}-${edition}`,
      ownerId: AMAZON_WINDOWS_OWNER_ID,
      image: new RegExp(`^Windows_Server-${version}-${edition}-\\d{4}\\.\\d\\d\\.\\d\\d$`),
    })),
  ),
];

function record(region: string, parameter: PublicParameter, releases: readonly ImageRecord[]): SsmParameterRecord | undefined {
  const newest = releases[releases.length - 1];
  if (!newest) return undefined;
  return {
    name: parameter.name,
    region,
    accountId: '',
    type: 'String',
    dataType: 'text',
    value: newest.imageId,
    version: releases.length,
    lastModifiedDate: newest.creationDate,
    lastModifiedUser: `arn:aws:iam::${parameter.ownerId}:root`,
    description: null,
    tier: 'Standard',
    keyId: null,
    labels: [],
    tags: [],
  };
}

function resolve(region: string, parameter: PublicParameter, images: readonly ImageRecord[]): SsmParameterRecord | undefined {
  const releases = images
    .filter((i) => i.ownerId === parameter.ownerId && i.state === 'available' && isPublicImage(i) && parameter.image.test(i.name))
    .sort((a, b) => (a.creationDate < b.creationDate ? -1 : a.creationDate > b.creationDate ? 1 : 0));
  return record(region, parameter, releases);
}

/** The region's public parameters that have an image to name. */
export function publicParameters(world: World, region: string): SsmParameterRecord[] {
  const images = world.imagesIn(region);
  return PUBLIC_PARAMETERS.flatMap((p) => resolve(region, p, images) ?? []);
}

/** One public parameter by name (`/aws/service/…`), or undefined. */
export function publicParameter(world: World, region: string, name: string): SsmParameterRecord | undefined {
  const parameter = name.startsWith(PUBLIC_PARAMETER_ROOT) ? PUBLIC_PARAMETERS.find((p) => p.name === name) : undefined;
  return parameter ? resolve(region, parameter, world.imagesIn(region)) : undefined;
}
