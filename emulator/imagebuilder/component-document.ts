/**
 * CreateComponent's reading of an inline component document, as Image Builder parses it before
 * it stores a component: valid YAML, schemaVersion 1.0, phases named build, validate or test
 * (each once), steps with a unique name and a known action module, and inputs where the module
 * needs them. The first problem found is the answer, in the service's words ("Parsing step
 * 'Download' in phase 'build' failed. Error: Action S3Download has no inputs; it requires an
 * 'inputs'"). The emulator keeps its own check: it imitates AWS, not the app.
 */
import { isMap, isSeq, parseDocument } from 'yaml';

const PHASES = ['build', 'validate', 'test', 'container-host-test'];

const ACTIONS = new Set([
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
]);

/** Modules that cannot run without inputs (Reboot and UpdateOS can). */
const NEEDS_INPUTS = new Set([...ACTIONS].filter((a) => a !== 'Reboot' && a !== 'UpdateOS'));

/** Modules whose inputs are a list of entries. */
const LIST_INPUTS: Record<string, readonly string[]> = {
  S3Download: ['source', 'destination'],
  S3Upload: ['source', 'destination'],
  WebDownload: ['source', 'destination'],
  CreateFile: ['path'],
  CreateFolder: ['path'],
  DeleteFile: ['path'],
  DeleteFolder: ['path'],
};

export interface ParsedComponentDocument {
  phases: string[];
}

export type DocumentReading = { ok: true; document: ParsedComponentDocument } | { ok: false; problem: string };

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function stepProblem(step: Record<string, unknown>, stepName: string, phase: string): string | null {
  const fail = (error: string) => `Parsing step '${stepName}' in phase '${phase}' failed. Error: ${error}`;
  const action = step.action;
  if (typeof action !== 'string' || action === '') return fail("The step has no 'action'.");
  if (!ACTIONS.has(action)) return fail(`Action '${action}' is not a supported action module.`);
  const inputs = step.inputs;
  const empty = inputs === undefined || inputs === null || (Array.isArray(inputs) && inputs.length === 0);
  if (NEEDS_INPUTS.has(action) && empty) return fail(`Action ${action} has no inputs; it requires an 'inputs'`);
  if (action === 'ExecuteBash' || action === 'ExecutePowerShell') {
    const given = record(inputs);
    const commands = given?.commands;
    const file = given?.file;
    if (!(Array.isArray(commands) && commands.length > 0) && !(action === 'ExecutePowerShell' && typeof file === 'string')) {
      return fail(`Action ${action} requires 'commands', a list of commands.`);
    }
  }
  const needs = LIST_INPUTS[action];
  if (needs) {
    if (!Array.isArray(inputs)) return fail(`Action ${action} requires 'inputs' as a list.`);
    for (const entry of inputs) {
      const fields = record(entry);
      const missing = needs.find((k) => typeof fields?.[k] !== 'string');
      if (missing) return fail(`Action ${action} requires '${missing}' in each input.`);
    }
  }
  return null;
}

export function readComponentDocument(data: string): DocumentReading {
  const doc = parseDocument(data, { uniqueKeys: true, prettyErrors: true });
  const error = doc.errors[0];
  if (error) return { ok: false, problem: `The document is not valid YAML: ${error.message.split('\n')[0]}` };
  if (!isMap(doc.contents)) return { ok: false, problem: 'The document must be a YAML mapping.' };
  const root = record(doc.toJS()) ?? {};
  const schemaVersion = root.schemaVersion;
  if (schemaVersion === undefined) return { ok: false, problem: "The document is missing the required field 'schemaVersion'." };
  if (String(schemaVersion) !== '1' && String(schemaVersion) !== '1.0') return { ok: false, problem: `The schemaVersion '${String(schemaVersion)}' is not supported; use 1.0.` };
  const phasesNode = doc.get('phases', true);
  if (root.phases === undefined) return { ok: false, problem: "The document is missing the required field 'phases'." };
  if (!isSeq(phasesNode) || !Array.isArray(root.phases) || root.phases.length === 0) return { ok: false, problem: "The field 'phases' must be a non-empty list." };
  const names: string[] = [];
  for (const entry of root.phases) {
    const phase = record(entry);
    const name = phase?.name;
    if (typeof name !== 'string') return { ok: false, problem: "Each phase requires a 'name'." };
    if (!PHASES.includes(name)) return { ok: false, problem: `Phase '${name}' is not supported; use build, validate or test.` };
    if (names.includes(name)) return { ok: false, problem: `Phase '${name}' is defined more than once.` };
    names.push(name);
    const steps = phase?.steps;
    if (!Array.isArray(steps) || steps.length === 0) return { ok: false, problem: `Phase '${name}' requires a non-empty list of 'steps'.` };
    const seen = new Set<string>();
    for (const [i, item] of steps.entries()) {
      const step = record(item);
      const stepName = step?.name;
      if (!step || typeof stepName !== 'string' || stepName === '') return { ok: false, problem: `Step ${i + 1} in phase '${name}' requires a 'name'.` };
      if (seen.has(stepName)) return { ok: false, problem: `Step name '${stepName}' is used more than once in phase '${name}'.` };
      seen.add(stepName);
      const problem = stepProblem(step, stepName, name);
      if (problem) return { ok: false, problem };
    }
  }
  return { ok: true, document: { phases: names } };
}
