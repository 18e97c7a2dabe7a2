/**
 * An Image Builder component document (YAML, schemaVersion 1.0) checked the way the page and
 * the core need it: every problem with its line and column and a sentence saying what to change.
 * The page runs it as the user types; the core runs it again before CreateComponent, so a
 * document with a mistake is refused here, naming the line, rather than by AWS in its own words.
 *
 * What is checked: YAML syntax (and duplicate keys), the top level (schemaVersion, phases, the
 * name), phase names (build, validate, test), each step's name and action, step names unique
 * in their phase, action modules AWS Task Orchestrator and Executor knows, and the inputs of the
 * modules most documents use (ExecuteBash, ExecutePowerShell, ExecuteBinary, S3Download,
 * S3Upload, WebDownload, CreateFile, CreateFolder, DeleteFile, DeleteFolder, Reboot, UpdateOS).
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { MAX_COMPONENT_DATA, STARTER_DOCUMENT } from './imagebuilder-authoring';

export interface DocumentProblem {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** In words: what is wrong and what to write instead. */
  message: string;
  /** Errors stop a create; a warning is shown and the document may still be created. */
  severity: 'error' | 'warning';
}

/** What the document says of itself, when it can be read. */
export interface ComponentDocumentFacts {
  name: string | null;
  description: string | null;
  /** The phases in the order written. */
  phases: string[];
  /** TEST when the document only tests (a test phase and no build or validate phase). */
  type: 'BUILD' | 'TEST';
}

export interface ComponentDocumentCheck {
  problems: DocumentProblem[];
  facts: ComponentDocumentFacts | null;
}

export const COMPONENT_PHASES = ['build', 'validate', 'test'] as const;
/** Container recipes' host test phase is accepted too (AWS lists it with the others). */
const KNOWN_PHASES: readonly string[] = [...COMPONENT_PHASES, 'container-host-test'];

/** AWS Task Orchestrator and Executor's action modules. */
export const ACTION_MODULES = [
  'AppendFile',
  'Assert',
  'CopyFile',
  'CopyFolder',
  'CreateFile',
  'CreateFolder',
  'CreateSymlink',
  'DeleteFile',
  'DeleteFolder',
  'ExecuteBash',
  'ExecuteBinary',
  'ExecuteDocument',
  'ExecutePowerShell',
  'InstallMSI',
  'ListFiles',
  'MoveFile',
  'MoveFolder',
  'ReadFile',
  'Reboot',
  'S3Download',
  'S3Upload',
  'SetFileEncoding',
  'SetFileOwner',
  'SetFilePermissions',
  'SetFolderOwner',
  'SetFolderPermissions',
  'SetRegistry',
  'UninstallMSI',
  'UpdateOS',
  'WebDownload',
] as const;

const STEP_KEYS = ['name', 'action', 'inputs', 'onFailure', 'timeoutSeconds', 'maxAttempts', 'if', 'loop'];
const ON_FAILURE = ['Abort', 'Continue', 'Ignore'];
const TOP_KEYS = ['name', 'description', 'schemaVersion', 'phases', 'parameters', 'constants'];
export { MAX_COMPONENT_DATA, STARTER_DOCUMENT };

class Problems {
  readonly list: DocumentProblem[] = [];
  constructor(readonly lines: LineCounter) {}

  at(offset: number, message: string, severity: DocumentProblem['severity'] = 'error'): void {
    const { line, col } = this.lines.linePos(offset);
    this.list.push({ line, column: col, message, severity });
  }

  node(node: Node | null | undefined, fallback: number, message: string, severity: DocumentProblem['severity'] = 'error'): void {
    this.at(node?.range?.[0] ?? fallback, message, severity);
  }
}

function pairOf(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  return (map.items as Array<Pair<Node, Node | null>>).find((p) => isScalar(p.key) && p.key.value === key);
}

function keyStart(pair: Pair<Node, Node | null>, fallback: number): number {
  return pair.key?.range?.[0] ?? fallback;
}

function scalarString(node: Node | null | undefined): string | null {
  if (!isScalar(node)) return null;
  return typeof node.value === 'string' ? node.value : typeof node.value === 'number' ? String(node.value) : null;
}

function describe(node: Node | null | undefined): string {
  if (node === null || node === undefined) return 'nothing';
  if (isSeq(node)) return node.items.length === 0 ? 'an empty list' : 'a list';
  if (isMap(node)) return 'a mapping';
  if (isScalar(node)) return node.value === null ? 'nothing' : typeof node.value === 'string' ? 'text' : typeof node.value === 'number' ? 'a number' : typeof node.value === 'boolean' ? 'true or false' : 'a value';
  return 'a value';
}

