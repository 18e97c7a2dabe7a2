/**
 * Where owned AMIs are used, through the core against the emulator's demo world over HTTP: an AMI
 * its owner does not use but an account it is shared with launches from a launch template
 * version (neither default nor latest) is in use; a stopped instance and an SSM parameter count;
 * an account that cannot be read makes the AMIs that could be used there 'unknown', naming the
 * account and region; each account-region is read once per analysis, however many AMIs; Auto
 * Scaling groups count through a launch configuration and a mixed instances policy; answers are
 * stored for the grid offline. Where DescribeImageReferences is offered it answers for instances,
 * templates and recipes; where the region answers that it does not know the action, each service
 * is listed instead, and the same world gives the same answers either way. An AMI shared with an
 * organization or OU is read in each of its member accounts the workspace has; its members
 * outside the workspace (listed through the management account) are named as not read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USAGE_FIXTURE, startEmulator, type RunningEmulator } from '../../emulator';
import type { AppCore } from '../../electron/core/app-core';
import type { AmiUsage } from '../../shared/contract/usage';
import type { Workspace } from '../../shared/model';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { EMPTY_FILTER } from '../../shared/inventory';
import { coreOver } from './core-fixture';

let emulator: RunningEmulator;
let core: AppCore;
let ws: Workspace;
let savePath: string | null = null;

const EAST = 'us-east-1';
const entry = (name: string) => ws.accounts.find((a) => a.name === name)!;
const worldAccount = (name: string) => emulator.world.accounts.find((a) => a.name === name)!;
const usageOf = (all: AmiUsage[], imageId: string) => all.find((u) => u.imageId === imageId)!;

/** The AMIs of acme-staging's ci-runner template, version by version. */
function ciRunnerImages(): string[] {
  const { accountName, region, launchTemplateName } = USAGE_FIXTURE.sharedAndUsedElsewhere;
  const template = emulator.world.usage.launchTemplates.in(worldAccount(accountName).accountId, region).find((t) => t.name === launchTemplateName)!;
  return template.versions.map((v) => v.data.imageId!);
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  core = coreOver(emulator, { maxAttempts: 2, chooseSavePath: async () => savePath });
  ws = await core.handlers['demo:open']({});
  await core.handlers['inventory:scan']({ accounts: [entry('initech-shared-services').id, entry('initech-sandbox').id], regions: [EAST] });
  await core.inventory.scanFinished();
});

afterAll(async () => {
  await core?.close();
  await emulator?.close();
});

