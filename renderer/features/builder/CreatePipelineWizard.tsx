import { useEffect, useRef } from 'react';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { confirmationsOf, phraseMatches, productionNamed } from '../../lib/confirm';
import { stepIssues, WIZARD_STEP_LABEL, WIZARD_STEPS, type WizardStep } from '../../lib/builderDraft';
import { useAtlas } from '../../store';
import { closeWizard, createPipeline, goToStep, nextStep, previousStep, useBuilderWizard, wizardStepIncomplete, type WizardState } from './wizardStore';
import { ComponentsStep, TestsStep } from './ComponentPicker';
import { DistributionStep } from './WizardDistribution';
import { BaseImageStep, OutputStep } from './WizardBasics';
import { InfrastructureStep, ScheduleStep } from './WizardInfra';
import { CreatedSummary, ReviewStep } from './WizardReview';

/** Mounted once at the app root: the "Create pipeline" wizard, when open. */
export function CreatePipelineWizardHost() {
  const wizard = useBuilderWizard((s) => s.wizard);
  if (!wizard) return null;
  return <CreatePipelineWizard wizard={wizard} />;
}

/**
 * Output → base image → components → tests → infrastructure → distribution → schedule → review.
 * Enter moves on (or creates, on the review); the step list jumps back, or forward past complete
 * steps; Alt+← / Alt+→ go back and forth. Esc closes, except while creating.
 */
function CreatePipelineWizard({ wizard }: { wizard: WizardState }) {
  const account = useAtlas((s) => s.workspace?.accounts.find((a) => a.id === wizard.account));
  const creating = wizard.phase === 'creating';
  const body = useRef<HTMLDivElement>(null);

  // A new step puts focus on its first field, so the keyboard carries on where the eye goes.
  useEffect(() => {
    const el = body.current;
    (el?.querySelector<HTMLElement>('[data-autofocus]') ?? el?.querySelector<HTMLElement>('input:not(:disabled), select, textarea, button:not(:disabled)'))?.focus();
  }, [wizard.step, wizard.phase]);

  const phrases = account?.production ? [account.name] : [];
  const typedOk = phrases.every((p) => phraseMatches(wizard.typed[wizard.account], p));
  const onReview = wizard.step === 'review';
  const incomplete = wizardStepIncomplete(wizard);

  function submit() {
    if (wizard.phase !== 'edit') return;
    if (!onReview) {
      nextStep();
      return;
    }
    if (!typedOk) return;
    void createPipeline(confirmationsOf(productionNamed(account ? [account] : [])));
  }

  return (
    <Dialog
      title={wizard.phase === 'created' ? 'Pipeline created' : 'Create pipeline'}
      subtitle={
        <span className="dialog-context">
          In <strong>{account?.name ?? 'an account no longer in the workspace'}</strong> <span className="mono">{wizard.region}</span>
          {account?.production && <span className="badge badge-prod">PROD</span>}
        </span>
      }
      onClose={creating ? () => undefined : closeWizard}
      dismissable={!creating}
      size="wide"
      testId="builder-wizard"
      className="builder-wizard"
    >
      {wizard.phase === 'created' && wizard.result ? (
        <CreatedSummary result={wizard.result} name={wizard.form.name} />
      ) : (
        <form
          className="dialog-body builder-wizard-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
          onKeyDown={(e) => {
            // Browsers submit on Enter only from text fields; ticks, radios and lists move on too.
            const t = e.target;
            if (e.key === 'Enter' && !e.altKey && (t instanceof HTMLSelectElement || (t instanceof HTMLInputElement && (t.type === 'checkbox' || t.type === 'radio')))) {
              e.preventDefault();
              submit();
              return;
            }
            if (!e.altKey || creating) return;
            if (e.key === 'ArrowRight') {
              e.preventDefault();
              nextStep();
            } else if (e.key === 'ArrowLeft') {
              e.preventDefault();
              previousStep();
            }
          }}
        >
          <StepNav wizard={wizard} />
          <div className="builder-wizard-step" ref={body} data-testid="wizard-step" data-step={wizard.step}>
            <h3 className="builder-wizard-step-title">
              {WIZARD_STEPS.indexOf(wizard.step) + 1}. {WIZARD_STEP_LABEL[wizard.step]}
            </h3>
            <StepBody wizard={wizard} />
          </div>
          <div className="form-actions builder-wizard-actions">
            <span className="muted builder-wizard-keys">Enter: next · Alt+←/→: back/next</span>
            <button type="button" className="button" onClick={closeWizard} disabled={creating}>
              Cancel
            </button>
            <button type="button" className="button" onClick={() => previousStep()} disabled={creating || wizard.step === 'output'} data-testid="wizard-back">
              Back
            </button>
            {onReview ? (
              <button type="submit" className="button button-primary" disabled={creating || !typedOk || incomplete !== null} data-testid="wizard-create">
                {creating ? 'Creating…' : 'Create pipeline'}
              </button>
            ) : (
              <button type="submit" className="button button-primary" data-testid="wizard-next">
                Next <Icon name="chevronRight" size={13} />
              </button>
            )}
          </div>
        </form>
      )}
    </Dialog>
  );
}

/** The steps, as a list to jump through: done ones ticked, ones with issues marked. */
function StepNav({ wizard }: { wizard: WizardState }) {
  const current = WIZARD_STEPS.indexOf(wizard.step);
  return (
    <ol className="builder-wizard-nav" aria-label="Steps">
      {WIZARD_STEPS.map((step: WizardStep, i) => {
        const complete = step !== 'review' && Object.keys(stepIssues(step, wizard.form, wizard.components.list)).length === 0;
        const flagged = wizard.touched.includes(step) && !complete;
        return (
          <li key={step}>
            <button
              type="button"
              className={`builder-wizard-nav-item${i === current ? ' is-current' : ''}${flagged ? ' has-issue' : ''}`}
              aria-current={i === current ? 'step' : undefined}
              disabled={wizard.phase !== 'edit'}
              onClick={() => goToStep(step)}
              data-testid="wizard-nav"
              data-step={step}
            >
              <span className="builder-wizard-nav-num" aria-hidden="true">
                {complete && i < current ? <Icon name="check" size={11} strokeWidth={2.2} /> : i + 1}
              </span>
              {WIZARD_STEP_LABEL[step]}
            </button>
          </li>
        );
      })}
    </ol>
  );
}

function StepBody({ wizard }: { wizard: WizardState }) {
  switch (wizard.step) {
    case 'output':
      return <OutputStep wizard={wizard} />;
    case 'base':
      return <BaseImageStep wizard={wizard} />;
    case 'components':
      return <ComponentsStep wizard={wizard} />;
    case 'tests':
      return <TestsStep wizard={wizard} />;
    case 'infrastructure':
      return <InfrastructureStep wizard={wizard} />;
    case 'distribution':
      return <DistributionStep wizard={wizard} />;
    case 'schedule':
      return <ScheduleStep wizard={wizard} />;
    case 'review':
      return <ReviewStep wizard={wizard} />;
  }
}
