/**
 * EC2's answers read in one pass. The SDK parses an answer's XML into a tree of plain objects
 * with its own parser, then walks the operation's schema over that tree: a DescribeImages page of
 * 1,000 images costs about 100 ms of CPU that way, which is what bounds how fast a large
 * inventory is listed on a small machine. This reads the same XML with a streaming parser
 * (saxes) straight into the output, guided by the same schema (compiled once per shape), and
 * converts every value that is not a plain string with the SDK's own code.
 *
 * Whatever the SDK would read differently — attributes, text beside elements, a member given
 * twice, a malformed or cut-off body, maps, unions, flattened lists — makes it hand the body to
 * the SDK's reader instead, so the answer (or the error) is always the SDK's. Error answers are
 * the SDK's too: only a successful answer's output is read here.
 */
import { AwsEc2QueryProtocol, XmlShapeDeserializer } from '@aws-sdk/core/protocols';
import { NormalizedSchema } from '@smithy/core/schema';
import type { Schema } from '@smithy/types';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

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
    const shape: StructShape = { kind: 'struct', members: new Map() };
    // Kept before its members are compiled, so a shape that contains itself ends.
    if (id) compiled.set(id, shape);
    for (const [name, member] of ns.structIterator()) {
      if (member.getMergedTraits().httpPayload) return OTHER;
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

  private stream(root: StructShape, xml: string): Record<string, unknown> {
    const output: Record<string, unknown> = {};
    const stack: Frame[] = [];
    let done = false;
    const parser = new SaxesParser();
    const scalar = (frame: Frame): unknown => {
      const text = droppedBetweenElements(frame.text) ? '' : frame.text;
      return frame.shape.kind === 'converted' ? this.readSchema(frame.shape.schema, text) : text;
    };
    parser.on('opentag', (tag: SaxesTagPlain) => {
      const parent = stack[stack.length - 1];
      if (!parent) {
        // The root: its attributes (the namespace) would sit beside the output's members.
        for (const attribute in tag.attributes) if (root.members.has(attribute)) throw new HandBack();
        stack.push({ shape: root, value: output, text: '', member: null, skip: false });
        return;
      }
      if (parent.skip) {
        stack.push({ shape: OTHER, value: null, text: '', member: null, skip: true });
        return;
      }
      for (const _attribute in tag.attributes) throw new HandBack();
      const ps = parent.shape;
      let shape: Shape;
      let member: string | null = null;
      if (ps.kind === 'struct') {
        const found = ps.members.get(tag.name);
        if (!found) {
          stack.push({ shape: OTHER, value: null, text: '', member: null, skip: true });
          return;
        }
        // A member given twice would be read by the SDK as a list of both.
        if (Object.prototype.hasOwnProperty.call(parent.value, found.name)) throw new HandBack();
        shape = found.shape;
        member = found.name;
      } else if (ps.kind === 'list') {
        if (tag.name !== ps.entry) {
          stack.push({ shape: OTHER, value: null, text: '', member: null, skip: true });
          return;
        }
        shape = ps.shape;
      } else {
        // An element inside a value the SDK reads as text.
        throw new HandBack();
      }
      if (shape.kind === 'other') throw new HandBack();
      const value = shape.kind === 'struct' ? {} : shape.kind === 'list' ? [] : null;
      if (value !== null) {
        if (member !== null) (parent.value as Record<string, unknown>)[member] = value;
        else (parent.value as unknown[]).push(value);
      }
      stack.push({ shape, value, text: '', member, skip: false });
    });
    const onText = (text: string): void => {
      const frame = stack[stack.length - 1];
      if (!frame || frame.skip) return;
      if (frame.value === null) frame.text += text;
      // Text beside elements: the SDK would read the element as that text.
      else if (!droppedBetweenElements(text)) throw new HandBack();
    };
    parser.on('text', onText);
    parser.on('cdata', (text: string) => {
      // CDATA is never dropped as whitespace between elements.
      const frame = stack[stack.length - 1];
      if (frame && !frame.skip && frame.value !== null) throw new HandBack();
      onText(text);
    });
    parser.on('closetag', () => {
      const frame = stack.pop();
      if (frame && stack.length === 0) {
        done = true;
        return;
      }
      const parent = stack[stack.length - 1];
      if (!frame || frame.skip || frame.value !== null || !parent) return;
      const value = scalar(frame);
      if (frame.member !== null) (parent.value as Record<string, unknown>)[frame.member] = value;
      else (parent.value as unknown[]).push(value);
    });
    parser.write(xml).close();
    if (!done) throw new HandBack();
    return output;
  }
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
