import { useEffect, useId, useMemo, useRef, type ReactNode } from 'react';
import type { AccountSummary, Client } from '../../../shared/model';
import { fieldA11y } from '../../components/Field';
import { KNOWN_REGIONS } from '../../lib/regions';
import { plural } from '../../lib/format';
import { useAtlas } from '../../store';
import { resetDraft, runPlan, setDraft, useCleanupStore } from './cleanupStore';
import { rulesOf, type DraftField } from './rulesDraft';

const NO_CLIENTS: readonly Client[] = [];
const NO_ACCOUNTS: readonly AccountSummary[] = [];

/**
 * The rules, in two dense rows: where to look (client, accounts, regions, family pattern), then
 * what picks an AMI. The plan follows as you type (it reads only the inventory); a field that
 * cannot be read says why under it and the plan waits for it.
 */
export function RulesForm() {
  const uid = useId();
  const draft = useCleanupStore((s) => s.draft);
  const clients = useAtlas((s) => s.workspace?.clients ?? NO_CLIENTS);
  const accounts = useAtlas((s) => s.workspace?.accounts ?? NO_ACCOUNTS);
  const parsed = useMemo(() => rulesOf(draft), [draft]);
  const issues = parsed.ok ? {} : parsed.issues;

  // The plan follows the rules once they read (a pause after the last keystroke).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return undefined;
    }
    if (!parsed.ok) return undefined;
    const timer = setTimeout(() => void runPlan(), 250);
    return () => clearTimeout(timer);
  }, [parsed]);

  const client = draft.clients.length === 1 ? draft.clients[0]! : '';
  const shownAccounts = client ? accounts.filter((a) => a.clientId === client) : accounts;
  const id = (field: string) => `${uid}-${field}`;
  const text = (field: DraftField, label: ReactNode, input: ReactNode, hint?: ReactNode) => (
    <RuleField id={id(field)} label={label} issue={issues[field]} hint={hint}>
      {input}
    </RuleField>
  );
  const days = (field: 'olderThanDays' | 'notLaunchedDays') => (
    <span className="rule-inline">
      <input
        {...fieldA11y(id(field), issues[field] ? [issues[field]] : undefined)}
        className="rule-number"
        inputMode="numeric"
        placeholder="—"
        value={draft[field]}
        onChange={(e) => setDraft({ [field]: e.target.value })}
      />
      days
    </span>
  );

  return (
    <form
      className="rules-form"
      aria-label="Retention rules"
      data-testid="rules-form"
      onSubmit={(e) => {
        e.preventDefault();
        void runPlan();
      }}
    >
      <div className="rules-row">
        <span className="caps-label rules-row-label">Where</span>
        <RuleField id={id('client')} label="Client">
          <select
            id={id('client')}
            value={client}
            data-testid="rules-client"
            onChange={(e) => {
              const next = e.target.value;
              const keep = next ? draft.accounts.filter((a) => accounts.find((x) => x.id === a)?.clientId === next) : draft.accounts;
              setDraft({ clients: next ? [next] : [], accounts: keep });
            }}
          >
            <option value="">All clients</option>
            {clients.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </RuleField>
        <RuleField id={id('accounts')} label="Accounts">
          <AccountPicker id={id('accounts')} accounts={shownAccounts} chosen={draft.accounts} onChange={(next) => setDraft({ accounts: next })} />
        </RuleField>
        {text(
          'regions',
          'Regions',
          <>
            <input
              {...fieldA11y(id('regions'), issues.regions ? [issues.regions] : undefined)}
              className="mono rule-regions"
              placeholder="every region"
              spellCheck={false}
              autoComplete="off"
              list={id('region-list')}
              value={draft.regions}
              onChange={(e) => setDraft({ regions: e.target.value })}
            />
            <datalist id={id('region-list')}>
              {KNOWN_REGIONS.map((r) => (
                <option key={r} value={r} />
              ))}
            </datalist>
          </>,
        )}
        {text(
          'familyPattern',
          'Family pattern',
          <input
            {...fieldA11y(id('familyPattern'), issues.familyPattern ? [issues.familyPattern] : undefined)}
            className="mono rule-pattern"
            placeholder="built-in"
            spellCheck={false}
            autoComplete="off"
            value={draft.familyPattern}
            onChange={(e) => setDraft({ familyPattern: e.target.value })}
          />,
        )}
        <button type="button" className="button button-small rules-reset" onClick={resetDraft} title="Back to the default rules: keep the newest 3, older than 90 days, not in use">
          Defaults
        </button>
      </div>
      <div className="rules-row">
        <span className="caps-label rules-row-label">Pick</span>
        {text(
          'keepNewest',
          'Keep newest',
          <span className="rule-inline">
            <input
              {...fieldA11y(id('keepNewest'), issues.keepNewest ? [issues.keepNewest] : undefined)}
              className="rule-number"
              inputMode="numeric"
              placeholder="—"
              value={draft.keepNewest}
              onChange={(e) => setDraft({ keepNewest: e.target.value })}
            />
            per family
          </span>,
        )}
        {text('olderThanDays', 'Older than', days('olderThanDays'))}
        {text('notLaunchedDays', 'Not launched for', days('notLaunchedDays'))}
        <label className="rule-check">
          <input type="checkbox" checked={draft.notInUse} onChange={(e) => setDraft({ notInUse: e.target.checked })} data-testid="rules-not-in-use" />
          Not in use
        </label>
        <label className="rule-check">
          <input type="checkbox" checked={draft.notSharedOutsideClient} onChange={(e) => setDraft({ notSharedOutsideClient: e.target.checked })} />
          Not shared outside the client
        </label>
        {text(
          'excludeTags',
          'Except tagged',
          <input
            {...fieldA11y(id('excludeTags'), issues.excludeTags ? [issues.excludeTags] : undefined)}
            className="mono rule-tags"
            placeholder="keep, team=web"
            spellCheck={false}
            autoComplete="off"
            value={draft.excludeTags}
            onChange={(e) => setDraft({ excludeTags: e.target.value })}
          />,
        )}
      </div>
      {/* Said under the rows rather than under each field, so a long sentence never pushes the fields about. */}
      {Object.keys(issues).length > 0 && (
        <ul className="rules-issues" role="alert" data-testid="rules-issues">
          {(Object.entries(issues) as Array<[DraftField, string]>).map(([field, text]) => (
            <li key={field} id={`${id(field)}-error`}>
              {text}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

function RuleField({ id, label, issue, hint, children }: { id: string; label: ReactNode; issue?: string | undefined; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className={`field rule-field${issue ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {!issue && hint && <p className="field-hint">{hint}</p>}
    </div>
  );
}

/** A button that opens a checklist of accounts (by name); none ticked means every account shown. */
function AccountPicker({ id, accounts, chosen, onChange }: { id: string; accounts: readonly AccountSummary[]; chosen: readonly string[]; onChange(next: string[]): void }) {
  const picked = accounts.filter((a) => chosen.includes(a.id));
  const label = picked.length === 0 ? `All ${plural(accounts.length, 'account')}` : picked.length === 1 ? picked[0]!.name : plural(picked.length, 'account');
  const ref = useRef<HTMLDetailsElement>(null);
  // A click elsewhere closes the list, as a menu would.
  useEffect(() => {
    function onPointerDown(event: PointerEvent) {
      const details = ref.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    }
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, []);
  return (
    <details
      ref={ref}
      className="account-picker"
      onKeyDown={(event) => {
        // Esc closes the list and leaves the focus on its button.
        if (event.key !== 'Escape' || !ref.current?.open) return;
        event.preventDefault();
        event.stopPropagation();
        ref.current.open = false;
        ref.current.querySelector('summary')?.focus();
      }}
    >
      <summary id={id} className="account-picker-button" data-testid="rules-accounts">
        {label}
      </summary>
      <div className="account-picker-pop" role="group" aria-label="Accounts in scope">
        {accounts.map((a) => (
          <label key={a.id} className="rule-check">
            <input
              type="checkbox"
              checked={chosen.includes(a.id)}
              onChange={(e) => onChange(e.target.checked ? [...chosen, a.id] : chosen.filter((x) => x !== a.id))}
            />
            {a.name}
            {a.production && <span className="prod-marker">PROD</span>}
          </label>
        ))}
        {chosen.length > 0 && (
          <button type="button" className="link-button" onClick={() => onChange([])}>
            Every account
          </button>
        )}
      </div>
    </details>
  );
}
