import { checkId } from './checkId.ts';
import { isSecretName, type SecretName, type SecretStorage } from './SecretStorage.ts';
import { WriteFaults } from './WriteFaults.ts';

/** Secrets in memory, for tests. */
export class MemorySecrets implements SecretStorage {
  private readonly secrets = new Map<string, string>();

  constructor(private readonly faults = new WriteFaults()) {}

  async read(name: SecretName): Promise<string | null> {
    checkId('secret', name, isSecretName);
    return this.secrets.get(name) ?? null;
  }

  async create(name: SecretName, value: string): Promise<void> {
    checkId('secret', name, isSecretName);
    this.faults.check();
    if (this.secrets.has(name)) throw new Error(`secret ${name} exists`);
    this.secrets.set(name, value);
  }
}
