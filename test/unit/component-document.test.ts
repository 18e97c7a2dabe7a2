import { describe, expect, it } from 'vitest';
import { blockingProblems, MAX_COMPONENT_DATA, problemLine, STARTER_DOCUMENT, validateComponentDocument } from '../../shared/component-document';
import { arnNameVersion, nextPatch, versionProblem } from '../../shared/imagebuilder-authoring';

/** The problems as "line: message" for short assertions. */
function lines(text: string): string[] {
  return validateComponentDocument(text).problems.map((p) => `${p.line}: ${p.message}`);
}

const header = 'name: Example\nschemaVersion: 1.0\nphases:\n';

describe('validateComponentDocument: documents AWS accepts', () => {
  it('passes the starter document and reads its name, phases and type', () => {
    const check = validateComponentDocument(STARTER_DOCUMENT);
    expect(check.problems).toEqual([]);
    expect(check.facts).toEqual({ name: 'HelloWorld', description: 'Says hello, and checks that it did.', phases: ['build', 'validate'], type: 'BUILD' });
  });

  it('a document with only a test phase is a test component', () => {
    const text = `${header}  - name: test\n    steps:\n      - name: Check\n        action: ExecuteBash\n        inputs:\n          commands: ["true"]\n`;
    expect(validateComponentDocument(text)).toMatchObject({ problems: [], facts: { type: 'TEST', phases: ['test'] } });
  });

  it('accepts the common modules written as AWS documents them', () => {
    const text = `${header}  - name: build
    steps:
      - name: Fetch
        action: S3Download
        inputs:
          - source: s3://bucket/app.tar.gz
            destination: /tmp/app.tar.gz
      - name: Write
        action: CreateFile
        inputs:
          - path: /etc/app.conf
            content: ready
      - name: Patch
        action: UpdateOS
        inputs:
          exclude: [kernel]
      - name: Restart
        action: Reboot
        onFailure: Abort
        maxAttempts: 3
        inputs:
          delaySeconds: 60
      - name: Windows
        action: ExecutePowerShell
        timeoutSeconds: 600
        inputs:
          file: C:\\setup.ps1
`;
    expect(lines(text)).toEqual([]);
  });

  it('a missing name is a warning only: it does not stop a create', () => {
    const check = validateComponentDocument(STARTER_DOCUMENT.replace('name: HelloWorld\n', ''));
    expect(check.problems.map((p) => p.severity)).toEqual(['warning']);
    expect(blockingProblems(check)).toEqual([]);
  });
});

