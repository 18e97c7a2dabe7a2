import { useEffect, useRef, useState } from 'react';
import type { StartupStatus } from '../../../shared/startup';
import { toAppError } from '../../api';
import { restoreBackup, retryStartup, startFresh } from './actions';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import type { AppError } from '../../../shared/errors';
import { backupReason, backupSize, backupTime, keptAsPattern, problemExplanation, problemTitle } from '../../lib/startup';
import { AppMark } from '../../components/AppMark';

type Recovery = Extract<StartupStatus, { state: 'recovery' }>;
type Busy = 'restore' | 'fresh' | 'retry' | null;

/**
 * The whole window when the database cannot be used: what happened, in plain words and with the
 * file's name and folder, and the ways back — restore an automatic backup, start fresh, or check
 * again. Whichever is chosen, the old file is kept beside it under a new name.
 */
export function RecoveryScreen({ status, onStatus }: { status: Recovery; onStatus: (next: StartupStatus) => void }) {
  const { problem, backups, failure } = status;
  const [chosen, setChosen] = useState<string | null>(backups[0]?.name ?? null);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<AppError | null>(null);
  // Backups that turned out unusable when chosen: marked, and not chosen again by default.
  const [unusable, setUnusable] = useState<ReadonlySet<string>>(new Set());
  const heading = useRef<HTMLHeadingElement>(null);

  // Screen readers start at the title; keyboard users Tab on to the choices from there.
  useEffect(() => heading.current?.focus(), [problem.code, problem.detail]);
  useEffect(() => {
    if (!backups.some((b) => b.name === chosen)) setChosen(backups.find((b) => !unusable.has(b.name))?.name ?? backups[0]?.name ?? null);
  }, [backups, chosen, unusable]);

  const act = async (what: Exclude<Busy, null>) => {
    setBusy(what);
    setError(null);
    try {
      const next =
        what === 'restore' && chosen
          ? await restoreBackup(chosen)
          : what === 'fresh'
            ? await startFresh()
            : await retryStartup();
      if (what === 'restore' && chosen && next.state === 'recovery' && next.failure?.code === 'BACKUP_UNUSABLE') {
        const marked = new Set(unusable).add(chosen);
        setUnusable(marked);
        const other = next.backups.find((b) => !marked.has(b.name));
        if (other) setChosen(other.name);
      }
      onStatus(next);
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(null);
    }
  };

  const chosenBackup = backups.find((b) => b.name === chosen && !unusable.has(b.name)) ?? null;
  const anyUsable = backups.some((b) => !unusable.has(b.name));
  const kept = keptAsPattern(problem);

  return (
    <main className="recovery" aria-labelledby="recovery-title" data-testid="recovery-screen">
      <div className="recovery-inner">
        <header className="recovery-header">
          <AppMark size={40} />
          <p className="recovery-kicker">
            <Icon name="alert" size={14} className="icon recovery-kicker-icon" /> AMI Atlas could not open your data
          </p>
          <h1 id="recovery-title" ref={heading} tabIndex={-1}>
            {problemTitle(problem)}
          </h1>
          <p className="recovery-lede">{problemExplanation(problem)}</p>
          <dl className="recovery-where">
            <dt>File</dt>
            <dd>
              <code>{problem.file}</code>
            </dd>
            <dt>Folder</dt>
            <dd>
              <code>{problem.folder}</code>
            </dd>
          </dl>
        </header>

        {failure && (
          <div className="callout recovery-failure" role="alert" data-testid="recovery-failure">
            <Icon name="alert" className="icon recovery-failure-icon" />
            <p>{failure.message}</p>
          </div>
        )}
        {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}

        <p className="callout recovery-safe">
          <Icon name="lock" size={14} className="icon" />
          <span>
            Whatever you choose, <strong>{problem.file}</strong> is not deleted: it is renamed <code>{kept}</code> and stays in the
            same folder. Secret access keys stay in your system keychain; neither choice touches them.
          </span>
        </p>

        <div className="recovery-choices">
          <section className="recovery-card" aria-labelledby="recovery-restore-title">
            <h2 id="recovery-restore-title">Restore a backup</h2>
            {backups.length > 0 ? (
              <>
                <p>
                  Puts the backup in place of {problem.file}. Your accounts, clients, inventory and history come back as they were then;
                  changes made since are not in it. Accounts find their keys in the keychain again.
                </p>
                <fieldset className="recovery-backups" disabled={busy !== null}>
                  <legend>Backups in {status.backupFolder}</legend>
                  {backups.map((backup, i) => (
                    <label key={backup.name} className="recovery-backup">
                      <input type="radio" name="backup" value={backup.name} checked={chosen === backup.name} onChange={() => setChosen(backup.name)} />
                      <span className="recovery-backup-text">
                        <span className="recovery-backup-when">
                          {backupTime(backup)}
                          {i === 0 && <span className="recovery-backup-latest">latest</span>}
                          {unusable.has(backup.name) && <span className="recovery-backup-unusable">cannot be used</span>}
                        </span>
                        <span className="recovery-backup-meta">
                          {backupReason(backup)} · {backupSize(backup.bytes)} · <span className="mono">{backup.name}</span>
                        </span>
                      </span>
                    </label>
                  ))}
                </fieldset>
                <button
                  type="button"
                  className="button button-primary button-large"
                  disabled={busy !== null || !chosenBackup}
                  onClick={() => void act('restore')}
                >
                  {busy === 'restore' && <Spinner label="Restoring" />}
                  {chosenBackup ? `Restore the backup from ${backupTime(chosenBackup)}` : 'Restore the backup'}
                </button>
              </>
            ) : (
              <p>
                There is no automatic backup to restore: none was found in <code>{status.backupFolder}</code>. AMI Atlas makes one
                every day and before each update.
              </p>
            )}
          </section>

          <section className="recovery-card" aria-labelledby="recovery-fresh-title">
            <h2 id="recovery-fresh-title">Start fresh</h2>
            <p>
              Opens AMI Atlas with no accounts. You add them again or import your AWS CLI profiles; the profiles in{' '}
              <code>~/.aws</code> are not changed. The inventory fills again with the next scan.
            </p>
            <button
              type="button"
              className={`button button-large${anyUsable ? '' : ' button-primary'}`}
              disabled={busy !== null}
              onClick={() => void act('fresh')}
            >
              {busy === 'fresh' && <Spinner label="Starting fresh" />}
              Start fresh
            </button>
          </section>
        </div>

        <footer className="recovery-foot">
          <p>
            Fixed it yourself — put the file back, freed disk space or corrected the folder’s permissions? Check again; nothing
            is moved.
          </p>
          <button type="button" className="button" disabled={busy !== null} onClick={() => void act('retry')}>
            {busy === 'retry' ? <Spinner label="Checking" /> : <Icon name="refresh" size={14} />}
            Check again
          </button>
        </footer>

        <details className="recovery-details">
          <summary>Technical details</summary>
          <dl>
            <dt>Problem</dt>
            <dd>
              <code>{problem.code}</code>
            </dd>
            <dt>What was reported</dt>
            <dd className="mono">{problem.detail}</dd>
            {problem.schema && (
              <>
                <dt>Data layout</dt>
                <dd>
                  file {problem.schema.found}, this version {problem.schema.known}
                </dd>
              </>
            )}
          </dl>
        </details>
      </div>
    </main>
  );
}
