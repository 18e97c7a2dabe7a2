/**
 * What the discovery feature asks of main: accounts found in bulk through IAM Identity Center,
 * AWS Organizations, or one role name in many accounts. Dialogs call these, never `invoke`; a
 * change's workspace is adopted here so the sidebar shows what was added at once.
 */
import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import { invoke, on } from '../../api';
import type { SsoDiscoveryStatus } from '../../../shared/contract';
import { useAtlas } from '../../store';

export function ssoSignIn(input: ChannelInput<'discovery:ssoSignIn'>): Promise<ChannelOutput<'discovery:ssoSignIn'>> {
  return invoke('discovery:ssoSignIn', input);
}

export function ssoAccounts(input: ChannelInput<'discovery:ssoAccounts'>): Promise<ChannelOutput<'discovery:ssoAccounts'>> {
  return invoke('discovery:ssoAccounts', input);
}

export async function ssoAdd(input: ChannelInput<'discovery:ssoAdd'>): Promise<ChannelOutput<'discovery:ssoAdd'>> {
  const out = await invoke('discovery:ssoAdd', input);
  useAtlas.getState().applyWorkspace(out.workspace);
  return out;
}

export function orgAccounts(input: ChannelInput<'discovery:orgAccounts'>): Promise<ChannelOutput<'discovery:orgAccounts'>> {
  return invoke('discovery:orgAccounts', input);
}

export async function orgAdd(input: ChannelInput<'discovery:orgAdd'>): Promise<ChannelOutput<'discovery:orgAdd'>> {
  const out = await invoke('discovery:orgAdd', input);
  useAtlas.getState().applyWorkspace(out.workspace);
  return out;
}

export async function bulkRoles(input: ChannelInput<'discovery:bulkRoles'>): Promise<ChannelOutput<'discovery:bulkRoles'>> {
  const out = await invoke('discovery:bulkRoles', input);
  useAtlas.getState().applyWorkspace(out.workspace);
  return out;
}

/** Follows one start URL's device sign-in until it ends; returns the unsubscribe. */
export function followSsoStatus(startUrl: string, listener: (status: SsoDiscoveryStatus) => void): () => void {
  return on('discovery:ssoStatus', (status) => {
    if (status.startUrl === startUrl) listener(status);
  });
}
