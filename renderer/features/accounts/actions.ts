/**
 * What the accounts feature asks of main. Forms call these, never `invoke`: the channel names,
 * and adopting the workspace a change answers with, are this module's business.
 */
import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { Workspace } from '../../../shared/model';
import { invoke } from '../../api';
import { useAtlas } from '../../store';

function adopt(workspace: Workspace): Workspace {
  useAtlas.getState().applyWorkspace(workspace);
  return workspace;
}

/** A new key pair (or another way into an account); the caller adopts the workspace, selecting the account. */
export function addAccessKey(input: ChannelInput<'accounts:addAccessKey'>): Promise<ChannelOutput<'accounts:addAccessKey'>> {
  return invoke('accounts:addAccessKey', input);
}

export function addRole(input: ChannelInput<'accounts:addRole'>): Promise<ChannelOutput<'accounts:addRole'>> {
  return invoke('accounts:addRole', input);
}

export async function removeAccount(input: ChannelInput<'accounts:remove'>): Promise<Workspace> {
  return adopt(await invoke('accounts:remove', input));
}

export async function updateClient(input: ChannelInput<'clients:update'>): Promise<Workspace> {
  return adopt(await invoke('clients:update', input));
}

export async function updatePath(input: ChannelInput<'paths:update'>): Promise<Workspace> {
  return adopt(await invoke('paths:update', input));
}

export async function updateKeys(input: ChannelInput<'paths:updateKeys'>): Promise<Workspace> {
  return adopt(await invoke('paths:updateKeys', input));
}

export async function removePath(path: string): Promise<Workspace> {
  return adopt(await invoke('paths:remove', { path }));
}

export function verifyPath(path: string): Promise<ChannelOutput<'paths:verify'>> {
  return invoke('paths:verify', { path });
}

export function listProfiles(): Promise<ChannelOutput<'profiles:list'>> {
  return invoke('profiles:list', {});
}

export function importProfiles(profiles: ChannelInput<'profiles:import'>['profiles']): Promise<ChannelOutput<'profiles:import'>> {
  return invoke('profiles:import', { profiles });
}

/** A code for a waiting MFA prompt, or null to cancel it. */
export function answerMfa(requestId: string, code: string | null): Promise<ChannelOutput<'mfa:answer'>> {
  return invoke('mfa:answer', { requestId, code });
}
