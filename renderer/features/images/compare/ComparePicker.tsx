import { useMemo, useState } from 'react';
import type { AmiRow } from '../../../../shared/ami-rows';
import { useAtlas } from '../../../store';
import { Palette, PaletteOption } from '../../../components/Palette';
import { StateBadge } from '../../../components/StateBadge';
import { Icon } from '../../../components/Icon';
import { useNow } from '../../../components/useNow';
import { displayState } from '../../../lib/images';
import { cancelPicking, chooseOther, useCompareStore } from './compareStore';
import { compareCandidates, searchCandidates, targetOf } from './open';

/**
 * "Compare with…": the other AMI, found by typing its name or id among the AMIs the app knows
 * (the inventory, and the list on screen). Enter or a click compares.
 */
export function ComparePicker() {
  const a = useCompareStore((s) => s.a);
  const inventory = useAtlas((s) => s.inventory);
  const images = useAtlas((s) => s.images);
  const view = useAtlas((s) => s.view);
  const accounts = useAtlas((s) => s.workspace?.accounts);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const target = a?.target;
  const candidates = useMemo(() => (target ? compareCandidates(inventory, images, view, target) : []), [inventory, images, view, target]);
  const found = useMemo(() => searchCandidates(candidates, query), [candidates, query]);
  if (!target) return null;
  const rows = found.rows;
  const current = Math.min(active, rows.length - 1);
  const choose = (row: AmiRow | undefined) => {
    if (row) chooseOther(targetOf(row));
  };
  const accountName = (id: string) => accounts?.find((x) => x.id === id)?.name ?? 'an account no longer in this workspace';
  const what = target.name ? `${target.name} (${target.imageId})` : target.imageId;

  return (
    <Palette
      title={`Compare ${what} with…`}
      testId="compare-picker"
      className="compare-picker"
      icon="search"
      inputLabel={`AMI to compare ${what} with`}
      placeholder={`Compare ${target.name || target.imageId} with… (an AMI id or name)`}
      listLabel="AMIs to compare with"
      query={query}
      onQuery={(q) => {
        setQuery(q);
        setActive(0);
      }}
      count={rows.length}
      active={current}
      onMove={setActive}
      onChoose={(i) => choose(rows[i])}
      onClose={cancelPicking}
      empty={
        found.query === null
          ? 'Type an AMI id or at least two letters of its name.'
          : candidates.length === 0
            ? 'The app knows no other AMI yet: a Scan fills the inventory with every account’s AMIs.'
            : `No AMI the app knows matches “${query.trim()}”.`
      }
      footer={
        <>
          <span>
            <kbd>Enter</kbd> compare
          </span>
          <span>Searched: the inventory, as of its last scan, and the list on screen</span>
        </>
      }
    >
      {(optionId) =>
        rows.map((row, i) => (
          <Candidate key={row.key} id={optionId(i)} row={row} accountName={accountName(row.account)} active={i === current} onHover={() => setActive(i)} onChoose={() => choose(row)} />
        ))
      }
    </Palette>
  );
}

function Candidate({ id, row, accountName, active, onHover, onChoose }: { id: string; row: AmiRow; accountName: string; active: boolean; onHover(): void; onChoose(): void }) {
  const now = useNow();
  return (
    <PaletteOption id={id} active={active} onHover={onHover} onChoose={onChoose} className="compare-option" data-testid="compare-candidate" data-image-id={row.imageId}>
      <Icon name="box" size={14} className="icon compare-option-icon" />
      <span className={`compare-option-name${row.name ? '' : ' muted'}`} title={row.name || undefined}>
        {row.name || '(no name)'}
      </span>
      <span className="mono compare-option-id">{row.imageId}</span>
      <span className="compare-option-where" title={`${accountName} · ${row.region}`}>
        {accountName} · <span className="mono">{row.region}</span>
      </span>
      <span className="compare-option-state">
        <StateBadge state={displayState(row, now)} />
      </span>
    </PaletteOption>
  );
}
