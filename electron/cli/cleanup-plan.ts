/**
 * `ami-atlas cleanup plan` over the same core as the app: the same scan, the same usage check
 * (`usage:analyze`) and the same plan (`retention:plan`, shared/retention-plan.ts), so its CSV is
 * byte-for-byte the app's plan export for the same inventory, usage and rules.
 */
import path from 'node:path';
import type { AmiUsage } from '../../shared/contract/usage';
import { accountLabel } from '../../shared/errors';
import type { Workspace } from '../../shared/model';
import { costCaveat } from '../../shared/pricing/ebs-snapshots';
import type { PlanCandidate, RetentionPlan, RetentionRules } from '../../shared/retention';
import { planCsv } from '../../shared/retention-csv';
import type { AppCore } from '../core/app-core';
import { readPlanFile, type CleanupPlanArgs, type ScopeNames } from './cleanup-args';
import { CliFailure, EXIT, exportToFile, failureExit, openCore, profileAccounts, reportScan, scan, type CliIo } from './run';

export async function runCleanupPlan(args: CleanupPlanArgs, io: CliIo): Promise<number> {
  const say = (line: string) => io.stderr.write(`${line}\n`);
  const print = (line: string) => io.stdout.write(`${line}\n`);

  let core: AppCore | null = null;
  try {
    let rules = args.rules;
    let scopeNames = args.scope;
    let planName: string | null = null;
    if (args.planFile !== null) {
      const file = await readPlanFile(path.resolve(args.planFile));
      if ('problem' in file) throw new CliFailure(EXIT.usage, file.problem);
      rules = file.rules;
      planName = file.name;
      // Scope flags narrow a saved plan to what is asked now.
      if (!hasScope(args.scope)) scopeNames = file.scope;
    }

    core = await openCore(args, io);
    const reached = args.appAccounts ? (await core.handlers['workspace:get']({})).accounts.map((a) => a.id) : await profileAccounts(core, args, say);
    if (reached.length === 0) throw new CliFailure(EXIT.unusable, 'No accounts to plan over.');
    const workspace = await core.handlers['workspace:get']({});
    const scope = resolveScope(workspace, scopeNames, reached);
    const accounts = accountsIn(workspace, scope, reached);
    if (accounts.length === 0) throw new CliFailure(EXIT.unusable, 'No account is in the scope asked.');
    const regions = scope.regions.length > 0 ? scope.regions : null;

    let exitCode: number = EXIT.ok;
    if (args.offline) {
      const summary = await core.handlers['inventory:summary']({});
      const cached = summary.targets.filter((t) => t.view === 'owned' && accounts.includes(t.account) && (!regions || regions.includes(t.region)) && t.scannedAt);
      if (cached.length === 0) throw new CliFailure(EXIT.unusable, 'No cached inventory for these accounts: run without --offline first.');
      say(`offline: planning over the inventory as of ${cached.map((t) => t.scannedAt!).sort()[0]}`);
      if (rules.notInUse) {
        const stored = (await core.handlers['usage:stored']({})).filter((u) => accounts.includes(u.account) && (!regions || regions.includes(u.region)));
        const times = stored.map((u) => u.analyzedAt).sort();
        say(times.length === 0 ? 'offline: no usage check stored — every AMI’s use is not checked, so --not-in-use keeps them all' : `offline: usage as of the check of ${times[0]!.slice(0, 10)}`);
      }
    } else {
      const status = await scan(core, { regions, views: ['owned'] }, accounts, io, say);
      exitCode = await reportScan(core, status, accounts, say);
      if (rules.notInUse && exitCode !== EXIT.unusable) {
        const usage = await analyzeUsage(core, accounts, regions, say);
        if (usage.some((u) => u.unreadable.some((p) => p.account !== null))) exitCode = EXIT.partial;
      }
    }

    const plan = await core.handlers['retention:plan']({ rules: { ...rules, scope } });
    if (planName !== null) print(`Plan "${planName}": ${rulesInWords(rules)}`);
    else print(`Rules: ${rulesInWords(rules)}`);
    for (const line of planLines(plan)) print(line);

    if (args.out !== null) {
      const file = path.resolve(args.out);
      const text = planCsv(plan);
      await exportToFile(file, (out) => {
        out.end(text);
        return Promise.resolve();
      });
      say(`wrote ${plan.candidates.length} AMIs to ${args.out}`);
    }
    if (args.apply) {
      const failed = await applyPlan(core, plan, args.confirmProduction, print, say);
      if (failed > 0) exitCode = EXIT.partial;
    }
    return exitCode;
  } catch (error) {
    return failureExit(error, say);
  } finally {
    await core?.close();
  }
}

