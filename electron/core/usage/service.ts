/**
 * Where owned AMIs are used. Every account-region an owned AMI could be used in (its owner's and
 * those of the workspace accounts it is shared with, by id or as members of an organization or OU
 * it is shared with) is read once per analysis, whatever the
 * number of AMIs, with a bounded number of reads in flight; each AMI is then matched against
 * what was read. An account-region that could not be read makes the AMIs that could be used
 * there 'unknown', never 'no'. Each answer is stored for the grid offline. Serves `usage:*` (see serve.ts).
 * In a place, DescribeImageReferences answers for instances, launch templates and recipes where the
 * region offers it; elsewhere each service is listed (see readPlace).
 */
import { DescribeAutoScalingGroupsCommand, DescribeLaunchConfigurationsCommand } from '@aws-sdk/client-auto-scaling';
import {
  DescribeImageReferencesCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  type EC2Client,
  type ResourceTypeRequest,
} from '@aws-sdk/client-ec2';
import { ListImageRecipesCommand } from '@aws-sdk/client-imagebuilder';
import { GetParametersByPathCommand } from '@aws-sdk/client-ssm';
import { NO_NAMES } from '../../../shared/ami-rows';
import { AppError, placeLabel } from '../../../shared/errors';
import { regionLabel } from '../../../shared/region-names';
import type { ChannelParsedInput } from '../../../shared/contract';
import type { AmiUsage, StoredAmiUsage, UsageReference, UsageUnreadable } from '../../../shared/contract/usage';
import type { AccountRecord, PathRecord } from '../accounts/registry';
import type { CoreContext } from '../context';
import { mapLimited } from '../map-limited';
import type { InventoryStore } from '../inventory/store';
import { cachedAmis } from '../inventory/store';
import { OrganizationBook } from '../sharing/organizations';
import { organizationMembers, organizationalUnitMembers, type OrgMember } from './organization-members';
import { saveUsage, storedUsage } from './store';

export interface UsageDeps {
  aws: Pick<CoreContext, 'read' | 'pool' | 'active' | 'emit' | 'find'>;
  inventory: InventoryStore;
  /** Account-regions read at once (default 8). */
  limit?: number;
}

/** What one account-region uses: image id → references. */
type Uses = Map<string, Array<Omit<UsageReference, 'account' | 'accountName' | 'region'>>>;

const placeKey = (account: string, region: string) => `${account}|${region}`;