describe('usage:analyze', () => {
  it('an AMI unused by its owner but in a launch template version of an account it is shared with is in use', async () => {
    const [older, current] = ciRunnerImages();
    const all = await core.handlers['usage:analyze']({ regions: [EAST] });
    const usage = usageOf(all, older!);
    expect(usage.account).toBe(entry('initech-shared-services').id);
    expect(usage.inUse).toBe('yes');
    // Version 1 is neither the default (2) nor the latest; the terminated instance on it does not count.
    expect(usage.references).toEqual([{ kind: 'launch-template', account: entry('acme-staging').id, accountName: 'acme-staging', region: EAST, resource: 'ci-runner', detail: 'version 1' }]);
    const kinds = usageOf(all, current!).references.map((r) => `${r.kind} ${r.resource}`);
    expect(kinds).toContain('launch-template ci-runner');
    expect(kinds).toContain('auto-scaling-group ci-runners');
    // An AMI id kept in a plain text parameter counts.
    expect(kinds).toContain('ssm-parameter /platform/ami/al2023');
    // Some of the hub's AMIs are used nowhere it or the accounts it shares with can see.
    expect(all.some((u) => u.inUse === 'no')).toBe(true);
  });

  it('an AMI others may launch where the app cannot read (an account outside the workspace, everyone, a member of its organization or OU the workspace lacks) is unknown unless used where it reads, never unused', async () => {
    const all = await core.handlers['usage:analyze']({ regions: [EAST] });
    const workspaceIds = new Set(ws.accounts.map((a) => a.awsAccountId));
    // One entry each for everyone, an outside account, and each ACTIVE organization or OU member outside the workspace.
    const beyond = (imageId: string) => {
      const image = emulator.world.imagesIn(EAST).find((i) => i.imageId === imageId)!;
      return image.launchPermissions.flatMap((p) => {
        if (p.group === 'all' || (p.userId && !workspaceIds.has(p.userId))) return [p];
        const members = emulator.world.accounts.filter((a) => (p.organizationArn ? a.organizationArn === p.organizationArn : p.organizationalUnitArn ? a.organizationalUnitArns.includes(p.organizationalUnitArn) : false));
        return members.filter((a) => (a.organizationStatus ?? 'ACTIVE') === 'ACTIVE' && !workspaceIds.has(a.accountId));
      });
    };
    const outside = all.filter((u) => beyond(u.imageId).length > 0);
    expect(outside.length).toBeGreaterThan(0);
    for (const u of outside) {
      expect(u.inUse).not.toBe('no');
      if (u.references.length === 0) expect(u.inUse).toBe('unknown');
      expect(u.unreadable.filter((r) => r.account === null)).toHaveLength(beyond(u.imageId).length);
    }
    // And an AMI only its owner and the workspace's accounts may launch can still be "no".
    expect(all.some((u) => u.inUse === 'no' && beyond(u.imageId).length === 0)).toBe(true);
    // Every member of the demo's organizations is in the workspace: sharing with one hides nothing.
    const grouped = all.filter((u) => emulator.world.imagesIn(EAST).find((i) => i.imageId === u.imageId)!.launchPermissions.some((p) => p.organizationArn || p.organizationalUnitArn));
    expect(grouped.length).toBeGreaterThan(0);
    for (const u of grouped) expect(u.unreadable).toEqual([]);
  });

  it('a stopped instance counts as in use', async () => {
    const { accountName, region, instanceName } = USAGE_FIXTURE.stoppedOnly;
    const instance = emulator.world.usage.instances.in(worldAccount(accountName).accountId, region).find((i) => i.tags.some((t) => t.key === 'Name' && t.value === instanceName))!;
    expect(instance.state).toBe('stopped');
    const usage = usageOf(await core.handlers['usage:analyze']({ accounts: [entry(accountName).id], regions: [region] }), instance.imageId);
    expect(usage.inUse).toBe('yes');
    expect(usage.references).toEqual([{ kind: 'instance', account: entry(accountName).id, accountName, region, resource: instance.instanceId, detail: 'stopped' }]);
  });

  it('an account that cannot be read makes the AMIs that could be used there unknown, naming it and the region', async () => {
    const [older] = ciRunnerImages();
    const staging = worldAccount('acme-staging').accountId;
    // Neither the one-call answer nor the instance listing it falls back to.
    emulator.denyAction(staging, 'DescribeImageReferences');
    emulator.denyAction(staging, 'DescribeInstances');
    try {
      const all = await core.handlers['usage:analyze']({ accounts: [entry('initech-shared-services').id], regions: [EAST] });
      const usage = usageOf(all, older!);
      expect(usage.inUse).toBe('unknown');
      expect(usage.unreadable).toHaveLength(1);
      expect(usage.unreadable[0]).toMatchObject({ account: entry('acme-staging').id, accountName: 'acme-staging', region: EAST });
      expect(usage.unreadable[0]!.reason).toMatch(/^acme-staging \(\d{12}\) · US East \(N\. Virginia\) us-east-1 could not be read: /);
      // None of the hub's AMIs shared with acme-staging is guessed unused.
      for (const u of all) if (u.unreadable.length > 0) expect(u.inUse).not.toBe('no');
    } finally {
      emulator.allowAction(staging, 'DescribeInstances');
      emulator.allowAction(staging, 'DescribeImageReferences');
    }
  });

  it('reads each account-region once per analysis, however many AMIs, with progress', async () => {
    const progress: Array<{ done: number; total: number }> = [];
    const off = core.onEvent((event, payload) => {
      if (event === 'usage:progress') progress.push(payload as { done: number; total: number });
    });
    const before = emulator.stats().requests;
    const all = await core.handlers['usage:analyze']({ regions: [EAST] });
    const requests = emulator.stats().requests - before;
    off();
    const places = new Set(all.flatMap((u) => [`${u.account}|${u.region}`, ...u.references.map((r) => `${r.account}|${r.region}`)]));
    const total = progress[0]!.total;
    expect(total).toBeGreaterThanOrEqual(places.size);
    expect(progress.at(-1)).toEqual({ done: total, total });
    // Per account-region: instances, templates (+ one per template), configurations, groups, parameters (pages), recipes.
    expect(all.length).toBeGreaterThan(total);
    expect(requests).toBeLessThan(all.length);
    // The same analysis again makes exactly as many calls (nothing is read per AMI).
    const again = emulator.stats().requests;
    await core.handlers['usage:analyze']({ regions: [EAST] });
    expect(emulator.stats().requests - again).toBe(requests);
  });
});

