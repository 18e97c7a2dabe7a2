import { useId, useState } from 'react';
import { arnNameVersion, versionProblem } from '../../../shared/imagebuilder-authoring';
import { ProductionGuard } from '../../components/ConfirmProduction';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field, fieldA11y } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { phraseMatches } from '../../lib/confirm';
import { moveItem } from '../../lib/builderDraft';
import { findAccount } from '../../lib/workspace';
import { useAtlas } from '../../store';
import { closeClone, submitClone, updateClone, type CloneState } from './authoringStore';

const PARENT_PATTERN = /^(ami-[0-9a-f]{8,17}|arn:aws[a-z-]*:imagebuilder:[a-z0-9-]+:(\d{12}|aws):image\/[\w./-]+)$/;

/** A recipe version copied into a new version: the version, description, parent image and components can change. */
export function RecipeCloneDialog({ clone }: { clone: CloneState }) {
  const uid = useId();
  const account = useAtlas((s) => findAccount(s.workspace, clone.account));
  const [adding, setAdding] = useState('');
  const existing = clone.family.versions.map((v) => v.version);
  const version = clone.version.trim();
  const versionIssue = versionProblem(version) ?? (existing.includes(version) ? `${version} already exists: choose a higher version.` : null);
  const parent = clone.parentImage.trim();
  const parentIssue = PARENT_PATTERN.test(parent) ? null : 'An AMI id (ami-…) or an Image Builder image ARN.';
  const componentsIssue = clone.components.length === 0 ? 'A recipe needs at least one component.' : null;
  const production = account?.production ?? false;
  const guarded = production && !phraseMatches(clone.typedName, account?.name ?? '');
  const ready = !clone.creating && !versionIssue && !parentIssue && !componentsIssue && !guarded;

  const byArn = new Map(clone.choices.map((c) => [c.arn, c]));
  const label = (arn: string) => {
    const c = byArn.get(arn);
    return c ? `${c.name} ${c.version}` : (({ name, version: v }) => `${name} ${v}`)(arnNameVersion(arn));
  };
  const addable = clone.choices.filter((c) => !clone.components.includes(c.arn));

  return (
    <Dialog
      title={`New version of ${clone.family.name}`}
      subtitle={
        <>
          From {clone.source.version} · {account?.name ?? 'this account'} · <span className="mono">{clone.region}</span>
        </>
      }
      onClose={closeClone}
      testId="recipe-clone-dialog"
      dismissable={!clone.creating}
    >
      <form
        className="dialog-body builder-clone-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) void submitClone(production && account ? { [account.id]: account.name } : {});
        }}
      >
        <div className="field-row">
          <Field id={`${uid}-version`} label="New version" issues={versionIssue ? [versionIssue] : undefined} hint={`Versions so far: ${existing.join(', ')}`}>
            <input
              {...fieldA11y(`${uid}-version`, versionIssue ? [versionIssue] : undefined)}
              className="mono"
              value={clone.version}
              onChange={(e) => updateClone({ version: e.target.value })}
              autoComplete="off"
              data-autofocus=""
            />
          </Field>
          <Field id={`${uid}-parent`} label="Parent image" issues={parentIssue ? [parentIssue] : undefined}>
            <input
              {...fieldA11y(`${uid}-parent`, parentIssue ? [parentIssue] : undefined)}
              className="mono"
              value={clone.parentImage}
              onChange={(e) => updateClone({ parentImage: e.target.value })}
              autoComplete="off"
              spellCheck={false}
            />
          </Field>
        </div>
        <Field id={`${uid}-description`} label="Description">
          <input id={`${uid}-description`} value={clone.description} maxLength={1024} onChange={(e) => updateClone({ description: e.target.value })} />
        </Field>

        <fieldset className="builder-clone-components">
          <legend>Components, in the order they run</legend>
          <ol className="builder-picker-list builder-chosen" data-testid="clone-components">
            {clone.components.map((arn, i) => (
              <li key={arn} className="builder-chosen-item">
                <span className="muted builder-chosen-num">{i + 1}</span>
                <span className="mono builder-chosen-name" title={arn}>
                  {label(arn)}
                </span>
                <button type="button" className="icon-button" aria-label={`Move ${label(arn)} up`} disabled={i === 0} onClick={() => updateClone({ components: moveItem(clone.components, i, -1) })}>
                  <Icon name="chevronRight" size={12} className="icon builder-up" />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move ${label(arn)} down`}
                  disabled={i === clone.components.length - 1}
                  onClick={() => updateClone({ components: moveItem(clone.components, i, 1) })}
                >
                  <Icon name="chevronRight" size={12} className="icon builder-down" />
                </button>
                <button type="button" className="icon-button" aria-label={`Remove ${label(arn)}`} onClick={() => updateClone({ components: clone.components.filter((a) => a !== arn) })}>
                  <Icon name="close" size={12} />
                </button>
              </li>
            ))}
          </ol>
          {componentsIssue && (
            <p className="field-error" role="alert">
              {componentsIssue}
            </p>
          )}
          <div className="builder-clone-add">
            <label htmlFor={`${uid}-add`} className="sr-only">
              Component to add
            </label>
            <select id={`${uid}-add`} value={adding} onChange={(e) => setAdding(e.target.value)} disabled={addable.length === 0} data-testid="clone-add-select">
              <option value="">{clone.choices.length === 0 && !clone.choicesError ? 'Reading components…' : 'Add a component…'}</option>
              {addable.map((c) => (
                <option key={c.arn} value={c.arn}>
                  {c.name} {c.version} ({c.owner === 'Self' ? 'yours' : 'Amazon'}, {c.type === 'TEST' ? 'test' : 'build'})
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button-small"
              disabled={!adding}
              onClick={() => {
                updateClone({ components: [...clone.components, adding] });
                setAdding('');
              }}
              data-testid="clone-add"
            >
              <Icon name="plus" size={12} /> Add
            </button>
          </div>
          {clone.choicesError && <ErrorBanner error={clone.choicesError} />}
        </fieldset>

        {production && account && (
          <ProductionGuard
            phrases={[account.name]}
            typed={[clone.typedName]}
            onType={(_, text) => updateClone({ typedName: text })}
            lede="This creates a recipe version in a production account. Type its name to confirm."
          />
        )}
        {clone.error && <ErrorBanner error={clone.error} />}
        <div className="form-actions">
          <button type="button" className="button" onClick={closeClone} disabled={clone.creating}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!ready} data-testid="recipe-clone-create">
            {clone.creating ? 'Creating…' : `Create version ${version || ''}`.trim()}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