/** What sharing with an organization or OU reaches, as far as the workspace can tell. */
interface GroupReach {
  /** The workspace's accounts in it: read like any account the AMI is shared with. */
  members: AccountRecord[];
  /** Who else may launch it and cannot be read (the region is the AMI's). */
  beyond: Array<{ accountName: string; reason: string }>;
}

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
    // Organizations and OUs are looked up once per analysis, however many AMIs are shared with them.
    const groups = await this.groupsReached(new Set(owned.flatMap((row) => row.sharedWith.filter((entry) => !/^\d{12}$/.test(entry)))), listed, byAws);
    // Each AMI's places: its owner's account-region, and each workspace account it is shared with
    // there, directly or through an organization or OU.
    const placesOf = new Map<string, AccountRecord[]>();
    const places = new Map<string, { account: AccountRecord; region: string; imageIds: Set<string> }>();
    for (const row of owned) {
      const owner = byId.get(row.account);
      if (!owner) continue;
      const reach = [owner];
      for (const entry of row.sharedWith) {
        for (const account of groups.get(entry)?.members ?? (byAws.has(entry) ? [byAws.get(entry)!] : [])) if (!reach.includes(account)) reach.push(account);
      }
      placesOf.set(row.key, reach);
      for (const account of reach) {
        const key = placeKey(account.id, row.region);
        const place = places.get(key) ?? { account, region: row.region, imageIds: new Set<string>() };
        place.imageIds.add(row.imageId);
        places.set(key, place);
      }
    }

    const list = [...places.values()];
    let done = 0;
    aws.emit('usage:progress', { done, total: list.length });
    const read = new Map<string, Uses | string>();
    await mapLimited(list, this.deps.limit ?? 8, async ({ account, region, imageIds }) => {
      try {
        read.set(placeKey(account.id, region), await this.readPlace(account.id, region, [...imageIds]));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        read.set(placeKey(account.id, region), `${placeLabel(account.name, account.awsAccountId, region)} could not be read: ${message}`);
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
          unreadable.push({ account: account.id, accountName: account.name, region: row.region, reason: found ?? `${placeLabel(account.name, account.awsAccountId, row.region)} was not read.` });
          continue;
        }
        for (const ref of found.get(row.imageId) ?? []) references.push({ ...ref, account: account.id, accountName: account.name, region: row.region });
      }
      // Who else may launch it and cannot be read from here: its use there is unknown, never "no".
      unreadable.push(...beyondReach(row, byAws, groups));
      const inUse = references.length > 0 ? 'yes' : unreadable.length > 0 ? 'unknown' : 'no';
      return [{ account: row.account, region: row.region, imageId: row.imageId, inUse, references, unreadable }];
    });
    saveUsage(source.registry.db, result, new Date().toISOString());
    return result;
  }

  /**
   * What each organization and OU an AMI is shared with reaches. An organization's members in the
   * workspace are the accounts whose DescribeOrganization names it; who else is in it comes from
   * its management account (ListAccounts) when the workspace has that account. An OU's accounts
   * can only be listed by the management account (ListAccountsForParent, child OUs too).
   */
  private async groupsReached(entries: ReadonlySet<string>, listed: readonly AccountRecord[], byAws: ReadonlyMap<string, AccountRecord>): Promise<Map<string, GroupReach>> {
    const out = new Map<string, GroupReach>();
    if (entries.size === 0) return out;
    const { aws } = this.deps;
    const book = new OrganizationBook(aws, aws);
    const known = listed.filter((a) => a.awsAccountId);
    const organizationOf = new Map<string, string | null>();
    if ([...entries].some((e) => !e.includes(':ou/'))) {
      await mapLimited(known, this.deps.limit ?? 8, async (a) => organizationOf.set(a.id, await book.organizationOf(a.id)));
    }
    // Each organization or OU is listed once (entries are distinct); a failure is kept in words.
    const listing = (management: AccountRecord, action: string, work: (path: PathRecord) => Promise<OrgMember[]>): Promise<OrgMember[] | string> =>
      aws.read(management.id, 'us-east-1', action, work).catch((error: unknown) => listingError(error, management, action));

    for (const entry of entries) {
      const ou = /^arn:aws:organizations::(\d{12}):ou\/(o-[a-z0-9]+)\/(ou-[a-z0-9-]+)$/.exec(entry);
      const org = /^arn:aws:organizations::(\d{12}):organization\/(o-[a-z0-9]+)$/.exec(entry);
      const managementId = (ou ?? org)?.[1];
      const management = managementId ? byAws.get(managementId) : undefined;
      if (ou) {
        const [, , , ouId] = ou;
        if (!management) {
          out.set(entry, { members: [], beyond: [{ accountName: entry, reason: `It is shared with an organizational unit (${entry}): its member accounts' use is not read, since only its organization's management account (${managementId}) can list them and the workspace does not have it.` }] });
          continue;
        }
        const found = await listing(management, 'organizations:ListAccountsForParent', (path) => organizationalUnitMembers(aws.pool.organizations(path), ouId!));
        if (typeof found === 'string') {
          out.set(entry, { members: [], beyond: [{ accountName: entry, reason: `It is shared with an organizational unit (${entry}): its member accounts' use is not read, since they could not be listed: ${found}` }] });
          continue;
        }
        out.set(entry, split(entry, found, byAws, 'organizational unit'));
        continue;
      }
      if (!org) {
        out.set(entry, { members: [], beyond: [{ accountName: entry, reason: `It is shared with ${entry}: its use there is not read.` }] });
        continue;
      }
      const inWorkspace = known.filter((a) => organizationOf.get(a.id) === entry);
      const read = inWorkspace.length > 0 ? `its members in the workspace (${inWorkspace.map((a) => a.name).join(', ')}) were read` : 'no account of the workspace said it is a member';
      if (!management) {
        out.set(entry, { members: inWorkspace, beyond: [{ accountName: entry, reason: `It is shared with an organization (${entry}): ${read}, but any others could not be, since its management account (${managementId}) is not in the workspace to list them.` }] });
        continue;
      }
      const found = await listing(management, 'organizations:ListAccounts', (path) => organizationMembers(aws.pool.organizations(path)));
      if (typeof found === 'string') {
        out.set(entry, { members: inWorkspace, beyond: [{ accountName: entry, reason: `It is shared with an organization (${entry}): ${read}, but any others could not be: ${found}` }] });
        continue;
      }
      // Listed members the workspace has are read even when their own DescribeOrganization was not answered.
      const listedReach = split(entry, found, byAws, 'organization');
      for (const a of inWorkspace) if (!listedReach.members.includes(a)) listedReach.members.push(a);
      out.set(entry, listedReach);
    }
    return out;
  }

  async stored(): Promise<StoredAmiUsage[]> {
    return Promise.resolve(storedUsage(this.deps.aws.active().registry.db));
  }

  /**
   * What in one account-region names these AMIs. DescribeImageReferences answers for instances,
   * launch templates and Image Builder recipes where the region offers it (and the account may
   * call it); elsewhere those are listed one service at a time. Auto Scaling and Parameter Store
   * are always read themselves (see below).
   */
  private async readPlace(account: string, region: string, imageIds: readonly string[]): Promise<Uses> {
    const uses: Uses = new Map();
    const add = (imageId: string | undefined, ref: Omit<UsageReference, 'account' | 'accountName' | 'region'>) => {
      if (!imageId?.startsWith('ami-')) return;
      const list = uses.get(imageId) ?? [];
      list.push(ref);
      uses.set(imageId, list);
    };
    const { aws } = this.deps;
    const on = <T>(action: string, work: (path: PathRecord) => Promise<T>) => aws.read(account, region, action, work);

    // Template name or id → its versions' images by version ('$Default' and '$Latest' too), for the groups that launch them.
    const templateImages = new Map<string, Map<string, string>>();
    const byReferences = await this.readReferences(account, region, imageIds);
    if (byReferences) {
      for (const { imageId, ...ref } of byReferences.references) add(imageId, ref);
      for (const [key, versions] of byReferences.templates) templateImages.set(key, versions);
    } else {
      await this.readEachService(account, region, add, templateImages);
    }

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
          const template = spec?.LaunchTemplateName ?? spec?.LaunchTemplateId;
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

    // Always read: DescribeImageReferences only sees parameters of data type aws:ec2:image, and
    // an AMI id kept in a plain String parameter is just as much in use.
    await on('ssm:GetParametersByPath', async (path) => {
      const ssm = aws.pool.ssm(path, region);
      let token: string | undefined;
      do {
        const page = await ssm.send(new GetParametersByPathCommand({ Path: '/', Recursive: true, MaxResults: 10, ...(token ? { NextToken: token } : {}) }));
        for (const p of page.Parameters ?? []) add(p.Value?.trim(), { kind: 'ssm-parameter', resource: p.Name ?? '', detail: null });
        token = page.NextToken;
      } while (token);
    });
    return uses;
  }

  /**
   * Instances (not terminated), launch templates (every version) and Image Builder recipes that
   * name these AMIs, through DescribeImageReferences, ten AMIs a call (its limit); then each
   * instance's state and each template's versions, to say which. Null when the region does not
   * offer the action or the account may not call it (or an AMI is gone since the last scan):
   * the caller lists each service instead.
   */
  private async readReferences(account: string, region: string, imageIds: readonly string[]): Promise<ReferencesRead | null> {
    const { aws } = this.deps;
    const found: Array<{ imageId: string; type: string; arn: string }> = [];
    try {
      await aws.read(account, region, 'DescribeImageReferences', async (path) => {
        const ec2 = aws.pool.ec2(path, region);
        found.length = 0;
        for (let at = 0; at < imageIds.length; at += IMAGE_REFERENCE_BATCH) {
          let token: string | undefined;
          do {
            const page = await ec2.send(
              new DescribeImageReferencesCommand({ ImageIds: imageIds.slice(at, at + IMAGE_REFERENCE_BATCH), ResourceTypes: REFERENCE_TYPES, MaxResults: 1000, ...(token ? { NextToken: token } : {}) }),
            );
            for (const r of page.ImageReferences ?? []) if (r.ImageId && r.ResourceType && r.Arn) found.push({ imageId: r.ImageId, type: r.ResourceType, arn: r.Arn });
            token = page.NextToken;
          } while (token);
        }
      });
    } catch (error) {
      if (referencesUnanswered(error)) return null;
      throw error;
    }

    const references: ReferencesRead['references'] = [];
    const templates = new Map<string, Map<string, string>>();
    const instances = new Map<string, string>();
    const templateIds = new Set<string>();
    for (const f of found) {
      if (f.type === 'ec2:Instance') instances.set(arnTail(f.arn, 'instance/'), f.imageId);
      else if (f.type === 'ec2:LaunchTemplate') templateIds.add(arnTail(f.arn, 'launch-template/'));
      else if (f.type === 'imagebuilder:ImageRecipe') references.push({ imageId: f.imageId, kind: 'image-recipe', resource: arnTail(f.arn, 'image-recipe/').split('/')[0] ?? f.arn, detail: null });
    }
    if (instances.size > 0) {
      await aws.read(account, region, 'DescribeInstances', async (path) => {
        const ec2 = aws.pool.ec2(path, region);
        const ids = [...instances.keys()];
        for (let at = 0; at < ids.length; at += INSTANCE_FILTER_VALUES) {
          let token: string | undefined;
          do {
            const page = await ec2.send(
              new DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: ids.slice(at, at + INSTANCE_FILTER_VALUES) }], MaxResults: 1000, ...(token ? { NextToken: token } : {}) }),
            );
            for (const r of page.Reservations ?? [])
              for (const i of r.Instances ?? []) {
                const state = i.State?.Name ?? '';
                if (state === 'terminated' || state === 'shutting-down' || !i.InstanceId) continue;
                references.push({ imageId: i.ImageId ?? instances.get(i.InstanceId) ?? '', kind: 'instance', resource: i.InstanceId, detail: state });
              }
            token = page.NextToken;
          } while (token);
        }
      });
    }
    if (templateIds.size > 0) {
      await aws.read(account, region, 'DescribeLaunchTemplateVersions', async (path) => {
        const ec2 = aws.pool.ec2(path, region);
        for (const id of templateIds) {
          const t = await templateVersions(ec2, id);
          for (const [image, labels] of t.labels) references.push({ imageId: image, kind: 'launch-template', resource: t.name, detail: `version ${labels.join(', ')}` });
          templates.set(t.name, t.byVersion);
          templates.set(id, t.byVersion);
        }
      });
    }
    return { references, templates };
  }

  /** Instances, every launch template version and Image Builder recipes, one service at a time. */
  private async readEachService(
    account: string,
    region: string,
    add: (imageId: string | undefined, ref: Omit<UsageReference, 'account' | 'accountName' | 'region'>) => void,
    templateImages: Map<string, Map<string, string>>,
  ): Promise<void> {
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

    // Each call under its own action, so a refusal names the call refused.
    const templates = await on('DescribeLaunchTemplates', async (path) => {
      const ec2 = aws.pool.ec2(path, region);
      let token: string | undefined;
      const ids: string[] = [];
      do {
        const page = await ec2.send(new DescribeLaunchTemplatesCommand({ MaxResults: 200, ...(token ? { NextToken: token } : {}) }));
        for (const t of page.LaunchTemplates ?? []) if (t.LaunchTemplateId) ids.push(t.LaunchTemplateId);
        token = page.NextToken;
      } while (token);
      return ids;
    });
    await on('DescribeLaunchTemplateVersions', async (path) => {
      const ec2 = aws.pool.ec2(path, region);
      for (const id of templates) {
        const t = await templateVersions(ec2, id);
        for (const [image, labels] of t.labels) add(image, { kind: 'launch-template', resource: t.name, detail: `version ${labels.join(', ')}` });
        templateImages.set(t.name, t.byVersion);
        templateImages.set(id, t.byVersion);
      }
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
  }
}

/** DescribeImageReferences takes at most ten AMIs a call. */
const IMAGE_REFERENCE_BATCH = 10;
/** Values in one DescribeInstances filter. */
const INSTANCE_FILTER_VALUES = 200;
const ACTIVE_STATES = ['pending', 'running', 'stopping', 'stopped'];
// Parameter Store is read on its own (plain String parameters count too); container recipes name container images, not AMIs.
const REFERENCE_TYPES: ResourceTypeRequest[] = [
  { ResourceType: 'ec2:Instance', ResourceTypeOptions: [{ OptionName: 'state-name', OptionValues: ACTIVE_STATES }] },
  // Every version can be launched by number, not only the newest ten the API looks at by default.
  { ResourceType: 'ec2:LaunchTemplate', ResourceTypeOptions: [{ OptionName: 'version-depth', OptionValues: ['10000'] }] },
  { ResourceType: 'imagebuilder:ImageRecipe' },
];

interface ReferencesRead {
  references: Array<Omit<UsageReference, 'account' | 'accountName' | 'region'> & { imageId: string }>;
  templates: Map<string, Map<string, string>>;
}

/**
 * An answer that says to list each service instead: the action is not offered in the region
 * (EC2 answers InvalidAction, or UnsupportedOperation for some features), the account's paths
 * may not call it, or an AMI named is gone since the last scan (the listings still find what uses it).
 */
function referencesUnanswered(error: unknown): boolean {
  if (!(error instanceof AppError)) return false;
  const awsCode = error.details?.awsCode;
  return error.code === 'ACCESS_DENIED' || error.code === 'NOT_FOUND' || awsCode === 'InvalidAction' || awsCode === 'UnsupportedOperation';
}

/** What follows `marker` in an ARN: `instance/i-1` → `i-1`. */
function arnTail(arn: string, marker: string): string {
  const at = arn.indexOf(marker);
  return at === -1 ? arn : arn.slice(at + marker.length);
}

/** One template's versions: which name each AMI (labels such as "3 (default)") and the AMI of each version. */
async function templateVersions(ec2: EC2Client, id: string): Promise<{ name: string; labels: Map<string, string[]>; byVersion: Map<string, string> }> {
  // Every version: a non-default, non-latest one can still be launched by number.
  const labels = new Map<string, string[]>();
  const byVersion = new Map<string, string>();
  let name = id;
  let latest = 0;
  let token: string | undefined;
  do {
    const page = await ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: id, MaxResults: 200, ...(token ? { NextToken: token } : {}) }));
    for (const v of page.LaunchTemplateVersions ?? []) {
      if (v.LaunchTemplateName) name = v.LaunchTemplateName;
      const image = v.LaunchTemplateData?.ImageId;
      if (!image) continue;
      const number = v.VersionNumber ?? 0;
      byVersion.set(String(number), image);
      if (v.DefaultVersion) byVersion.set('$Default', image);
      if (number > latest) {
        latest = number;
        byVersion.set('$Latest', image);
      }
      labels.set(image, [...(labels.get(image) ?? []), `${number}${v.DefaultVersion ? ' (default)' : ''}`]);
    }
    token = page.NextToken;
  } while (token);
  return { name, labels, byVersion };
}

