/** Migration 13: AWS's account id is stored as `awsAccountId` in share recipients and in the AMIs a build made. */
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../electron/core/db/migrations';

describe('migration 13', () => {
  it('renames accountId in recipients and build AMIs, and leaves everything else as it was', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('CREATE TABLE audit_log (id INTEGER PRIMARY KEY, added_json TEXT, removed_json TEXT); CREATE TABLE builder_runs (id INTEGER PRIMARY KEY, amis_json TEXT)');
    db.prepare('INSERT INTO audit_log VALUES (1, ?, ?)').run(
      JSON.stringify([{ kind: 'account', accountId: '111111111111' }, { kind: 'organization', arn: 'arn:aws:organizations::111111111111:organization/o-abc' }, { kind: 'public' }]),
      JSON.stringify([{ kind: 'account', accountId: '222222222222' }]),
    );
    db.prepare('INSERT INTO audit_log VALUES (2, ?, ?)').run('[]', '[]');
    db.prepare('INSERT INTO builder_runs VALUES (1, ?)').run(JSON.stringify([{ region: 'us-east-1', imageId: 'ami-1', name: 'golden', accountId: '333333333333' }]));

    migrations.find((m) => m.version === 13)!.run!(db);

    const audit = db.prepare('SELECT added_json, removed_json FROM audit_log ORDER BY id').all() as Array<{ added_json: string; removed_json: string }>;
    expect(JSON.parse(audit[0]!.added_json)).toEqual([
      { kind: 'account', awsAccountId: '111111111111' },
      { kind: 'organization', arn: 'arn:aws:organizations::111111111111:organization/o-abc' },
      { kind: 'public' },
    ]);
    expect(JSON.parse(audit[0]!.removed_json)).toEqual([{ kind: 'account', awsAccountId: '222222222222' }]);
    expect(audit[1]).toEqual({ added_json: '[]', removed_json: '[]' });
    const run = db.prepare('SELECT amis_json FROM builder_runs').get() as { amis_json: string };
    expect(JSON.parse(run.amis_json)).toEqual([{ region: 'us-east-1', imageId: 'ami-1', name: 'golden', awsAccountId: '333333333333' }]);
  });
});
