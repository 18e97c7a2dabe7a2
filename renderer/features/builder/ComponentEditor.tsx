import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { blockingProblems, validateComponentDocument, type DocumentProblem } from '../../../shared/component-document';
import { versionProblem } from '../../../shared/imagebuilder-authoring';
import { ProductionGuard } from '../../components/ConfirmProduction';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field, fieldA11y } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { SkeletonLines } from '../../components/Spinner';
import { phraseMatches } from '../../lib/confirm';
import { findAccount } from '../../lib/workspace';
import { useAtlas } from '../../store';
import { closeEditor, createComponentVersion, typeEditorName, updateEditor, useAuthoring, type EditorState } from './authoringStore';
import { placeKey } from './store';

/** How long typing may pause before the document is checked again. */
const CHECK_DELAY_MS = 250;
const NAME_PATTERN = /^[-_A-Za-z0-9][-_A-Za-z0-9 ]*$/;

/** The document checked a moment after the last keystroke (at once when the dialog opens). */
function useCheckedDocument(text: string): ReturnType<typeof validateComponentDocument> {
  const [check, setCheck] = useState(() => validateComponentDocument(text));
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => setCheck(validateComponentDocument(text)), CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return check;
}

/**
 * A component version written as its YAML document: name, version, platform, OS versions and
 * descriptions above, the document with line numbers, and its problems listed under it with
 * their lines as you type. "Create version" waits until there are none.
 */