/** A listed organization or OU: the members the workspace has, and one entry per ACTIVE member it does not. */
function split(entry: string, members: readonly OrgMember[], byAws: ReadonlyMap<string, AccountRecord>, what: 'organization' | 'organizational unit'): GroupReach {
  const reach: GroupReach = { members: [], beyond: [] };
  for (const m of members) {
    const account = byAws.get(m.id);
    if (account) {
      if (!reach.members.includes(account)) reach.members.push(account);
    } else {
      reach.beyond.push({ accountName: m.name, reason: `It is shared with an ${what} (${entry}) that ${m.name} (${m.id}) is a member of, an account the workspace does not have: its use there cannot be read.` });
    }
  }
  return reach;
}

/** Why the management account could not list its organization's accounts, in words. */
function listingError(error: unknown, management: AccountRecord, action: string): string {
  if (error instanceof AppError && error.code === 'ACCESS_DENIED') {
    return `${management.name} may not list its organization's accounts (${action}): only the management account, or a delegated administrator, can.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `${management.name} could not list its organization's accounts: ${message}`;
}

/** The places an AMI may be launched from that no workspace account can read for it. */
function beyondReach(
  row: { region: string; launchPermission: string | null; sharedWith: readonly string[] },
  byAws: ReadonlyMap<string, AccountRecord>,
  groups: ReadonlyMap<string, GroupReach>,
): UsageUnreadable[] {
  const { region } = row;
  if (row.launchPermission === null) return [{ account: null, accountName: 'its launch permissions', region, reason: `Who may launch it is not known (its launch permissions were not read in ${regionLabel(region)}).` }];
  const out: UsageUnreadable[] = [];
  if (row.launchPermission === 'public') out.push({ account: null, accountName: 'everyone', region, reason: 'It is public: any AWS account may launch it, and only the workspace’s accounts can be read.' });
  for (const entry of row.sharedWith) {
    if (/^\d{12}$/.test(entry)) {
      if (!byAws.has(entry)) out.push({ account: null, accountName: entry, region, reason: `It is shared with ${entry}, an account the workspace does not have: its use there cannot be read.` });
    } else {
      for (const b of groups.get(entry)?.beyond ?? []) out.push({ account: null, accountName: b.accountName, region, reason: b.reason });
    }
  }
  return out;
}

