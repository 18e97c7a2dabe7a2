/** The app's mark: a stack of disks (images) on a grid, drawn inline. */
export function AppMark({ size = 20 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" className="app-mark">
      <rect width="32" height="32" rx="8" fill="var(--accent)" />
      <g fill="none" stroke="var(--accent-contrast)" strokeWidth="2" strokeLinejoin="round">
        <path d="M16 7 25 11.5 16 16 7 11.5Z" />
        <path d="M7 16l9 4.5 9-4.5" opacity="0.8" />
        <path d="M7 20.5 16 25l9-4.5" opacity="0.6" />
      </g>
    </svg>
  );
}
