import type { SecretBox } from '../../security/secret-box.js';
import type { ConfigurationRow } from '../../storage/repositories/configurations.js';

/** The record a secret belongs to is part of its authenticated data: a sealed value cannot be moved to another app. */
export const secretContext = (appId: string, field: SecretField) => `${appId}:${field}`;

/** The sealed fields; each is named in its secret's authenticated data. */
export type SecretField = 'secret_key' | 'signing_secrets' | 'user_token_secret';

export function openSecretKey(box: SecretBox, row: ConfigurationRow): string {
  return box.open(row.secret_key_sealed, secretContext(row.app_id, 'secret_key'));
}

export function openSigningSecrets(box: SecretBox, row: ConfigurationRow): string[] {
  if (!row.signing_secrets_sealed) return [];
  const secrets: unknown = JSON.parse(box.open(row.signing_secrets_sealed, secretContext(row.app_id, 'signing_secrets')));
  return Array.isArray(secrets) ? secrets.map(String) : [];
}

export function sealSigningSecrets(box: SecretBox, appId: string, secrets: string[]): string {
  return box.seal(JSON.stringify(secrets), secretContext(appId, 'signing_secrets'));
}
