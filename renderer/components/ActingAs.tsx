import { actingPath, pathName } from '../../shared/access-paths';
import type { AccountSummary } from '../../shared/model';
import { useAtlas } from '../store';
import { Icon } from './Icon';

/** Who acts in one account: "through profile acme-admin as role/Admin". */
export function actorLine(account: AccountSummary): { text: string; fallback: boolean } {
  const path = actingPath(account);
  if (!path) return { text: 'no access path: add one in the account’s settings', fallback: false };
  const chosen = account.paths.find((p) => p.id === account.writePath) ?? account.paths[0];
  return {
    text: `through ${pathName(path)}${path.principal ? ` as ${path.principal}` : ''}`,
    fallback: chosen !== undefined && chosen.id !== path.id,
  };
}

/**
 * Every change sheet says which access path and principal will make the change in each account
 * (the core uses the same rule, shared/access-paths.ts), and says so when it is not the chosen
 * write path because that one fails.
 */
export function ActingAs({ accounts, compact = false }: { accounts: readonly string[]; compact?: boolean }) {
  const workspace = useAtlas((s) => s.workspace);
  const known = [...new Set(accounts)].flatMap((id) => workspace?.accounts.find((a) => a.id === id) ?? []);
  if (known.length === 0) return null;
  return (
    <ul className={`acting-as${compact ? ' is-compact' : ''}`} aria-label="Who makes the change" data-testid="acting-as">
      {known.map((account) => {
        const { text, fallback } = actorLine(account);
        return (
          <li key={account.id} className={fallback ? 'is-fallback' : undefined}>
            <Icon name="key" size={12} className="icon acting-as-icon" />
            <span>
              {known.length > 1 || !compact ? <strong>{account.name}</strong> : 'Acts'} {text}
              {fallback && <span className="acting-as-why"> — the chosen write path needs attention</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** One account's line, inside a list that already names the account. */
export function ActorNote({ account }: { account: AccountSummary }) {
  const { text, fallback } = actorLine(account);
  return (
    <span className={`actor-note${fallback ? ' is-fallback' : ''}`} data-testid="actor-note">
      Acts {text}
      {fallback ? ' (the chosen write path needs attention)' : ''}
    </span>
  );
}
