/**
 * The wizard's base image check: what the typed base image is in the account and region, the
 * way Image Builder will read it at CreateImageRecipe — an AMI id (DescribeImages), an Image
 * Builder image ARN such as Amazon's `…:aws:image/amazon-linux-2023-x86/x.x.x` (GetImage, which
 * takes version wildcards), or `ssm:` and a Parameter Store parameter holding an AMI id
 * (GetParameters, then DescribeImages). The answer names the image, never an internal id.
 */
import { DescribeImagesCommand, type EC2Client, type Image as Ec2Image } from '@aws-sdk/client-ec2';
import { GetImageCommand, type ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { GetParametersCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { ComponentChoice } from '../../../shared/imagebuilder';
import { regionLabel } from '../../../shared/region-names';
import type { BaseImageCheck, BaseImageFound, BaseImageKind, ImagePlatform } from '../../../shared/imagebuilder-checks';
import type { Wrap } from '../sharing/image-facts';

export interface BaseImageClients {
  ec2: EC2Client;
  imagebuilder: ImagebuilderClient;
  ssm: SSMClient;
  /** Another region of the account's where an AMI by that id is, when one of them has it (the user copied an id from there). */
  elsewhere?: (imageId: string) => Promise<string | null>;
}

/** The first of the regions where the account sees an AMI by that id; errors count as "not there". */
export async function findAmiIn(regions: readonly string[], client: (region: string) => EC2Client, imageId: string): Promise<string | null> {
  const found = await Promise.all(
    regions.map((region) =>
      client(region)
        .send(new DescribeImagesCommand({ ImageIds: [imageId] }))
        .then((out) => (out.Images ?? []).some((i) => i.ImageId === imageId && i.State !== 'deregistered'))
        .catch(() => false),
    ),
  );
  return regions[found.indexOf(true)] ?? null;
}

export interface BaseImagePlace {
  /** The account's name, as the user knows it. */
  accountName: string;
  region: string;
}

const AMI_ID = /^ami-[0-9a-f]{8,17}$/;
const IMAGE_ARN = /^arn:aws[a-z-]*:imagebuilder:([a-z0-9-]+):(\d{12}|aws):image\/([a-z0-9_-]+)\/([0-9x]+\.[0-9x]+\.[0-9x]+)(\/[0-9]+)?$/;
const SSM_NAME = /^[\w./-]{1,2011}$/;

const awsCode = (error: unknown): string => (typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '');

export function kindOf(input: string): BaseImageKind | null {
  if (AMI_ID.test(input)) return 'ami';
  if (IMAGE_ARN.test(input)) return 'managed';
  if (input.startsWith('ssm:')) return 'ssm';
  return null;
}

function platformOf(image: Ec2Image): ImagePlatform {
  // EC2 answers `windows` (the SDK's type says `Windows`).
  if (String(image.Platform ?? '').toLowerCase() === 'windows') return 'Windows';
  if (image.Architecture?.endsWith('_mac')) return 'macOS';
  return 'Linux';
}

const asPlatform = (text: string | undefined): ImagePlatform => (text === 'Windows' ? 'Windows' : text === 'macOS' ? 'macOS' : 'Linux');

function summary(name: string, architecture: string | null, platform: ImagePlatform, region: string, via?: string): string {
  return `${name} (${[architecture, platform].filter(Boolean).join(', ')}) in ${region}${via ? `, from ${via}` : ''}`;
}

/** The AMI, or null when the account cannot see one by that id in the region. */
async function describeAmi(ec2: EC2Client, imageId: string, wrap: Wrap): Promise<Ec2Image | null> {
  try {
    const out = await ec2.send(new DescribeImagesCommand({ ImageIds: [imageId], IncludeDeprecated: true }));
    return out.Images?.find((i) => i.ImageId === imageId) ?? null;
  } catch (error) {
    if (/^InvalidAMIID\./.test(awsCode(error))) return null;
    throw wrap(error, 'ec2:DescribeImages');
  }
}

async function checkAmi(clients: BaseImageClients, input: string, imageId: string, place: BaseImagePlace, wrap: Wrap, via?: { kind: BaseImageKind; words: string }): Promise<BaseImageCheck> {
  const kind = via?.kind ?? 'ami';
  const image = await describeAmi(clients.ec2, imageId, wrap);
  if (!image || image.State === 'deregistered') {
    const lead = via ? `${via.words} names ${imageId}, but there is no such AMI` : `No AMI ${imageId}`;
    const there = image ? null : await clients.elsewhere?.(imageId);
    return {
      ok: false,
      kind,
      input,
      reason: 'not-found',
      platform: null,
      message: there
        ? `${lead} in ${regionLabel(place.region)} for ${place.accountName}: it is in ${regionLabel(there)}. Copy it to ${regionLabel(place.region)} first, or create the pipeline in ${regionLabel(there)}.`
        : `${lead} in ${regionLabel(place.region)} for ${place.accountName}: it is in another region, was deregistered, or is not shared with this account.`,
    };
  }
  const platform = platformOf(image);
  const name = image.Name ?? imageId;
  if (image.State !== 'available') {
    return { ok: false, kind, input, reason: 'unusable', platform, message: `${name} (${imageId}) in ${regionLabel(place.region)} is ${image.State ?? 'not available'}: only an available AMI can be a base image.` };
  }
  const architecture = image.Architecture ?? null;
  return { ok: true, kind, input, name, imageId, architecture, platform, osVersion: null, summary: summary(name, architecture, platform, place.region, via?.words) };
}

async function checkManaged(clients: BaseImageClients, input: string, place: BaseImagePlace, wrap: Wrap): Promise<BaseImageCheck> {
  const [, region = '', owner = '', imageName = ''] = IMAGE_ARN.exec(input) ?? [];
  if (region !== place.region) {
    const same = owner === 'aws' ? ` Amazon's is ${input.replace(`:${region}:`, `:${place.region}:`)}.` : '';
    return {
      ok: false,
      kind: 'managed',
      input,
      reason: 'unusable',
      platform: null,
      message: `That image is in ${regionLabel(region)}; a pipeline in ${regionLabel(place.region)} starts from an image in ${regionLabel(place.region)}.${same}`,
    };
  }
  let image;
  try {
    image = (await clients.imagebuilder.send(new GetImageCommand({ imageBuildVersionArn: input }))).image;
  } catch (error) {
    const code = awsCode(error);
    if (code !== 'ResourceNotFoundException' && code !== 'InvalidRequestException' && code !== 'InvalidParameterValueException') throw wrap(error, 'imagebuilder:GetImage');
    image = undefined;
  }
  if (!image) {
    const whose = owner === 'aws' ? 'Amazon-managed image' : 'Image Builder image';
    return { ok: false, kind: 'managed', input, reason: 'not-found', platform: null, message: `No ${whose} ${imageName} in ${regionLabel(place.region)} for ${place.accountName}.` };
  }
  const platform = asPlatform(image.platform);
  const ami = image.outputResources?.amis?.find((a) => a.region === place.region)?.image ?? null;
  const described = ami ? await describeAmi(clients.ec2, ami, wrap).catch(() => null) : null;
  const architecture = described?.Architecture ?? (/-arm64$/.test(imageName) ? 'arm64' : /-x86(_64)?$/.test(imageName) ? 'x86_64' : null);
  // "2025.4.0/1": the build number means nothing to the reader.
  const name = [image.name ?? imageName, image.version?.replace(/\/\d+$/, '')].filter(Boolean).join(' ');
  return { ok: true, kind: 'managed', input, name, imageId: ami, architecture, platform, osVersion: image.osVersion ?? null, summary: summary(name, architecture, platform, place.region) };
}

async function checkParameter(clients: BaseImageClients, input: string, place: BaseImagePlace, wrap: Wrap): Promise<BaseImageCheck> {
  const name = input.slice('ssm:'.length);
  if (!SSM_NAME.test(name)) {
    return { ok: false, kind: 'ssm', input, reason: 'malformed', platform: null, message: 'After ssm: comes a parameter name, such as ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64.' };
  }
  let value: string | undefined;
  try {
    const out = await clients.ssm.send(new GetParametersCommand({ Names: [name] }));
    value = out.Parameters?.find((p) => p.Name === name || p.ARN === name)?.Value;
  } catch (error) {
    if (awsCode(error) !== 'ValidationException') throw wrap(error, 'ssm:GetParameters');
  }
  if (value === undefined) {
    return { ok: false, kind: 'ssm', input, reason: 'not-found', platform: null, message: `No SSM parameter ${name} in ${regionLabel(place.region)} for ${place.accountName}.` };
  }
  if (!AMI_ID.test(value.trim())) {
    return { ok: false, kind: 'ssm', input, reason: 'unusable', platform: null, message: `The SSM parameter ${name} holds “${value.slice(0, 60)}”, not an AMI id.` };
  }
  return checkAmi(clients, input, value.trim(), place, wrap, { kind: 'ssm', words: `SSM parameter ${name}` });
}

const componentKey = (arn: string): string => arn.replace(/^(.*:component\/[^/]+)\/.*$/, '$1');

/** Chosen components of another platform than the image's: a recipe cannot mix them. */
function platformMismatch(found: BaseImageFound, chosen: readonly string[], components: readonly ComponentChoice[]): BaseImageCheck {
  // The list names versions (…/name/1.0.2), a recipe may name builds (…/1.0.2/1) or wildcards: a component's platform is its name's.
  const byName = new Map(components.map((c) => [componentKey(c.arn), c]));
  const other = chosen.map((arn) => byName.get(componentKey(arn))).filter((c): c is ComponentChoice => c !== undefined && c.platform !== found.platform);
  if (other.length === 0) return found;
  const names = other.map((c) => `${c.name} (${c.platform})`).join(', ');
  return {
    ok: false,
    kind: found.kind,
    input: found.input,
    reason: 'mismatch',
    platform: found.platform,
    message: `${found.name} is a ${found.platform} image, but ${other.length === 1 ? 'this chosen component is' : 'these chosen components are'} not: ${names}. Remove ${other.length === 1 ? 'it' : 'them'} or choose a ${other[0]?.platform ?? 'matching'} base image.`,
  };
}

export async function checkBaseImage(
  clients: BaseImageClients,
  parentImage: string,
  place: BaseImagePlace,
  wrap: Wrap,
  chosen: { arns: readonly string[]; list(): Promise<ComponentChoice[]> } | null = null,
): Promise<BaseImageCheck> {
  const input = parentImage.trim();
  const kind = kindOf(input);
  let result: BaseImageCheck;
  switch (kind) {
    case 'ami':
      result = await checkAmi(clients, input, input, place, wrap);
      break;
    case 'managed':
      result = await checkManaged(clients, input, place, wrap);
      break;
    case 'ssm':
      result = await checkParameter(clients, input, place, wrap);
      break;
    case null:
      return {
        ok: false,
        kind: null,
        input,
        reason: 'malformed',
        platform: null,
        message: /^ami-/i.test(input)
          ? `“${input}” is not an AMI id: ami- and 8 or 17 hexadecimal digits (0–9, a–f).`
          : 'Type an AMI id (ami-…), an Image Builder image ARN (arn:aws:imagebuilder:…:image/…/x.x.x) or ssm: and a parameter name.',
      };
  }
  if (!result.ok || !chosen || chosen.arns.length === 0) return result;
  return platformMismatch(result, chosen.arns, await chosen.list());
}
