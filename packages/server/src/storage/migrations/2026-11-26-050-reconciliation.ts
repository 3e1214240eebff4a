import type { Kysely } from 'kysely';

/** reconciliation_cursor: per app, the newest provider event time the reconciliation job has listed. */
export function reconciliation() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('reconciliation_cursor')
        .addColumn('app_id', 'text', (c) => c.primaryKey())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('last_created_seconds', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
