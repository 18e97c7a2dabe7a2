/**
 * Image Builder authoring, as the app shows it: components (YAML documents) with their semantic
 * versions and builds, and image recipes with their versions, each new version made from the
 * one before.
 */
import type { z } from 'zod';
import type { schemas } from './contract/builder-authoring';

/** One version of a component of the account (or Amazon's), newest build. */
export interface ComponentVersionInfo {
  /** The version ARN (…/name/1.2.0). */
  arn: string;
  name: string;
  version: string;
  type: 'BUILD' | 'TEST';
  platform: string;
  supportedOsVersions: string[];
  description: string | null;
  changeDescription: string | null;
  dateCreated: string | null;
  /** Build version ARNs of this version (…/1.2.0/1), newest first. */
  builds: string[];
}

/** A component of the account by name, its versions newest first. */
export interface ComponentFamily {
  name: string;
  platform: string;
  type: 'BUILD' | 'TEST';
  description: string | null;
  versions: ComponentVersionInfo[];
}

export interface ComponentDocument {
  /** The build version ARN read. */
  arn: string;
  name: string;
  version: string;
  platform: string;
  supportedOsVersions: string[];
  description: string | null;
  changeDescription: string | null;
  type: 'BUILD' | 'TEST';
  /** The YAML, as stored; null when the component was made from an S3 document AWS does not return. */
  data: string | null;
}

export interface ComponentCreated {
  /** The build version ARN (…/1.2.0/1). */
  arn: string;
  name: string;
  version: string;
  auditId: string | null;
  /** Says what was made, and when the audit log could not take it. */
  message: string;
}

export interface RecipeVersionInfo {
  arn: string;
  name: string;
  version: string;
  platform: string;
  parentImage: string;
  description: string | null;
  dateCreated: string | null;
  components: Array<{ arn: string; name: string; version: string }>;
}

/** An image recipe by name, its versions newest first. */
export interface RecipeFamily {
  name: string;
  platform: string;
  versions: RecipeVersionInfo[];
}

export interface RecipeCloned {
  arn: string;
  name: string;
  version: string;
  auditId: string | null;
  message: string;
}

export type ComponentCreateInput = z.output<typeof schemas.componentCreate>;
export type RecipeCloneInput = z.output<typeof schemas.recipeClone>;

/*
 * Kept here rather than beside the document check, so the page and the contract can use them
 * without loading the YAML parser (the editor loads it when it opens).
 */
/** AWS limits inline component data to 16,000 characters. */
export const MAX_COMPONENT_DATA = 16_000;

/** A document that passes: what "New component" starts from. */
export const STARTER_DOCUMENT = `name: HelloWorld
description: Says hello, and checks that it did.
schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: SayHello
        action: ExecuteBash
        inputs:
          commands:
            - echo "Hello from Image Builder" > /tmp/hello.txt
  - name: validate
    steps:
      - name: CheckHello
        action: ExecuteBash
        inputs:
          commands:
            - grep -q Hello /tmp/hello.txt
`;

const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;
/** AWS caps each node at 2^30 - 1. */
export const MAX_VERSION_NODE = 1_073_741_823;

/** Why a semantic version cannot be used, in words; null when it can. */
export function versionProblem(version: string): string | null {
  const m = SEMVER.exec(version.trim());
  if (!m) return 'Write the version as <major>.<minor>.<patch>, three whole numbers such as 1.0.0.';
  if (m.slice(1).some((n) => Number(n) > MAX_VERSION_NODE)) return `Each part of the version is at most ${MAX_VERSION_NODE}.`;
  return null;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The next patch version after the newest of these ("1.2.3" → "1.2.4"); 1.0.0 for none. */
export function nextPatch(versions: readonly string[]): string {
  const newest = [...versions].filter((v) => SEMVER.test(v)).sort(compareVersions).pop();
  if (!newest) return '1.0.0';
  const [major, minor, patch] = newest.split('.').map(Number) as [number, number, number];
  return `${major}.${minor}.${patch + 1}`;
}

/** arn:…:component/name/1.2.0[/1] or …:image-recipe/name/1.2.0 → name and version. */
export function arnNameVersion(arn: string): { name: string; version: string } {
  const parts = arn.split(':').pop()?.split('/') ?? [];
  return { name: parts[1] ?? arn, version: parts[2] ?? '' };
}
