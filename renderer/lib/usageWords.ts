/** An AMI's usage answer in words: the column, the facet and the filter chips say it the same. */
import type { UsageState } from '../../shared/contract/usage';

export const USAGE_WORDS: Record<UsageState, string> = { yes: 'In use', no: 'Unused', unknown: 'Unknown' };

/** What each answer means, for hovers and the facet. */
export const USAGE_HINTS: Record<UsageState, string> = {
  yes: 'Something in the workspace launches or names it',
  no: 'Nothing in its owner’s account or the accounts it is shared with uses it',
  unknown: 'A place it could be used in could not be read, or others outside the workspace may launch it',
};
