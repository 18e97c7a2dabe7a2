/** The last resort: failures nobody waits for are written down, told, and do not end the process. */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FaultLog, installLastResort } from '../../electron/core/faults';

const dir = mkdtempSync(join(tmpdir(), 'atlas-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the fault log', () => {
  it('writes one JSON line per fault with its stack, and names the file without its folder', () => {
    const file = join(dir, 'faults.log');
    const log = new FaultLog(file);
    const fault = log.record('the inventory scan', new Error('boom'), new Date('2026-12-03T08:00:00Z'));
    expect(fault).toEqual({ what: 'the inventory scan', message: 'boom', at: '2026-12-03T08:00:00.000Z', logName: 'faults.log' });
    const line = JSON.parse(readFileSync(file, 'utf8').trim()) as { what: string; message: string; stack: string };
    expect(line).toMatchObject({ what: 'the inventory scan', message: 'boom' });
    expect(line.stack).toContain('faults.test');
  });

  it('starts again past 1 MiB, keeping the previous log', () => {
    const file = join(dir, 'big.log');
    writeFileSync(file, 'x'.repeat(1024 * 1024 + 1));
    new FaultLog(file).record('a background task', 'late');
    expect(statSync(`${file}.1`).size).toBe(1024 * 1024 + 1);
    expect(readFileSync(file, 'utf8')).toContain('"late"');
  });

  it('never throws: a log it cannot write still tells the user, without a file name', () => {
    const fault = new FaultLog(join(dir, 'missing', 'deeper', 'faults.log')).record('a background task', new Error('disk gone'));
    expect(fault).toMatchObject({ message: 'disk gone', logName: null });
    expect(new FaultLog(null).record('x', 'y').logName).toBeNull();
  });

  it('routes an unhandled rejection to the report instead of ending the process', async () => {
    const seen: Array<[string, unknown]> = [];
    const remove = installLastResort((what, error) => seen.push([what, error]));
    try {
      void Promise.reject(new Error('nobody waited for me'));
      await new Promise((r) => setTimeout(r, 20));
    } finally {
      remove();
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]![0]).toBe('a background task');
    expect((seen[0]![1] as Error).message).toBe('nobody waited for me');
  });
});