describe('usage:stored', () => {
  it('keeps the last answer per AMI for the grid offline, each AMI replaced by its newest analysis', async () => {
    const all = await core.handlers['usage:analyze']({ regions: [EAST] });
    const stored = await core.handlers['usage:stored']({});
    const byKey = new Map(stored.map((u) => [`${u.account}|${u.region}|${u.imageId}`, u]));
    for (const u of all) {
      const { analyzedAt, ...answer } = byKey.get(`${u.account}|${u.region}|${u.imageId}`)!;
      expect(answer).toEqual(u);
      expect(Date.parse(analyzedAt)).not.toBeNaN();
    }
  });
});

describe('usage in the export', () => {
  it('an export filtered to unused AMIs writes exactly the AMIs the last check found unused, with no in its In use column', async () => {
    const all = await core.handlers['usage:analyze']({ regions: [EAST] });
    const unused = all.filter((u) => u.inUse === 'no').map((u) => u.imageId).sort();
    expect(unused.length).toBeGreaterThan(0);
    savePath = path.join(await mkdtemp(path.join(os.tmpdir(), 'atlas-usage-')), 'unused.csv');
    const result = await core.handlers['inventory:export']({ columns: ['imageId', 'inUse'], filter: { ...EMPTY_FILTER, inUse: ['no'] }, bom: false });
    expect(result.rows).toBe(unused.length);
    const records = parse(await readFile(savePath), { columns: true }) as Array<{ imageId: string; inUse: string }>;
    expect(records.map((r) => r.imageId).sort()).toEqual(unused);
    expect(new Set(records.map((r) => r.inUse)).size).toBe(1);
    expect(records[0]!.inUse).toBe('no');
  });
});

describe('usage:analyze through Auto Scaling', () => {
  it('a group counts through its launch configuration, and through a mixed instances policy in an account the AMI is shared with', async () => {
    const lc = USAGE_FIXTURE.launchConfiguration;
    const mixed = USAGE_FIXTURE.mixedInstances;
    await core.handlers['inventory:scan']({ accounts: [entry(lc.accountName).id, entry(mixed.ownerName).id], regions: [lc.region, mixed.region] });
    await core.inventory.scanFinished();

    const config = emulator.world.usage.launchConfigurations.in(worldAccount(lc.accountName).accountId, lc.region).find((c) => c.name === lc.launchConfigurationName)!;
    const dr = usageOf(await core.handlers['usage:analyze']({ accounts: [entry(lc.accountName).id], regions: [lc.region] }), config.imageId);
    expect(dr.inUse).toBe('yes');
    expect(dr.references.map((r) => `${r.kind} ${r.resource}`).sort()).toEqual([`auto-scaling-group ${lc.autoScalingGroupName}`, `launch-configuration ${lc.launchConfigurationName}`]);

    const template = emulator.world.usage.launchTemplates.in(worldAccount(mixed.accountName).accountId, mixed.region).find((t) => t.name === mixed.launchTemplateName)!;
    const image = template.versions.find((v) => v.versionNumber === template.defaultVersion)!.data.imageId!;
    const workers = usageOf(await core.handlers['usage:analyze']({ accounts: [entry(mixed.ownerName).id], regions: [mixed.region] }), image);
    expect(workers.inUse).toBe('yes');
    const inDev = workers.references.filter((r) => r.accountName === mixed.accountName).map((r) => `${r.kind} ${r.resource}`);
    expect(inDev).toContain(`auto-scaling-group ${mixed.autoScalingGroupName}`);
    expect(inDev).toContain(`launch-template ${mixed.launchTemplateName}`);
  });
});

