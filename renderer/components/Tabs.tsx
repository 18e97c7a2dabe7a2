import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem<T extends string> {
  id: T;
  label: string;
  /** Extra text after the label (a count). Hidden from the accessible name so "Tags" stays "Tags". */
  extra?: ReactNode;
}

interface TabsProps<T extends string> {
  label: string;
  items: readonly TabItem<T>[];
  value: T;
  onChange(id: T): void;
  /** Prefix for element ids, so tabs and panels can reference each other. */
  idPrefix: string;
  className?: string;
}

export function tabId(prefix: string, id: string): string {
  return `${prefix}-tab-${id}`;
}
export function panelId(prefix: string, id: string): string {
  return `${prefix}-panel-${id}`;
}

/** WAI-ARIA tabs: one tab stop, arrows/Home/End move and activate. */
export function Tabs<T extends string>({ label, items, value, onChange, idPrefix, className }: TabsProps<T>) {
  const refs = useRef(new Map<T, HTMLButtonElement>());

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = items.findIndex((t) => t.id === value);
    let next: number;
    if (event.key === 'ArrowRight') next = (index + 1) % items.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + items.length) % items.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = items.length - 1;
    else return;
    event.preventDefault();
    event.stopPropagation();
    const item = items[next];
    if (!item) return;
    onChange(item.id);
    refs.current.get(item.id)?.focus();
  }

  return (
    <div role="tablist" aria-label={label} className={`tabs${className ? ` ${className}` : ''}`} onKeyDown={onKeyDown}>
      {items.map((item) => {
        const selected = item.id === value;
        return (
          <button
            key={item.id}
            ref={(el) => {
              if (el) refs.current.set(item.id, el);
              else refs.current.delete(item.id);
            }}
            type="button"
            role="tab"
            id={tabId(idPrefix, item.id)}
            aria-selected={selected}
            aria-controls={panelId(idPrefix, item.id)}
            tabIndex={selected ? 0 : -1}
            className="tab"
            onClick={() => onChange(item.id)}
          >
            {item.label}
            {item.extra !== undefined && (
              <span className="tab-extra" aria-hidden="true">
                {item.extra}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
