import { useEffect, useRef } from 'react';
import { useAtlas } from '../../store';
import { Icon } from '../../components/Icon';
import { AddAccountForm } from './AddAccountForm';

/** The add-account form in a modal dialog (native <dialog>: focus trap and Esc for free). */
export function AddAccountDialog({ onClose }: { onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const applyWorkspace = useAtlas((s) => s.applyWorkspace);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="add-account-title" onClose={onClose}>
      <header className="dialog-header">
        <h2 id="add-account-title">Add an account</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={() => ref.current?.close()}>
          <Icon name="close" />
        </button>
      </header>
      <AddAccountForm
        autoFocus
        onCancel={() => ref.current?.close()}
        onAdded={(workspace, accountId) => {
          applyWorkspace(workspace, accountId);
          ref.current?.close();
        }}
      />
    </dialog>
  );
}