/** What each common module's inputs must look like. */
function checkInputs(action: string, stepName: string, inputs: Pair<Node, Node | null> | undefined, stepStart: number, p: Problems): void {
  const where = `Step ${stepName}`;
  const value = inputs?.value ?? null;
  const at = inputs ? (value?.range?.[0] ?? keyStart(inputs, stepStart)) : stepStart;
  const listOfEntries = (needs: readonly string[], example: string): void => {
    if (!isSeq(value)) {
      p.at(at, `${where}: ${action} takes its inputs as a list of entries, each with ${needs.join(' and ')} (for example "- ${example}"); here they are ${describe(value)}.`);
      return;
    }
    if (value.items.length === 0) p.at(at, `${where}: ${action} has an empty list of inputs; add an entry with ${needs.join(' and ')}.`);
    for (const item of value.items as Array<Node | null>) {
      if (!isMap(item)) {
        p.node(item, at, `${where}: each ${action} entry is a mapping with ${needs.join(' and ')}; this one is ${describe(item)}.`);
        continue;
      }
      for (const key of needs) {
        const found = pairOf(item, key);
        if (!found || scalarString(found.value) === null) p.node(found?.value ?? item, item.range?.[0] ?? at, `${where}: this ${action} entry needs ${key} (text).`);
      }
    }
  };
  const commands = (alternative: string | null): void => {
    if (!isMap(value)) {
      p.at(at, `${where}: ${action} needs inputs with commands, a list of commands to run; here the inputs are ${describe(value)}.`);
      return;
    }
    const list = pairOf(value, 'commands');
    if (!list && alternative && pairOf(value, alternative)) return;
    if (!list) {
      p.node(value, at, `${where}: ${action} needs inputs.commands, a list of commands to run${alternative ? ` (or inputs.${alternative})` : ''}.`);
      return;
    }
    if (!isSeq(list.value) || list.value.items.length === 0) {
      p.node(list.value, keyStart(list, at), `${where}: ${action}'s commands must be a list with at least one command ("- echo hello"); here it is ${describe(list.value)}.`);
      return;
    }
    for (const item of list.value.items as Array<Node | null>) {
      if (scalarString(item) === null) p.node(item, keyStart(list, at), `${where}: each command is one line of text; this one is ${describe(item)}.`);
    }
  };

  switch (action) {
    case 'ExecuteBash':
      if (!inputs) return p.at(stepStart, `${where}: action ExecuteBash has no inputs; it needs inputs.commands, a list of commands to run.`);
      return commands(null);
    case 'ExecutePowerShell':
      if (!inputs) return p.at(stepStart, `${where}: action ExecutePowerShell has no inputs; it needs inputs.commands (or inputs.file).`);
      return commands('file');
    case 'ExecuteBinary': {
      if (!inputs) return p.at(stepStart, `${where}: action ExecuteBinary has no inputs; it needs inputs.path, the program to run.`);
      if (!isMap(value) || scalarString(pairOf(value, 'path')?.value) === null) p.at(at, `${where}: ExecuteBinary needs inputs.path, the program to run (arguments go in inputs.arguments).`);
      return;
    }
    case 'S3Download':
    case 'S3Upload':
    case 'WebDownload':
      if (!inputs) return p.at(stepStart, `${where}: action ${action} has no inputs; it needs a list of entries, each with source and destination.`);
      return listOfEntries(['source', 'destination'], action === 'WebDownload' ? 'source: https://example.com/tool.zip' : 'source: s3://bucket/key');
    case 'CreateFile':
    case 'CreateFolder':
    case 'DeleteFile':
    case 'DeleteFolder':
      if (!inputs) return p.at(stepStart, `${where}: action ${action} has no inputs; it needs a list of entries, each with a path.`);
      return listOfEntries(['path'], 'path: /tmp/example');
    case 'Reboot': {
      if (!inputs || value === null) return;
      if (!isMap(value)) return p.at(at, `${where}: Reboot's inputs, when given, are a mapping such as "delaySeconds: 60"; here they are ${describe(value)}.`);
      const delay = pairOf(value, 'delaySeconds');
      if (delay && !(isScalar(delay.value) && Number.isInteger(delay.value.value) && (delay.value.value as number) >= 0)) {
        p.node(delay.value, keyStart(delay, at), `${where}: delaySeconds is a whole number of seconds (0 or more).`);
      }
      return;
    }
    case 'UpdateOS': {
      if (!inputs || value === null) return;
      if (!isMap(value)) return p.at(at, `${where}: UpdateOS's inputs, when given, are a mapping with include and exclude lists; here they are ${describe(value)}.`);
      for (const key of ['include', 'exclude']) {
        const found = pairOf(value, key);
        if (found && !(isSeq(found.value) && (found.value.items as Array<Node | null>).every((i) => scalarString(i) !== null))) {
          p.node(found.value, keyStart(found, at), `${where}: UpdateOS's ${key} is a list of package names.`);
        }
      }
      return;
    }
    default:
      return;
  }
}

