/** The workspace as a whole: the accounts and clients shown, the demo workspace beside the user's own, the keychain's state. */
import type { Workspace } from '../model';
import { common, output, event } from './fields';

export const channels = {
  'workspace:get': { input: common.empty, output: output<Workspace>() },
  /** Opens the demo workspace (starting its world the first time); the user's accounts wait aside. */
  'demo:open': { input: common.empty, output: output<Workspace>() },
  /** Closes the demo workspace and its world; the user's own accounts are shown again. */
  'demo:close': { input: common.empty, output: output<Workspace>() },
  'keychain:useSessionOnly': { input: common.empty, output: output<Workspace>() },
} as const;

export const events = {
  'workspace:changed': event<Workspace>(),
} as const;
