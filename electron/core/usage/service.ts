/**
 * Where owned AMIs are used. Every account-region an owned AMI could be used in (its owner's and
 * those of the workspace accounts it is shared with) is read once per analysis, whatever the
 * number of AMIs, with a bounded number of reads in flight; each AMI is then matched against
 * what was read. An account-region that could not be read makes the AMIs that could be used
 * there 'unknown', never 'no'. Each answer is stored for the grid offline. Serves `usage:*` (see serve.ts).
 */
import { DescribeAutoScalingGroupsCommand, DescribeLaunchConfigurationsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand, DescribeLaunchTemplatesCommand, DescribeLaunchTemplateVersionsCommand } from '@aws-sdk/client-ec2';
import { ListImageRecipesCommand } from '@aws-sdk/client-imagebuilder';
import { GetParametersByPathCommand } from '@aws-sdk/client-ssm';
import { NO_NAMES } from '../../../shared/ami-rows';
import type { ChannelParsedInput } from '../../../shared/contract';
import type { AmiUsage, StoredAmiUsage, UsageReference, UsageUnreadable } from '../../../shared/contract/usage';
import type { AccountRecord, PathRecord } from '../accounts/registry';
import type { CoreContext } from '../context';
import { mapLimited } from '../map-limited';
import type { InventoryStore } from '../inventory/store';
import { cachedAmis } from '../inventory/store';
import { saveUsage, storedUsage } from './store';

export interface UsageDeps {
  aws: Pick<CoreContext, 'read' | 'pool' | 'active' | 'emit'>;
  inventory: InventoryStore;
  /** Account-regions read at once (default 8). */
  limit?: number;
}

/** What one account-region uses: image id → references. */
type Uses = Map<string, Array<Omit<UsageReference, 'account' | 'accountName' | 'region'>>>;

const placeKey = (account: string, region: string) => `${account}|${region}`;

export class UsageService {
  constructor(private readonly deps: UsageDeps) {}

  async analyze({ accounts, regions }: ChannelParsedInput<'usage:analyze'>): Promise<AmiUsage[]> {
    const { aws, inventory } = this.deps;
    const source = aws.active();
    const listed = source.registry.listAccounts();
    const byAws = new Map<string, AccountRecord>();
    for (const a of listed) if (a.awsAccountId) byAws.set(a.awsAccountId, a);
    const byId = new Map(listed.map((a) => [a.id, a]));

    const owned = [...cachedAmis(inventory.cachesOf([source]), null, NO_NAMES)].filter(
      (row) => row.view === 'owned' && (!accounts || accounts.includes(row.account)) && (!regions || regions.includes(row.region)),
    );
    // Each AMI's places: its owner's account-region, and each workspace account it is shared with there.
    const placesOf = new Map<string, AccountRecord[]>();
    const places = new Map<string, { account: AccountRecord; region: string }>();
    for (const row of owned) {
      const owner = byId.get(row.account);
      if (!owner) continue;
      const reach = [owner, ...row.sharedWith.flatMap((id) => (byAws.get(id) && byAws.get(id) !== owner ? [byAws.get(id)!] : []))];
      placesOf.set(row.key, reach);
      for (const account of reach) places.set(placeKey(account.id, row.region), { account, region: row.region });
    }

    const list = [...places.values()];
    let done = 0;
    aws.emit('usage:progress', { done, total: list.length });
    const read = new Map<string, Uses | string>();
    await mapLimited(list, this.deps.limit ?? 8, async ({ account, region }) => {
      try {
        read.set(placeKey(account.id, region), await this.readPlace(account.id, region));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        read.set(placeKey(account.id, region), `${account.name} in ${region} could not be read: ${message}`);
      }
      aws.emit('usage:progress', { done: ++done, total: list.length });
    });

    const result: AmiUsage[] = owned.flatMap((row) => {
      const reach = placesOf.get(row.key);
      if (!reach) return [];
      const references: UsageReference[] = [];
      const unreadable: UsageUnreadable[] = [];
      for (const account of reach) {
        const found = read.get(placeKey(account.id, row.region));
        if (typeof found === 'string' || found === undefined) {
          unreadable.push({ account: account.id, accountName: account.name, region: row.region, reason: found ?? `${account.name} in ${row.region} was not read.` });
          continue;
        }
        for (const ref of found.get(row.imageId) ?? []) references.push({ ...ref, account: account.id, accountName: account.name, region: row.region });
      }
      // Who else may launch it and cannot be read from here: its use there is unknown, never "no".
      unreadable.push(...beyondReach(row, byAws));
      const inUse = references.length > 0 ? 'yes' : unreadable.length > 0 ? 'unknown' : 'no';
      return [{ account: row.account, region: row.region, imageId: row.imageId, inUse, references, unreadable }];
    });
    saveUsage(source.registry.db, result, new Date().toISOString());
    return result;
  }

