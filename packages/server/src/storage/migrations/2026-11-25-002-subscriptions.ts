import type { Kysely } from 'kysely';

/** Recurring charges in one shape for every provider, and what a subscription's schedule needs. */
export function subscriptions() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('event').addColumn('charge', 'text').execute();
      await db.schema.alterTable('checkout_session').addColumn('recurring_data', 'text').execute();
      await db.schema.alterTable('subscription').addColumn('checkout_id', 'text').execute();
      await db.schema.alterTable('subscription').addColumn('recurring_data', 'text').execute();
      await db.schema.alterTable('subscription').addColumn('started_at', 'bigint').execute();
      await db.schema
        .createTable('charge')
        .addColumn('app_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('subscription_id', 'text')
        .addColumn('customer_id', 'text')
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('created_seconds', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('charge_pk', ['app_id', 'id', 'status'])
        .execute();
      await db.schema.createIndex('charge_subscription').on('charge').columns(['app_id', 'subscription_id', 'created_seconds']).execute();
    },
  };
}
