/**
 * Copy names and the job store: what the confirm sheet shows and what survives a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nameProblem, renderTemplate, unknownTokens } from '../../shared/copy-names';
import { openDatabase } from '../../electron/core/db/database';
import { JobStore, publicJob } from '../../electron/core/jobs/job-store';

describe('copy names', () => {
  const values = { name: 'golden-base', region: 'eu-west-1', sourceRegion: 'us-east-1', imageId: 'ami-0123456789abcdef0', date: '2026-11-28' };

  it('fills in every token', () => {
    expect(renderTemplate('{name}-{region}', values)).toBe('golden-base-eu-west-1');
    expect(renderTemplate('{name} from {sourceRegion} ({imageId}) {date}', values)).toBe('golden-base from us-east-1 (ami-0123456789abcdef0) 2026-11-28');
  });

  it('reports unknown tokens and names AWS would refuse', () => {
    expect(unknownTokens('{name}-{regoin}')).toEqual(['{regoin}']);
    expect(nameProblem('ab')).toMatch(/Too short/);
    expect(nameProblem('a'.repeat(129))).toMatch(/at most 128/);
    expect(nameProblem('golden#1')).toMatch(/Only letters, digits/);
    expect(nameProblem("golden (v1) [x] ./-'@_")).toBeNull();
  });
});

describe('the job store', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('keeps jobs, their token and state across a reopen, and hides the token from the page', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-jobs-'));
    dirs.push(dir);
    const file = join(dir, 'atlas.db');
    const first = new JobStore(openDatabase(file), 'user');
    const job = first.add({
      source: { account: 'a1', region: 'us-east-1', imageId: 'ami-0123456789abcdef0', name: 'golden' },
      destination: { account: 'a1', accountName: 'Build', region: 'eu-west-1' },
      name: 'golden-eu-west-1',
      description: '',
      encrypted: false,
      kmsKeyArn: null,
      copyTags: true,
      clientToken: 'token-1',
      appTag: true,
    });
    first.update(job.id, { state: 'copying', newImageId: 'ami-0fedcba9876543210', progress: 42.4 });

    const again = new JobStore(openDatabase(file), 'user');
    expect(again.active()).toHaveLength(1);
    expect(again.get(job.id)).toMatchObject({ state: 'copying', newImageId: 'ami-0fedcba9876543210', progress: 42, clientToken: 'token-1' });
    expect(JSON.stringify(publicJob(again.get(job.id)!))).not.toContain('token-1');

    again.update(job.id, { state: 'available', progress: 100 });
    expect(again.active()).toEqual([]);
    again.clearFinished();
    expect(again.list()).toEqual([]);
  });
});
