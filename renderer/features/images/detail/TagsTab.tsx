import type { AmiDetail } from '../../../../shared/model';
import { EmptyState } from '../../../components/EmptyState';

export function TagsTab({ image }: { image: AmiDetail }) {
  if (image.tags.length === 0) return <EmptyState title="No tags" />;
  // "Name" first, as in the AWS console; the rest alphabetically.
  const tags = [...image.tags].sort((a, b) =>
    a.key === 'Name' ? -1 : b.key === 'Name' ? 1 : a.key.localeCompare(b.key, 'en', { sensitivity: 'base' }),
  );
  return (
    <table className="mini-table tags-table">
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {tags.map((tag) => (
          <tr key={tag.key}>
            <td className="tag-key">{tag.key}</td>
            <td className="tag-value">{tag.value || <span className="muted">(empty)</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
