import { Fragment, useId } from 'react';
import { Dialog } from '../components/Dialog';
import { isMac } from '../lib/keyboard';
import { KEYS, SHORTCUT_GROUPS, chordLabel, shortcutsIn, type Chord } from '../lib/shortcuts';

/** Every keyboard shortcut, by group, as lib/shortcuts lists them; `?` or Esc closes it. */
export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const mac = isMac();
  const uid = useId();
  return (
    <Dialog
      title="Keyboard shortcuts"
      subtitle={
        <>
          Press <kbd className="shortcut-key">{chordLabel(KEYS.shortcuts, mac)}</kbd> outside a text field to see this list again.
        </>
      }
      onClose={onClose}
      size="wide"
      className="shortcuts-dialog"
      testId="shortcuts-dialog"
      initialFocus=".shortcuts-body"
    >
      <div className="dialog-body shortcuts-body" tabIndex={-1}>
        <div className="shortcuts-columns">
          {SHORTCUT_GROUPS.map((group, g) => (
            <section key={group} className="shortcut-group" aria-labelledby={`${uid}-${g}`} data-testid="shortcut-group">
              <h3 id={`${uid}-${g}`} className="caps-label">
                {group}
              </h3>
              <dl className="shortcut-list">
                {shortcutsIn(group).map((shortcut, i) => (
                  <div key={i} className="shortcut-row" data-testid="shortcut">
                    <dt className="shortcut-keys">
                      <Keys chords={shortcut.keys} mac={mac} />
                    </dt>
                    <dd className="shortcut-does">{shortcut.does}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </Dialog>
  );
}

function Keys({ chords, mac }: { chords: readonly Chord[]; mac: boolean }) {
  return chords.map((chord, i) => (
    <Fragment key={i}>
      {i > 0 && <span className="shortcut-or"> or </span>}
      <kbd className="shortcut-key">{chordLabel(chord, mac)}</kbd>
    </Fragment>
  ));
}
