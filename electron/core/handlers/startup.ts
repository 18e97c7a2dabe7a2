import { AppError } from '../../../shared/errors';
import type { StartupStatus } from '../../../shared/startup';
import type { Handlers } from './types';

/**
 * The startup channels of a core whose database opened: nothing to recover. A core started with
 * `startAppCore` (the app, the preview) answers them itself while its database cannot be used.
 */
export function readyStartupHandlers(): Pick<Handlers, 'startup:status' | 'startup:retry' | 'startup:restore' | 'startup:startFresh'> {
  const ready = async (): Promise<StartupStatus> => ({ state: 'ready', recovered: null });
  const nothing = async (): Promise<StartupStatus> => {
    throw new AppError({ code: 'CONFLICT', message: 'The database is open: there is nothing to recover.', retryable: false });
  };
  return { 'startup:status': ready, 'startup:retry': ready, 'startup:restore': nothing, 'startup:startFresh': nothing };
}
