import type { PipelineDetail, PipelineSummary } from '../../../shared/imagebuilder';
import { confirmChange } from '../../components/ConfirmProduction';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { accountLabel, distributionAccountIds } from '../../lib/builder';
import { accountNamesByAwsId } from '../../lib/images';
import { useAtlas } from '../../store';
import { dismissStartError, startPipeline, useBuilder } from './store';
import { confirmationsOf, productionNamed } from '../../lib/confirm';

/**
 * Starts a run. The pipeline's own account, and any of ours its distribution copies into, are
 * what a run changes: when one of them is production, the confirm sheet asks for its name first.
 */
export function RunPipelineButton({ summary, detail }: { summary: PipelineSummary; detail: PipelineDetail | null }) {
  const start = useBuilder((s) => s.starts[summary.arn]);

  async function run() {
    const workspace = useAtlas.getState().workspace;
    const accounts = workspace?.accounts ?? [];
    const own = accounts.find((a) => a.id === summary.account);
    const { targets, shares } = detail ? distributionAccountIds(detail) : { targets: [], shares: [] };
    const touched = [own, ...accounts.filter((a) => a.awsAccountId && targets.includes(a.awsAccountId) && a.id !== summary.account)].filter((a) => !!a);
    const production = touched.filter((a) => a.production);
    if (production.length > 0) {
      const names = accountNamesByAwsId(accounts);
      const regions = detail?.distribution?.regions.map((r) => r.region) ?? [summary.region];
      const ok = await confirmChange({
        title: `Run ${summary.name}`,
        message: 'Image Builder builds a new image, tests it and distributes it as this pipeline says. Nothing existing is changed or removed.',
        accounts: touched,
        lines: [
          {
            account: summary.account,
            region: summary.region,
            text: `Build and distribute to ${regions.join(', ')}${shares.length > 0 ? `; launchable by ${shares.map((id) => accountLabel(id, names)).join(', ')}` : ''}`,
          },
          ...touched.filter((a) => a.id !== summary.account).map((a) => ({ account: a.id, text: 'Receives a copy of the new AMI' })),
        ],
        confirmLabel: 'Run pipeline',
        inAws: true,
      });
      if (!ok) return;
    }
    await startPipeline(summary.account, summary.region, summary.arn, confirmationsOf(productionNamed(production)));
  }

  return (
    <button type="button" className="button button-primary builder-run-button" onClick={() => void run()} disabled={start?.running} data-testid="run-pipeline">
      <Icon name="chevronRight" size={13} /> {start?.running ? 'Starting…' : 'Run pipeline'}
    </button>
  );
}

/** Why the last start of this pipeline failed, until dismissed or started again. */
export function StartError({ arn }: { arn: string }) {
  const error = useBuilder((s) => s.starts[arn]?.error);
  if (!error) return null;
  return <ErrorBanner error={error} onDismiss={() => dismissStartError(arn)} />;
}
