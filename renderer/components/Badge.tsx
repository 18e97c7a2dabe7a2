import type { ReactNode } from 'react';
import type { StateTone } from '../lib/images';

export type BadgeTone = StateTone | 'prod' | 'accent';

export function Badge({ tone = 'neutral', children, title }: { tone?: BadgeTone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}
