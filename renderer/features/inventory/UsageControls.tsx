/** Where owned AMIs are used: the Check usage button with its progress, and the In use facet. */
import { useMemo } from 'react';
import type { AmiRow, InventoryNames } from '../../../shared/ami-rows';
import type { UsageState } from '../../../shared/contract/usage';
import { USAGE_STATES, usageCounts, type InventoryFilter } from '../../../shared/inventory';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { MenuButton } from '../../components/Popover';
import { formatCount, plural } from '../../lib/format';
import { isFilterEmpty } from '../../lib/inventoryFilter';
import { useAtlas } from '../../store';
import { USAGE_HINTS, USAGE_WORDS } from './usageNames';

/** The analysis's input for the owned AMIs these rows show: their owners and regions, or everything when nothing is filtered. */
function scopeOf(rows: readonly AmiRow[], filter: InventoryFilter): { accounts?: string[]; regions?: string[] } {
  if (isFilterEmpty({ ...filter, views: [] })) return {};
  const owned = rows.filter((r) => r.view === 'owned');
  const accounts = [...new Set(owned.map((r) => r.account))];
  const regions = [...new Set(owned.map((r) => r.region))];
  // Beyond what one request takes, every owned AMI is checked.
  return accounts.length > 1000 || regions.length > 64 ? {} : { accounts, regions };
}

/** "Check usage" for the owned AMIs in view (all owned ones when nothing is filtered), with its progress. */
export function CheckUsageButton({ rows }: { rows: readonly AmiRow[] }) {
  const filter = useAtlas((s) => s.filter);
  const check = useAtlas((s) => s.usageCheck);
  const checkUsage = useAtlas((s) => s.checkUsage);
  const owned = useMemo(() => rows.filter((r) => r.view === 'owned').length, [rows]);
  const all = isFilterEmpty({ ...filter, views: [] });
  const running = check.state === 'running';
  return (
    <button
      type="button"
      className="button button-small"
      data-testid="check-usage"
      disabled={running || owned === 0}
      title={
        owned === 0
          ? 'No AMI your accounts own is shown'
          : `Finds where ${all ? 'every owned AMI' : `the ${plural(owned, 'owned AMI')} shown`} is used: instances, launch templates, Auto Scaling, Parameter Store and Image Builder recipes, in the owner’s account and the accounts it is shared with`
      }
      onClick={() => void checkUsage(scopeOf(rows, filter))}
    >
      <Icon name="search" size={13} /> {running ? 'Checking usage…' : 'Check usage'}
    </button>
  );
}

/** The running check (account-regions read of the total) or how the last one failed. */
export function UsageCheckStatus() {
  const check = useAtlas((s) => s.usageCheck);
  const checkUsage = useAtlas((s) => s.checkUsage);
  if (check.state === 'running') {
    const percent = check.total > 0 ? Math.round((check.done / check.total) * 100) : 0;
    return (
      <div className="usage-progress" data-testid="usage-progress">
        <span className="usage-progress-label">
          Checking usage: {formatCount(check.done)} of {check.total > 0 ? plural(check.total, 'account-region') : '…'} read
        </span>
        <div
          className="usage-progress-track"
          role="progressbar"
          aria-label="Usage check"
          aria-valuemin={0}
          aria-valuemax={check.total}
          aria-valuenow={check.done}
          aria-valuetext={`${check.done} of ${check.total} account-regions read`}
        >
          <span className="usage-progress-fill" style={{ width: `${percent}%` }} />
        </div>
      </div>
    );
  }
  if (check.state === 'error' && check.error) return <ErrorBanner error={check.error} onRetry={() => void checkUsage({})} />;
  return null;
}

interface UsageMenuProps {
  /** Every AMI of the inventory: counts are made over those matching every other filter. */
  rows: readonly AmiRow[];
  names: InventoryNames;
  filter: InventoryFilter;
  onChange(update: (f: InventoryFilter) => InventoryFilter): void;
}

/** The In use facet: in use / unused / unknown, counting AMIs; AMIs never checked count nowhere. */
export function UsageMenu(props: UsageMenuProps) {
  const { filter } = props;
  const active = filter.inUse.length > 0;
  return (
    <MenuButton className={`chip-button facet-button${active ? ' is-active' : ''}`} testId="facet-inUse" menu={() => <UsageMenuBody {...props} />}>
      In use
      {active && <span className="facet-badge">{filter.inUse.length}</span>}
      <span className="facet-caret" aria-hidden="true">▾</span>
    </MenuButton>
  );
}

function UsageMenuBody({ rows, names, filter, onChange }: UsageMenuProps) {
  // Counted when the menu opens, not on every keystroke.
  const counts = useMemo(() => usageCounts(rows, filter, new Date(), names), [rows, filter, names]);
  const checked = counts.yes + counts.no + counts.unknown > 0;
  const toggle = (value: UsageState) => onChange((f) => ({ ...f, inUse: f.inUse.includes(value) ? f.inUse.filter((v) => v !== value) : [...f.inUse, value] }));
  return (
    <div role="menu" aria-label="In use" className="menu-list">
      {!checked && <div className="menu-note">Not checked yet: Check usage finds where owned AMIs are used</div>}
      {USAGE_STATES.map((value) => (
        <button
          key={value}
          type="button"
          role="menuitemcheckbox"
          aria-checked={filter.inUse.includes(value)}
          data-testid="facet-option"
          data-value={value}
          className="menu-item"
          title={USAGE_HINTS[value]}
          onClick={() => toggle(value)}
        >
          <span className="menu-check" aria-hidden="true">
            {filter.inUse.includes(value) ? <Icon name="check" size={12} /> : null}
          </span>
          <span className="truncate">{USAGE_WORDS[value]}</span>
          <span className="menu-count">{formatCount(counts[value])}</span>
        </button>
      ))}
    </div>
  );
}
