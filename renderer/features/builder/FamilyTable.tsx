import { useEffect, type KeyboardEvent, type ReactNode } from 'react';

/** What the Components and Recipes places list: a name with its versions, newest first. */
interface Family {
  name: string;
  versions: ReadonlyArray<{ version: string }>;
}

/**
 * Rows chosen with the keyboard: one tab stop on the chosen row; arrows, j/k, Home and End move
 * the choice (as the pipelines table does).
 */
export function rowKeys<T>(rows: readonly T[], chosen: number, choose: (row: T) => void) {
  return (event: KeyboardEvent<HTMLTableSectionElement>) => {
    let next: number;
    if (event.key === 'ArrowDown' || event.key === 'j') next = Math.min(chosen + 1, rows.length - 1);
    else if (event.key === 'ArrowUp' || event.key === 'k') next = Math.max(chosen - 1, 0);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = rows.length - 1;
    else return;
    event.preventDefault();
    const row = rows[next];
    if (row === undefined) return;
    choose(row);
    event.currentTarget.querySelector<HTMLElement>(`[data-row="${next}"]`)?.focus();
  };
}

/**
 * The family chosen by name, kept while it is listed; else the first. While a new read is on its
 * way (`settled` false) the one just made may not be listed yet, so the choice waits.
 */
export function useChosenFamily<F extends Family>(families: readonly F[] | null, settled: boolean, selected: string | null, select: (name: string | null) => void) {
  useEffect(() => {
    if (families && settled && (!selected || !families.some((f) => f.name === selected))) select(families[0]?.name ?? null);
  }, [families, selected, settled, select]);
  const chosen = families?.find((f) => f.name === selected) ?? null;
  return { chosen, chosenIndex: families && chosen ? families.indexOf(chosen) : -1 };
}

interface FamilyTableProps<F extends Family> {
  label: string;
  testId: string;
  rowTestId: string;
  families: readonly F[];
  chosen: F | null;
  chosenIndex: number;
  select(name: string): void;
  /** Column headings after Name and Newest version. */
  columns: readonly string[];
  /** The cells of those columns. */
  cells(family: F): ReactNode;
  title?(family: F): string;
}

/** The families by name with their newest version; one row chosen, by pointer or keyboard. */
export function FamilyTable<F extends Family>({ label, testId, rowTestId, families, chosen, chosenIndex, select, columns, cells, title }: FamilyTableProps<F>) {
  return (
    <div className="builder-table-wrap">
      <table className="mini-table builder-table" aria-label={label} data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Newest version</th>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody onKeyDown={rowKeys(families, chosenIndex, (f) => select(f.name))}>
          {families.map((f, i) => {
            const isChosen = f === chosen;
            return (
              <tr
                key={f.name}
                data-row={i}
                data-testid={rowTestId}
                data-name={f.name}
                className={isChosen ? 'is-selected' : undefined}
                aria-selected={isChosen}
                tabIndex={isChosen || (chosenIndex < 0 && i === 0) ? 0 : -1}
                onClick={() => select(f.name)}
                onFocus={() => select(f.name)}
              >
                <td className="builder-name" title={title?.(f)}>
                  <span className="mono">{f.name}</span>
                </td>
                <td className="mono-soft">{f.versions[0]?.version}</td>
                {cells(f)}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
