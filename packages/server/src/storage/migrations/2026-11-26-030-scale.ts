import type { Kysely } from 'kysely';

/**
 * - getLogs: the customer's event indexes in the query's own order (created_seconds desc, id desc),
 *   replacing the ascending ones, so a page is read straight off the index with no sort.
 * - job_lock: background jobs claimed by one server at a time (storage/repositories/jobs.ts).
 */
export function scale() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('event_customer_newest')
        .on('event')
        .columns(['app_id', 'customer_id', 'created_seconds desc', 'id desc'])
        .execute();
      await db.schema
        .createIndex('event_customer_type_newest')
        .on('event')
        .columns(['app_id', 'customer_id', 'type', 'created_seconds desc', 'id desc'])
        .execute();
      await db.schema.dropIndex('event_customer_created').execute();
      await db.schema.dropIndex('event_customer_type_created').execute();
      await db.schema
        .createTable('job_lock')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('owner', 'text')
        .addColumn('locked_until', 'bigint', (c) => c.notNull())
        .addColumn('last_started_at', 'bigint')
        .addColumn('last_finished_at', 'bigint')
        .execute();
    },
  };
}
