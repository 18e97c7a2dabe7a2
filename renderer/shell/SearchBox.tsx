import { useEffect, useRef } from 'react';
import { useAtlas } from '../store';
import { Icon } from '../components/Icon';
import { isTypingTarget } from '../lib/keyboard';
import { KEYS, matchesChord } from '../lib/shortcuts';

export const SEARCH_INPUT_ID = 'ami-search';

/** Filters the loaded list as you type. `/` focuses it from anywhere; Esc clears, then leaves. */
export function SearchBox() {
  // In the inventory the same box (and `/`) drives the inventory's free-text filter.
  const inventory = useAtlas((s) => s.mode === 'inventory' && s.catalogueTab === null);
  const imagesQuery = useAtlas((s) => s.query);
  const setImagesQuery = useAtlas((s) => s.setQuery);
  const inventoryQuery = useAtlas((s) => s.filter.text);
  const setFilter = useAtlas((s) => s.setFilter);
  const query = inventory ? inventoryQuery : imagesQuery;
  const setQuery = inventory ? (text: string) => setFilter((f) => ({ ...f, text })) : setImagesQuery;
  const ref = useRef<HTMLInputElement>(null);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!matchesChord(event, KEYS.search)) return;
      if (isTypingTarget(event.target)) return;
      event.preventDefault();
      ref.current?.focus();
      ref.current?.select();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <div className="search">
      <Icon name="search" size={14} className="icon search-icon" />
      <input
        ref={ref}
        id={SEARCH_INPUT_ID}
        type="search"
        // Short enough to fit the box at 1024 px; what it searches is said on hover.
        placeholder="Search AMIs…"
        title="Search AMIs by name, ID, description or tag (/)"
        aria-label="Search AMIs"
        aria-keyshortcuts="/"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            if (query) setQuery('');
            else focusGrid();
          } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
            // Jump from the search to the results, like a command palette.
            e.preventDefault();
            focusGrid();
          }
        }}
      />
      {!query && (
        <kbd className="kbd-hint search-hint" aria-hidden="true">
          /
        </kbd>
      )}
    </div>
  );
}

function focusGrid() {
  document.querySelector<HTMLElement>('[data-grid-focus]')?.focus();
}
