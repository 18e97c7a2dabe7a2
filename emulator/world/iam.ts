/**
 * IAM of the demo world beyond users and keys: one virtual MFA device per IAM user, and roles
 * with trust policies that cover the ways people reach client accounts:
 *
 * - `AtlasReadOnly` in every account, trusting the client's other account;
 * - `OrganizationAccountAccessRole` in every account, trusting the hub account
 *   (initech-shared-services, where the consultancy's own IAM users live);
 * - a three-hop chain across clients: the hub user → `HubJump` (globex-dev, MFA required) →
 *   `ClientAudit` (acme-staging, ExternalId required) → `ProdReadOnly` (acme-production);
 * - in initech-sandbox, `MfaProtectedAdmin` (MFA required) and `ExternalAudit` (ExternalId
 *   required), both trusting the hub account, for the refusals.
 *
 * Ids and TOTP seeds come from the seed; names are fixed so tests and docs can name them.
 */
import { base32Encode } from '../auth/totp';
import type { AccountRecord, MfaDeviceRecord, RoleRecord, TrustPolicyRecord } from './model';
import type { Rng } from './random';

export const HUB_ACCOUNT_NAME = 'initech-shared-services';

export const ROLE_NAMES = {
  readOnly: 'AtlasReadOnly',
  organizationAccess: 'OrganizationAccountAccessRole',
  hubJump: 'HubJump',
  clientAudit: 'ClientAudit',
  prodReadOnly: 'ProdReadOnly',
  mfaProtected: 'MfaProtectedAdmin',
  externalAudit: 'ExternalAudit',
} as const;

/** ExternalId the chain's second hop (ClientAudit) requires. */
export const CHAIN_EXTERNAL_ID = 'atlas-acme-ext-1';
/** ExternalId ExternalAudit requires. */
export const PARTNER_EXTERNAL_ID = 'atlas-partner-7';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** When the seeded MFA devices were enabled (before the world's anchor date). */
const MFA_ENABLE_DATE = '2025-03-14T09:26:53.000Z';

export const rootArn = (accountId: string): string => `arn:aws:iam::${accountId}:root`;
export const userArn = (accountId: string, userName: string): string => `arn:aws:iam::${accountId}:user/${userName}`;
export const roleArn = (accountId: string, path: string, roleName: string): string =>
  `arn:aws:iam::${accountId}:role${path}${roleName}`;
export const mfaSerial = (accountId: string, userName: string): string => `arn:aws:iam::${accountId}:mfa/${userName}`;

export function newRoleId(rng: Rng): string {
  return `AROA${rng.chars(17, ID_ALPHABET)}`;
}

export function buildMfaDevices(accounts: readonly AccountRecord[], rng: Rng): MfaDeviceRecord[] {
  return accounts.map((a) => {
    const seed = Uint8Array.from({ length: 20 }, () => rng.int(0, 255));
    return {
      serialNumber: mfaSerial(a.accountId, a.userName),
      accountId: a.accountId,
      userName: a.userName,
      seedBase32: base32Encode(seed),
      enableDate: MFA_ENABLE_DATE,
    };
  });
}

interface RolePlan {
  account: AccountRecord;
  name: string;
  description: string;
  maxSessionDuration: number;
  trust: TrustPolicyRecord;
}

function byName(accounts: readonly AccountRecord[], name: string): AccountRecord {
  const account = accounts.find((a) => a.name === name);
  if (!account) throw new Error(`unknown seeded account ${name}`);
  return account;
}

const trust = (principals: string[], externalId: string | null = null, mfaRequired = false): TrustPolicyRecord => ({
  principals,
  externalId,
  mfaRequired,
});

export function buildRoles(accounts: readonly AccountRecord[], rng: Rng): RoleRecord[] {
  const hub = byName(accounts, HUB_ACCOUNT_NAME);
  const plans: RolePlan[] = [];

  for (const account of accounts) {
    const sibling = accounts.find((a) => a.clientId === account.clientId && a.accountId !== account.accountId);
    if (sibling) {
      plans.push({
        account,
        name: ROLE_NAMES.readOnly,
        description: `Read-only image inventory for ${sibling.name}`,
        maxSessionDuration: 43_200,
        trust: trust([rootArn(sibling.accountId)]),
      });
    }
    plans.push({
      account,
      name: ROLE_NAMES.organizationAccess,
      description: 'Administrative access from the hub account',
      maxSessionDuration: 3_600,
      trust: trust([rootArn(hub.accountId)]),
    });
  }

  const globexDev = byName(accounts, 'globex-dev');
  const acmeStaging = byName(accounts, 'acme-staging');
  const acmeProduction = byName(accounts, 'acme-production');
  const sandbox = byName(accounts, 'initech-sandbox');
  const hubJumpArn = roleArn(globexDev.accountId, '/', ROLE_NAMES.hubJump);
  const clientAuditArn = roleArn(acmeStaging.accountId, '/', ROLE_NAMES.clientAudit);
  plans.push(
    {
      account: globexDev,
      name: ROLE_NAMES.hubJump,
      description: 'First hop from the hub user; MFA required',
      maxSessionDuration: 3_600,
      trust: trust([userArn(hub.accountId, hub.userName)], null, true),
    },
    {
      account: acmeStaging,
      name: ROLE_NAMES.clientAudit,
      description: 'Audit access for the hub, behind an external id',
      maxSessionDuration: 3_600,
      trust: trust([hubJumpArn], CHAIN_EXTERNAL_ID),
    },
    {
      account: acmeProduction,
      name: ROLE_NAMES.prodReadOnly,
      description: 'Read-only production access from ClientAudit',
      maxSessionDuration: 3_600,
      trust: trust([clientAuditArn]),
    },
    {
      account: sandbox,
      name: ROLE_NAMES.mfaProtected,
      description: 'Administration from the hub account with MFA',
      maxSessionDuration: 3_600,
      trust: trust([rootArn(hub.accountId)], null, true),
    },
    {
      account: sandbox,
      name: ROLE_NAMES.externalAudit,
      description: 'Partner audit access behind an external id',
      maxSessionDuration: 7_200,
      trust: trust([rootArn(hub.accountId)], PARTNER_EXTERNAL_ID),
    },
  );

  return plans.map((p) => ({
    accountId: p.account.accountId,
    roleName: p.name,
    path: '/',
    arn: roleArn(p.account.accountId, '/', p.name),
    roleId: newRoleId(rng),
    description: p.description,
    maxSessionDuration: p.maxSessionDuration,
    trust: p.trust,
    ssoPermissionSet: null,
  }));
}
