/**
 * The folders exports were written to, most recent first (the app's database; the CLI's own),
 * so that temporary files a crash left there can be removed at the next start. Only the most
 * recent few are kept: the sweep stays small however many places people export to.
 */
import type { Database } from '../db/database';
import { removeStalePartials } from './export-file';

export const EXPORT_FOLDERS_KEPT = 20;

export class ExportFolders {
  constructor(
    private readonly db: Database,
    private readonly keep = EXPORT_FOLDERS_KEPT,
  ) {}

  /** Called before an export starts, so a crash during it is cleaned up after. Never throws. */
  remember(folder: string): void {
    try {
      this.db
        .prepare('INSERT INTO export_folders (folder, used_at) VALUES (?, ?) ON CONFLICT (folder) DO UPDATE SET used_at = excluded.used_at')
        .run(folder, new Date().toISOString());
      this.db.prepare('DELETE FROM export_folders WHERE folder NOT IN (SELECT folder FROM export_folders ORDER BY used_at DESC LIMIT ?)').run(this.keep);
    } catch {
      // Housekeeping: a database that cannot be written now must not stop the export.
    }
  }

  list(): string[] {
    return (this.db.prepare('SELECT folder FROM export_folders ORDER BY used_at DESC LIMIT ?').all(this.keep) as Array<{ folder: string }>).map((r) => r.folder);
  }

  /** Removes what crashed exports left in these folders before this process started. */
  sweep(startedAt: number = performance.timeOrigin): Promise<string[]> {
    let folders: string[];
    try {
      folders = this.list();
    } catch {
      return Promise.resolve([]);
    }
    return removeStalePartials(folders, startedAt);
  }
}
