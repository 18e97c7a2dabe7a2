/** The client's colour, used wherever an account appears so the context is recognisable at a glance. */
export function ClientDot({ color, size = 8 }: { color: string | null | undefined; size?: number }) {
  return (
    <span
      className="client-dot"
      aria-hidden="true"
      data-client-color={color ?? undefined}
      style={{ width: size, height: size, background: color ?? 'var(--text-faint)' }}
    />
  );
}
