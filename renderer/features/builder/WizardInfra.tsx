import { useId } from 'react';
import { CheckField, Field, fieldA11y } from '../../components/Field';
import { cronProblem, SCHEDULE_PRESETS } from '../../lib/builder';
import { DEFAULT_INSTANCE_PROFILE, formSchedule, type ScheduleMode } from '../../lib/builderDraft';
import { InstanceProfileStatus } from './InstanceProfileField';
import { ScheduleRuns } from './ScheduleRuns';
import { updateWizardForm, visibleIssues, type WizardState } from './wizardStore';
import { NetworkFields } from './WizardNetwork';

const list = (message: string | undefined) => (message ? [message] : undefined);

/** Where the build runs: the instance profile, instance types, network, logs, and what happens to the instance on failure. */
export function InfrastructureStep({ wizard }: { wizard: WizardState }) {
  const uid = useId();
  const issues = visibleIssues(wizard);
  const { form } = wizard;
  return (
    <div className="builder-fields">
      <Field
        id={`${uid}-profile`}
        label="Instance profile"
        issues={list(issues.instanceProfileName)}
        hint={
          <>
            An IAM instance profile with Image Builder’s permissions (often <code>{DEFAULT_INSTANCE_PROFILE}</code>).
          </>
        }
      >
        <input
          {...fieldA11y(`${uid}-profile`, list(issues.instanceProfileName))}
          className="mono"
          value={form.instanceProfileName}
          spellCheck={false}
          data-autofocus=""
          onChange={(e) => updateWizardForm({ instanceProfileName: e.target.value })}
        />
      </Field>
      <InstanceProfileStatus wizard={wizard} />
      <Field id={`${uid}-types`} label="Instance types" issues={list(issues.instanceTypes)} hint="One or more, separated by commas; Image Builder uses the first one available.">
        <input
          {...fieldA11y(`${uid}-types`, list(issues.instanceTypes))}
          className="mono"
          value={form.instanceTypes}
          spellCheck={false}
          onChange={(e) => updateWizardForm({ instanceTypes: e.target.value })}
        />
      </Field>
      <NetworkFields wizard={wizard} />
      <CheckField
        id={`${uid}-terminate`}
        label="Terminate the build instance when a build fails"
        checked={form.terminateInstanceOnFailure}
        onChange={(terminateInstanceOnFailure) => updateWizardForm({ terminateInstanceOnFailure })}
        hint="Off: the instance is kept so you can look at what went wrong (it costs until you terminate it)."
      />
    </div>
  );
}

/** Started by hand, or on a schedule: a preset or an AWS cron expression (checked as it is typed). */
export function ScheduleStep({ wizard }: { wizard: WizardState }) {
  const uid = useId();
  const { form } = wizard;
  const issues = visibleIssues(wizard);
  // The cron is checked as it is typed, not only after "Next": a wrong field is easier to fix at once.
  const problem = form.scheduleMode === 'custom' && form.cron.trim() ? cronProblem(form.cron) : null;
  const shown = issues.cron ?? problem ?? undefined;
  const mode = (m: ScheduleMode) => ({
    type: 'radio' as const,
    name: `${uid}-mode`,
    checked: form.scheduleMode === m,
    onChange: () => updateWizardForm({ scheduleMode: m }),
  });
  return (
    <div className="builder-fields">
      <fieldset className="builder-choice">
        <legend>When it runs</legend>
        <label className="builder-radio">
          <input {...mode('manual')} data-autofocus={form.scheduleMode === 'manual' ? '' : undefined} data-testid="schedule-manual" /> Only when started (manual)
        </label>
        <label className="builder-radio">
          <input {...mode('preset')} data-autofocus={form.scheduleMode === 'preset' ? '' : undefined} data-testid="schedule-preset" /> On a schedule
        </label>
        {form.scheduleMode === 'preset' && (
          <div className="builder-indent">
            <label className="sr-only" htmlFor={`${uid}-preset`}>
              Schedule
            </label>
            <select id={`${uid}-preset`} value={form.presetId} onChange={(e) => updateWizardForm({ presetId: e.target.value })}>
              {SCHEDULE_PRESETS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label} — {p.cron}
                </option>
              ))}
            </select>
          </div>
        )}
        <label className="builder-radio">
          <input {...mode('custom')} data-autofocus={form.scheduleMode === 'custom' ? '' : undefined} data-testid="schedule-custom" /> Custom cron expression
        </label>
        {form.scheduleMode === 'custom' && (
          <div className="builder-indent">
            <Field id={`${uid}-cron`} label="Cron expression (UTC)" issues={list(shown)} hint="minutes hours day-of-month month day-of-week year, e.g. cron(0 6 ? * MON *)">
              <input {...fieldA11y(`${uid}-cron`, list(shown))} className="mono" value={form.cron} spellCheck={false} onChange={(e) => updateWizardForm({ cron: e.target.value })} data-testid="schedule-cron" />
            </Field>
          </div>
        )}
        <ScheduleRuns expression={formSchedule(form)} />
      </fieldset>
    </div>
  );
}
