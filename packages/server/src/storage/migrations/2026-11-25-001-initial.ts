import type { Kysely } from 'kysely';
import type { Dialect } from '../schema.js';

/** The first schema. Tables are singular snake_case; times are unix milliseconds (bigint). */
export function initial(dialect: Dialect) {
  const serial = dialect === 'postgres' ? 'serial' : 'integer';
  const autoIncrement = dialect === 'sqlite';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('organisation')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('studio_token')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('app')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('app_key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('data_source')
        .addColumn('id', serial, (c) => (autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
        .addColumn('app_id', 'text', (c) => c.notNull().references('app.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('data_source_entry')
        .addColumn('id', serial, (c) => (autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('data_source_id', 'integer', (c) => c.notNull().references('data_source.id').onDelete('cascade'))
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('data_source_entry_source').on('data_source_entry').columns(['data_source_id', 'id']).execute();
      await db.schema
        .createTable('payment_configuration')
        .addColumn('app_id', 'text', (c) => c.primaryKey().references('app.id'))
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('secret_key_sealed', 'text', (c) => c.notNull())
        .addColumn('signing_secrets_sealed', 'text')
        .addColumn('products_data_source_id', 'integer', (c) => c.notNull())
        .addColumn('webhook_token', 'text', (c) => c.notNull().unique())
        .addColumn('webhook_endpoint_id', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('customer')
        .addColumn('app_id', 'text', (c) => c.notNull().references('app.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('provider_customer_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('customer_pk', ['app_id', 'id'])
        .addUniqueConstraint('customer_app_email', ['app_id', 'email'])
        .execute();
      await db.schema
        .createTable('checkout_session')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('app_id', 'text', (c) => c.notNull().references('app.id'))
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('provider_session_id', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('payment_status', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('amount_total', 'bigint')
        .addColumn('currency', 'text')
        .addColumn('payment_id', 'text')
        .addColumn('provider_subscription_id', 'text')
        .addColumn('line_items', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('return_url', 'text')
        .addColumn('version', 'bigint', (c) => c.notNull())
        .addColumn('returned_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('checkout_session_provider', ['app_id', 'provider_session_id'])
        .execute();
      await db.schema
        .createTable('subscription')
        .addColumn('app_id', 'text', (c) => c.notNull().references('app.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('price_id', 'text')
        .addColumn('current_period_start', 'bigint')
        .addColumn('current_period_end', 'bigint')
        .addColumn('cancel_at_period_end', 'integer', (c) => c.notNull())
        .addColumn('version', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('subscription_pk', ['app_id', 'id'])
        .execute();
      await db.schema.createIndex('subscription_customer').on('subscription').columns(['app_id', 'customer_id']).execute();
      await db.schema
        .createTable('event')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn('app_id', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('provider_event_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text')
        .addColumn('created_seconds', 'bigint', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addUniqueConstraint('event_provider_id', ['app_id', 'provider', 'provider_event_id'])
        .execute();
      // getLogs reads one customer's events newest first, optionally of some types: both orders are index scans.
      await db.schema
        .createIndex('event_customer_created')
        .on('event')
        .columns(['app_id', 'customer_id', 'created_seconds', 'id'])
        .execute();
      await db.schema
        .createIndex('event_customer_type_created')
        .on('event')
        .columns(['app_id', 'customer_id', 'type', 'created_seconds', 'id'])
        .execute();
      await db.schema
        .createTable('idempotency_key')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('response_body', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_key_pk', ['scope', 'key'])
        .execute();
      await db.schema.createIndex('idempotency_key_created').on('idempotency_key').column('created_at').execute();
    },
  };
}
