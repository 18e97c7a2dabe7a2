import { describe, expect, it } from 'vitest';
import { channelNames, channels, type Channel } from '../../shared/contract';
import type { Handlers } from '../../electron/core/app-core';
import { createRouter } from '../../electron/ipc/router';

const trusted = { trusted: true, label: 'test page' };

/** Handlers that only record what reached them, so we can prove what did not. */
function recordingHandlers() {
  const calls: Array<{ channel: Channel; input: unknown }> = [];
  const handlers = Object.fromEntries(
    channelNames.map((channel) => [
      channel,
      async (input: unknown) => {
        calls.push({ channel, input });
        if ((input as { account?: string }).account === 'explode') throw new Error('boom');
        return { echoed: input };
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

describe('IPC router', () => {
  it('passes a valid call to its handler and wraps the answer', async () => {
    const { handlers, calls } = recordingHandlers();
    const router = createRouter(handlers);
    const out = await router.handle('images:list', { account: 'a1', region: 'eu-west-1', view: 'owned' }, trusted);
    expect(out).toEqual({ ok: true, data: { echoed: { account: 'a1', region: 'eu-west-1', view: 'owned' } } });
    expect(calls).toHaveLength(1);
  });

  it('refuses untrusted senders before looking at anything else', async () => {
    const { handlers, calls } = recordingHandlers();
    const out = await createRouter(handlers).handle('workspace:get', {}, { trusted: false, label: 'https://evil.example' });
    expect(out).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(calls).toHaveLength(0);
  });

  it('names unknown channels', async () => {
    const { handlers } = recordingHandlers();
    const out = await createRouter(handlers).handle('fs:readFile', {}, trusted);
    expect(out).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel "fs:readFile".' } });
    const proto = await createRouter(handlers).handle('__proto__', {}, trusted);
    expect(proto).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  const malformed: Array<[string, unknown, string]> = [
    ['images:list', undefined, '(input)'],
    ['images:list', null, '(input)'],
    ['images:list', 'eu-west-1', '(input)'],
    ['images:list', { account: 'a1', region: 'eu-west-1' }, 'view'],
    ['images:list', { account: 'a1', region: 'eu-west-1', view: 'everything' }, 'view'],
    ['images:list', { account: 'a1', region: 'moon-base-1', view: 'owned' }, 'region'],
    ['images:list', { account: 'a1', region: 'eu-west-1', view: 'owned', extra: true }, 'extra'],
    ['images:list', { account: 'x'.repeat(10_000), region: 'eu-west-1', view: 'owned' }, 'account'],
    ['images:get', { account: 'a1', region: 'eu-west-1', imageId: 'ami-zzz' }, 'imageId'],
    ['images:get', { account: 'a1', region: 'eu-west-1', imageId: ['ami-0123456789abcdef0'] }, 'imageId'],
    ['accounts:addAccessKey', { name: 'n', clientName: 'c', accessKeyId: 'not a key', secretAccessKey: 's'.repeat(40), defaultRegion: 'eu-west-1' }, 'accessKeyId'],
    ['accounts:addAccessKey', { name: 'n', clientName: 'c', accessKeyId: 'AKIAABCDEFGHIJKLMNOP', secretAccessKey: 's'.repeat(10_000), defaultRegion: 'eu-west-1' }, 'secretAccessKey'],
    ['accounts:addAccessKey', { name: 'n', clientName: 'c', accessKeyId: 'AKIAABCDEFGHIJKLMNOP', secretAccessKey: 's'.repeat(40), defaultRegion: 'eu-west-1', endpoint: 'file:///etc/passwd' }, 'endpoint'],
    ['workspace:get', { sneaky: 1 }, 'sneaky'],
  ];

  it.each(malformed)('rejects malformed input for %s (%#) and never calls the handler', async (channel, input, field) => {
    const { handlers, calls } = recordingHandlers();
    const out = await createRouter(handlers).handle(channel, input, trusted);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.error.code).toBe('VALIDATION');
    expect(out.error.retryable).toBe(false);
    expect(out.error.details?.issues?.join(' ')).toContain(field);
    expect(calls).toHaveLength(0);
  });

  it('turns a handler crash into an INTERNAL error and keeps serving', async () => {
    const { handlers } = recordingHandlers();
    const seen: string[] = [];
    const router = createRouter(handlers, { onInternalError: (channel) => seen.push(channel) });
    const bad = await router.handle('regions:list', { account: 'explode' }, trusted);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('boom') } });
    expect(seen).toEqual(['regions:list']);
    const good = await router.handle('regions:list', { account: 'fine' }, trusted);
    expect(good.ok).toBe(true);
  });

  it('survives a flood of random junk without a single unvalidated call', async () => {
    const { handlers, calls } = recordingHandlers();
    const router = createRouter(handlers);
    // Channels whose every field is optional (e.g. inventory:scan) accept `{}` too.
    const inputless: string[] = channelNames.filter((c) => channels[c].input.safeParse({}).success);
    expect(inputless).toContain('workspace:get');
    const junk: unknown[] = [0, -1, NaN, true, [], [1, 2], 'x', {}, { account: 1 }, { region: {} }, Symbol.for('s').toString(), { toString: 1 }];
    for (const channel of [...channelNames, 'nope', 42, null, undefined, {}]) {
      for (const input of junk) {
        const out = await router.handle(channel, input, trusted);
        if (out.ok) expect(inputless).toContain(channel);
      }
    }
    // Only the input-less channels accept `{}`; nothing else got through.
    expect(calls.every((c) => inputless.includes(c.channel))).toBe(true);
    expect(calls.every((c) => JSON.stringify(c.input) === '{}')).toBe(true);
  });
});