function checkStep(step: Node | null, phaseName: string, index: number, fallback: number, seen: Map<string, number>, p: Problems): void {
  if (!isMap(step)) {
    p.node(step, fallback, `Phase ${phaseName}: step ${index + 1} must be a mapping with name, action and inputs; it is ${describe(step)}.`);
    return;
  }
  const start = step.range?.[0] ?? fallback;
  const namePair = pairOf(step, 'name');
  const name = scalarString(namePair?.value);
  const label = name ?? `${index + 1} of phase ${phaseName}`;
  if (!namePair || name === null || name.trim() === '') {
    p.at(namePair ? keyStart(namePair, start) : start, `Phase ${phaseName}: step ${index + 1} has no name; give it one such as "name: InstallPackages".`);
  } else if (!/^[A-Za-z0-9_-]+$/.test(name)) {
    p.node(namePair.value, start, `Step name "${name}" may only hold letters, digits, hyphens and underscores.`);
  } else if (seen.has(name)) {
    p.node(namePair.value, start, `Step name "${name}" is used twice in phase ${phaseName} (first on line ${seen.get(name)}); step names must be unique within a phase.`);
  } else {
    const { line } = p.lines.linePos(namePair.value?.range?.[0] ?? start);
    seen.set(name, line);
  }
  const actionPair = pairOf(step, 'action');
  const action = scalarString(actionPair?.value);
  if (!actionPair || action === null || action.trim() === '') {
    p.at(actionPair ? keyStart(actionPair, start) : start, `Step ${label} has no action; name an action module such as ExecuteBash, ExecutePowerShell or S3Download.`);
  } else if (!(ACTION_MODULES as readonly string[]).includes(action)) {
    const near = ACTION_MODULES.find((m) => m.toLowerCase() === action.toLowerCase());
    p.node(
      actionPair.value,
      start,
      near ? `Step ${label}: the action is spelled ${near} (action modules are case-sensitive).` : `Step ${label}: "${action}" is not an action module; use one such as ExecuteBash, ExecutePowerShell, S3Download, CreateFile, Reboot or UpdateOS.`,
    );
  } else {
    checkInputs(action, label, pairOf(step, 'inputs'), start, p);
  }
  const onFailure = pairOf(step, 'onFailure');
  if (onFailure && !ON_FAILURE.includes(scalarString(onFailure.value) ?? '')) {
    p.node(onFailure.value, keyStart(onFailure, start), `Step ${label}: onFailure is one of Abort, Continue or Ignore.`);
  }
  for (const key of ['timeoutSeconds', 'maxAttempts']) {
    const pair = pairOf(step, key);
    if (pair && !(isScalar(pair.value) && Number.isInteger(pair.value.value))) {
      p.node(pair.value, keyStart(pair, start), `Step ${label}: ${key} is a whole number.`);
    }
  }
  for (const pair of step.items as Array<Pair<Node, Node | null>>) {
    const key = scalarString(pair.key);
    if (key !== null && !STEP_KEYS.includes(key)) {
      p.at(keyStart(pair, start), `Step ${label}: "${key}" is not a step setting (use name, action, inputs, onFailure, timeoutSeconds, maxAttempts, if or loop).`);
    }
  }
}

