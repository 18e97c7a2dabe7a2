/**
 * A table's "select all shown" box: checked when every row shown is picked, half-checked when
 * some are (so a partial pick is never mistaken for none), disabled when nothing can be picked.
 */
export function SelectAllBox({ label, all, some, disabled, onChange }: { label: string; all: boolean; some: boolean; disabled: boolean; onChange(selected: boolean): void }) {
  return (
    <input
      type="checkbox"
      aria-label={label}
      checked={all}
      ref={(box) => {
        if (box) box.indeterminate = some && !all;
      }}
      disabled={disabled}
      onChange={(e) => onChange(e.target.checked)}
    />
  );
}
