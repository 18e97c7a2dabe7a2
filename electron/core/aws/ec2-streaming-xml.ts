/**
 * EC2's answers read in one pass. The SDK parses an answer's XML into a tree of plain objects
 * with its own parser, then walks the operation's schema over that tree: a DescribeImages page of
 * 1,000 images costs about 90 ms of CPU that way, which is what bounds how fast a large inventory
 * is listed on a small machine. This reads the XML straight into the output, guided by the same
 * schema (compiled once per shape), and converts every value that is not a plain string with the
 * SDK's own code.
 *
 * It reads only the plain form EC2 writes — elements and text, the namespace on the root,
 * XML's own entities — by searching for the next tag, which is about ten times faster than a
 * general XML parser (saxes took 19 ms to tokenize the page this takes 2 ms to). Anything else —
 * comments, CDATA, attributes, text beside elements, a member given twice, a mismatched or
 * cut-off tag, maps, unions, flattened lists — is handed to the SDK's reader, so the answer (or
 * the error) is always the SDK's. Error answers are the SDK's too: only a successful answer's
 * output is read here.
 */
import { AwsEc2QueryProtocol, XmlShapeDeserializer } from '@aws-sdk/core/protocols';
import { NormalizedSchema } from '@smithy/core/schema';
import type { Schema } from '@smithy/types';

interface StructShape {
  kind: 'struct';
  /** XML element name → the output's member name and how to read it. */
  members: Map<string, { name: string; shape: Shape }>;
}
interface ListShape {
  kind: 'list';
  /** The element each entry is in ("item" in EC2's answers). */
  entry: string;
  shape: Shape;
}
/** A string the SDK returns as the text itself. */
interface TextShape {
  kind: 'text';
}
/** Numbers, booleans, timestamps, blobs: converted by the SDK's reader from the text. */
interface ConvertedShape {
  kind: 'converted';
  schema: NormalizedSchema;
}
/** Anything read only by the SDK (maps, unions, documents, flattened lists). */
interface OtherShape {
  kind: 'other';
}
type Shape = StructShape | ListShape | TextShape | ConvertedShape | OtherShape;

const TEXT: TextShape = { kind: 'text' };
const OTHER: OtherShape = { kind: 'other' };

/** Shapes by shape id, shared by every client (the schema is the SDK's and never changes). */
const compiled = new Map<string, StructShape | ListShape>();

function compile(ns: NormalizedSchema): Shape {
  const traits = ns.getMergedTraits();
  if (ns.isStructSchema()) {
    if (ns.isUnionSchema()) return OTHER;
    const id = ns.getName(true);
    const known = id ? compiled.get(id) : undefined;
    if (known) return known;
    const members = [...ns.structIterator()];
    if (members.some(([, member]) => member.getMergedTraits().httpPayload)) return OTHER;
    const shape: StructShape = { kind: 'struct', members: new Map() };
    // Kept before its members are compiled, so a shape that contains itself ends.
    if (id) compiled.set(id, shape);
    for (const [name, member] of members) {
      const xmlName = (member.getMemberTraits().xmlName as string | undefined) ?? name;
      shape.members.set(xmlName, { name, shape: compile(member) });
    }
    return shape;
  }
  if (ns.isListSchema()) {
    if (traits.xmlFlattened) return OTHER;
    const id = ns.getName(true);
    const known = id ? compiled.get(id) : undefined;
    if (known) return known;
    const value = ns.getValueSchema();
    const shape: ListShape = { kind: 'list', entry: (value.getMergedTraits().xmlName as string | undefined) ?? 'member', shape: TEXT };
    if (id) compiled.set(id, shape);
    shape.shape = compile(value);
    return shape;
  }
  if (ns.isMapSchema() || ns.isDocumentSchema() || ns.isUnitSchema()) return OTHER;
  if (ns.isStringSchema() && traits.mediaType === undefined) return TEXT;
  return { kind: 'converted', schema: ns };
}

/** Thrown inside the parse when the SDK would read the body differently: it reads it instead. */
class HandBack extends Error {}

