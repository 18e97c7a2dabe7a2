/** Replacing the AWS config file safely: the old one kept as FILE.bak, the new one put in place with one rename. */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';

/** The AWS config file the AWS CLI reads: AWS_CONFIG_FILE, else ~/.aws/config. */
export function awsConfigFile(configured?: string, env: NodeJS.ProcessEnv = process.env): string {
  return configured ?? env.AWS_CONFIG_FILE ?? path.join(os.homedir(), '.aws', 'config');
}

/** The file's text, or '' when there is none yet. */
export async function readConfigFile(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
}

/** Keeps the old file as FILE.bak, then puts the new one in place with one rename (same mode). */
export async function replaceConfigFile(file: string, text: string, backup: boolean): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const mode = await stat(file).then(
    (s) => s.mode & 0o777,
    () => 0o600,
  );
  if (backup) await copyFile(file, `${file}.bak`);
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, { mode, flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

