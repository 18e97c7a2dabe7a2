import { useMemo } from 'react';
import type { PipelineDetail } from '../../../shared/imagebuilder';
import { KeyValue, KeyValueList } from '../../components/KeyValue';
import { accountLabel, describeSchedule } from '../../lib/builder';
import { accountNamesByAwsId } from '../../lib/images';
import { useAtlas } from '../../store';

function useAccountNames(): ReadonlyMap<string, string> {
  const accounts = useAtlas((s) => s.workspace?.accounts);
  return useMemo(() => accountNamesByAwsId(accounts ?? []), [accounts]);
}

function Missing({ what }: { what: string }) {
  return <p className="muted builder-missing">No {what} could be read.</p>;
}

/** Parent image, components in the order they run (with versions), block devices. */
export function RecipeSection({ detail }: { detail: PipelineDetail }) {
  const recipe = detail.recipe;
  return (
    <section className="kv-section" data-testid="pipeline-recipe">
      <h4 className="section-title">Recipe</h4>
      {!recipe ? (
        <Missing what="recipe" />
      ) : (
        <>
          <dl className="kv">
            <KeyValue label="Recipe">
              <span className="mono">{recipe.name}</span> <span className="muted">{recipe.version}</span>
            </KeyValue>
            <KeyValue label="Parent image">
              <span className="mono builder-wrap">{recipe.parentImage}</span>
            </KeyValue>
          </dl>
          <table className="mini-table builder-subtable" aria-label="Components">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Component</th>
                <th scope="col">Version</th>
              </tr>
            </thead>
            <tbody>
              {recipe.components.map((c, i) => (
                <tr key={`${c.arn}-${i}`}>
                  <td className="num muted">{i + 1}</td>
                  <td className="mono" title={c.arn}>
                    {c.name}
                  </td>
                  <td className="mono-soft">{c.version}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {recipe.blockDevices.length > 0 && (
            <table className="mini-table builder-subtable" aria-label="Block devices">
              <thead>
                <tr>
                  <th scope="col">Device</th>
                  <th scope="col" className="num">
                    Size
                  </th>
                  <th scope="col">Type</th>
                  <th scope="col">Encrypted</th>
                </tr>
              </thead>
              <tbody>
                {recipe.blockDevices.map((d) => (
                  <tr key={d.deviceName}>
                    <td className="mono">{d.deviceName}</td>
                    <td className="num">{d.volumeSizeGiB === null ? '—' : `${d.volumeSizeGiB} GiB`}</td>
                    <td className="mono-soft">{d.volumeType ?? '—'}</td>
                    <td>{d.encrypted === null ? '—' : d.encrypted ? 'yes' : 'no'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

export function InfrastructureSection({ detail }: { detail: PipelineDetail }) {
  const infra = detail.infrastructure;
  if (!infra) return <Missing what="infrastructure configuration" />;
  return (
    <KeyValueList title="Infrastructure">
      <KeyValue label="Instance profile">
        <span className="mono">{infra.instanceProfileName}</span>
      </KeyValue>
      <KeyValue label="Instance types">{infra.instanceTypes.length > 0 ? <span className="mono">{infra.instanceTypes.join(', ')}</span> : <span className="muted">Image Builder’s default</span>}</KeyValue>
      <KeyValue label="Subnet">{infra.subnetId ? <span className="mono" data-testid="pipeline-subnet">{infra.subnetId}</span> : <span className="muted">default VPC</span>}</KeyValue>
      {infra.securityGroupIds && infra.securityGroupIds.length > 0 && (
        <KeyValue label="Security groups">
          <span className="mono" data-testid="pipeline-security-groups">
            {infra.securityGroupIds.join(', ')}
          </span>
        </KeyValue>
      )}
      <KeyValue label="Key pair">{infra.keyPair ? <span className="mono" data-testid="pipeline-key-pair">{infra.keyPair}</span> : <span className="muted">none</span>}</KeyValue>
      <KeyValue label="Logs">
        {infra.s3Logs ? (
          <span className="mono builder-wrap" data-testid="pipeline-s3-logs">
            s3://{infra.s3Logs.bucket}/{infra.s3Logs.prefix ?? ''}
          </span>
        ) : (
          <span className="muted">not to S3</span>
        )}
      </KeyValue>
      {infra.snsTopicArn && (
        <KeyValue label="Notifies">
          <span className="mono builder-wrap" data-testid="pipeline-sns">
            {infra.snsTopicArn}
          </span>
        </KeyValue>
      )}
      <KeyValue label="On failure">{infra.terminateInstanceOnFailure ? 'terminate the instance' : 'keep the instance for debugging'}</KeyValue>
    </KeyValueList>
  );
}

/** Per region: the AMI name pattern, who may launch it (named by our accounts where known) and the accounts it is copied to. */
export function DistributionSection({ detail }: { detail: PipelineDetail }) {
  const names = useAccountNames();
  const dist = detail.distribution;
  return (
    <section className="kv-section" data-testid="pipeline-distribution">
      <h4 className="section-title">Distribution</h4>
      {!dist ? (
        <Missing what="distribution configuration" />
      ) : (
        <ul className="builder-regions">
          {dist.regions.map((r) => {
            const lp = r.launchPermission;
            const who = [
              ...(lp.public ? ['everyone (public)'] : []),
              ...lp.userIds.map((id) => accountLabel(id, names)),
              ...lp.organizationArns.map((a) => `organization ${a.split('/').at(-1) ?? a}`),
              ...lp.organizationalUnitArns.map((a) => `OU ${a.split('/').at(-1) ?? a}`),
            ];
            return (
              <li key={r.region} className="builder-region" data-region={r.region}>
                <div className="builder-region-head mono">{r.region}</div>
                <dl className="kv">
                  <KeyValue label="AMI name">{r.amiName ? <span className="mono builder-wrap">{r.amiName}</span> : <span className="muted">default</span>}</KeyValue>
                  <KeyValue label="Launch">{who.length > 0 ? <span data-testid="launch-permission">{who.join(', ')}</span> : <span className="muted">owner only</span>}</KeyValue>
                  {r.targetAccountIds.length > 0 && <KeyValue label="Copied to">{r.targetAccountIds.map((id) => accountLabel(id, names)).join(', ')}</KeyValue>}
                  {r.kmsKeyId && (
                    <KeyValue label="KMS key">
                      <span className="mono builder-wrap" data-testid="pipeline-kms-key">
                        {r.kmsKeyId}
                      </span>
                    </KeyValue>
                  )}
                  {r.launchTemplates && r.launchTemplates.length > 0 && (
                    <KeyValue label="Updates">
                      <span data-testid="pipeline-launch-templates">
                        {r.launchTemplates
                          .map((t) => `${t.launchTemplateId}${t.accountId ? ` in ${accountLabel(t.accountId, names)}` : ''}${t.setDefaultVersion ? ' (as default)' : ''}`)
                          .join(', ')}
                      </span>
                    </KeyValue>
                  )}
                  {r.amiTags && Object.keys(r.amiTags).length > 0 && (
                    <KeyValue label="AMI tags">
                      <span className="mono">
                        {Object.entries(r.amiTags)
                          .map(([k, v]) => `${k}=${v}`)
                          .join(', ')}
                      </span>
                    </KeyValue>
                  )}
                </dl>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export function TestsAndSchedule({ detail }: { detail: PipelineDetail }) {
  return (
    <KeyValueList title="Tests and schedule">
      <KeyValue label="Tests">
        {detail.tests.enabled ? `on${detail.tests.timeoutMinutes ? `, time out after ${detail.tests.timeoutMinutes} min` : ''}` : <span className="muted">off</span>}
      </KeyValue>
      <KeyValue label="Schedule">
        <span className={detail.schedule ? 'mono' : undefined}>{describeSchedule(detail.schedule)}</span>
        {detail.schedule && describeSchedule(detail.schedule) !== detail.schedule && <span className="mono-soft"> {detail.schedule}</span>}
      </KeyValue>
      <KeyValue label="Status">{detail.status.toLowerCase()}</KeyValue>
    </KeyValueList>
  );
}
