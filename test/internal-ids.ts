/**
 * People read names, never our internal ids. These helpers find internal ids in what the app
 * says: the ids it actually uses (accounts, paths, clients, jobs, runs, audit entries) when they
 * are known, and otherwise anything shaped like one of them — a bare UUID (not part of an ARN
 * or a path, where AWS's own key ids live) or an audit/job id ("user-12", "demo1-3").
 */

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const RECORD_ID = /\b(?:user|demo\d+)-\d+\b/g;

/** Internal-id-shaped strings in `text` (UUIDs inside ARNs and paths, such as KMS key ids, are AWS's, not ours). */
export function idShapedIn(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(UUID)) {
    const before = text[m.index - 1] ?? '';
    if (before !== '/' && before !== ':') found.push(m[0]);
  }
  for (const m of text.matchAll(RECORD_ID)) found.push(m[0]);
  return found;
}

/** The known ids that appear in `text`. */
export function knownIdsIn(text: string, ids: Iterable<string>): string[] {
  const found: string[] = [];
  for (const id of ids) if (id && text.includes(id)) found.push(id);
  return found;
}
