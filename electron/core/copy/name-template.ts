/**
 * Names for copies from a template such as "{name}-{region}", and AWS's rules for AMI names
 * (3–128 characters from a fixed set), checked before anything is sent.
 */
export interface NameValues {
  name: string;
  region: string;
  sourceRegion: string;
  imageId: string;
  /** The day the copy is made, YYYY-MM-DD. */
  date: string;
}

const TOKEN = /\{(name|region|sourceRegion|imageId|date)\}/g;

export function renderTemplate(template: string, values: NameValues): string {
  return template.replace(TOKEN, (_, key: keyof NameValues) => values[key]).trim();
}

/** Unknown {tokens} a template uses (so a typo is reported instead of copied into names). */
export function unknownTokens(template: string): string[] {
  return [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[0]).filter((t) => !/^\{(name|region|sourceRegion|imageId|date)\}$/.test(t));
}

const NAME_CHARS = /^[a-zA-Z0-9()[\] ./\-'@_]+$/;

/** Why AWS would refuse this AMI name, or null when it is fine. */
export function nameProblem(name: string): string | null {
  if (name.length < 3) return `"${name}" is too short: AMI names have 3 to 128 characters.`;
  if (name.length > 128) return `The name is ${name.length} characters long: AMI names have at most 128.`;
  if (!NAME_CHARS.test(name)) return `"${name}" has characters AWS does not allow in AMI names (letters, digits, spaces and ( ) [ ] . / - ' @ _ only).`;
  return null;
}