export function ComponentEditor({ editor }: { editor: EditorState }) {
  const uid = useId();
  const account = useAtlas((s) => findAccount(s.workspace, editor.account));
  const { form } = editor;
  const check = useCheckedDocument(form.data);
  const errors = blockingProblems(check);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const gutterRef = useRef<HTMLDivElement>(null);

  const name = form.name.trim();
  const nameIssue = name === '' ? 'Give the component a name.' : !NAME_PATTERN.test(name) ? 'Letters, digits, spaces, hyphens and underscores only.' : null;
  // A "new" component may take the name of one that exists: its versions are known from the list.
  const listed = useAuthoring((s) => s.components[placeKey(editor.account, editor.region)]?.data);
  const existing = editor.versionOf ? editor.existingVersions : (listed?.find((f) => f.name === name)?.versions.map((v) => v.version) ?? []);
  const version = form.version.trim();
  const versionIssue = versionProblem(version) ?? (existing.includes(version) ? `${name} ${version} already exists: a version cannot be changed once made.` : null);
  const production = account?.production ?? false;
  const guarded = production && !phraseMatches(editor.typedName, account?.name ?? '');
  const ready = !editor.loading && !editor.creating && errors.length === 0 && !nameIssue && !versionIssue && !guarded;

  const lineCount = form.data.split('\n').length;
  const problemLines = useMemo(() => new Set(errors.map((p) => p.line)), [errors]);

  function goTo(problem: DocumentProblem) {
    const area = textRef.current;
    if (!area) return;
    const lines = form.data.split('\n');
    const offset = lines.slice(0, problem.line - 1).reduce((n, l) => n + l.length + 1, 0) + Math.max(0, problem.column - 1);
    area.focus();
    area.setSelectionRange(offset, offset);
  }

  const title = editor.versionOf ? `New version of ${editor.versionOf}` : 'New component';
  return (
    <Dialog
      title={title}
      subtitle={
        <>
          {account?.name ?? 'This account'} · <span className="mono">{editor.region}</span>
        </>
      }
      onClose={closeEditor}
      size="wide"
      testId="component-editor"
      className="component-editor"
      dismissable={!editor.creating}
    >
      <form
        className="dialog-body component-editor-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) void createComponentVersion(production && account ? { [account.id]: account.name } : {});
        }}
      >
        <div className="component-editor-fields">
          <Field id={`${uid}-name`} label="Name" issues={form.name !== '' && nameIssue ? [nameIssue] : undefined} hint={editor.versionOf ? 'A new version keeps the name.' : undefined}>
            <input
              {...fieldA11y(`${uid}-name`, form.name !== '' && nameIssue ? [nameIssue] : undefined)}
              value={form.name}
              onChange={(e) => updateEditor({ name: e.target.value })}
              disabled={!!editor.versionOf}
              autoComplete="off"
              spellCheck={false}
              data-autofocus={editor.versionOf ? undefined : ''}
            />
          </Field>
          <Field id={`${uid}-version`} label="Version" issues={versionIssue ? [versionIssue] : undefined} hint="major.minor.patch">
            <input
              {...fieldA11y(`${uid}-version`, versionIssue ? [versionIssue] : undefined)}
              className="mono"
              value={form.version}
              onChange={(e) => updateEditor({ version: e.target.value })}
              autoComplete="off"
              spellCheck={false}
              data-autofocus={editor.versionOf ? '' : undefined}
            />
          </Field>
          <Field id={`${uid}-platform`} label="Platform">
            <select id={`${uid}-platform`} value={form.platform} onChange={(e) => updateEditor({ platform: e.target.value === 'Windows' ? 'Windows' : 'Linux' })}>
              <option value="Linux">Linux</option>
              <option value="Windows">Windows</option>
            </select>
          </Field>
          <Field id={`${uid}-os`} label="OS versions" hint="Separated by commas, e.g. Amazon Linux 2023. Empty: any.">
            <input id={`${uid}-os`} value={form.osVersions} onChange={(e) => updateEditor({ osVersions: e.target.value })} autoComplete="off" />
          </Field>
          <Field id={`${uid}-description`} label="Description" className="component-editor-wide">
            <input id={`${uid}-description`} value={form.description} maxLength={1024} onChange={(e) => updateEditor({ description: e.target.value })} />
          </Field>
          <Field id={`${uid}-change`} label="What changed in this version" className="component-editor-wide">
            <input id={`${uid}-change`} value={form.changeDescription} maxLength={1024} onChange={(e) => updateEditor({ changeDescription: e.target.value })} />
          </Field>
        </div>

        <div className="component-doc">
          <label htmlFor={`${uid}-doc`} className="component-doc-label">
            Document <span className="muted">(YAML: schemaVersion 1.0, phases build, validate and test)</span>
          </label>
          {editor.loading ? (
            <SkeletonLines count={8} />
          ) : (
            <div className={`component-doc-box${errors.length > 0 ? ' has-problems' : ''}`}>
              <div className="component-doc-gutter mono" ref={gutterRef} aria-hidden="true">
                {Array.from({ length: lineCount }, (_, i) => (
                  <div key={i} className={problemLines.has(i + 1) ? 'is-problem' : undefined}>
                    {i + 1}
                  </div>
                ))}
              </div>
              <textarea
                id={`${uid}-doc`}
                ref={textRef}
                className="component-doc-text mono"
                value={form.data}
                onChange={(e) => updateEditor({ data: e.target.value })}
                onScroll={(e) => {
                  if (gutterRef.current) gutterRef.current.scrollTop = e.currentTarget.scrollTop;
                }}
                wrap="off"
                spellCheck={false}
                autoCapitalize="off"
                autoComplete="off"
                rows={16}
                aria-describedby={`${uid}-problems`}
                aria-invalid={errors.length > 0 ? true : undefined}
                data-testid="component-document"
              />
            </div>
          )}
          <div id={`${uid}-problems`} className="component-problems" aria-live="polite" data-testid="document-problems">
            {editor.loading ? null : check.problems.length === 0 ? (
              <p className="component-problems-ok">
                <Icon name="check" size={13} /> The document reads as a valid component{check.facts ? ` (${check.facts.phases.join(', ')})` : ''}.
              </p>
            ) : (
              <>
                <p className="component-problems-head">
                  {errors.length === 0
                    ? 'Worth a look before creating:'
                    : `${errors.length === 1 ? 'One problem' : `${errors.length} problems`} to fix before creating:`}
                </p>
                <ul className="component-problems-list">
                  {check.problems.map((p, i) => (
                    <li key={`${p.line}-${p.column}-${i}`} className={`component-problem is-${p.severity}`} data-testid="document-problem" data-line={p.line}>
                      <button type="button" className="link-button component-problem-line" onClick={() => goTo(p)} aria-label={`Go to line ${p.line}, column ${p.column}`}>
                        Line {p.line}
                      </button>
                      <span>{p.message}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        </div>

        {production && account && (
          <ProductionGuard phrases={[account.name]} typed={[editor.typedName]} onType={(_, text) => typeEditorName(text)} lede="This creates a component in a production account. Type its name to confirm." />
        )}
        {editor.error && <ErrorBanner error={editor.error} />}

        <div className="form-actions">
          <button type="button" className="button" onClick={closeEditor} disabled={editor.creating}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!ready} data-testid="component-create">
            {editor.creating ? 'Creating…' : 'Create version'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
