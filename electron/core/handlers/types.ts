import type { Channel, ChannelOutput, ChannelParsedInput } from '../../../shared/contract';

/** One handler per contract channel, typed by the contract itself. */
export type Handlers = { [C in Channel]: (input: ChannelParsedInput<C>) => Promise<ChannelOutput<C>> };
