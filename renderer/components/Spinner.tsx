/** A slim indeterminate bar: shows work in progress without hiding what is already on screen. */
export function ProgressBar({ label = 'Loading' }: { label?: string }) {
  return <div className="progress-bar" role="progressbar" aria-label={label} aria-busy="true" />;
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return <span className="spinner" role="status" aria-label={label} />;
}

/** Grey placeholder lines of plausible widths, so the layout does not jump when data arrives. */
export function SkeletonLines({ count = 4 }: { count?: number }) {
  const widths = [72, 54, 88, 40, 64, 80, 48];
  return (
    <div className="skeleton-lines" aria-hidden="true">
      {Array.from({ length: count }, (_, i) => (
        <span key={i} className="skeleton" style={{ width: `${widths[i % widths.length]}%` }} />
      ))}
    </div>
  );
}