describe('usage:analyze with and without DescribeImageReferences', () => {
  const WEST = 'eu-west-1';
  const sorted = (all: AmiUsage[]) =>
    all
      .map((u) => ({
        key: `${u.account}|${u.region}|${u.imageId}`,
        inUse: u.inUse,
        references: u.references.map((r) => `${r.kind} ${r.accountName} ${r.region} ${r.resource} ${r.detail ?? ''}`).sort(),
        unreadable: u.unreadable.map((r) => `${r.accountName} ${r.region}`).sort(),
      }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));

  it('the same world gives the same answer per AMI, references and details included, when a region does not offer the action', async () => {
    await core.handlers['inventory:scan']({ regions: [EAST, WEST] });
    await core.inventory.scanFinished();
    const withReferences = await core.handlers['usage:analyze']({ regions: [EAST, WEST] });
    expect(withReferences.some((u) => u.inUse === 'yes' && u.references.some((r) => r.kind === 'instance'))).toBe(true);
    expect(withReferences.some((u) => u.references.some((r) => r.kind === 'launch-template'))).toBe(true);
    emulator.setActionUnavailable('DescribeImageReferences', [EAST, WEST]);
    try {
      const listed = await core.handlers['usage:analyze']({ regions: [EAST, WEST] });
      expect(sorted(listed)).toEqual(sorted(withReferences));
    } finally {
      emulator.setActionUnavailable('DescribeImageReferences', []);
    }
  });

  it('where the action is offered the template listing is not needed; where it is not, the listing is what answers', async () => {
    const [older] = ciRunnerImages();
    const staging = worldAccount('acme-staging').accountId;
    // Only the listing of every template is denied: DescribeImageReferences names the templates itself.
    emulator.denyAction(staging, 'DescribeLaunchTemplates');
    try {
      const offered = usageOf(await core.handlers['usage:analyze']({ accounts: [entry('initech-shared-services').id], regions: [EAST] }), older!);
      expect(offered.inUse).toBe('yes');
      expect(offered.references).toEqual([{ kind: 'launch-template', account: entry('acme-staging').id, accountName: 'acme-staging', region: EAST, resource: 'ci-runner', detail: 'version 1' }]);
      emulator.setActionUnavailable('DescribeImageReferences', [EAST]);
      const listed = usageOf(await core.handlers['usage:analyze']({ accounts: [entry('initech-shared-services').id], regions: [EAST] }), older!);
      expect(listed.inUse).toBe('unknown');
      expect(listed.unreadable[0]!.reason).toMatch(/^acme-staging \(\d{12}\) · US East \(N\. Virginia\) us-east-1 could not be read: .*DescribeLaunchTemplates/);
    } finally {
      emulator.setActionUnavailable('DescribeImageReferences', []);
      emulator.allowAction(staging, 'DescribeLaunchTemplates');
    }
  });

  it('the emulator answers a region without the action as EC2 does: InvalidAction, not an access error', async () => {
    emulator.setActionUnavailable('DescribeImageReferences', [EAST]);
    try {
      const { EC2Client, DescribeImageReferencesCommand } = await import('@aws-sdk/client-ec2');
      const identity = emulator.identities.find((i) => i.accountName === 'acme-staging') ?? emulator.identities[0]!;
      const ec2 = new EC2Client({ region: EAST, endpoint: emulator.url, credentials: { accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey }, maxAttempts: 1 });
      const error = await ec2.send(new DescribeImageReferencesCommand({ ImageIds: ['ami-0123456789abcdef0'], IncludeAllResourceTypes: true })).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'InvalidAction', $metadata: { httpStatusCode: 400 } });
    } finally {
      emulator.setActionUnavailable('DescribeImageReferences', []);
    }
  });
});

