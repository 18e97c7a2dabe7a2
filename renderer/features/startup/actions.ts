/** What the start-up screens ask of main: the database's state, and the ways out of recovery. */
import type { StartupStatus } from '../../../shared/startup';
import { invoke } from '../../api';

export function startupStatus(): Promise<StartupStatus> {
  return invoke('startup:status', {});
}

/** Opens the chosen backup instead of the damaged file (kept aside, never deleted). */
export function restoreBackup(backup: string): Promise<StartupStatus> {
  return invoke('startup:restore', { backup });
}

/** Starts with an empty database (the damaged one kept aside). */
export function startFresh(): Promise<StartupStatus> {
  return invoke('startup:startFresh', {});
}

/** Tries the database again (another process may have let it go). */
export function retryStartup(): Promise<StartupStatus> {
  return invoke('startup:retry', {});
}