interface Frame {
  /** The element's name, which its closing tag must repeat. */
  name: string;
  shape: Shape;
  /** The struct's object or the list's array being filled. */
  value: Record<string, unknown> | unknown[] | null;
  /** A scalar's text so far. */
  text: string;
  /** Where the finished scalar goes: its member name in the parent struct (null: a list entry). */
  member: string | null;
  /** An element the SDK ignores (not a member of its struct, not an entry of its list). */
  skip: boolean;
}

/** How many answers were read here and how many were handed to the SDK's reader (tests, benchmarks). */
export const streamingXmlCounts = { streamed: 0, handedBack: 0 };

/** Whitespace the SDK drops between elements (its parser keeps whitespace without a line break). */
const droppedBetweenElements = (text: string): boolean => text.includes('\n') && text.trim() === '';

export class StreamingXmlDeserializer extends XmlShapeDeserializer {
  override read(schema: Schema, bytes: Uint8Array | string, key?: string): ReturnType<XmlShapeDeserializer['read']> {
    const ns = NormalizedSchema.of(schema);
    const shape = key === undefined && ns.isStructSchema() && !ns.isMemberSchema() ? compile(ns) : OTHER;
    if (shape.kind === 'struct') {
      const xml = typeof bytes === 'string' ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
      try {
        const output = this.stream(shape, xml);
        streamingXmlCounts.streamed += 1;
        return output;
      } catch {
        // Handed back, malformed, or a value the SDK's conversion refuses: the SDK's reader gives
        // its own answer or its own error.
      }
    }
    streamingXmlCounts.handedBack += 1;
    return super.read(schema, bytes, key);
  }

  private stream(root: StructShape, source: string): Record<string, unknown> {
    // As the SDK's parser does before it reads anything.
    const xml = source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
    let i = skipWhitespace(xml, 0);
    if (xml.startsWith('<?xml', i)) {
      const end = xml.indexOf('?>', i);
      if (end < 0) throw new HandBack();
      i = skipWhitespace(xml, end + 2);
    }
    if (xml.charCodeAt(i) !== LT) throw new HandBack();
    const rootEnd = xml.indexOf('>', i);
    if (rootEnd < 0) throw new HandBack();
    let rootTag = xml.slice(i + 1, rootEnd);
    const rootClosed = rootTag.endsWith('/');
    if (rootClosed) rootTag = rootTag.slice(0, -1);
    const space = rootTag.search(/\s/);
    // The root may carry its namespace, nothing else (other attributes would sit beside the output's members).
    if (space >= 0 && !ROOT_ATTRIBUTES.test(rootTag.slice(space))) throw new HandBack();
    const output: Record<string, unknown> = {};
    i = rootEnd + 1;
    if (rootClosed) return requireOnlyWhitespace(xml, i, output);

    const stack: Frame[] = [{ name: space >= 0 ? rootTag.slice(0, space) : rootTag, shape: root, value: output, text: '', member: null, skip: false }];
    while (stack.length > 0) {
      const lt = xml.indexOf('<', i);
      if (lt < 0) throw new HandBack(); // cut off
      const top = stack[stack.length - 1] as Frame;
      if (lt > i) this.text(top, xml.slice(i, lt));
      const gt = xml.indexOf('>', lt);
      if (gt < 0) throw new HandBack();
      const next = xml.charCodeAt(lt + 1);
      if (next === SLASH) {
        if (xml.slice(lt + 2, gt).trim() !== top.name) throw new HandBack(); // the SDK names the mismatch
        this.close(stack);
      } else if (next === BANG || next === QUESTION) {
        throw new HandBack(); // a comment, CDATA or an instruction: rare, the SDK's
      } else {
        let name = xml.slice(lt + 1, gt);
        const selfClosing = name.endsWith('/');
        if (selfClosing) name = name.slice(0, -1);
        this.open(stack, top, name);
        if (selfClosing) this.close(stack);
      }
      i = gt + 1;
    }
    return requireOnlyWhitespace(xml, i, output);
  }

