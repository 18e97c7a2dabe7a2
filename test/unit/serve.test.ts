/**
 * A domain's channels served by its service: `area:verb` calls `verb` with the input, and a table
 * the service cannot serve (a missing method, two channels with one verb) fails at start-up.
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { serve } from '../../electron/core/serve';
import { channels as lifecycleChannels } from '../../shared/contract/lifecycle';

const table = {
  'jobs:list': { input: z.strictObject({}), output: {} as string[] },
  'kms:keys': { input: z.strictObject({ region: z.string() }), output: {} as string[] },
};

describe('serve', () => {
  it('calls the method named by each channel’s verb, with the service as this', async () => {
    class Service {
      private readonly jobs = ['j1'];
      async list() {
        return this.jobs;
      }
      async keys({ region }: { region: string }) {
        return [`alias/${region}`];
      }
    }
    const handlers = serve(table, new Service());
    expect(await handlers['jobs:list']({})).toEqual(['j1']);
    expect(await handlers['kms:keys']({ region: 'eu-west-1' })).toEqual(['alias/eu-west-1']);
  });

  it('refuses a service without a channel’s method, and two channels that would share one', () => {
    const missing = { list: async () => [] } as unknown as Parameters<typeof serve<typeof table>>[1];
    expect(() => serve(table, missing)).toThrow(/kms:keys.*no keys\(\)/);
    const clash = { 'accounts:update': table['jobs:list'], 'paths:update': table['jobs:list'] };
    expect(() => serve(clash, { update: async () => [] })).toThrow(/paths:update and accounts:update would both call update\(\)/);
  });

  it('serves a real domain’s table', () => {
    const handlers = serve(lifecycleChannels, { inspect: async () => [], apply: async () => [], tag: async () => [] });
    expect(Object.keys(handlers)).toEqual(['lifecycle:inspect', 'lifecycle:apply', 'lifecycle:tag']);
  });
});
