import { useId } from 'react';
import { Field, fieldA11y } from '../../components/Field';
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

/** The image the build starts from: the AMI picked in the grid, another AMI id, or a managed image ARN. */
export function BaseImageStep({ wizard }: { wizard: WizardState }) {
  const uid = useId();
  const issues = visibleIssues(wizard);
  return (
    <div className="builder-fields">
      <Field
        id={`${uid}-parent`}
        label="Base image"
        issues={list(issues.parentImage)}
        hint={
          <>
            An AMI id such as <code>ami-0abc1234def567890</code> (the AMI selected in the grid is filled in), or a managed image ARN such as{' '}
            <code>arn:aws:imagebuilder:{wizard.region}:aws:image/ubuntu-server-24-lts-x86/x.x.x</code>.
          </>
        }
      >
        <input
          {...fieldA11y(`${uid}-parent`, list(issues.parentImage))}
          className="mono"
          value={wizard.form.parentImage}
          autoComplete="off"
          spellCheck={false}
          data-autofocus=""
          data-testid="wizard-parent"
          onChange={(e) => updateWizardForm({ parentImage: e.target.value })}
        />
      </Field>
    </div>
  );
}
