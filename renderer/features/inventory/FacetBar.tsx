import { useMemo, useRef, useState, type ReactNode } from 'react';
import { FACETS, type FacetName, type InventoryFilter } from '../../../shared/inventory';
import { useAtlas } from '../../store';
import { MenuButton } from '../../components/Popover';
import { Icon } from '../../components/Icon';
import { formatAccountId, formatCount } from '../../lib/format';
import { FACET_LABELS, facetOptions, filterChips, keepOrder, isFilterEmpty, toggleFacetValue, toggleTag, clearFilter } from '../../lib/inventoryFilter';
import type { Counts } from './useInventoryRows';
import type { InventoryCellContext } from './inventoryColumns';
import { UsageMenu } from './UsageControls';

interface FacetBarProps {
  counts: Counts | null;
  /** The counts were made for an earlier filter; fresh ones are being counted. */
  stale: boolean;
  ctx: InventoryCellContext;
  /** What acts on the rows the filter shows, at the end of the active filters. */
  actions?: ReactNode;
}

const PERMISSION_WORDS: Record<string, string> = {
  private: 'Private',
  shared: 'Shared with accounts',
  organization: 'Shared with an organization',
  public: 'Public',
};

/** How a facet value reads: our account names instead of our ids and 12-digit owners. */
function describer(ctx: InventoryCellContext) {
  return (facet: FacetName, value: string): string => {
    if (facet === 'accounts') return ctx.accounts.get(value)?.name ?? 'An account no longer in the workspace';
    if (facet === 'launchPermissions') return PERMISSION_WORDS[value] ?? value;
    if (facet === 'owners') return ctx.ownerNames.get(value) ?? formatAccountId(value);
    if (facet === 'views') return value === 'owned' ? 'Owned' : 'Shared with me';
    if (facet === 'rootDeviceTypes') return value === 'ebs' ? 'EBS' : value === 'instance-store' ? 'Instance store' : value;
    if (facet === 'families') return value || '(no name)';
    return value;
  };
}

/** Region ▾ OS ▾ Arch ▾ … with counts per value, then the active filters as removable chips. */
export function FacetBar({ counts, stale, ctx, actions }: FacetBarProps) {
  const filter = useAtlas((s) => s.filter);
  const setFilter = useAtlas((s) => s.setFilter);
  const inventory = useAtlas((s) => s.inventory);
  const describe = useMemo(() => describer(ctx), [ctx]);
  // The Owned / Shared tabs already show the view; a chip for it would say the same twice.
  const chips = filterChips(filter, describe).filter((c) => !c.id.startsWith('views:'));

  return (
    <div className="facet-bar">
      <div className="facet-buttons" role="group" aria-label="Filters">
        {FACETS.map((facet) => (
          <FacetMenu key={facet} facet={facet} filter={filter} counts={counts?.facets[facet]} stale={stale} describe={describe} onChange={setFilter} />
        ))}
        <TriStateMenu name="deprecated" label="Deprecated" value={filter.deprecated} counts={counts?.extra.deprecated} stale={stale} onChange={(v) => setFilter((f) => ({ ...f, deprecated: v }))} />
        <TriStateMenu name="encrypted" label="Encrypted" value={filter.encrypted} counts={counts?.extra.encrypted} stale={stale} onChange={(v) => setFilter((f) => ({ ...f, encrypted: v }))} />
        <UsageMenu rows={inventory} names={ctx.names} filter={filter} onChange={setFilter} />
        <TagMenu filter={filter} counts={counts?.extra.tags} stale={stale} onChange={setFilter} />
      </div>
      {chips.length > 0 && (
        <div className="chips" aria-label="Active filters">
          {chips.map((chip) => (
            <span key={chip.id} className="chip" data-testid="filter-chip">
              <span className="truncate">{chip.label}</span>
              <button type="button" className="chip-remove" aria-label={`Remove filter ${chip.label}`} onClick={() => setFilter((f) => chip.remove(f))}>
                <Icon name="close" size={11} />
              </button>
            </span>
          ))}
          {!isFilterEmpty({ ...filter, views: [] }) && (
            <button type="button" className="link-button" onClick={() => setFilter((f) => clearFilter(f))}>
              Clear filters
            </button>
          )}
          {actions && <span className="chips-end">{actions}</span>}
        </div>
      )}
    </div>
  );
}

interface FacetMenuProps {
  facet: FacetName;
  filter: InventoryFilter;
  counts: Map<string, number> | undefined;
  stale: boolean;
  describe(facet: FacetName, value: string): string;
  onChange(update: (f: InventoryFilter) => InventoryFilter): void;
}

/** An open menu's options in the order first shown (see keepOrder). */
function useShownOrder<T extends { value: string }>(options: readonly T[]): T[] {
  const shown = useRef<string[]>([]);
  const ordered = keepOrder(shown.current, options);
  shown.current = ordered.map((o) => o.value);
  return ordered;
}

function FacetMenu(props: FacetMenuProps) {
  const { facet, filter } = props;
  const active = (filter[facet] as readonly string[]).length > 0;
  return (
    <MenuButton className={`chip-button facet-button${active ? ' is-active' : ''}`} testId={`facet-${facet}`} menu={() => <FacetMenuBody {...props} />}>
      {FACET_LABELS[facet]}
      {active && <span className="facet-badge">{(filter[facet] as readonly string[]).length}</span>}
      <span className="facet-caret" aria-hidden="true">▾</span>
    </MenuButton>
  );
}