  private open(stack: Frame[], parent: Frame, name: string): void {
    let shape: Shape = OTHER;
    let member: string | null = null;
    let skip = parent.skip;
    if (!skip) {
      const ps = parent.shape;
      if (ps.kind === 'struct') {
        const found = ps.members.get(name);
        if (found) {
          // A member given twice would be read by the SDK as a list of both.
          if (Object.prototype.hasOwnProperty.call(parent.value, found.name)) throw new HandBack();
          shape = found.shape;
          member = found.name;
        } else skip = true;
      } else if (ps.kind === 'list') {
        if (name === ps.entry) shape = ps.shape;
        else skip = true;
      } else {
        throw new HandBack(); // an element inside a value the SDK reads as text
      }
    }
    if (skip) {
      // Not read, but its name must be a plain one (no attributes) for the rest to be read alike.
      if (!PLAIN_NAME.test(name)) throw new HandBack();
      stack.push({ name, shape: OTHER, value: null, text: '', member: null, skip: true });
      return;
    }
    if (shape.kind === 'other') throw new HandBack();
    const value = shape.kind === 'struct' ? {} : shape.kind === 'list' ? [] : null;
    if (value !== null) {
      if (member !== null) (parent.value as Record<string, unknown>)[member] = value;
      else (parent.value as unknown[]).push(value);
    }
    stack.push({ name, shape, value, text: '', member, skip: false });
  }

  private text(frame: Frame, raw: string): void {
    if (frame.skip) return;
    if (frame.value === null) frame.text += decodeEntities(raw);
    // Text beside elements: the SDK would read the element as that text.
    else if (!droppedBetweenElements(raw)) throw new HandBack();
  }

  private close(stack: Frame[]): void {
    const frame = stack.pop() as Frame;
    const parent = stack[stack.length - 1];
    if (!parent || frame.skip || frame.value !== null) return;
    const text = droppedBetweenElements(frame.text) ? '' : frame.text;
    const value = frame.shape.kind === 'converted' ? this.readSchema(frame.shape.schema, text) : ownCopy(text);
    if (frame.member !== null) (parent.value as Record<string, unknown>)[frame.member] = value;
    else (parent.value as unknown[]).push(value);
  }
}

const LT = 0x3c;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
/** A name without attributes, whitespace or markup. */
const PLAIN_NAME = /^[^\s<>&"'=/]+$/;
/** Namespace declarations only. */
const ROOT_ATTRIBUTES = /^(\s+xmlns(:[\w.-]+)?\s*=\s*("[^"<>&]*"|'[^'<>&]*'))+\s*$/;

/** V8 copies shorter slices; from this length on, a slice is a view of the string it came from. */
const SHORTEST_VIEW = 13;

/**
 * The text as a string of its own. A slice of the answer's text is a view that keeps the whole
 * answer (a page of 1,000 images is megabytes) alive for as long as the value lives: the image
 * ids a scan keeps for reading permissions held 233 MiB of answers through a full-world scan.
 * Sliced from a string joined to it, V8 copies only the value.
 */
function ownCopy(text: string): string {
  return text.length < SHORTEST_VIEW ? text : (' ' + text).slice(1);
}

function skipWhitespace(xml: string, from: number): number {
  let i = from;
  while (i < xml.length && (xml[i] === ' ' || xml[i] === '\n' || xml[i] === '\t' || xml[i] === '\r')) i++;
  return i;
}

function requireOnlyWhitespace(xml: string, from: number, output: Record<string, unknown>): Record<string, unknown> {
  if (skipWhitespace(xml, from) !== xml.length) throw new HandBack();
  return output;
}

/** XML's five named entities and character references, decoded as the SDK's parser decodes them. */
const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#(\d{1,7})|([a-zA-Z][a-zA-Z0-9]{0,30}));/g;
const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_match, hex: string | undefined, decimal: string | undefined, named: string) => {
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    if (decimal) return String.fromCharCode(parseInt(decimal, 10));
    const known = NAMED_ENTITIES[named];
    if (known === undefined) throw new HandBack(); // an entity XML does not define
    return known;
  });
}

/**
 * The SDK's EC2 protocol with answers read by `StreamingXmlDeserializer`; requests, errors and
 * everything else are the SDK's. Given to EC2 clients as their `protocol`.
 */
export class StreamingEc2QueryProtocol extends AwsEc2QueryProtocol {
  constructor(options: ConstructorParameters<typeof AwsEc2QueryProtocol>[0]) {
    super(options);
    this.deserializer = new StreamingXmlDeserializer(this.deserializer.settings);
  }
}
