/**
 * Who a share goes to, in the workspace's words: a client (all of its accounts) or one account,
 * turned into launch-permission entities. An image is never shared with the account that owns it,
 * and an account whose 12-digit id is unknown (never verified) cannot be named to AWS, so both
 * are left out, with the reason, instead of failing later. Pure.
 */
import type { AccountSummary, Workspace } from '../../shared/model';
import type { ShareEntity } from '../../shared/sharing';
import { formatAccountId } from './format';
import { scoreToken } from './fuzzy';
import { groupAccounts } from './workspace';

export interface ShareTarget {
  kind: 'client' | 'account';
  /** The client id or account entry id that was dropped on or picked. */
  id: string;
  label: string;
  /** The recipients: our accounts with a known AWS account id, other than the owner. */
  accounts: AccountSummary[];
  /** Accounts of the target left out, and why. */
  skipped: Array<{ account: AccountSummary; reason: string }>;
}

function split(accounts: readonly AccountSummary[], ownerIds: ReadonlySet<string>): Pick<ShareTarget, 'accounts' | 'skipped'> {
  const out: Pick<ShareTarget, 'accounts' | 'skipped'> = { accounts: [], skipped: [] };
  for (const account of accounts) {
    if (!account.awsAccountId) out.skipped.push({ account, reason: 'its AWS account id is not known yet (not verified)' });
    else if (ownerIds.has(account.awsAccountId)) out.skipped.push({ account, reason: 'it owns the images' });
    else out.accounts.push(account);
  }
  return out;
}

export function clientTarget(workspace: Workspace, clientId: string, ownerIds: ReadonlySet<string>): ShareTarget | null {
  const client = workspace.clients.find((c) => c.id === clientId);
  if (!client) return null;
  return { kind: 'client', id: client.id, label: client.name, ...split(workspace.accounts.filter((a) => a.clientId === clientId), ownerIds) };
}

export function accountTarget(workspace: Workspace, accountId: string, ownerIds: ReadonlySet<string>): ShareTarget | null {
  const account = workspace.accounts.find((a) => a.id === accountId);
  if (!account) return null;
  return { kind: 'account', id: account.id, label: account.name, ...split([account], ownerIds) };
}

export function targetEntities(target: ShareTarget): ShareEntity[] {
  return target.accounts.flatMap((a) => (a.awsAccountId ? [{ kind: 'account' as const, awsAccountId: a.awsAccountId }] : []));
}

/** "Globex (2 accounts)" / "globex-dev". */
export function targetSummary(target: ShareTarget): string {
  if (target.kind === 'account') return target.label;
  const n = target.accounts.length;
  return `${target.label} (${n} ${n === 1 ? 'account' : 'accounts'})`;
}

export function accountByAwsId(workspace: Workspace | null, awsAccountId: string): AccountSummary | null {
  return workspace?.accounts.find((a) => a.awsAccountId === awsAccountId) ?? null;
}

/** How an entity is named on screen: our account's name where we know it, else what AWS calls it. */
export function entityName(entity: ShareEntity, workspace: Workspace | null): string {
  switch (entity.kind) {
    case 'account':
      return accountByAwsId(workspace, entity.awsAccountId)?.name ?? formatAccountId(entity.awsAccountId);
    case 'organization':
      return `Organization ${entity.arn.split('/').pop() ?? entity.arn}`;
    case 'organizational-unit':
      return `OU ${entity.arn.split('/').pop() ?? entity.arn}`;
    case 'public':
      return 'Everyone (public)';
  }
}

/** The 12-digit id or ARN shown next to a name. */
export function entityDetail(entity: ShareEntity): string | null {
  if (entity.kind === 'account') return formatAccountId(entity.awsAccountId);
  if (entity.kind === 'public') return null;
  return entity.arn;
}

/** One row of the "Share with…" picker. */
export interface PickerOption {
  target: ShareTarget;
  clientName: string | null;
  color: string | null;
  score: number;
}

/**
 * Clients first (a client is the usual unit of sharing), then accounts, each only when it has at
 * least one recipient. Every word of the query must match a name, alias, client or account id.
 */
export function rankShareOptions(workspace: Workspace, ownerIds: ReadonlySet<string>, query: string): PickerOption[] {
  const tokens = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const options: Array<PickerOption & { order: number }> = [];
  let order = 0;
  for (const { client, accounts } of groupAccounts(workspace)) {
    if (client) {
      const target = clientTarget(workspace, client.id, ownerIds);
      if (target && target.accounts.length > 0) {
        // A client also answers to its accounts' names, but an account that matches as well ranks first.
        const score = scoreAll(tokens, [[client.name, 1], ...accounts.map((a): [string, number] => [a.name, 0.8])]);
        if (score !== null) options.push({ target, clientName: null, color: client.color, score, order: order++ });
      }
    }
    for (const account of accounts) {
      const target = accountTarget(workspace, account.id, ownerIds);
      if (!target || target.accounts.length === 0) continue;
      const labels: Array<[string, number]> = [
        [account.name, 0.95],
        [account.alias ?? '', 0.9],
        [client?.name ?? '', 0.8],
        [account.awsAccountId ?? '', 0.95],
      ];
      const score = scoreAll(tokens, labels);
      if (score !== null) options.push({ target, clientName: client?.name ?? null, color: client?.color ?? null, score, order: order++ });
    }
  }
  if (tokens.length > 0) options.sort((a, b) => b.score - a.score || a.order - b.order);
  return options.map(({ order: _order, ...o }) => o);
}

/**
 * The owning account a query names (its name, alias or account id) when it is not offered: the
 * picker then says it owns the images instead of finding nothing.
 */
export function ownerNamed(workspace: Workspace, ownerIds: ReadonlySet<string>, query: string): AccountSummary | null {
  const tokens = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return null;
  const owners = workspace.accounts.filter((a) => a.awsAccountId !== null && ownerIds.has(a.awsAccountId));
  return owners.find((a) => scoreAll(tokens, [[a.name, 1], [a.alias ?? '', 1], [a.awsAccountId ?? '', 1]]) !== null) ?? null;
}

/** Every token must match some label; a token counts with its best weighted match. */
function scoreAll(tokens: readonly string[], labels: ReadonlyArray<readonly [string, number]>): number | null {
  let total = 0;
  for (const token of tokens) {
    let best = 0;
    for (const [label, weight] of labels) best = Math.max(best, scoreLabel(token, label) * weight);
    if (best === 0) return null;
    total += best;
  }
  return total;
}

/** Account ids match by their digits ("4444-4444" finds 444444444444); other labels fuzzily. */
function scoreLabel(token: string, label: string): number {
  if (!label) return 0;
  const digits = token.replace(/-/g, '');
  if (/^\d{4,12}$/.test(digits) && /^\d{12}$/.test(label)) return label.startsWith(digits) ? 90 : label.includes(digits) ? 70 : 0;
  return scoreToken(token, label);
}
