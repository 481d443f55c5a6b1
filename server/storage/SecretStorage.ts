/**
 * Secrets the server generates once when the configuration gives none
 * (server/app/resolveSecrets.ts): the token signing secret and the
 * organiser key. Written once and never replaced, so tokens and the
 * organiser's link survive restarts.
 */
export interface SecretStorage {
  /** The secret, or null if it was never created. */
  read(name: SecretName): Promise<string | null>;
  /** Stores a new secret durably; refuses if it exists (the stored one stays). */
  create(name: SecretName, value: string): Promise<void>;
}

export const SECRET_NAMES = ['token-secret', 'organiser-key'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/** The names are file names: anything else is refused before a path is built. */
export function isSecretName(name: string): name is SecretName {
  return (SECRET_NAMES as readonly string[]).includes(name);
}
