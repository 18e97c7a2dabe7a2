/**
 * The words and small decisions of adding accounts in bulk (from an organization, or one role
 * name in many accounts): reading pasted account lines, filtering an organization's accounts,
 * and saying what became of each. Pure, so the dialogs stay about layout.
 */
import type { OrgAccount, OrgAddResult } from '../../../shared/contract';
import type { AccountSummary } from '../../../shared/model';
import { formatAccountId, plural } from '../../lib/format';

/** The contract's limits: a name is 1–100 characters, a request at most 500 accounts. */
const MAX_NAME = 100;
const MAX_ACCOUNTS = 500;

export interface AccountLine {
  awsAccountId: string;
  name: string;
  /** 1-based, as an editor numbers lines. */
  line: number;
}

export interface ParsedLines {
  accounts: AccountLine[];
  /** Why a line cannot be sent, one message per line, in words. */
  issues: string[];
  /** Lines that are fine but worth knowing about (an account the workspace has already). */
  notes: string[];
}

/**
 * One account a line: `123456789012 name`, `123456789012,name` or tab-separated as pasted from
 * a spreadsheet; the id may be written 1234-5678-9012 as the app shows it. Blank lines and
 * `#` comments are skipped.
 */
export function parseAccountLines(text: string, workspaceAccounts: readonly Pick<AccountSummary, 'awsAccountId' | 'name'>[] = []): ParsedLines {
  const out: ParsedLines = { accounts: [], issues: [], notes: [] };
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const split = /^([^\s,;]+)\s*[,;\t]?\s*(.*)$/.exec(trimmed);
    const token = split?.[1] ?? trimmed;
    const name = (split?.[2] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2').trim();
    const id = /^\d{4}-\d{4}-\d{4}$/.test(token) ? token.replace(/-/g, '') : token;
    if (!/^\d{12}$/.test(id)) {
      const digits = id.replace(/\D/g, '').length;
      out.issues.push(
        /^\d+$/.test(id)
          ? `Line ${line}: ${token} has ${digits} digits; an AWS account id has 12.`
          : `Line ${line}: “${clip(token)}” is not an AWS account id (12 digits, then the name).`,
      );
      return;
    }
    if (!name) {
      out.issues.push(`Line ${line}: add a name after the account id, e.g. “${id} production”.`);
      return;
    }
    if (name.length > MAX_NAME) {
      out.issues.push(`Line ${line}: the name is ${name.length} characters; at most ${MAX_NAME}.`);
      return;
    }
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      out.issues.push(`Line ${line}: ${formatAccountId(id)} is already on line ${earlier}.`);
      return;
    }
    seen.set(id, line);
    const known = workspaceAccounts.find((a) => a.awsAccountId === id);
    if (known) out.notes.push(`Line ${line}: ${formatAccountId(id)} is ${known.name} in your workspace; the role becomes another way into it.`);
    out.accounts.push({ awsAccountId: id, name, line });
  });
  if (out.accounts.length > MAX_ACCOUNTS) out.issues.push(`${plural(out.accounts.length, 'account')} listed; at most ${MAX_ACCOUNTS} at a time.`);
  return out;
}

function clip(text: string): string {
  return text.length > 24 ? `${text.slice(0, 23)}…` : text;
}

/** "Workloads / Prod"; accounts directly under the root say so. */
export function ouPathText(ouPath: readonly string[]): string {
  return ouPath.length > 0 ? ouPath.join(' / ') : 'Root';
}

/** Whether an organization account can be picked: active, and not in the workspace already. */
export function isSelectable(account: Pick<OrgAccount, 'status' | 'inWorkspace'>): boolean {
  return account.status === 'ACTIVE' && !account.inWorkspace;
}

/** Why an account cannot be picked, in words (null when it can). */
export function unavailableReason(account: Pick<OrgAccount, 'status' | 'inWorkspace'>): string | null {
  if (account.inWorkspace) return `In your workspace as ${account.inWorkspace.accountName}`;
  if (account.status === 'SUSPENDED') return 'Suspended: closed accounts stay suspended for 90 days, and nothing can be read in them';
  if (account.status !== 'ACTIVE') return `${capitalise(account.status.toLowerCase().replace(/_/g, ' '))}: not usable yet`;
  return null;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Accounts whose name, id (either way it is written), email or OU path holds every word typed. */
export function filterOrgAccounts(accounts: readonly OrgAccount[], query: string): OrgAccount[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...accounts];
  return accounts.filter((a) => {
    const haystack = [a.name, a.awsAccountId, formatAccountId(a.awsAccountId), a.email, ouPathText(a.ouPath), a.inWorkspace?.accountName ?? ''].join(' ').toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

export type ResultState = 'verified' | 'unverified' | 'refused';

export function resultState(result: Pick<OrgAddResult, 'verified' | 'account'>): ResultState {
  return result.verified ? 'verified' : result.account ? 'unverified' : 'refused';
}

/** "18 accounts added and verified, 1 added but not verified yet, 1 not added." */
export function resultsSummary(results: readonly Pick<OrgAddResult, 'verified' | 'account'>[]): string {
  const count = { verified: 0, unverified: 0, refused: 0 };
  for (const r of results) count[resultState(r)]++;
  const parts: string[] = [];
  if (count.verified > 0) parts.push(`${plural(count.verified, 'account')} added and verified`);
  if (count.unverified > 0) parts.push(`${count.verified > 0 ? count.unverified : plural(count.unverified, 'account')} added but not verified yet`);
  if (count.refused > 0) parts.push(`${parts.length > 0 ? count.refused : plural(count.refused, 'account')} not added`);
  return `${parts.join(', ')}.`;
}

/** An account under an OU named for production ("Prod", "Production", "prd"), at any depth. */
export function inProductionOu(account: Pick<OrgAccount, 'ouPath'>): boolean {
  return account.ouPath.some((ou) => /(^|[^a-z])(prod|production|prd)([^a-z]|$)/i.test(ou));
}
