/**
 * Names for copies from a template such as "{name}-{region}", and AWS's rules for AMI names
 * (3–128 characters from a fixed set). The page previews names with this code as the user
 * types; the core renders the final names with the same code in `copy:plan`.
 */
import { NAME_TOKENS } from './lifecycle';

export interface NameValues {
  name: string;
  region: string;
  sourceRegion: string;
  imageId: string;
  /** The day the copy is made, YYYY-MM-DD (UTC). */
  date: string;
}

const TOKEN = /\{(name|region|sourceRegion|imageId|date)\}/g;

export function renderTemplate(template: string, values: NameValues): string {
  return template.replace(TOKEN, (_, key: keyof NameValues) => values[key]).trim();
}

/** {tokens} that are not known (a typo would otherwise end up in every name). */
export function unknownTokens(template: string): string[] {
  const known = new Set<string>(NAME_TOKENS);
  return [...template.matchAll(/\{[^}]*\}/g)].map((m) => m[0]).filter((t) => !known.has(t));
}

const NAME_CHARS = /^[a-zA-Z0-9()[\] ./\-'@_]+$/;

/** Why AWS would refuse this AMI name, or null when it is fine. */
export function nameProblem(name: string): string | null {
  if (name.length < 3) return `Too short ("${name}"): AMI names have 3 to 128 characters.`;
  if (name.length > 128) return `${name.length} characters: AMI names have at most 128.`;
  if (!NAME_CHARS.test(name)) return `Only letters, digits, spaces and ( ) [ ] . / - ' @ _ are allowed in AMI names ("${name}").`;
  return null;
}
