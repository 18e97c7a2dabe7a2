/** Which feature answers which intent (lib/intents.ts): the one place where features meet. */
import { openCopyDialog } from '../features/copy/copyStore';
import { answerIntent } from '../lib/intents';

/** Wires every intent to its feature; returns the function that unwires them. */
export function wireFeatures(): () => void {
  const offs = [answerIntent('copy:open', openCopyDialog)];
  return () => offs.forEach((off) => off());
}
