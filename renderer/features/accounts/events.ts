/** The accounts feature's events: MFA prompts queue (and close when answered elsewhere); SSO sign-ins report. */
import { on } from '../../api';
import { useAtlas } from '../../store';

export function followAccountEvents(): Array<() => void> {
  const state = () => useAtlas.getState();
  return [
    on('mfa:prompt', (prompt) => state().addMfaPrompt(prompt)),
    on('mfa:closed', ({ requestId }) => state().removeMfaPrompt(requestId)),
    on('sso:status', (status) => state().applySsoStatus(status)),
  ];
}
