/** Words for the recovery screen: what happened to the data file, and what each way back does. */
import type { BackupInfo, DatabaseProblem, RecoveryDone } from '../../shared/startup';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function backupTime(backup: BackupInfo): string {
  return when.format(new Date(backup.createdAt));
}

export function backupSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function backupReason(backup: BackupInfo): string {
  return backup.reason === 'before-update' ? 'made before an update' : 'daily backup';
}

/** The screen's title. */
export function problemTitle(problem: DatabaseProblem): string {
  switch (problem.code) {
    case 'NOT_A_DATABASE':
      return `${problem.file} is no longer a database`;
    case 'DAMAGED':
      return `${problem.file} is damaged`;
    case 'MIGRATION_FAILED':
      return `${problem.file} could not be updated for this version`;
    case 'NEWER_VERSION':
      return `${problem.file} is from a newer version of AMI Atlas`;
    case 'CANNOT_OPEN':
      return `${problem.file} could not be opened`;
  }
}

/** What happened, in plain words. */
export function problemExplanation(problem: DatabaseProblem): string {
  const holds = `AMI Atlas keeps your accounts, clients, inventory and history in ${problem.file}.`;
  switch (problem.code) {
    case 'NOT_A_DATABASE':
      return `${holds} That file no longer holds a database — something overwrote it or cut it short — so the app cannot read it.`;
    case 'DAMAGED':
      return `${holds} SQLite found damage inside it (a disk error or an interrupted write can cause this), so the app will not use it.`;
    case 'MIGRATION_FAILED':
      return `This version of AMI Atlas keeps its data in a newer layout, and updating ${problem.file} to it failed. The update was undone, so the file is as it was before.`;
    case 'NEWER_VERSION':
      return problem.schema
        ? `${problem.file} was last used by a newer version of AMI Atlas (data layout ${problem.schema.found}; this version knows up to ${problem.schema.known}). To keep using it as it is, install that newer version again.`
        : `${problem.file} was last used by a newer version of AMI Atlas. To keep using it as it is, install that newer version again.`;
    case 'CANNOT_OPEN':
      return `${holds} It could not be opened: another AMI Atlas or the ami-atlas command may be using it, or its folder cannot be written to or is full. Close the other program or fix the folder, then check again.`;
  }
}

/** The name pattern the unusable file is kept under (the time is filled in when it is moved). */
export function keptAsPattern(problem: DatabaseProblem): string {
  const dot = problem.file.lastIndexOf('.');
  const stem = dot > 0 ? problem.file.slice(0, dot) : problem.file;
  const ext = dot > 0 ? problem.file.slice(dot) : '';
  return `${stem}.${problem.code === 'NEWER_VERSION' ? 'newer-version' : 'damaged'}-‹date and time›${ext}`;
}

/** Said once the app is open again. */
export function recoveredMessage(done: RecoveryDone): { title: string; body: string } {
  const kept = done.keptAs ? `The old file is kept as ${done.keptAs} in ${done.folder}.` : '';
  if (done.action === 'restored' && done.backup) {
    return { title: `Restored the backup from ${backupTime(done.backup)}`, body: kept };
  }
  return { title: 'Started fresh', body: kept };
}
