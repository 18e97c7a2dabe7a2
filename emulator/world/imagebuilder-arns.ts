/**
 * Image Builder ARNs, as AWS writes them: `arn:aws:imagebuilder:REGION:ACCOUNT:TYPE/NAME[/…]`,
 * with the name lower-cased and spaces turned into hyphens (Image Builder keeps the display
 * name separately), and account `aws` for Amazon-managed components and images.
 */

export type ImageBuilderResourceType =
  | 'component'
  | 'image-recipe'
  | 'infrastructure-configuration'
  | 'distribution-configuration'
  | 'image-pipeline'
  | 'image';

export interface ParsedImageBuilderArn {
  region: string;
  owner: string;
  type: ImageBuilderResourceType;
  /** Path segments after the type: name, then version and build where the type has them. */
  parts: string[];
}

const TYPES: readonly ImageBuilderResourceType[] = [
  'component',
  'image-recipe',
  'infrastructure-configuration',
  'distribution-configuration',
  'image-pipeline',
  'image',
];

export function arnName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, '-');
}

export function imageBuilderArn(region: string, owner: string, type: ImageBuilderResourceType, ...parts: string[]): string {
  return `arn:aws:imagebuilder:${region}:${owner}:${type}/${parts.join('/')}`;
}

export function parseImageBuilderArn(arn: string): ParsedImageBuilderArn | null {
  const match = /^arn:aws[^:]*:imagebuilder:([a-z0-9-]+):([0-9]{12}|aws(?:-[a-z-]+)?):([a-z-]+)\/(.+)$/.exec(arn);
  if (!match) return null;
  const [, region, owner, type, rest] = match;
  const known = TYPES.find((t) => t === type);
  if (!region || !owner || !known || !rest) return null;
  const parts = rest.split('/');
  if (parts.some((p) => p === '' || !/^[a-z0-9._x-]+$/.test(p))) return null;
  return { region, owner, type: known, parts };
}

/** `1.2.3` compared as numbers, for "latest version" answers. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether `version` matches a pattern such as `1.x.x` or `x.x.x` (wildcards from the left are whole nodes). */
export function versionMatches(pattern: string, version: string): boolean {
  const pp = pattern.split('.');
  const pv = version.split('.');
  return pp.length === 3 && pp.every((p, i) => p === 'x' || p === pv[i]);
}

export const SEMANTIC_VERSION = /^[0-9]+\.[0-9]+\.[0-9]+$/;
