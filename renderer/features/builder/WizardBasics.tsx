import { useId } from 'react';
import type { BaseImageCheck } from '../../../shared/imagebuilder-checks';
import { Field, fieldA11y } from '../../components/Field';
import { CheckNote } from './CheckNote';
import { baseKey, useBaseImageCheck, type CheckState } from './wizardChecks';
import { updateWizardForm, visibleIssues, type WizardState } from './wizardStore';

const list = (message: string | undefined) => (message ? [message] : undefined);

/** What the pipeline makes (an AMI), its name, and the recipe's version. */
export function OutputStep({ wizard }: { wizard: WizardState }) {
  const uid = useId();
  const issues = visibleIssues(wizard);
  const { form } = wizard;
  return (
    <div className="builder-fields">
      <fieldset className="builder-choice">
        <legend>Output</legend>
        <label className="builder-radio">
          <input type="radio" name={`${uid}-output`} checked readOnly /> Amazon Machine Image (AMI)
        </label>
        <label className="builder-radio is-disabled" title="Container images are not supported here">
          <input type="radio" name={`${uid}-output`} disabled /> Container image <span className="muted">(not supported here)</span>
        </label>
      </fieldset>
      <Field id={`${uid}-name`} label="Pipeline name" issues={list(issues.name)} hint="Also names its recipe, infrastructure and distribution configurations. Letters, digits, - and _.">
        <input
          {...fieldA11y(`${uid}-name`, list(issues.name))}
          className="mono"
          value={form.name}
          autoComplete="off"
          spellCheck={false}
          data-autofocus=""
          data-testid="wizard-name"
          onChange={(e) => updateWizardForm({ name: e.target.value })}
        />
      </Field>
      <Field id={`${uid}-description`} label="Description" issues={list(issues.description)}>
        <input {...fieldA11y(`${uid}-description`, list(issues.description))} value={form.description} onChange={(e) => updateWizardForm({ description: e.target.value })} />
      </Field>
      <Field id={`${uid}-version`} label="Recipe version" issues={list(issues.recipeVersion)} hint="Semantic version of the new recipe, e.g. 1.0.0.">
        <input
          {...fieldA11y(`${uid}-version`, list(issues.recipeVersion))}
          className="mono builder-short"
          value={form.recipeVersion}
          onChange={(e) => updateWizardForm({ recipeVersion: e.target.value })}
        />
      </Field>
    </div>
  );
}

/** The image the build starts from: the AMI picked in the grid, another AMI id, a managed image ARN or an SSM parameter, checked as it is typed. */
export function BaseImageStep({ wizard }: { wizard: WizardState }) {
  const uid = useId();
  const issues = visibleIssues(wizard);
  const base = useBaseImageCheck(wizard);
  const current = base.key === baseKey(wizard) ? base : null;
  const refused = current?.status === 'done' && current.result && !current.result.ok ? current.result : null;
  const a11y = fieldA11y(`${uid}-parent`, list(issues.parentImage));
  return (
    <div className="builder-fields">
      <Field
        id={`${uid}-parent`}
        label="Base image"
        issues={list(issues.parentImage)}
        hint={
          <>
            An AMI id such as <code>ami-0abc1234def567890</code> (the AMI selected in the grid is filled in), a managed image ARN such as{' '}
            <code>arn:aws:imagebuilder:{wizard.region}:aws:image/amazon-linux-2023-x86/x.x.x</code>, or <code>ssm:</code> and a parameter holding an AMI id.
          </>
        }
      >
        <input
          {...a11y}
          aria-invalid={a11y['aria-invalid'] ?? (refused ? true : undefined)}
          aria-describedby={[a11y['aria-describedby'], `${uid}-check`].filter(Boolean).join(' ')}
          className="mono"
          value={wizard.form.parentImage}
          autoComplete="off"
          spellCheck={false}
          data-autofocus=""
          data-testid="wizard-parent"
          onChange={(e) => updateWizardForm({ parentImage: e.target.value })}
        />
      </Field>
      <BaseImageNote id={`${uid}-check`} wizard={wizard} current={current} fieldSaysWhy={issues.parentImage !== undefined} />
    </div>
  );
}

function BaseImageNote({ id, wizard, current, fieldSaysWhy }: { id: string; wizard: WizardState; current: CheckState<BaseImageCheck> | null; fieldSaysWhy: boolean }) {
  const typed = wizard.form.parentImage.trim();
  if (!typed) return null;
  if (!current || current.status === 'checking' || current.status === 'idle') {
    return (
      <CheckNote id={id} tone="checking" testId="base-image-check">
        Checking <span className="mono">{typed}</span> in {wizard.region}…
      </CheckNote>
    );
  }
  if (current.status === 'error' || !current.result) {
    return (
      <CheckNote id={id} tone="warn" testId="base-image-check">
        Could not check the base image: {current.error?.message ?? 'no answer'}. It is checked again when you create the pipeline.
      </CheckNote>
    );
  }
  const result = current.result;
  // The field already says what is wrong with how it is written.
  if (!result.ok && result.reason === 'malformed' && fieldSaysWhy) return null;
  return (
    <CheckNote id={id} tone={result.ok ? 'ok' : 'bad'} testId="base-image-check">
      {result.ok ? result.summary : result.message}
    </CheckNote>
  );
}