/** Images per cleanup:apply call (its input takes at most 5,000). */
const APPLY_BATCH = 5000;

/**
 * Applies the plan through `cleanup:apply` (the app's own clean-up: the production guard, the
 * audit log, snapshots no other AMI uses), after checking that every production account in it
 * was confirmed by name. Prints one line per AMI; answers how many failed.
 */
async function applyPlan(core: AppCore, plan: RetentionPlan, typed: readonly string[], print: (line: string) => void, say: (line: string) => void): Promise<number> {
  if (plan.candidates.length === 0) {
    say('apply: nothing to clean up');
    return 0;
  }
  const workspace = await core.handlers['workspace:get']({});
  const inPlan = new Set(plan.candidates.map((c) => c.account));
  const production = workspace.accounts.filter((a) => a.production && inPlan.has(a.id));
  const missing = production.filter((a) => !typed.includes(a.name));
  if (missing.length > 0) {
    throw new CliFailure(
      EXIT.usage,
      `The plan changes production account${missing.length === 1 ? '' : 's'} ${missing.map((a) => a.name).join(', ')}: confirm with ${missing.map((a) => `--confirm-production "${a.name}"`).join(' ')}. Nothing was changed.`,
    );
  }
  for (const name of typed) if (!production.some((a) => a.name === name)) say(`--confirm-production "${name}": no production account of that name is in the plan`);
  const confirmations = Object.fromEntries(production.map((a) => [a.id, a.name]));

  let last = 0;
  const stop = core.onEvent((event, payload) => {
    if (event !== 'cleanup:progress') return;
    const { done, total } = payload as { done: number; total: number };
    if (done !== total && Date.now() - last < 1000) return;
    last = Date.now();
    say(`apply: ${done}/${total} AMIs done`);
  });
  let failed = 0;
  const counts = { deregistered: 0, skipped: 0, failed: 0 };
  try {
    for (let i = 0; i < plan.candidates.length; i += APPLY_BATCH) {
      const batch = plan.candidates.slice(i, i + APPLY_BATCH);
      const results = await core.handlers['cleanup:apply']({
        images: batch.map((c) => ({ account: c.account, region: c.region, imageId: c.imageId })),
        confirmations,
        runId: `cli-${i / APPLY_BATCH}`,
      });
      results.forEach((r, n) => {
        const c = batch[n]!;
        counts[r.outcome]++;
        if (r.outcome === 'failed') failed++;
        print(`${r.outcome}: ${r.ref.imageId}  ${r.name || c.name}  ${accountLabel(r.accountName || c.accountName, c.awsAccountId)} / ${r.ref.region} — ${r.message}`);
      });
    }
  } finally {
    stop();
  }
  print(`Applied: ${counts.deregistered} deregistered, ${counts.skipped} skipped, ${counts.failed} failed.`);
  return failed;
}

function hasScope(scope: ScopeNames): boolean {
  return scope.clients.length + scope.accounts.length + scope.regions.length > 0;
}

/**
 * The scope in our ids. Clients by name; accounts by name, 12-digit id or our id, among the
 * accounts this run reached. Without accounts named, the plan covers the accounts reached (the
 * CLI's database may remember others from earlier runs).
 */
export function resolveScope(workspace: Workspace, names: ScopeNames, reached: readonly string[]): RetentionRules['scope'] {
  const clients = names.clients.map((name) => {
    const client =
      workspace.clients.find((c) => c.id === name || c.name === name) ?? workspace.clients.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (!client) {
      const known = workspace.clients.filter((c) => workspace.accounts.some((a) => a.clientId === c.id && reached.includes(a.id))).map((c) => c.name);
      throw new CliFailure(EXIT.usage, `No client named "${name}". Clients: ${known.join(', ') || 'none'}.`);
    }
    return client.id;
  });
  const candidates = workspace.accounts.filter((a) => reached.includes(a.id));
  const accounts = names.accounts.map((name) => {
    const account =
      candidates.find((a) => a.id === name || a.name === name || a.awsAccountId === name) ?? candidates.find((a) => a.name.toLowerCase() === name.toLowerCase());
    if (!account) throw new CliFailure(EXIT.usage, `No account named "${name}" among ${candidates.map((a) => accountLabel(a.name, a.awsAccountId)).join(', ') || 'none'}.`);
    return account.id;
  });
  return { clients: [...new Set(clients)], accounts: accounts.length > 0 ? [...new Set(accounts)] : [...reached], regions: names.regions };
}

