import { stateTone } from '../lib/images';

/**
 * An image state as a dot and a word. The normal case ("available") stays quiet so that the
 * exceptions (pending, failed, deprecated) are what the eye finds in a long list.
 */
export function StateBadge({ state, title }: { state: string; title?: string }) {
  return (
    <span className={`state state-${stateTone(state)}`} title={title}>
      <span className="state-dot" aria-hidden="true" />
      {state}
    </span>
  );
}