/** Checks a component document; an empty list of problems means CreateComponent may be called. */
export function validateComponentDocument(text: string): ComponentDocumentCheck {
  const lines = new LineCounter();
  const p = new Problems(lines);
  if (text.trim() === '') {
    return { problems: [{ line: 1, column: 1, message: 'The document is empty: write its schemaVersion and phases (start from the example).', severity: 'error' }], facts: null };
  }
  if (text.length > MAX_COMPONENT_DATA) {
    p.at(MAX_COMPONENT_DATA, `The document is ${text.length.toLocaleString('en-US')} characters long; inline documents may be at most ${MAX_COMPONENT_DATA.toLocaleString('en-US')}.`);
  }
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  for (const error of doc.errors) {
    p.at(error.pos[0], `YAML: ${yamlMessage(error.code, error.message)}`);
  }
  if (doc.errors.length > 0) return { problems: p.list, facts: null };
  for (const warning of doc.warnings) p.at(warning.pos[0], `YAML: ${warning.message}`, 'warning');

  const root = doc.contents;
  if (!isMap(root)) {
    p.node(root, 0, `The document must be a mapping with schemaVersion and phases at the top; it is ${describe(root)}.`);
    return { problems: p.list, facts: null };
  }
  const top = (key: string) => pairOf(root, key);

  const name = top('name');
  const nameText = scalarString(name?.value);
  if (!name || nameText === null || nameText.trim() === '') {
    p.at(name ? keyStart(name, 0) : 0, 'The document has no name: add "name: <what it does>" at the top (AWS accepts it without, but logs and the console show it).', 'warning');
  }
  const description = scalarString(top('description')?.value);

  const schema = top('schemaVersion');
  const schemaText = scalarString(schema?.value);
  if (!schema) {
    p.at(0, 'The document has no schemaVersion: add "schemaVersion: 1.0" at the top.');
  } else if (schemaText === null || !['1.0', '1'].includes(schemaText)) {
    p.node(schema.value, keyStart(schema, 0), `schemaVersion must be 1.0 (the only component document schema); it is ${schemaText ?? describe(schema.value)}.`);
  }

  for (const pair of root.items as Array<Pair<Node, Node | null>>) {
    const key = scalarString(pair.key);
    if (key !== null && !TOP_KEYS.includes(key)) {
      p.at(keyStart(pair, 0), `"${key}" is not part of a component document (use name, description, schemaVersion, parameters, constants and phases).`);
    }
  }

  const phases = top('phases');
  const phaseNames: string[] = [];
  if (!phases) {
    p.at(0, 'The document has no phases: add "phases:" with a build, validate or test phase and its steps.');
  } else if (!isSeq(phases.value) || phases.value.items.length === 0) {
    p.node(phases.value, keyStart(phases, 0), `phases must be a list of phases ("- name: build" with its steps); it is ${describe(phases.value)}.`);
  } else {
    const seenPhases = new Map<string, number>();
    for (const phase of phases.value.items as Array<Node | null>) {
      const fallback = keyStart(phases, 0);
      if (!isMap(phase)) {
        p.node(phase, fallback, `Each phase is a mapping with name and steps; this one is ${describe(phase)}.`);
        continue;
      }
      const start = phase.range?.[0] ?? fallback;
      const namePair = pairOf(phase, 'name');
      const phaseName = scalarString(namePair?.value);
      if (!namePair || phaseName === null) {
        p.at(start, 'This phase has no name: use build, validate or test.');
      } else if (!KNOWN_PHASES.includes(phaseName)) {
        const near = KNOWN_PHASES.find((k) => k === phaseName.toLowerCase());
        p.node(namePair.value, start, near ? `Phase names are lower-case: write ${near}.` : `"${phaseName}" is not a phase: use build, validate or test.`);
      } else if (seenPhases.has(phaseName)) {
        p.node(namePair.value, start, `Phase ${phaseName} appears twice (first on line ${seenPhases.get(phaseName)}); put all its steps in one phase.`);
      } else {
        seenPhases.set(phaseName, lines.linePos(start).line);
        phaseNames.push(phaseName);
      }
      const label = phaseName ?? 'without a name';
      const steps = pairOf(phase, 'steps');
      if (!steps) {
        p.at(start, `Phase ${label} has no steps: add "steps:" with at least one step.`);
        continue;
      }
      if (!isSeq(steps.value) || steps.value.items.length === 0) {
        p.node(steps.value, keyStart(steps, start), `Phase ${label}: steps must be a list with at least one step; it is ${describe(steps.value)}.`);
        continue;
      }
      const seenSteps = new Map<string, number>();
      (steps.value.items as Array<Node | null>).forEach((step, i) => checkStep(step, label, i, keyStart(steps, start), seenSteps, p));
      for (const pair of phase.items as Array<Pair<Node, Node | null>>) {
        const key = scalarString(pair.key);
        if (key !== null && key !== 'name' && key !== 'steps') p.at(keyStart(pair, start), `Phase ${label}: "${key}" is not a phase setting (a phase has a name and steps).`);
      }
    }
  }

  const problems = p.list.sort((a, b) => a.line - b.line || a.column - b.column);
  const testOnly = phaseNames.length > 0 && phaseNames.every((n) => n === 'test' || n === 'container-host-test');
  return {
    problems,
    facts: { name: nameText, description, phases: phaseNames, type: testOnly ? 'TEST' : 'BUILD' },
  };
}

/** Errors only: what stops a create. */
export function blockingProblems(check: ComponentDocumentCheck): DocumentProblem[] {
  return check.problems.filter((x) => x.severity === 'error');
}

/** "Line 7: …" for messages that name one problem. */
export function problemLine(problem: DocumentProblem): string {
  return `Line ${problem.line}, column ${problem.column}: ${problem.message}`;
}

/** The yaml library's messages, said for people writing a document by hand. */
function yamlMessage(code: string, message: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'a key is written twice in the same mapping; keep one.';
    case 'TAB_AS_INDENT':
      return 'tabs cannot indent YAML; use spaces.';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
      return `${message.replace(/\.$/, '')} (check the indentation and the colons on this line).`;
    default:
      return message;
  }
}
