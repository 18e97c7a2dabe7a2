import { lazy, Suspense, useEffect } from 'react';
import type { ComponentFamily } from '../../../shared/imagebuilder-authoring';
import type { AccountSummary } from '../../../shared/model';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { RelativeTime } from '../../components/RelativeTime';
import { SkeletonLines } from '../../components/Spinner';
import { loadComponentFamilies, openNewComponent, openNewVersion, selectComponent, useAuthoring } from './authoringStore';
import { FamilyTable, useChosenFamily } from './FamilyTable';
import { placeKey } from './store';

// The editor brings the YAML parser: loaded the first time it opens, not with the app.
const ComponentEditor = lazy(() => import('./ComponentEditor').then((m) => ({ default: m.ComponentEditor })));

/** The account's own components in this region: by name, each with its versions; new ones written as YAML. */
export function ComponentsPlace({ account, region }: { account: AccountSummary; region: string }) {
  const key = placeKey(account.id, region);
  const state = useAuthoring((s) => s.components[key]);
  const selected = useAuthoring((s) => s.selectedComponent);
  const editor = useAuthoring((s) => s.editor);
  const notice = useAuthoring((s) => s.notice);
  const families = state?.data ?? null;

  useEffect(() => {
    void loadComponentFamilies(account.id, region);
  }, [account.id, region]);

  const { chosen, chosenIndex } = useChosenFamily(families, state?.status !== 'loading', selected, selectComponent);

  let body;
  if (state?.status === 'error' && !families) {
    body = (
      <div className="state-center">
        <ErrorBanner error={state.error!} onRetry={() => void loadComponentFamilies(account.id, region)} variant="full" />
      </div>
    );
  } else if (!families) {
    body = (
      <div className="builder-authoring-loading">
        <SkeletonLines count={6} />
      </div>
    );
  } else if (families.length === 0) {
    body = (
      <EmptyState
        icon="box"
        title={`No components of ${account.name} in ${region} yet`}
        actions={
          <button type="button" className="button button-primary" onClick={() => openNewComponent(account.id, region)}>
            <Icon name="plus" size={13} /> New component
          </button>
        }
      >
        A component is a YAML document of steps Image Builder runs on the build instance (build and validate) and on a test instance (test). Write one
        here, starting from a working example; its versions then appear in the pipeline wizard beside Amazon&apos;s components.
      </EmptyState>
    );
  } else {
    body = (
      <div className="builder-split">
        <div className="builder-main">
          <FamilyTable
            label="Components"
            testId="component-table"
            rowTestId="component-row"
            families={families}
            chosen={chosen}
            chosenIndex={chosenIndex}
            select={selectComponent}
            columns={['Type', 'Platform', 'Versions']}
            title={(f) => f.description ?? f.name}
            cells={(f) => (
              <>
                <td>{f.type === 'TEST' ? 'Test' : 'Build'}</td>
                <td>{f.platform}</td>
                <td>{f.versions.length}</td>
              </>
            )}
          />
        </div>
        {chosen && <ComponentDetail family={chosen} account={account} region={region} />}
      </div>
    );
  }

  return (
    <div className="builder-authoring" role="tabpanel" id="builder-panel-components" aria-labelledby="builder-tab-components">
      <div className="builder-authoring-bar">
        <p className="muted">Components of {account.name} in {region}: YAML documents with build, validate and test phases. A version never changes: make a new one to change it.</p>
      </div>
      {notice && (
        <p className="builder-authoring-notice" role="status" data-testid="authoring-notice">
          <Icon name="check" size={13} /> {notice}
        </p>
      )}
      {state?.status === 'error' && families && <ErrorBanner error={state.error!} onRetry={() => void loadComponentFamilies(account.id, region)} />}
      {body}
      {editor && editor.account === account.id && editor.region === region && (
        <Suspense fallback={null}>
          <ComponentEditor editor={editor} />
        </Suspense>
      )}
    </div>
  );
}

function ComponentDetail({ family, account, region }: { family: ComponentFamily; account: AccountSummary; region: string }) {
  return (
    <aside className="builder-detail builder-authoring-detail" aria-label={`Component ${family.name}`} data-testid="component-detail">
      <div className="builder-detail-head">
        <div className="builder-authoring-detail-title">
          <h3 className="mono">{family.name}</h3>
          {family.description && <p className="muted">{family.description}</p>}
        </div>
        <button type="button" className="button button-small" onClick={() => void openNewVersion(account.id, region, family)} data-testid="component-new-version">
          <Icon name="plus" size={13} /> New version
        </button>
      </div>
      <h4 className="section-title">Versions</h4>
      <ul className="builder-versions" data-testid="component-versions">
        {family.versions.map((v) => (
          <li key={v.arn} className="builder-version" data-version={v.version}>
            <div className="builder-version-head">
              <span className="mono builder-version-number">{v.version}</span>
              <span className="muted">
                {v.platform}
                {v.supportedOsVersions.length > 0 ? ` · ${v.supportedOsVersions.join(', ')}` : ''}
              </span>
              <RelativeTime value={v.dateCreated} className="muted builder-version-when" />
            </div>
            {v.changeDescription && <p className="builder-version-change">{v.changeDescription}</p>}
          </li>
        ))}
      </ul>
    </aside>
  );
}
