/**
 * A domain's channels served by its service: each channel `area:verb` calls the service's method
 * `verb` with the checked input (as VS Code's ProxyChannel turns a service into a channel). The
 * service is a plain class with explicit dependencies; this is the only IPC-shaped code a domain
 * needs, and adding a channel is its contract line plus its method.
 */
import type { z } from 'zod';
import type { Channel, ChannelOutput, ChannelParsedInput } from '../../shared/contract';

/** One handler per contract channel, typed by the contract itself: what `createAppCore` hands the router. */
export type Handlers = { [C in Channel]: (input: ChannelParsedInput<C>) => Promise<ChannelOutput<C>> };

type ChannelTable = Record<string, { input: z.ZodType; output: unknown }>;
type Verb<C> = C extends `${string}:${infer V}` ? V : never;

/** What a service must offer to serve these channels: one method per channel, named by its verb. */
export type ServiceOf<T extends ChannelTable> = {
  [C in keyof T & string as Verb<C>]: (input: z.output<T[C]['input']>) => Promise<T[C]['output']>;
};

export type ServedHandlers<T extends ChannelTable> = { [C in keyof T]: (input: z.output<T[C]['input']>) => Promise<T[C]['output']> };

export function serve<T extends ChannelTable>(channels: T, service: ServiceOf<T>): ServedHandlers<T> {
  const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
  const verbs = new Map<string, string>();
  for (const channel of Object.keys(channels)) {
    const verb = channel.slice(channel.indexOf(':') + 1);
    const other = verbs.get(verb);
    // Two channels of one domain with the same verb would call one method: say so at start-up.
    if (other) throw new Error(`${channel} and ${other} would both call ${verb}(): give one another verb`);
    verbs.set(verb, channel);
    const method = (service as unknown as Record<string, unknown>)[verb];
    if (typeof method !== 'function') throw new Error(`The service serving ${channel} has no ${verb}()`);
    handlers[channel] = (input) => (method as (i: unknown) => Promise<unknown>).call(service, input);
  }
  return handlers as ServedHandlers<T>;
}
