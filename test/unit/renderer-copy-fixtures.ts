/** Complete copy-job, plan and usage values for the copy, jobs and lifecycle renderer tests. */
import type { CopyJob, CopyPlanItem, ImageUsage } from '../../shared/lifecycle';

export function copyJob(id: string, over: Partial<CopyJob> = {}): CopyJob {
  return {
    id,
    kind: 'copy',
    state: 'copying',
    source: { account: 'acme-staging', region: 'us-east-1', imageId: 'ami-0aaaaaaaa', name: 'golden' },
    destination: { account: 'acme-staging', accountName: 'acme-staging', region: 'eu-west-1' },
    name: 'golden-eu-west-1',
    newImageId: 'ami-0ccccccccc',
    progress: 40,
    encrypted: false,
    kmsKeyArn: null,
    createdAt: '2026-11-28T03:00:00.000Z',
    startedAt: '2026-11-28T03:00:01.000Z',
    finishedAt: null,
    error: null,
    ...over,
  };
}

export function copyPlanItem(region: string, over: Partial<CopyPlanItem> = {}): CopyPlanItem {
  return {
    source: { account: 'acme-staging', region: 'us-east-1', imageId: 'ami-0aaaaaaaa' },
    sourceName: 'golden',
    destination: { account: 'acme-staging', accountName: 'acme-staging', region },
    name: `golden-${region}`,
    description: 'Copy of ami-0aaaaaaaa from us-east-1',
    encrypted: false,
    kmsKeyArn: null,
    crossAccount: false,
    blockers: [],
    warnings: [],
    ...over,
  };
}

export function imageUsage(imageId: string, over: Partial<ImageUsage> = {}): ImageUsage {
  return {
    ref: { account: 'acme-staging', region: 'us-east-1', imageId },
    name: `name-${imageId}`,
    state: 'available',
    lastLaunchedTime: null,
    references: [],
    referencesError: null,
    sharedWith: [],
    deprecationTime: null,
    deregistrationProtection: null,
    snapshotIds: [],
    production: false,
    accountName: 'acme-staging',
    ...over,
  };
}
