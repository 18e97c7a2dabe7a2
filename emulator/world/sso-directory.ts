/**
 * A large IAM Identity Center directory beside the demo world: N more accounts of the
 * organization (no images: only the access portal, STS and IAM know them), each with the same
 * permission sets and an OrganizationAccountAccessRole the management account may assume, so
 * discovery can be tried at consultant scale (hundreds of account × role
 * pairs, many pages). Accounts can join later and lose their assignments (the portal stops
 * listing them), as a real directory changes.
 */
import type { AccountRecord, RoleRecord, World } from './model';
import { newRoleId, roleArn } from './iam';
import { assign, permissionSet } from './sso';
import { Rng } from './random';

export interface SsoDirectoryShape {
  /** Accounts added to the directory (e.g. 200). */
  accounts: number;
  /** Permission sets assigned in each (default AdministratorAccess, PowerUserAccess, ReadOnlyAccess). */
  roles?: readonly string[];
}

/** The client the directory's accounts belong to in the world (they have no IAM user of their own). */
export const DIRECTORY_CLIENT_ID = 'directory';

export const DEFAULT_DIRECTORY_ROLES = ['AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess'] as const;
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export class SsoDirectory {
  private readonly rng: Rng;
  private readonly roles: readonly string[];
  private added = 0;

  constructor(
    private readonly world: World,
    seed: number,
    roles: readonly string[] = DEFAULT_DIRECTORY_ROLES,
  ) {
    this.rng = Rng.from(seed, 'sso-directory');
    this.roles = roles;
  }

  /** Adds `count` accounts to the organization and the directory; returns them. */
  add(count: number): AccountRecord[] {
    const { world, rng } = this;
    const template = world.accounts[0];
    if (!template) throw new Error('the world has no account to take the organization from');
    const accounts: AccountRecord[] = [];
    const roles: RoleRecord[] = [];
    for (let i = 0; i < count; i++) {
      const n = ++this.added;
      const name = `directory-${String(n).padStart(3, '0')}`;
      const account: AccountRecord = {
        accountId: this.newAccountId(),
        name,
        clientId: DIRECTORY_CLIENT_ID,
        clientName: 'Directory',
        clientColor: '#8a8f98',
        production: n % 10 === 0,
        userName: 'none',
        userId: `AIDA${rng.chars(17, KEY_ALPHABET)}`,
        accessKeyId: `AKIA${rng.chars(16, KEY_ALPHABET)}`,
        secretAccessKey: rng.chars(40, SECRET_ALPHABET),
        defaultRegion: 'us-east-1',
        regions: [],
        organizationArn: template.organizationArn,
        organizationalUnitArns: template.organizationalUnitArns,
        alias: null,
        email: `aws+${name}@atlas-demo.example`,
      };
      accounts.push(account);
      // As AWS Organizations creates it in an account it makes: the management account may assume it.
      roles.push({
        accountId: account.accountId,
        roleName: 'OrganizationAccountAccessRole',
        path: '/',
        arn: roleArn(account.accountId, '/', 'OrganizationAccountAccessRole'),
        roleId: newRoleId(rng),
        description: 'Administrative access from the management account',
        maxSessionDuration: 3_600,
        trust: { principals: [`arn:aws:iam::${template.organizationArn.split(':')[4]}:root`], externalId: null, mfaRequired: false },
        ssoPermissionSet: null,
      });
      for (const role of this.roles) {
        const set = permissionSet(world.sso, role, `${role} for the directory`, 3_600, rng);
        roles.push(assign(world.sso, account, set, rng));
      }
    }
    world.addAccounts(accounts, roles);
    return accounts;
  }

  /** Takes every assignment of these accounts away: the portal no longer lists them. */
  remove(accountIds: readonly string[]): void {
    const gone = new Set(accountIds);
    const { assignments } = this.world.sso;
    for (let i = assignments.length - 1; i >= 0; i--) if (gone.has(assignments[i]!.accountId)) assignments.splice(i, 1);
  }

  private newAccountId(): string {
    for (;;) {
      const id = `${this.rng.int(1, 9)}${this.rng.digits(11)}`;
      if (!this.world.accountById(id)) return id;
    }
  }
}