describe('validateComponentDocument: each mistake named with its line', () => {
  it('a YAML syntax error names its line and column', () => {
    const text = `${header}  - name: build\n    steps:\n     - name: A\n       action: ExecuteBash\n      inputs: x\n`;
    const [problem] = validateComponentDocument(text).problems;
    expect(problem).toMatchObject({ line: 8, severity: 'error' });
    expect(problem!.message).toMatch(/^YAML: /);
  });

  it('a key written twice is a YAML error on the second one', () => {
    expect(lines('name: a\nname: b\nschemaVersion: 1.0\n')).toEqual(['2: YAML: a key is written twice in the same mapping; keep one.']);
  });

  it('an empty document, or one that is not a mapping, says what to write', () => {
    expect(lines('   \n')).toEqual(['1: The document is empty: write its schemaVersion and phases (start from the example).']);
    expect(lines('- just\n- a list\n')[0]).toMatch(/^1: The document must be a mapping/);
  });

  it('missing schemaVersion and phases, and a wrong schemaVersion', () => {
    expect(lines('name: x\n')).toEqual([
      '1: The document has no schemaVersion: add "schemaVersion: 1.0" at the top.',
      '1: The document has no phases: add "phases:" with a build, validate or test phase and its steps.',
    ]);
    expect(lines('name: x\nschemaVersion: 2.0\nphases: []\n')).toEqual([
      '2: schemaVersion must be 1.0 (the only component document schema); it is 2.',
      '3: phases must be a list of phases ("- name: build" with its steps); it is an empty list.',
    ]);
  });

  it('unknown and duplicated phases, and a phase without steps', () => {
    const text = `${header}  - name: install\n    steps: []\n  - name: Build\n    steps:\n      - name: A\n        action: Reboot\n  - name: validate\n  - name: validate\n    steps:\n      - name: B\n        action: Reboot\n`;
    expect(lines(text)).toEqual([
      '4: "install" is not a phase: use build, validate or test.',
      '5: Phase install: steps must be a list with at least one step; it is an empty list.',
      '6: Phase names are lower-case: write build.',
      '10: Phase validate has no steps: add "steps:" with at least one step.',
      '11: Phase validate appears twice (first on line 10); put all its steps in one phase.',
    ]);
  });

  it('steps without name or action, unknown modules, duplicate step names', () => {
    const text = `${header}  - name: build
    steps:
      - action: Reboot
      - name: Two
      - name: Three
        action: RunScript
      - name: Three
        action: executebash
`;
    expect(lines(text)).toEqual([
      '6: Phase build: step 1 has no name; give it one such as "name: InstallPackages".',
      '7: Step Two has no action; name an action module such as ExecuteBash, ExecutePowerShell or S3Download.',
      '9: Step Three: "RunScript" is not an action module; use one such as ExecuteBash, ExecutePowerShell, S3Download, CreateFile, Reboot or UpdateOS.',
      '10: Step name "Three" is used twice in phase build (first on line 8); step names must be unique within a phase.',
      '11: Step Three: the action is spelled ExecuteBash (action modules are case-sensitive).',
    ]);
  });

  it('wrong input shapes for the common modules', () => {
    const text = `${header}  - name: build
    steps:
      - name: NoInputs
        action: ExecuteBash
      - name: OneCommand
        action: ExecuteBash
        inputs:
          commands: echo hi
      - name: Download
        action: S3Download
        inputs:
          source: s3://b/k
      - name: Upload
        action: S3Upload
        inputs:
          - source: /tmp/x
      - name: Wait
        action: Reboot
        inputs:
          delaySeconds: soon
      - name: Update
        action: UpdateOS
        inputs:
          include: kernel
`;
    expect(lines(text)).toEqual([
      '6: Step NoInputs: action ExecuteBash has no inputs; it needs inputs.commands, a list of commands to run.',
      '11: Step OneCommand: ExecuteBash\'s commands must be a list with at least one command ("- echo hello"); here it is text.',
      '15: Step Download: S3Download takes its inputs as a list of entries, each with source and destination (for example "- source: s3://bucket/key"); here they are a mapping.',
      '19: Step Upload: this S3Upload entry needs destination (text).',
      '23: Step Wait: delaySeconds is a whole number of seconds (0 or more).',
      '27: Step Update: UpdateOS\'s include is a list of package names.',
    ]);
  });

  it('unknown step and top-level settings, and onFailure values', () => {
    const text = `name: x\nschemaVersion: 1.0\nsteps: []\nphases:\n  - name: build\n    steps:\n      - name: A\n        action: Reboot\n        onFailure: Retry\n        timeout: 5\n`;
    expect(lines(text)).toEqual([
      '3: "steps" is not part of a component document (use name, description, schemaVersion, parameters, constants and phases).',
      '9: Step A: onFailure is one of Abort, Continue or Ignore.',
      '10: Step A: "timeout" is not a step setting (use name, action, inputs, onFailure, timeoutSeconds, maxAttempts, if or loop).',
    ]);
  });

  it('a document longer than AWS takes inline is refused', () => {
    const long = `${STARTER_DOCUMENT}# ${'x'.repeat(MAX_COMPONENT_DATA)}\n`;
    expect(blockingProblems(validateComponentDocument(long)).map((p) => p.message)).toEqual([expect.stringMatching(/inline documents may be at most 16,000/)]);
  });

  it('problemLine says the line and column first', () => {
    const [problem] = validateComponentDocument('name: x\n').problems;
    expect(problemLine(problem!)).toBe('Line 1, column 1: The document has no schemaVersion: add "schemaVersion: 1.0" at the top.');
  });
});

describe('semantic versions', () => {
  it('the next patch after the newest version, whatever the order; 1.0.0 for none', () => {
    expect(nextPatch(['1.0.0', '1.10.0', '1.2.9'])).toBe('1.10.1');
    expect(nextPatch(['2.0.0', '10.0.0'])).toBe('10.0.1');
    expect(nextPatch([])).toBe('1.0.0');
  });

  it('says why a version cannot be used', () => {
    expect(versionProblem('1.0.0')).toBeNull();
    expect(versionProblem('1.0')).toBe('Write the version as <major>.<minor>.<patch>, three whole numbers such as 1.0.0.');
    expect(versionProblem('1.x.0')).not.toBeNull();
    expect(versionProblem('1073741824.0.0')).toBe('Each part of the version is at most 1073741823.');
  });

  it('reads name and version from component and recipe ARNs', () => {
    expect(arnNameVersion('arn:aws:imagebuilder:us-east-1:123456789012:component/web-hardening/1.0.1/1')).toEqual({ name: 'web-hardening', version: '1.0.1' });
    expect(arnNameVersion('arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x')).toEqual({ name: 'update-linux', version: 'x.x.x' });
  });
});
