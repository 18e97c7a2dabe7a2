import type { ReactNode } from 'react';
import type { CreatePipelineResult } from '../../../shared/imagebuilder';
import { AccountsGuard } from '../../components/ConfirmProduction';
import { ActingAs } from '../../components/ActingAs';
import { CopyableId } from '../../components/CopyableId';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { KeyValue } from '../../components/KeyValue';
import { accountLabel, arnTail, describeSchedule } from '../../lib/builder';
import { formSchedule, splitInstanceTypes, WIZARD_STEP_LABEL } from '../../lib/builderDraft';
import { regionPlace, subnetLabel, toPlaceDraft, vpcLabel } from '../../lib/builderPlace';
import { accountNamesByAwsId } from '../../lib/images';
import { useAtlas } from '../../store';
import { closeWizard, goToStep, setWizardTyped, wizardStepIncomplete, type WizardState } from './wizardStore';

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
  const incomplete = wizardStepIncomplete(wizard);
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
        <PlaceReview wizard={wizard} edit={edit} part="infrastructure" />
        <KeyValue label="Distribution">
          <span className="mono">{form.regions.join(', ')}</span> as <span className="mono">{form.amiName}</span> {edit('distribution')}
        </KeyValue>
        <KeyValue label="Launchable by">
          {form.shareWith.length > 0 ? form.shareWith.map((id) => accountLabel(id, names)).join(', ') : <span className="muted">this account only</span>} {edit('distribution')}
        </KeyValue>
        <PlaceReview wizard={wizard} edit={edit} part="distribution" />
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

/** The network, logs and per-region settings, named as the pickers named them. */
function PlaceReview({ wizard, edit, part }: { wizard: WizardState; edit: (step: Parameters<typeof goToStep>[0]) => ReactNode; part: 'infrastructure' | 'distribution' }) {
  const accounts = useAtlas((s) => s.workspace?.accounts ?? []);
  const names = accountNamesByAwsId(accounts);
  const { place } = wizard;
  const choices = wizard.network[wizard.region]?.value ?? null;
  const subnet = choices?.subnets.find((s) => s.id === place.subnetId) ?? null;
  const groupName = (id: string) => choices?.securityGroups.find((g) => g.id === id)?.name ?? id;
  const draft = toPlaceDraft(place, wizard.form.regions);
  if (part === 'distribution') {
    return (
      <>
        {(draft.regionSettings ?? []).map((r) => {
          const templates = regionPlace(place, r.region).launchTemplates.filter((t) => t.accountId === null || r.targetAccountIds.includes(t.accountId));
          const keyAlias = wizard.kmsKeys[r.region]?.value?.find((k) => k.arn === r.kmsKeyId)?.alias ?? r.kmsKeyId;
          const parts = [
            ...(r.userIds.length + r.organizationArns.length + r.organizationalUnitArns.length > 0
              ? [`also launchable by ${[...r.userIds.map((id) => accountLabel(id, names)), ...[...r.organizationArns, ...r.organizationalUnitArns].map((a) => a.split('/').at(-1))].join(', ')}`]
              : []),
            ...(r.targetAccountIds.length > 0 ? [`copied to ${r.targetAccountIds.map((id) => accountLabel(id, names)).join(', ')}`] : []),
            ...(keyAlias ? [`encrypted with ${keyAlias}`] : []),
            ...(templates.length > 0 ? [`updates ${templates.map((t) => `${t.name ?? t.launchTemplateId}${t.accountId ? ` in ${accountLabel(t.accountId, names)}` : ''}${t.setDefaultVersion ? ' (default)' : ''}`).join(', ')}`] : []),
            ...(Object.keys(r.amiTags).length > 0 ? [`tags ${Object.entries(r.amiTags).map(([k, v]) => `${k}=${v}`).join(', ')}`] : []),
          ];
          return (
            <KeyValue key={r.region} label={`In ${r.region}`}>
              <span data-testid="review-region" data-region={r.region}>
                {parts.join(' · ')}
              </span>{' '}
              {edit('distribution')}
            </KeyValue>
          );
        })}
      </>
    );
  }
  return (
    <>
      <KeyValue label="Network">
        <span data-testid="review-network">
          {place.subnetId ? (
            <>
              <span className="mono">{subnet ? subnetLabel(subnet) : place.subnetId}</span>
              {subnet && <span className="muted"> in {vpcLabel(subnet)}, {subnet.availabilityZone}</span>}
            </>
          ) : (
            <span className="muted">default VPC</span>
          )}
          {draft.securityGroupIds && draft.securityGroupIds.length > 0 && <> · groups <span className="mono">{draft.securityGroupIds.map(groupName).join(', ')}</span></>}
          {place.keyPair ? <> · key pair <span className="mono">{place.keyPair}</span></> : <span className="muted"> · no key pair</span>}
        </span>{' '}
        {edit('infrastructure')}
      </KeyValue>
      <KeyValue label="Logs">
        <span data-testid="review-logs">
          {draft.s3Logs ? <span className="mono">s3://{draft.s3Logs.bucket}/{draft.s3Logs.prefix}</span> : <span className="muted">not to S3</span>}
          {draft.snsTopicArn && <> · notifies <span className="mono builder-wrap">{draft.snsTopicArn}</span></>}
        </span>{' '}
        {edit('infrastructure')}
      </KeyValue>
    </>
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
