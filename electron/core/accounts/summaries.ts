/** Account entries as the page sees them: identity, how they are reached, health — no secrets. */
import type { AccountSummary, Client } from '../../../shared/model';
import type { HealthBook } from './health';
import type { AccountRecord } from './registry';

export interface SummaryInputs {
  accounts: AccountRecord[];
  clients: Client[];
  health: HealthBook;
  sessionExpiry(accountId: string): string | null;
}

export function summarizeAccounts({ accounts, clients, health, sessionExpiry }: SummaryInputs): AccountSummary[] {
  const productionClients = new Set(clients.filter((c) => c.production).map((c) => c.id));
  const byAwsAccount = new Map<string, string[]>();
  for (const a of accounts) if (a.awsAccountId) byAwsAccount.set(a.awsAccountId, [...(byAwsAccount.get(a.awsAccountId) ?? []), a.id]);
  const names = new Map(accounts.map((a) => [a.id, a.name]));

  return accounts.map((account) => {
    const h = health.get(account.id);
    return {
      id: account.id,
      name: account.name,
      clientId: account.clientId,
      kind: account.kind,
      awsAccountId: account.awsAccountId,
      arn: account.arn,
      alias: account.alias,
      production: account.production || productionClients.has(account.clientId),
      defaultRegion: account.defaultRegion,
      favoriteRegions: account.favoriteRegions,
      endpoint: account.endpoint,
      accessKeyId: account.accessKeyId,
      profileName: account.profileName,
      roleArn: account.roleArn,
      sourceAccount: account.sourceAccount,
      externalId: account.externalId,
      mfaSerial: account.mfaSerial,
      via: describeVia(account, names),
      health: h?.state ?? (account.awsAccountId ? 'ok' : 'unknown'),
      healthMessage: h?.message ?? null,
      fix: h?.fix ?? null,
      sessionExpiresAt: sessionExpiry(account.id),
      sameAccountAs: account.awsAccountId ? (byAwsAccount.get(account.awsAccountId) ?? []).filter((id) => id !== account.id) : [],
    };
  });
}

/** "access key …WXYZ", "profile ci", "shared-services → role Deploy (ExternalId, MFA)". */
export function describeVia(account: AccountRecord, names: Map<string, string>): string {
  const mfa = account.mfaSerial ? ' (MFA)' : '';
  switch (account.kind) {
    case 'access-key':
      return `access key …${(account.accessKeyId ?? '').slice(-4)}${mfa}`;
    case 'profile':
      return `profile ${account.profileName ?? '?'}`;
    case 'assume-role': {
      const role = account.roleArn?.split('/').pop() ?? '?';
      const conditions = [account.externalId ? 'ExternalId' : null, account.mfaSerial ? 'MFA' : null].filter(Boolean);
      const source = account.sourceAccount ? (names.get(account.sourceAccount) ?? 'missing source') : 'missing source';
      return `${source} → role ${role}${conditions.length ? ` (${conditions.join(', ')})` : ''}`;
    }
  }
}
