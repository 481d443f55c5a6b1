import { randomBytes } from 'node:crypto';
import type { Config } from '../core/config.ts';
import type { SecretName, SecretStorage } from '../storage/SecretStorage.ts';

/**
 * Fills in secrets the environment did not give: each is generated once and
 * kept in `secrets` (files: `<dataDir>/secrets/`, mode 0600), so tokens and
 * the organiser key survive restarts.
 */
export async function resolveSecrets(config: Config, secrets: SecretStorage): Promise<Config> {
  const load = async (given: string, name: SecretName): Promise<string> => {
    if (given) return given;
    const kept = await secrets.read(name);
    if (kept !== null) return kept;
    const value = randomBytes(24).toString('base64url');
    await secrets.create(name, value);
    return value;
  };
  return {
    ...config,
    tokenSecret: await load(config.tokenSecret, 'token-secret'),
    organiserKey: await load(config.organiserKey, 'organiser-key'),
  };
}
