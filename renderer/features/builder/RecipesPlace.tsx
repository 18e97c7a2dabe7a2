import { useEffect } from 'react';
import type { RecipeFamily } from '../../../shared/imagebuilder-authoring';
import type { AccountSummary } from '../../../shared/model';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { RelativeTime } from '../../components/RelativeTime';
import { SkeletonLines } from '../../components/Spinner';
import { loadRecipeFamilies, openClone, selectRecipe, useAuthoring } from './authoringStore';
import { FamilyTable, useChosenFamily } from './FamilyTable';
import { RecipeCloneDialog } from './RecipeCloneDialog';
import { placeKey } from './store';

/** The account's image recipes in this region, by name, each with its versions; a version cloned into a new one. */
export function RecipesPlace({ account, region }: { account: AccountSummary; region: string }) {
  const key = placeKey(account.id, region);
  const state = useAuthoring((s) => s.recipes[key]);
  const selected = useAuthoring((s) => s.selectedRecipe);
  const clone = useAuthoring((s) => s.clone);
  const notice = useAuthoring((s) => s.notice);
  const families = state?.data ?? null;

  useEffect(() => {
    void loadRecipeFamilies(account.id, region);
  }, [account.id, region]);

  const { chosen, chosenIndex } = useChosenFamily(families, state?.status !== 'loading', selected, selectRecipe);

  let body;
  if (state?.status === 'error' && !families) {
    body = (
      <div className="state-center">
        <ErrorBanner error={state.error!} onRetry={() => void loadRecipeFamilies(account.id, region)} variant="full" />
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
      <EmptyState icon="layers" title={`No image recipes of ${account.name} in ${region} yet`}>
        A recipe is a base image and the components built onto it. Creating a pipeline (the Pipelines tab) makes its first version; come back here
        to make later versions with other components or a newer base image.
      </EmptyState>
    );
  } else {
    body = (
      <div className="builder-split">
        <div className="builder-main">
          <FamilyTable
            label="Image recipes"
            testId="recipe-table"
            rowTestId="recipe-row"
            families={families}
            chosen={chosen}
            chosenIndex={chosenIndex}
            select={selectRecipe}
            columns={['Platform', 'Versions']}
            cells={(f) => (
              <>
                <td>{f.platform}</td>
                <td>{f.versions.length}</td>
              </>
            )}
          />
        </div>
        {chosen && <RecipeDetail family={chosen} account={account} region={region} />}
      </div>
    );
  }

  return (
    <div className="builder-authoring" role="tabpanel" id="builder-panel-recipes" aria-labelledby="builder-tab-recipes">
      <div className="builder-authoring-bar">
        <p className="muted">
          Image recipes of {account.name} in {region}. A version never changes: clone one into a new version to change it.
        </p>
      </div>
      {notice && (
        <p className="builder-authoring-notice" role="status" data-testid="authoring-notice">
          <Icon name="check" size={13} /> {notice}
        </p>
      )}
      {state?.status === 'error' && families && <ErrorBanner error={state.error!} onRetry={() => void loadRecipeFamilies(account.id, region)} />}
      {body}
      {clone && clone.account === account.id && clone.region === region && <RecipeCloneDialog clone={clone} />}
    </div>
  );
}

function RecipeDetail({ family, account, region }: { family: RecipeFamily; account: AccountSummary; region: string }) {
  return (
    <aside className="builder-detail builder-authoring-detail" aria-label={`Recipe ${family.name}`} data-testid="recipe-detail">
      <div className="builder-detail-head">
        <div className="builder-authoring-detail-title">
          <h3 className="mono">{family.name}</h3>
          <p className="muted">{family.platform}</p>
        </div>
      </div>
      <h4 className="section-title">Versions</h4>
      <ul className="builder-versions" data-testid="recipe-versions">
        {family.versions.map((v) => (
          <li key={v.arn} className="builder-version" data-version={v.version}>
            <div className="builder-version-head">
              <span className="mono builder-version-number">{v.version}</span>
              <span className="mono-soft builder-version-parent" title="Parent image">
                {v.parentImage}
              </span>
              <RelativeTime value={v.dateCreated} className="muted builder-version-when" />
            </div>
            {v.description && <p className="builder-version-change">{v.description}</p>}
            <p className="muted builder-version-components">{v.components.map((c) => `${c.name} ${c.version}`).join(' → ') || 'No components'}</p>
            <button
              type="button"
              className="button button-small"
              onClick={() => void openClone(account.id, region, family, v)}
              aria-label={`Clone ${family.name} ${v.version} into a new version`}
              data-testid="recipe-clone"
            >
              Clone into new version
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
