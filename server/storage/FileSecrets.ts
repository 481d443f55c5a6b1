import path from 'node:path';
import { checkId } from './checkId.ts';
import { FILE_MODE, readIfPresent, writeFileOnce } from './fsUtil.ts';
import { isSecretName, type SecretName, type SecretStorage } from './SecretStorage.ts';

/**
 * Secrets as `<dataDir>/secrets/<name>`: the value and a newline, 0600 in a
 * 0700 folder, written once (temp file, fsync, hard link that fails if the
 * name exists, directory fsync). Reading trims the line end, so a secret
 * file written by hand with or without a newline reads the same.
 */
export class FileSecrets implements SecretStorage {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'secrets');
  }

  private file(name: SecretName): string {
    checkId('secret', name, isSecretName);
    return path.join(this.dir, name);
  }

  async read(name: SecretName): Promise<string | null> {
    const bytes = await readIfPresent(this.file(name));
    return bytes === null ? null : bytes.toString('utf8').trim();
  }

  async create(name: SecretName, value: string): Promise<void> {
    await writeFileOnce(this.file(name), value + '\n', FILE_MODE);
  }
}
