import type { ReactNode } from 'react';

/** A label/value list: the workhorse of detail panes. */
export function KeyValueList({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <section className="kv-section">
      {title && <h3 className="section-title">{title}</h3>}
      <dl className="kv">{children}</dl>
    </section>
  );
}

export function KeyValue({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="kv-row">
      <dt>{label}</dt>
      <dd>{children ?? '—'}</dd>
    </div>
  );
}
