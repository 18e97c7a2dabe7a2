/** The workspace as a whole: the accounts and clients shown, the demo workspace beside the user's own, the keychain's state. */
import { z } from 'zod';
import type { Workspace } from '../model';
import { color } from './accounts';
import { id, displayName, confirmations, common, output, event } from './fields';

export const schemas = {
  updateClient: z.strictObject({
    client: id,
    name: displayName.optional(),
    color: color.optional(),
    production: z.boolean().optional(),
    /** The client's name (keyed by its id), typed, when its production flag is cleared. */
    confirmations: confirmations.optional(),
  }),
} as const;

export const channels = {
  'workspace:get': { input: common.empty, output: output<Workspace>() },
  /** Opens the demo workspace (starting its world the first time); the user's accounts wait aside. */
  'demo:open': { input: common.empty, output: output<Workspace>() },
  /** Closes the demo workspace and its world; the user's own accounts are shown again. */
  'demo:close': { input: common.empty, output: output<Workspace>() },
  'clients:update': { input: schemas.updateClient, output: output<Workspace>() },
  'keychain:useSessionOnly': { input: common.empty, output: output<Workspace>() },
} as const;

export const events = {
  'workspace:changed': event<Workspace>(),
} as const;