function FacetMenuBody({ facet, filter, counts, stale, describe, onChange }: FacetMenuProps) {
  const selected = filter[facet] as readonly string[];
  const options = useShownOrder(facetOptions(counts, selected));
  return (
    <div role="menu" aria-label={FACET_LABELS[facet]} aria-busy={stale} className={`menu-list${stale ? ' is-recounting' : ''}`}>
      {!counts && <div className="menu-note">Counting…</div>}
      {counts && options.length === 0 && <div className="menu-note">No values in the inventory</div>}
      {options.map(({ value, count }) => (
        <button
          key={value}
          type="button"
          role="menuitemcheckbox"
          aria-checked={selected.includes(value)}
          data-testid="facet-option"
          data-value={value}
          className="menu-item"
          onClick={() => onChange((f) => toggleFacetValue(f, facet, value))}
        >
          <span className="menu-check" aria-hidden="true">
            {selected.includes(value) ? <Icon name="check" size={12} /> : null}
          </span>
          <span className="truncate">{describe(facet, value)}</span>
          <span className="menu-count">{formatCount(count)}</span>
        </button>
      ))}
    </div>
  );
}

interface TriStateMenuProps {
  name: 'deprecated' | 'encrypted';
  label: string;
  value: 'any' | 'yes' | 'no';
  counts: { yes: number; no: number } | undefined;
  stale: boolean;
  onChange(value: 'any' | 'yes' | 'no'): void;
}

function TriStateMenu({ name, label, value, counts, stale, onChange }: TriStateMenuProps) {
  const options = [
    { value: 'yes' as const, text: label, count: counts?.yes },
    { value: 'no' as const, text: `Not ${label.toLowerCase()}`, count: counts?.no },
  ];
  return (
    <MenuButton
      className={`chip-button facet-button${value !== 'any' ? ' is-active' : ''}`}
      testId={`facet-${name}`}
      menu={() => (
        <div role="menu" aria-label={label} aria-busy={stale} className={`menu-list${stale ? ' is-recounting' : ''}`}>
          {options.map((o) => (
            <button
              key={o.value}
              type="button"
              role="menuitemcheckbox"
              aria-checked={value === o.value}
              data-testid="facet-option"
              data-value={o.value}
              className="menu-item"
              onClick={() => onChange(value === o.value ? 'any' : o.value)}
            >
              <span className="menu-check" aria-hidden="true">
                {value === o.value ? <Icon name="check" size={12} /> : null}
              </span>
              <span className="truncate">{o.text}</span>
              <span className="menu-count">{o.count === undefined ? '' : formatCount(o.count)}</span>
            </button>
          ))}
        </div>
      )}
    >
      {label}
      <span className="facet-caret" aria-hidden="true">▾</span>
    </MenuButton>
  );
}

const TAG_OPTION_LIMIT = 60;

interface TagMenuProps {
  filter: InventoryFilter;
  counts: Map<string, number> | undefined;
  stale: boolean;
  onChange(update: (f: InventoryFilter) => InventoryFilter): void;
}

function TagMenu(props: TagMenuProps) {
  const { filter } = props;
  return (
    <MenuButton
      className={`chip-button facet-button${filter.tags.length > 0 ? ' is-active' : ''}`}
      testId="facet-tag"
      menu={() => <TagMenuBody {...props} />}
    >
      Tag
      {filter.tags.length > 0 && <span className="facet-badge">{filter.tags.length}</span>}
      <span className="facet-caret" aria-hidden="true">▾</span>
    </MenuButton>
  );
}

function TagMenuBody({ filter, counts, stale, onChange }: TagMenuProps) {
  const [typed, setTyped] = useState('');
  const needle = typed.trim().toLowerCase();
  const options = useShownOrder(facetOptions(counts, filter.tags))
    .filter((o) => !needle || o.value.toLowerCase().includes(needle))
    .slice(0, TAG_OPTION_LIMIT);
  return (
    <div role="menu" aria-label="Tag" aria-busy={stale} className={`menu-list${stale ? ' is-recounting' : ''}`}>
      <form
        className="menu-input"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed.trim()) onChange((f) => toggleTag(f, typed));
          setTyped('');
        }}
      >
        <input
          data-autofocus=""
          type="text"
          aria-label="Tag key or key=value"
          placeholder="key or key=value, Enter to add"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          spellCheck={false}
        />
      </form>
      {options.map(({ value, count }) => (
        <button
          key={value}
          type="button"
          role="menuitemcheckbox"
          aria-checked={filter.tags.includes(value)}
          data-testid="facet-option"
          data-value={value}
          className="menu-item"
          onClick={() => onChange((f) => toggleTag(f, value))}
        >
          <span className="menu-check" aria-hidden="true">
            {filter.tags.includes(value) ? <Icon name="check" size={12} /> : null}
          </span>
          <span className="truncate mono-soft">{value}</span>
          <span className="menu-count">{formatCount(count)}</span>
        </button>
      ))}
    </div>
  );
}
