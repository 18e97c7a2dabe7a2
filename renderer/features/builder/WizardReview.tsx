import type { CreatePipelineResult } from '../../../shared/imagebuilder';
import { AccountsGuard } from '../../components/ConfirmProduction';
import { ActingAs } from '../../components/ActingAs';
import { CopyableId } from '../../components/CopyableId';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { KeyValue } from '../../components/KeyValue';
import { accountLabel, arnTail, describeSchedule } from '../../lib/builder';
import { firstIncompleteStep, formSchedule, splitInstanceTypes, WIZARD_STEP_LABEL } from '../../lib/builderDraft';
import { accountNamesByAwsId } from '../../lib/images';
import { useAtlas } from '../../store';
import { closeWizard, goToStep, setWizardTyped, type WizardState } from './wizardStore';

/** Everything that will be created, the production guard, and why the last attempt failed. */
export function ReviewStep({ wizard }: { wizard: WizardState }) {
  const accounts = useAtlas((s) => s.workspace?.accounts ?? []);
  const account = accounts.find((a) => a.id === wizard.account);
  const names = accountNamesByAwsId(accounts);
  const { form } = wizard;
  const byArn = new Map(wizard.components.list.map((c) => [c.arn, c]));
  const componentName = (arn: string) => {
    const c = byArn.get(arn);
    return c ? `${c.name} ${c.version}` : arnTail(arn);
  };
  const incomplete = firstIncompleteStep(form, wizard.components.list);
  const schedule = formSchedule(form);
  const edit = (step: Parameters<typeof goToStep>[0]) => (
    <button type="button" className="link-button builder-edit" onClick={() => goToStep(step)} aria-label={`Change ${WIZARD_STEP_LABEL[step]}`}>
      change
    </button>
  );

  return (
    <div className="builder-review" data-testid="wizard-review">
      {incomplete && (
        <p className="field-error" role="alert">
          {WIZARD_STEP_LABEL[incomplete]} is not complete. {edit(incomplete)}
        </p>
      )}
      <p className="muted builder-review-lede">
        Creates a recipe, an infrastructure configuration, a distribution configuration and the pipeline, all named <span className="mono">{form.name.trim() || '—'}</span>, in{' '}
        {account?.name ?? 'an account no longer in the workspace'} <span className="mono">{wizard.region}</span>. If a step fails, what was already created is removed again.
      </p>
      <dl className="kv builder-review-list">
        <KeyValue label="Output">
          AMI · recipe <span className="mono">{form.recipeVersion}</span> {edit('output')}
        </KeyValue>
        <KeyValue label="Base image">
          <span className="mono builder-wrap">{form.parentImage}</span> {edit('base')}
        </KeyValue>
        <KeyValue label="Components">
          {/* In the order they run. */}
          <span className="mono">{form.components.map(componentName).join(' → ')}</span> {edit('components')}
        </KeyValue>
        <KeyValue label="Tests">
          {form.testsEnabled ? <span className="mono">{form.tests.map(componentName).join(', ')}</span> : <span className="muted">off</span>} {edit('tests')}
        </KeyValue>
        <KeyValue label="Infrastructure">
          <span className="mono">{form.instanceProfileName}</span> · <span className="mono">{splitInstanceTypes(form.instanceTypes).join(', ')}</span> ·{' '}
          {form.terminateInstanceOnFailure ? 'terminate on failure' : 'keep on failure'} {edit('infrastructure')}
        </KeyValue>
        <KeyValue label="Distribution">
          <span className="mono">{form.regions.join(', ')}</span> as <span className="mono">{form.amiName}</span> {edit('distribution')}
        </KeyValue>
        <KeyValue label="Launchable by">
          {form.shareWith.length > 0 ? form.shareWith.map((id) => accountLabel(id, names)).join(', ') : <span className="muted">this account only</span>} {edit('distribution')}
        </KeyValue>
        <KeyValue label="Schedule">
          {describeSchedule(schedule)}
          {schedule && describeSchedule(schedule) !== schedule && <span className="mono-soft"> {schedule}</span>} {edit('schedule')}
        </KeyValue>
      </dl>
      {account && <ActingAs accounts={[account.id]} />}
      {account?.production && (
        <AccountsGuard
          accounts={[{ account: account.id, name: account.name }]}
          typed={wizard.typed}
          onType={setWizardTyped}
          lede="This creates Image Builder resources in a production account. Type its name to confirm."
          disabled={wizard.phase === 'creating'}
        />
      )}
      {wizard.error && <ErrorBanner error={wizard.error} />}
    </div>
  );
}

const KIND_LABEL: Record<CreatePipelineResult['created'][number]['kind'], string> = {
  recipe: 'Image recipe',
  infrastructure: 'Infrastructure configuration',
  distribution: 'Distribution configuration',
  pipeline: 'Pipeline',
};

/** What was created; the new pipeline is selected in the list behind. */
export function CreatedSummary({ result, name }: { result: CreatePipelineResult; name: string }) {
  return (
    <div className="dialog-body builder-created" data-testid="wizard-created">
      <p className="builder-created-lede">
        <Icon name="check" size={14} /> <span className="mono">{name}</span> is ready. It is selected in the list: press Run pipeline to build it now.
      </p>
      <table className="mini-table">
        <tbody>
          {result.created.map((r) => (
            <tr key={r.arn}>
              <td>{KIND_LABEL[r.kind]}</td>
              <td>
                <CopyableId value={r.arn} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={closeWizard} data-autofocus="" data-testid="wizard-done">
          Done
        </button>
      </div>
    </div>
  );
}
