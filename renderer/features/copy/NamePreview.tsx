import { duplicateNames, previewNames, today, type CopySource } from '../../lib/copyPlan';

/** The names the copies will get, live as the template is typed: one line per copy. */
export function NamePreview({ sources, regions, template }: { sources: readonly CopySource[]; regions: readonly string[]; template: string }) {
  if (regions.length === 0) return <p className="copy-preview-empty muted">Choose at least one region to see the names.</p>;
  const previews = previewNames(sources, regions, template, today());
  const dups = duplicateNames(previews);
  const shown = previews.slice(0, 8);
  return (
    <ul className="list-box copy-preview" aria-label="Names of the copies" data-testid="copy-name-preview">
      {shown.map((p) => {
        const dup = dups.has(`${p.region}|${p.name}`);
        const problem = p.problem ?? (dup ? 'Two copies would have this name in one region: add {name} or {imageId}.' : null);
        return (
          <li key={`${p.imageId}|${p.region}`} className={problem ? 'has-problem' : undefined}>
            <span className="mono copy-preview-region">{p.region}</span>
            <span className="copy-preview-name" title={p.name}>
              {p.name || '—'}
            </span>
            {problem && <span className="copy-preview-problem">{problem}</span>}
          </li>
        );
      })}
      {previews.length > shown.length && <li className="muted">and {previews.length - shown.length} more</li>}
    </ul>
  );
}
