/**
 * The clients and accounts of the demo world: three clients, two accounts each, every account
 * with one IAM user, one access key pair and (all but one) an IAM account alias. Account ids,
 * keys and organization ids come from the seed; names, colours and regions are fixed so people
 * can recognise them.
 */
import type { AccountRecord, ClientRecord } from './model';
import type { Rng } from './random';

interface AccountPlan {
  name: string;
  production: boolean;
  userName: string;
  defaultRegion: string;
  regions: string[];
  /** Which OU under the client's Workloads OU the account sits in. */
  ou: 'prod' | 'nonprod' | 'infrastructure';
  /** IAM account alias; one account has none so callers meet the empty answer. */
  alias: string | null;
}

interface ClientPlan {
  id: string;
  name: string;
  color: string;
  accounts: AccountPlan[];
}

export const CLIENT_PLANS: readonly ClientPlan[] = [
  {
    id: 'acme',
    name: 'Acme Corp',
    color: '#e4572e',
    accounts: [
      { name: 'acme-production', production: true, userName: 'ami-atlas-prod', defaultRegion: 'us-east-1', regions: ['us-east-1', 'us-west-2', 'eu-west-1'], ou: 'prod', alias: 'acme-prod-main' },
      { name: 'acme-staging', production: false, userName: 'ami-atlas-staging', defaultRegion: 'us-east-1', regions: ['us-east-1', 'us-west-2'], ou: 'nonprod', alias: 'acme-staging' },
    ],
  },
  {
    id: 'globex',
    name: 'Globex',
    color: '#2e86ab',
    accounts: [
      { name: 'globex-prod', production: true, userName: 'image-auditor', defaultRegion: 'eu-central-1', regions: ['eu-central-1', 'eu-west-1', 'ap-southeast-2'], ou: 'prod', alias: 'globex-prod' },
      { name: 'globex-dev', production: false, userName: 'image-auditor', defaultRegion: 'eu-central-1', regions: ['eu-central-1', 'eu-west-1'], ou: 'nonprod', alias: 'globex-dev' },
    ],
  },
  {
    id: 'initech',
    name: 'Initech',
    color: '#76b041',
    accounts: [
      { name: 'initech-shared-services', production: true, userName: 'golden-image-admin', defaultRegion: 'us-east-1', regions: ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'], ou: 'infrastructure', alias: 'initech-hub' },
      { name: 'initech-sandbox', production: false, userName: 'sandbox-dev', defaultRegion: 'us-east-1', regions: ['us-east-1', 'ap-southeast-2'], ou: 'nonprod', alias: null },
    ],
  },
];

/** Base32 letters, as real access key ids use. */
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ORG_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function buildClientsAndAccounts(rng: Rng): { clients: ClientRecord[]; accounts: AccountRecord[] } {
  const clients: ClientRecord[] = [];
  const accounts: AccountRecord[] = [];
  const usedIds = new Set<string>();
  const accountId = (): string => {
    for (;;) {
      const id = `${rng.int(1, 9)}${rng.digits(11)}`;
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };

  for (const plan of CLIENT_PLANS) {
    const ids = plan.accounts.map(() => accountId());
    // The first account doubles as the organization's management account.
    const management = ids[0] ?? accountId();
    const organizationId = `o-${rng.chars(10, ORG_ALPHABET)}`;
    const organizationArn = `arn:aws:organizations::${management}:organization/${organizationId}`;
    const root = `r-${rng.chars(4, ORG_ALPHABET)}`;
    const ouArn = (): string =>
      `arn:aws:organizations::${management}:ou/${organizationId}/ou-${root.slice(2)}-${rng.chars(8, ORG_ALPHABET)}`;
    const workloads = ouArn();
    const childOus = { prod: ouArn(), nonprod: ouArn(), infrastructure: ouArn() };
    const organizationalUnitNames = { [workloads]: 'Workloads', [childOus.prod]: 'Prod', [childOus.nonprod]: 'NonProd', [childOus.infrastructure]: 'Infrastructure' };
    clients.push({ id: plan.id, name: plan.name, color: plan.color, organizationId, organizationArn, organizationalUnitNames });

    plan.accounts.forEach((a, i) => {
      accounts.push({
        accountId: ids[i] ?? accountId(),
        name: a.name,
        clientId: plan.id,
        clientName: plan.name,
        clientColor: plan.color,
        production: a.production,
        userName: a.userName,
        userId: `AIDA${rng.chars(17, KEY_ALPHABET)}`,
        accessKeyId: `AKIA${rng.chars(16, KEY_ALPHABET)}`,
        secretAccessKey: rng.chars(40, SECRET_ALPHABET),
        defaultRegion: a.defaultRegion,
        regions: [...a.regions],
        organizationArn,
        organizationalUnitArns: [childOus[a.ou], workloads],
        alias: a.alias,
        email: `aws-${a.name}@${plan.id}.example`,
      });
    });
  }
  return { clients, accounts };
}
