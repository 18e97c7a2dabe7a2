import { useId } from 'react';
import { NAME_TOKENS } from '../../../shared/lifecycle';
import { ErrorBanner } from '../../components/ErrorBanner';
import { CheckField, Field } from '../../components/Field';
import { ProgressBar } from '../../components/Spinner';
import { duplicateNames, previewNames, today, unknownTokens } from '../../lib/copyPlan';
import { plural } from '../../lib/format';
import { closeCopyDialog, copiesEncrypted, reviewCopies, toggleCopyRegion, updateCopyForm, type CopyDialogState } from './copyStore';
import { EncryptionHint, ManagedKeyNotice } from './EncryptionNotes';
import { KmsKeyPicker } from './KmsKeyPicker';
import { NamePreview } from './NamePreview';
import { RegionChooser } from './RegionChooser';

/** Why "Review" cannot be pressed yet, or null. */
function formProblem(dialog: CopyDialogState): string | null {
  const { form } = dialog;
  if (form.regions.length === 0) return 'Choose at least one destination region.';
  const unknown = unknownTokens(form.nameTemplate);
  if (unknown.length > 0) return `Unknown in the name: ${unknown.join(' ')}. Tokens: ${NAME_TOKENS.join(' ')}.`;
  if (form.nameTemplate.trim() === '') return 'The name template is empty.';
  const previews = previewNames(
    dialog.sources.map((s) => ({ imageId: s.ref.imageId, name: s.name, region: s.ref.region })),
    form.regions,
    form.nameTemplate,
    today(),
  );
  if (previews.some((p) => p.problem)) return 'Some names would be refused by AWS; see the names below.';
  if (duplicateNames(previews).size > 0) return 'Two copies would share a name in one region.';
  return null;
}

/** Where to, what to call the copies, and how to encrypt them. Enter reviews. */
export function CopyForm({ dialog }: { dialog: CopyDialogState }) {
  const uid = useId();
  const { form } = dialog;
  const planning = dialog.phase === 'planning';
  const problem = formProblem(dialog);
  const encryptedSources = dialog.sources.filter((s) => s.encrypted).length;
  const plainSources = dialog.sources.length - encryptedSources;
  const allEncrypted = plainSources === 0;
  const anyEncrypted = copiesEncrypted(dialog);
  const unknownDescription = unknownTokens(form.descriptionTemplate);

  return (
    <form
      className="dialog-body copy-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!problem && !planning) void reviewCopies();
      }}
    >
      <RegionChooser
        account={dialog.destinationAccount}
        sourceRegion={dialog.sourceRegion}
        crossAccount={dialog.crossAccount}
        selected={form.regions}
        disabled={planning}
        onToggle={toggleCopyRegion}
      />
      <div className="copy-names">
        <Field id={`${uid}-name`} label="Name" hint={<>Tokens: {NAME_TOKENS.map((t) => <code key={t}>{t}</code>)}</>}>
          <input
            id={`${uid}-name`}
            className="mono"
            value={form.nameTemplate}
            disabled={planning}
            onChange={(e) => updateCopyForm({ nameTemplate: e.target.value })}
            spellCheck={false}
            autoComplete="off"
            data-testid="copy-name-template"
            data-autofocus=""
          />
        </Field>
        <NamePreview sources={dialog.sources.map((s) => ({ imageId: s.ref.imageId, name: s.name, region: s.ref.region }))} regions={form.regions} template={form.nameTemplate} />
        <Field id={`${uid}-desc`} label="Description" issues={unknownDescription.length > 0 ? [`Unknown: ${unknownDescription.join(' ')}`] : undefined}>
          <input
            id={`${uid}-desc`}
            className="mono"
            value={form.descriptionTemplate}
            maxLength={255}
            disabled={planning}
            onChange={(e) => updateCopyForm({ descriptionTemplate: e.target.value })}
            spellCheck={false}
            autoComplete="off"
          />
        </Field>
      </div>
      <div className="copy-encryption">
        <CheckField
          id={`${uid}-encrypted`}
          label={
            encryptedSources === 0 || allEncrypted
              ? 'Encrypt the copies'
              : plainSources === 1
                ? 'Encrypt the copy of the unencrypted image too'
                : `Encrypt the copies of the ${plainSources} unencrypted images too`
          }
          checked={form.encrypted || allEncrypted}
          disabled={planning || allEncrypted}
          onChange={(on) => updateCopyForm({ encrypted: on })}
          hint={<EncryptionHint encrypted={encryptedSources} plain={plainSources} on={form.encrypted} />}
        />
        {anyEncrypted && (
          <>
            <KmsKeyPicker
              id={`${uid}-key`}
              account={dialog.destinationAccount}
              regions={form.regions}
              value={form.kmsKey}
              disabled={planning}
              onChange={(alias) => updateCopyForm({ kmsKey: alias })}
            />
            <ManagedKeyNotice dialog={dialog} disabled={planning} />
          </>
        )}
        <CheckField id={`${uid}-tags`} label="Copy the image’s tags" checked={form.copyTags} disabled={planning} onChange={(on) => updateCopyForm({ copyTags: on })} />
      </div>
      {dialog.error && <ErrorBanner error={dialog.error} onRetry={() => void reviewCopies()} />}
      {planning && <ProgressBar label="Checking the copies" />}
      <div className="form-actions">
        {problem && <span className="form-actions-note">{problem}</span>}
        <button type="button" className="button" onClick={closeCopyDialog}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={!!problem || planning} data-testid="copy-review">
          {planning ? 'Checking…' : `Review ${plural(dialog.sources.length * form.regions.length, 'copy', 'copies')}`}
        </button>
      </div>
    </form>
  );
}