describe('usage:analyze through organizations and OUs', () => {
  const WEST2 = 'us-west-2';
  const image = (region: string, imageId: string) => emulator.world.imagesIn(region).find((i) => i.imageId === imageId)!;
  const toOrganization = (region: string, imageId: string) => image(region, imageId).launchPermissions.some((p) => p.organizationArn);

  async function ec2As(accountName: string, region: string) {
    const { EC2Client } = await import('@aws-sdk/client-ec2');
    const who = emulator.identities.find((i) => i.accountName === accountName)!;
    return new EC2Client({ region, endpoint: emulator.url, credentials: { accessKeyId: who.accessKeyId, secretAccessKey: who.secretAccessKey }, maxAttempts: 1 });
  }

  // The shares below change outside the app, which no listing shows: the rescan re-reads every AMI's permissions.
  async function rescan(accountName: string, region: string) {
    await core.handlers['inventory:scan']({ accounts: [entry(accountName).id], regions: [region], permissionsMaxAgeHours: 0 });
    await core.inventory.scanFinished();
  }

  it('an AMI shared with an organization is read in each member the workspace has: a member running it makes it in use, even once no longer shared with that member by id', async () => {
    const { ownerName, accountName, region, instanceName } = USAGE_FIXTURE.organizationMember;
    const instance = emulator.world.usage.instances.in(worldAccount(accountName).accountId, region).find((i) => i.tags.some((t) => t.key === 'Name' && t.value === instanceName))!;
    expect(toOrganization(region, instance.imageId)).toBe(true);
    const reference = { kind: 'instance', account: entry(accountName).id, accountName, region, resource: instance.instanceId, detail: 'running' };
    const first = usageOf(await core.handlers['usage:analyze']({ accounts: [entry(ownerName).id], regions: [region] }), instance.imageId);
    expect(first).toMatchObject({ inUse: 'yes', unreadable: [] });
    expect(first.references).toContainEqual(reference);

    // Shared with the organization alone: the sandbox is read as a member of it.
    const { ModifyImageAttributeCommand } = await import('@aws-sdk/client-ec2');
    const hub = await ec2As(ownerName, region);
    const sandboxId = worldAccount(accountName).accountId;
    await hub.send(new ModifyImageAttributeCommand({ ImageId: instance.imageId, LaunchPermission: { Remove: [{ UserId: sandboxId }] } }));
    try {
      await rescan(ownerName, region);
      const alone = usageOf(await core.handlers['usage:analyze']({ accounts: [entry(ownerName).id], regions: [region] }), instance.imageId);
      expect(alone.inUse).toBe('yes');
      expect(alone.references).toContainEqual(reference);
    } finally {
      await hub.send(new ModifyImageAttributeCommand({ ImageId: instance.imageId, LaunchPermission: { Add: [{ UserId: sandboxId }] } }));
      hub.destroy();
      await rescan(ownerName, region);
    }
  });

  it('an AMI shared with an organization every member of which is in the workspace, used by none, is unused', async () => {
    const hub = USAGE_FIXTURE.organizationMember.ownerName;
    await rescan(hub, WEST2);
    const all = await core.handlers['usage:analyze']({ accounts: [entry(hub).id], regions: [WEST2] });
    const shared = all.filter((u) => toOrganization(WEST2, u.imageId));
    expect(shared.length).toBeGreaterThan(0);
    for (const u of shared) expect(u).toMatchObject({ inUse: 'no', references: [], unreadable: [] });
  });

  it('an AMI shared with an OU is read in the accounts under it: one in a member’s launch template is in use, the other unused', async () => {
    const { ownerName, accountName, region, launchTemplateName } = USAGE_FIXTURE.organizationalUnitMember;
    await rescan(ownerName, region);
    const template = emulator.world.usage.launchTemplates.in(worldAccount(accountName).accountId, region).find((t) => t.name === launchTemplateName)!;
    const used = template.versions[0]!.data.imageId!;
    const all = await core.handlers['usage:analyze']({ accounts: [entry(ownerName).id], regions: [region] });
    const toOu = all.filter((u) => image(region, u.imageId).launchPermissions.some((p) => p.organizationalUnitArn));
    expect(toOu.map((u) => u.imageId)).toContain(used);
    // Not shared with globex-prod by id: only the OU reaches it.
    expect(image(region, used).launchPermissions.some((p) => p.userId === worldAccount(accountName).accountId)).toBe(false);
    expect(usageOf(all, used)).toMatchObject({ inUse: 'yes', unreadable: [], references: [{ kind: 'launch-template', account: entry(accountName).id, accountName, region, resource: launchTemplateName, detail: 'version 1 (default)' }] });
    const unused = toOu.filter((u) => u.imageId !== used);
    expect(unused.length).toBeGreaterThan(0);
    for (const u of unused) expect(u).toMatchObject({ inUse: 'no', references: [], unreadable: [] });
  });

  it('a member of the organization outside the workspace makes an AMI shared with it unknown, named as the organization lists it; a suspended one does not; a listing refused says who was read', async () => {
    const owner = 'acme-production';
    const ownerId = worldAccount(owner).accountId;
    const before = await core.handlers['usage:analyze']({ accounts: [entry(owner).id], regions: [EAST] });
    const candidate = before.find((u) => u.inUse === 'no')!;
    const organizationArn = worldAccount(owner).organizationArn;
    // An account joins Acme's organization without joining the workspace.
    const [joined] = emulator.sso.addAccounts(1);
    const { ModifyImageAttributeCommand } = await import('@aws-sdk/client-ec2');
    const ec2 = await ec2As(owner, EAST);
    await ec2.send(new ModifyImageAttributeCommand({ ImageId: candidate.imageId, LaunchPermission: { Add: [{ OrganizationArn: organizationArn }] } }));
    try {
      await rescan(owner, EAST);
      const analyze = async () => usageOf(await core.handlers['usage:analyze']({ accounts: [entry(owner).id], regions: [EAST] }), candidate.imageId);
      const outside = await analyze();
      expect(outside.inUse).toBe('unknown');
      expect(outside.unreadable).toHaveLength(1);
      expect(outside.unreadable[0]).toMatchObject({ account: null, accountName: joined!.accountName, region: EAST });
      expect(outside.unreadable[0]!.reason).toContain(`${joined!.accountName} (${joined!.accountId})`);

      emulator.denyAction(ownerId, 'ListAccounts');
      try {
        const refused = await analyze();
        expect(refused.inUse).toBe('unknown');
        expect(refused.unreadable).toHaveLength(1);
        expect(refused.unreadable[0]!.accountName).toBe(organizationArn);
        expect(refused.unreadable[0]!.reason).toMatch(/members in the workspace \(.*acme-staging.*\) were read/);
        expect(refused.unreadable[0]!.reason).toContain(owner);
      } finally {
        emulator.allowAction(ownerId, 'ListAccounts');
      }

      emulator.setOrganizationStatus(joined!.accountId, 'SUSPENDED');
      expect(await analyze()).toMatchObject({ inUse: 'no', unreadable: [] });
    } finally {
      await ec2.send(new ModifyImageAttributeCommand({ ImageId: candidate.imageId, LaunchPermission: { Remove: [{ OrganizationArn: organizationArn }] } }));
      ec2.destroy();
      await rescan(owner, EAST);
    }
  });
});

