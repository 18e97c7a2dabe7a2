/**
 * The command palette both pickers use (Ctrl+K's quick switcher, "Share with…"): a text box that
 * owns the keyboard, a list of options the arrows move through, and a footer of key hints. The
 * caller ranks the options and renders them with `PaletteOption`; this holds the combobox
 * wiring, the keys and keeping the active option in view, so the two behave alike.
 */
import { useEffect, useId, type HTMLAttributes, type KeyboardEvent, type ReactNode } from 'react';
import { Dialog } from './Dialog';
import { Icon, type IconName } from './Icon';

const PAGE = 8;

export interface PaletteProps {
  title: string;
  testId: string;
  className?: string;
  icon: IconName;
  /** The text box's accessible name and placeholder. */
  inputLabel: string;
  placeholder: string;
  /** The list's accessible name. */
  listLabel: string;
  query: string;
  onQuery(query: string): void;
  /** How many options are listed, and which is active (-1: none). */
  count: number;
  active: number;
  /** The active option changes to `index` (already within 0…count-1). */
  onMove(index: number): void;
  /** Enter on the active option. */
  onChoose(index: number): void;
  onClose(): void;
  /** Shown in the list when there are no options. */
  empty: ReactNode;
  /** The options, each a PaletteOption with id `optionId(i)`. */
  children(optionId: (index: number) => string): ReactNode;
  /** Key hints, one span each. */
  footer: ReactNode;
}

export function Palette(props: PaletteProps) {
  const { count, active, onMove } = props;
  const uid = useId();
  const optionId = (i: number) => `${uid}-option-${i}`;

  useEffect(() => {
    if (active >= 0) document.getElementById(`${uid}-option-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, uid]);

  function move(to: number) {
    if (count > 0) onMove(((to % count) + count) % count);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const ctrl = event.ctrlKey && !event.metaKey && !event.altKey;
    if (event.key === 'ArrowDown' || (ctrl && event.key === 'n')) move(active + 1);
    else if (event.key === 'ArrowUp' || (ctrl && event.key === 'p')) move(active - 1);
    else if (event.key === 'PageDown') move(Math.min(active + PAGE, count - 1));
    else if (event.key === 'PageUp') move(Math.max(active - PAGE, 0));
    else if (event.key === 'Enter') {
      if (active >= 0 && active < count) props.onChoose(active);
    } else return;
    event.preventDefault();
  }

  return (
    <Dialog title={props.title} onClose={props.onClose} chrome={false} size="palette" className={`palette${props.className ? ` ${props.className}` : ''}`} testId={props.testId}>
      <div className="palette-input-row">
        <Icon name={props.icon} size={15} className="icon palette-input-icon" />
        <input
          className="palette-input"
          aria-label={props.inputLabel}
          placeholder={props.placeholder}
          role="combobox"
          aria-expanded="true"
          aria-controls={`${uid}-list`}
          aria-activedescendant={active >= 0 && count > 0 ? optionId(active) : undefined}
          aria-autocomplete="list"
          autoComplete="off"
          spellCheck={false}
          data-autofocus=""
          value={props.query}
          onChange={(e) => props.onQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <kbd className="kbd-hint palette-kbd">Esc</kbd>
      </div>
      <div className="palette-list" role="listbox" id={`${uid}-list`} aria-label={props.listLabel}>
        {count === 0 && (
          <p className="palette-empty" role="status">
            {props.empty}
          </p>
        )}
        {props.children(optionId)}
      </div>
      <footer className="palette-footer" aria-hidden="true">
        <span>
          <kbd>↑</kbd> <kbd>↓</kbd> move
        </span>
        {props.footer}
      </footer>
    </Dialog>
  );
}

interface PaletteOptionProps extends Omit<HTMLAttributes<HTMLDivElement>, 'onMouseMove' | 'onMouseDown' | 'role'> {
  id: string;
  active: boolean;
  onHover(): void;
  onChoose(): void;
  /** Data attributes tests and styles read (data-testid, data-account-id, …). */
  [data: `data-${string}`]: string | undefined;
}

/** One option of a Palette: hovering makes it active; a press chooses it. */
export function PaletteOption({ id, active, onHover, onChoose, className, children, ...rest }: PaletteOptionProps) {
  return (
    <div
      {...rest}
      id={id}
      role="option"
      aria-selected={active}
      className={`palette-option${className ? ` ${className}` : ''}${active ? ' is-active' : ''}`}
      onMouseMove={active ? undefined : onHover}
      // mousedown, not click: the input keeps focus, so the list never flickers.
      onMouseDown={(e) => {
        e.preventDefault();
        onChoose();
      }}
    >
      {children}
    </div>
  );
}
