import type { Kysely } from 'kysely';
import type { Dialect } from '../schema.js';

/**
 * Deliveries the event table does not keep: duplicates (acknowledged, not applied again) and
 * rejections (bad signature, unreadable body). Only the reason is kept, never the payload or a header.
 */
export function webhookReceipts(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('webhook_receipt')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('app_id', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('provider_event_id', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('code', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('webhook_receipt_app_received').on('webhook_receipt').columns(['app_id', 'received_at']).execute();
      // The console's feed and "last event received" read an app's newest events.
      await db.schema.createIndex('event_app_received').on('event').columns(['app_id', 'received_at']).execute();
    },
  };
}
