/**
 * A tiny XML writer for the query protocols' responses. Elements whose value is undefined or
 * null are left out, which is how AWS omits absent fields.
 */

export type XmlScalar = string | number | boolean;
export type XmlValue = XmlScalar | XmlNode[] | null | undefined;

export interface XmlNode {
  name: string;
  value: XmlValue;
}

export function el(name: string, value: XmlValue): XmlNode {
  return { name, value };
}

/** `<name><item>…</item><item>…</item></name>`, the EC2 list shape. */
export function itemList(name: string, items: readonly XmlNode[][]): XmlNode {
  return el(
    name,
    items.map((children) => el('item', children)),
  );
}

/** Characters XML 1.0 cannot carry at all (control characters other than tab/CR/LF). */
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Anything escapeXml would change: most values have none, and skip its six replacements. */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPING = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF&<>"']/;

export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPING.test(text)) return text;
  return text
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function write(node: XmlNode, out: string[]): void {
  const { name, value } = node;
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    out.push(`<${name}>`);
    for (const child of value) write(child, out);
    out.push(`</${name}>`);
    return;
  }
  out.push(`<${name}>${escapeXml(String(value))}</${name}>`);
}

/** A whole document: declaration plus a root element carrying the service namespace. */
export function renderDocument(rootName: string, namespace: string | null, children: XmlNode[]): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  out.push(namespace ? `<${rootName} xmlns="${escapeXml(namespace)}">` : `<${rootName}>`);
  for (const child of children) write(child, out);
  out.push(`</${rootName}>`);
  return out.join('');
}
