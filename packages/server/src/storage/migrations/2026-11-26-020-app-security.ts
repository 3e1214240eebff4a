import type { Kysely } from 'kysely';

/** Per-app access settings: the app's own user tokens (HS256 secret sealed, or a JWKS URL) and its CORS allow-list. */
export function appSecurity() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('app_security')
        .addColumn('app_id', 'text', (c) => c.primaryKey())
        .addColumn('user_token_secret_sealed', 'text')
        .addColumn('user_token_jwks_url', 'text')
        .addColumn('user_token_issuer', 'text')
        .addColumn('user_token_audience', 'text')
        .addColumn('allowed_origins', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
