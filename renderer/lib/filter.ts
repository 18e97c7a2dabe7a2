/** Client-side search over the loaded list: name, image id, description and tags. */
import type { AmiSummary } from '../../shared/model';

// Lower-cased search text per image, built once per image object (lists are replaced, not mutated).
const haystacks = new WeakMap<AmiSummary, string>();

function haystackOf(image: AmiSummary): string {
  let text = haystacks.get(image);
  if (text === undefined) {
    const parts = [image.name, image.imageId, image.description ?? ''];
    for (const tag of image.tags) parts.push(`${tag.key}=${tag.value}`);
    text = parts.join('\n').toLowerCase();
    haystacks.set(image, text);
  }
  return text;
}

/** Whitespace-separated terms; every term must match somewhere ("golden arm64", "env=prod"). */
export function parseQuery(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

export function matchesQuery(image: AmiSummary, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const text = haystackOf(image);
  return terms.every((term) => text.includes(term));
}

export function filterImages(images: readonly AmiSummary[], query: string): readonly AmiSummary[] {
  const terms = parseQuery(query);
  if (terms.length === 0) return images;
  return images.filter((image) => matchesQuery(image, terms));
}