/** The accounts to read: those of the scope (and its clients) among those reached. */
function accountsIn(workspace: Workspace, scope: RetentionRules['scope'], reached: readonly string[]): string[] {
  return workspace.accounts
    .filter((a) => reached.includes(a.id) && scope.accounts.includes(a.id) && (scope.clients.length === 0 || scope.clients.includes(a.clientId)))
    .map((a) => a.id);
}

async function analyzeUsage(core: AppCore, accounts: string[], regions: string[] | null, say: (line: string) => void): Promise<AmiUsage[]> {
  let last = 0;
  const stop = core.onEvent((event, payload) => {
    if (event !== 'usage:progress') return;
    const { done, total } = payload as { done: number; total: number };
    const now = Date.now();
    if (done !== total && now - last < 1000) return;
    last = now;
    say(`usage check: ${done}/${total} account-regions read`);
  });
  try {
    const usage = await core.handlers['usage:analyze']({ accounts, ...(regions ? { regions } : {}) });
    const count = (state: AmiUsage['inUse']) => usage.filter((u) => u.inUse === state).length;
    say(`usage check done: ${count('yes')} in use, ${count('no')} unused, ${count('unknown')} unknown`);
    // Each place that could not be read, once, in words.
    const seen = new Set<string>();
    for (const u of usage)
      for (const p of u.unreadable) {
        if (p.account === null || seen.has(p.reason)) continue;
        seen.add(p.reason);
        say(`usage unknown: ${p.reason}`);
      }
    return usage;
  } finally {
    stop();
  }
}

/** The rules as a person reads them, e.g. "keep the newest 3 of each family; older than 90 days". */
export function rulesInWords(rules: Omit<RetentionRules, 'scope'>): string {
  const parts: string[] = [];
  if (rules.keepNewest !== null) parts.push(`keep the newest ${rules.keepNewest} of each family in each account and region`);
  if (rules.olderThanDays !== null) parts.push(`created more than ${rules.olderThanDays} days ago`);
  if (rules.notLaunchedDays !== null) parts.push(`not launched for ${rules.notLaunchedDays} days`);
  if (rules.notInUse) parts.push('unused at the last usage check');
  if (rules.notSharedOutsideClient) parts.push('not shared outside their client');
  if (rules.excludeTags.length > 0) parts.push(`except those tagged ${rules.excludeTags.join(', ')}`);
  if (rules.familyPattern) parts.push(`families by /${rules.familyPattern}/`);
  return parts.join('; ') || 'none';
}

const gib = (n: number) => `${Math.round(n * 10) / 10} GiB`;
const usd = (n: number) => `$${n.toFixed(2)}`;

function candidateLine(c: PlanCandidate): string {
  const where = `${c.clientName ? `${c.clientName} › ` : ''}${accountLabel(c.accountName, c.awsAccountId)} / ${c.region}`;
  const size = c.snapshotSizeGiB === null ? 'no EBS snapshots' : `${gib(c.snapshotSizeGiB)}${c.monthlyCost === null ? '' : `, ${usd(c.monthlyCost)} a month`}`;
  return `${c.imageId}  ${c.name}  ${where}  (${size}): ${c.reasons.join('; ')}`;
}

/** One line per candidate, then the totals with the price date and the caveat, then what was kept. */
export function planLines(plan: RetentionPlan): string[] {
  const lines = plan.candidates.map(candidateLine);
  const n = plan.candidates.length;
  lines.push(
    `${n} AMI${n === 1 ? '' : 's'} to clean up of ${plan.considered} considered: ${gib(plan.totalSizeGiB)}, about ${usd(plan.totalMonthlyCost)} a month (standard tier, list prices as of ${plan.pricesAsOf}).`,
  );
  lines.push(costCaveat('standard'));
  const kept = plan.kept.reduce((sum, k) => sum + k.count, 0);
  if (kept > 0) lines.push(`Kept ${kept}: ${plan.kept.map((k) => `${k.count} ${k.reason}`).join('; ')}.`);
  return lines;
}
