import { exactTime, relativeTime } from '../lib/time';
import { useNow } from './useNow';

/** "3 d ago", with the exact local and UTC time on hover. */
export function RelativeTime({ value, className }: { value: string | null | undefined; className?: string }) {
  const now = useNow();
  if (!value) return <span className={className}>—</span>;
  return (
    <time dateTime={value} title={exactTime(value)} className={className}>
      {relativeTime(value, now)}
    </time>
  );
}
