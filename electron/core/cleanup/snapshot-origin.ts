/**
 * Which AMI a snapshot was made for, read from the description AWS gives the snapshots it makes:
 * `Created by CreateImage(i-…) for ami-… [from vol-…]` and `Copied for DestinationAmi ami-… from
 * SourceAmi ami-… for SourceSnapshot snap-…. Task created on …`. Anything else (a snapshot a
 * person or a backup tool made) names no AMI.
 */
const CREATE_IMAGE = /^Created by CreateImage\(i-[0-9a-f]+\) for (ami-[0-9a-f]{8,17})\b/;
const COPY_IMAGE = /^Copied for DestinationAmi (ami-[0-9a-f]{8,17}) from SourceAmi ami-[0-9a-f]{8,17}\b/;

export function imageNamedBy(description: string | undefined | null): string | null {
  if (!description) return null;
  return CREATE_IMAGE.exec(description)?.[1] ?? COPY_IMAGE.exec(description)?.[1] ?? null;
}
