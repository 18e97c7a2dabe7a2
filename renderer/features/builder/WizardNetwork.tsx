import { useId } from 'react';
import { CheckField, Field, fieldA11y } from '../../components/Field';
import { Spinner } from '../../components/Spinner';
import { s3BucketProblem, snsTopicProblem, subnetLabel, subnetsByVpc, vpcLabel, withSubnet } from '../../lib/builderPlace';
import { loadNetworkChoices, updatePlace, visiblePlaceIssues, type WizardState } from './wizardStore';

const list = (message: string | null | undefined) => (message ? [message] : undefined);

/**
 * Where the build instance runs (subnet by name, VPC and zone; the security groups of that VPC;
 * a key pair to log in with), and where Image Builder reports: S3 logs and an SNS topic.
 */
export function NetworkFields({ wizard }: { wizard: WizardState }) {
  const uid = useId();
  const { place } = wizard;
  const load = wizard.network[wizard.region];
  const choices = load?.value ?? null;
  const issues = visiblePlaceIssues(wizard);
  const subnet = choices?.subnets.find((s) => s.id === place.subnetId) ?? null;
  const groups = subnet ? (choices?.securityGroups ?? []).filter((g) => g.vpcId === subnet.vpcId) : [];
  // Checked as typed: a wrong ARN or bucket is easier to fix at once than after "Next".
  const snsShown = issues.snsTopicArn ?? snsTopicProblem(place.snsTopicArn);
  const bucketShown = issues.s3Bucket ?? (place.s3Bucket.trim() ? s3BucketProblem(place.s3Bucket) : null);
  const toggleGroup = (id: string) =>
    updatePlace((p) => ({ securityGroupIds: p.securityGroupIds.includes(id) ? p.securityGroupIds.filter((g) => g !== id) : [...p.securityGroupIds, id] }));

  return (
    <>
      <fieldset className="builder-choice builder-network" data-testid="wizard-network">
        <legend>
          Network {load?.status === 'loading' && <Spinner label="Reading subnets, security groups and key pairs" />}
        </legend>
        {load?.status === 'error' && (
          <p className="field-error" role="alert">
            {load.error?.message}{' '}
            <button type="button" className="link-button" onClick={() => void loadNetworkChoices(wizard.region, true)}>
              Retry
            </button>
          </p>
        )}
        <Field id={`${uid}-subnet`} label="Subnet" hint={subnet ? `In VPC ${vpcLabel(subnet)}, ${subnet.availabilityZone}, ${subnet.cidrBlock}.` : 'Without one, Image Builder uses a default subnet of the default VPC.'}>
          <select
            id={`${uid}-subnet`}
            value={place.subnetId ?? ''}
            onChange={(e) => updatePlace((p) => withSubnet(p, e.target.value || null, choices))}
            data-testid="wizard-subnet"
          >
            <option value="">Default VPC (Image Builder chooses)</option>
            {subnetsByVpc(choices?.subnets ?? []).map((vpc) => (
              <optgroup key={vpc.vpcId} label={`VPC ${vpc.label}`}>
                {vpc.subnets.map((s) => (
                  <option key={s.id} value={s.id}>
                    {subnetLabel(s)} — {s.availabilityZone} · {s.cidrBlock}
                    {s.name ? ` · ${s.id}` : s.defaultForAz ? ' · default for zone' : ''}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Field>
        <div className="builder-subfield">
          <span className="builder-subfield-label" id={`${uid}-groups`}>
            Security groups
          </span>
          {!subnet ? (
            <p className="field-hint">Choose a subnet first: security groups belong to its VPC. Without a subnet, the default VPC’s default group is used.</p>
          ) : groups.length === 0 ? (
            <p className="field-hint">This VPC has no security groups.</p>
          ) : (
            <div className="builder-group-list" role="group" aria-labelledby={`${uid}-groups`} data-testid="wizard-security-groups">
              {groups.map((g) => (
                <label key={g.id} className="builder-check">
                  <input type="checkbox" checked={place.securityGroupIds.includes(g.id)} onChange={() => toggleGroup(g.id)} data-name={g.name} />
                  <span>{g.name}</span>
                  <span className="mono-soft">{g.id}</span>
                  {g.description && <span className="muted builder-group-note">{g.description}</span>}
                </label>
              ))}
            </div>
          )}
          {issues.securityGroupIds && (
            <p className="field-error" role="alert">
              {issues.securityGroupIds}
            </p>
          )}
        </div>
        <Field id={`${uid}-key`} label="Key pair" hint="To log in to a build instance kept after a failure; none is needed otherwise.">
          <select id={`${uid}-key`} value={place.keyPair ?? ''} onChange={(e) => updatePlace({ keyPair: e.target.value || null })} data-testid="wizard-key-pair">
            <option value="">None</option>
            {(choices?.keyPairs ?? []).map((k) => (
              <option key={k.name} value={k.name}>
                {k.name}
                {k.type ? ` (${k.type})` : ''}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>
      <fieldset className="builder-choice">
        <legend>Logs and notifications</legend>
        <CheckField
          id={`${uid}-s3`}
          label="Upload build logs to S3"
          checked={place.s3Logging}
          onChange={(s3Logging) => updatePlace({ s3Logging })}
          hint="The instance profile needs s3:PutObject on the bucket."
        />
        {place.s3Logging && (
          <div className="builder-indent builder-s3">
            <Field id={`${uid}-bucket`} label="Bucket" issues={list(bucketShown)}>
              <input
                {...fieldA11y(`${uid}-bucket`, list(bucketShown))}
                className="mono"
                value={place.s3Bucket}
                spellCheck={false}
                placeholder="my-build-logs"
                onChange={(e) => updatePlace({ s3Bucket: e.target.value })}
                data-testid="wizard-s3-bucket"
              />
            </Field>
            <Field id={`${uid}-prefix`} label="Key prefix" hint="Logs go under this path in the bucket.">
              <input id={`${uid}-prefix`} className="mono" value={place.s3Prefix} spellCheck={false} onChange={(e) => updatePlace({ s3Prefix: e.target.value })} data-testid="wizard-s3-prefix" />
            </Field>
          </div>
        )}
        <Field id={`${uid}-sns`} label="SNS topic (optional)" issues={list(snsShown)} hint="Image Builder posts each build’s status to it.">
          <input
            {...fieldA11y(`${uid}-sns`, list(snsShown))}
            className="mono"
            value={place.snsTopicArn}
            spellCheck={false}
            placeholder="arn:aws:sns:region:123456789012:topic"
            onChange={(e) => updatePlace({ snsTopicArn: e.target.value })}
            data-testid="wizard-sns"
          />
        </Field>
      </fieldset>
    </>
  );
}