  async stored(): Promise<StoredAmiUsage[]> {
    return Promise.resolve(storedUsage(this.deps.aws.active().registry.db));
  }

  /** Everything in one account-region that names an AMI. */
  private async readPlace(account: string, region: string): Promise<Uses> {
    const uses: Uses = new Map();
    const add = (imageId: string | undefined, ref: Omit<UsageReference, 'account' | 'accountName' | 'region'>) => {
      if (!imageId?.startsWith('ami-')) return;
      const list = uses.get(imageId) ?? [];
      list.push(ref);
      uses.set(imageId, list);
    };
    const { aws } = this.deps;
    const on = <T>(action: string, work: (path: PathRecord) => Promise<T>) => aws.read(account, region, action, work);

    await on('DescribeInstances', async (path) => {
      const ec2 = aws.pool.ec2(path, region);
      let token: string | undefined;
      do {
        const page = await ec2.send(new DescribeInstancesCommand({ MaxResults: 1000, ...(token ? { NextToken: token } : {}) }));
        for (const r of page.Reservations ?? [])
          for (const i of r.Instances ?? []) {
            const state = i.State?.Name ?? '';
            if (state === 'terminated' || state === 'shutting-down') continue;
            add(i.ImageId, { kind: 'instance', resource: i.InstanceId ?? '', detail: state });
          }
        token = page.NextToken;
      } while (token);
    });

    // Template name → its versions' images by version ('$Default' and '$Latest' too), for the groups that launch them.
    const templateImages = new Map<string, Map<string, string>>();
    await on('DescribeLaunchTemplateVersions', async (path) => {
      const ec2 = aws.pool.ec2(path, region);
      let token: string | undefined;
      const templates: Array<{ id: string; name: string }> = [];
      do {
        const page = await ec2.send(new DescribeLaunchTemplatesCommand({ MaxResults: 200, ...(token ? { NextToken: token } : {}) }));
        for (const t of page.LaunchTemplates ?? []) if (t.LaunchTemplateId) templates.push({ id: t.LaunchTemplateId, name: t.LaunchTemplateName ?? t.LaunchTemplateId });
        token = page.NextToken;
      } while (token);
      for (const t of templates) {
        // Every version: a non-default, non-latest one can still be launched by name.
        const versions = new Map<string, string[]>();
        const byVersion = new Map<string, string>();
        let latest = 0;
        let vtoken: string | undefined;
        do {
          const page = await ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: t.id, MaxResults: 200, ...(vtoken ? { NextToken: vtoken } : {}) }));
          for (const v of page.LaunchTemplateVersions ?? []) {
            const image = v.LaunchTemplateData?.ImageId;
            if (!image) continue;
            const number = v.VersionNumber ?? 0;
            byVersion.set(String(number), image);
            if (v.DefaultVersion) byVersion.set('$Default', image);
            if (number > latest) {
              latest = number;
              byVersion.set('$Latest', image);
            }
            const label = `${number}${v.DefaultVersion ? ' (default)' : ''}`;
            versions.set(image, [...(versions.get(image) ?? []), label]);
          }
          vtoken = page.NextToken;
        } while (vtoken);
        for (const [image, labels] of versions) add(image, { kind: 'launch-template', resource: t.name, detail: `version ${labels.join(', ')}` });
        templateImages.set(t.name, byVersion);
      }
    });

    await on('autoscaling:DescribeAutoScalingGroups', async (path) => {
      const as = aws.pool.autoscaling(path, region);
      const configs = new Map<string, string>();
      let token: string | undefined;
      do {
        const page = await as.send(new DescribeLaunchConfigurationsCommand({ MaxRecords: 100, ...(token ? { NextToken: token } : {}) }));
        for (const c of page.LaunchConfigurations ?? []) {
          if (c.LaunchConfigurationName && c.ImageId) configs.set(c.LaunchConfigurationName, c.ImageId);
          add(c.ImageId, { kind: 'launch-configuration', resource: c.LaunchConfigurationName ?? '', detail: null });
        }
        token = page.NextToken;
      } while (token);
      let groupToken: string | undefined;
      do {
        const page = await as.send(new DescribeAutoScalingGroupsCommand({ MaxRecords: 100, ...(groupToken ? { NextToken: groupToken } : {}) }));
        for (const g of page.AutoScalingGroups ?? []) {
          const spec = g.LaunchTemplate ?? g.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
          const template = spec?.LaunchTemplateName;
          const images = new Set<string>();
          // A group launches one version of its template (the default when it names none).
          const image = template ? templateImages.get(template)?.get(spec?.Version ?? '$Default') : undefined;
          if (image) images.add(image);
          if (g.LaunchConfigurationName) {
            const configured = configs.get(g.LaunchConfigurationName);
            if (configured) images.add(configured);
          }
          for (const image of images) add(image, { kind: 'auto-scaling-group', resource: g.AutoScalingGroupName ?? '', detail: template ? `template ${template}` : `configuration ${g.LaunchConfigurationName}` });
        }
        groupToken = page.NextToken;
      } while (groupToken);
    });

    await on('ssm:GetParametersByPath', async (path) => {
      const ssm = aws.pool.ssm(path, region);
      let token: string | undefined;
      do {
        const page = await ssm.send(new GetParametersByPathCommand({ Path: '/', Recursive: true, MaxResults: 10, ...(token ? { NextToken: token } : {}) }));
        for (const p of page.Parameters ?? []) add(p.Value?.trim(), { kind: 'ssm-parameter', resource: p.Name ?? '', detail: null });
        token = page.NextToken;
      } while (token);
    });

    await on('imagebuilder:ListImageRecipes', async (path) => {
      const ib = aws.pool.imagebuilder(path, region);
      let token: string | undefined;
      do {
        const page = await ib.send(new ListImageRecipesCommand({ owner: 'Self', ...(token ? { nextToken: token } : {}) }));
        for (const r of page.imageRecipeSummaryList ?? []) add(r.parentImage, { kind: 'image-recipe', resource: r.name ?? r.arn ?? '', detail: null });
        token = page.nextToken;
      } while (token);
    });
    return uses;
  }
}

/** The places an AMI may be launched from that no workspace account can read for it. */
function beyondReach(row: { region: string; launchPermission: string | null; sharedWith: readonly string[] }, byAws: ReadonlyMap<string, AccountRecord>): UsageUnreadable[] {
  const { region } = row;
  if (row.launchPermission === null) return [{ account: null, accountName: 'its launch permissions', region, reason: `Who may launch it is not known (its launch permissions were not read in ${region}).` }];
  const out: UsageUnreadable[] = [];
  if (row.launchPermission === 'public') out.push({ account: null, accountName: 'everyone', region, reason: 'It is public: any AWS account may launch it, and only the workspace’s accounts can be read.' });
  for (const entry of row.sharedWith) {
    if (/^\d{12}$/.test(entry)) {
      if (!byAws.has(entry)) out.push({ account: null, accountName: entry, region, reason: `It is shared with ${entry}, an account the workspace does not have: its use there cannot be read.` });
    } else {
      const what = entry.includes(':ou/') ? 'an organizational unit' : 'an organization';
      out.push({ account: null, accountName: entry, region, reason: `It is shared with ${what} (${entry}): its member accounts' use is not read.` });
    }
  }
  return out;
}

