import { INVENTORY_COLUMNS } from '../../../shared/inventory';
import { useAtlas } from '../../store';
import { MenuButton } from '../../components/Popover';
import { Icon } from '../../components/Icon';
import { DEFAULT_VISIBLE_COLUMNS, toggleColumn } from '../../lib/columnPrefs';
import { columnLabel } from './inventoryColumns';

/** Show or hide grid columns; the choice is remembered. */
export function ColumnChooser() {
  const visible = useAtlas((s) => s.visibleColumns);
  const setVisible = useAtlas((s) => s.setVisibleColumns);
  return (
    <MenuButton
      className="button button-small"
      align="end"
      menu={() => (
        <div role="menu" aria-label="Columns" className="menu-list menu-columns">
          {INVENTORY_COLUMNS.map((column) => (
            <button
              key={column}
              type="button"
              role="menuitemcheckbox"
              aria-checked={visible.includes(column)}
              className="menu-item"
              onClick={() => setVisible(toggleColumn(visible, column))}
            >
              <span className="menu-check" aria-hidden="true">
                {visible.includes(column) ? <Icon name="check" size={12} /> : null}
              </span>
              <span className="truncate">{columnLabel(column)}</span>
            </button>
          ))}
          <button type="button" role="menuitem" className="menu-item menu-item-reset" onClick={() => setVisible([...DEFAULT_VISIBLE_COLUMNS])}>
            <span className="menu-check" aria-hidden="true" />
            Reset to default
          </button>
        </div>
      )}
    >
      <Icon name="sliders" size={13} /> Columns
    </MenuButton>
  );
}