describe('usage:analyze without the management account', () => {
  // Last: it takes globex-prod, Globex's management account, out of the workspace.
  it('an organization or OU whose management account the workspace lacks stays unknown, saying which of its members were read and why the others could not be', async () => {
    const { ownerName, accountName: management, region } = USAGE_FIXTURE.organizationalUnitMember;
    const organizationArn = worldAccount(ownerName).organizationArn;
    const managementId = worldAccount(management).accountId;
    const all = await core.handlers['usage:analyze']({ accounts: [entry(ownerName).id], regions: [region] });
    const candidate = all.find((u) => u.inUse === 'no' && emulator.world.imagesIn(region).find((i) => i.imageId === u.imageId)!.launchPermissions.length === 0)!;
    const toOu = all.filter((u) => emulator.world.imagesIn(region).find((i) => i.imageId === u.imageId)!.launchPermissions.some((p) => p.organizationalUnitArn));
    expect(toOu.length).toBeGreaterThan(0);
    const { EC2Client, ModifyImageAttributeCommand } = await import('@aws-sdk/client-ec2');
    const who = emulator.identities.find((i) => i.accountName === ownerName)!;
    const ec2 = new EC2Client({ region, endpoint: emulator.url, credentials: { accessKeyId: who.accessKeyId, secretAccessKey: who.secretAccessKey }, maxAttempts: 1 });
    await ec2.send(new ModifyImageAttributeCommand({ ImageId: candidate.imageId, LaunchPermission: { Add: [{ OrganizationArn: organizationArn }] } }));
    try {
      await core.handlers['accounts:remove']({ account: entry(management).id, confirmations: { [entry(management).id]: management } });
      // Shared outside the app just now: only a re-read of every AMI's permissions sees it.
      await core.handlers['inventory:scan']({ accounts: [entry(ownerName).id], regions: [region], permissionsMaxAgeHours: 0 });
      await core.inventory.scanFinished();
      const without = await core.handlers['usage:analyze']({ accounts: [entry(ownerName).id], regions: [region] });
      const shared = usageOf(without, candidate.imageId);
      expect(shared.inUse).toBe('unknown');
      expect(shared.unreadable).toHaveLength(1);
      expect(shared.unreadable[0]).toMatchObject({ account: null, accountName: organizationArn, region });
      expect(shared.unreadable[0]!.reason).toContain(`members in the workspace (${ownerName}) were read`);
      expect(shared.unreadable[0]!.reason).toContain(`management account (${managementId}) is not in the workspace`);
      // The OU's accounts cannot be listed at all: nothing of it is guessed unused, even the one globex-prod used.
      for (const u of toOu) {
        const now = usageOf(without, u.imageId);
        expect(now.inUse).toBe('unknown');
        expect(now.unreadable[0]!.reason).toContain(`management account (${managementId})`);
      }
    } finally {
      await ec2.send(new ModifyImageAttributeCommand({ ImageId: candidate.imageId, LaunchPermission: { Remove: [{ OrganizationArn: organizationArn }] } }));
      ec2.destroy();
    }
  });
});
