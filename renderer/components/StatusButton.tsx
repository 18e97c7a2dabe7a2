import type { ButtonHTMLAttributes } from 'react';

/** A status-bar item that opens what it counts (jobs, portal changes), after the bar's separator. */
export function StatusButton({ children, ...props }: ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <>
      <span className="status-sep" aria-hidden="true">
        ·
      </span>
      <button type="button" className="status-button" {...props}>
        {children}
      </button>
    </>
  );
}
