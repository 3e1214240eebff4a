import type { Generated, Kysely, Transaction } from 'kysely';

/** Times are unix milliseconds unless named `*_seconds`; JSON is stored as text on both dialects. */
export interface OrganisationTable {
  id: string;
  name: string;
  created_at: number;
}

export interface StudioTokenTable {
  token_hash: string;
  organisation_id: string;
  created_at: number;
}

export interface AppTable {
  id: string;
  organisation_id: string;
  name: string;
  app_key_hash: string;
  created_at: number;
}

export interface DataSourceTable {
  id: Generated<number>;
  organisation_id: string;
  app_id: string;
  name: string;
  created_at: number;
}

export interface DataSourceEntryTable {
  id: Generated<number>;
  data_source_id: number;
  data: string;
  created_at: number;
  updated_at: number;
}

export interface PaymentConfigurationTable {
  app_id: string;
  provider: string;
  public_key: string;
  secret_key_sealed: string;
  /** A sealed JSON array: several secrets verify during a rotation. */
  signing_secrets_sealed: string | null;
  products_data_source_id: number;
  webhook_token: string;
  webhook_endpoint_id: string | null;
  updated_at: number;
}

export interface CustomerTable {
  app_id: string;
  id: string;
  email: string;
  provider: string;
  provider_customer_id: string;
  created_at: number;
}

export interface CheckoutSessionTable {
  id: string;
  app_id: string;
  provider: string;
  provider_session_id: string;
  customer_id: string | null;
  status: string;
  payment_status: string;
  mode: string;
  amount_total: number | null;
  currency: string | null;
  payment_id: string | null;
  provider_subscription_id: string | null;
  line_items: string;
  url: string | null;
  return_url: string | null;
  version: number;
  returned_at: number | null;
  created_at: number;
  updated_at: number;
  recurring_data: string | null;
}

export interface SubscriptionTable {
  app_id: string;
  id: string;
  provider: string;
  customer_id: string | null;
  status: string;
  price_id: string | null;
  current_period_start: number | null;
  current_period_end: number | null;
  cancel_at_period_end: number;
  version: number;
  updated_at: number;
  checkout_id: string | null;
  recurring_data: string | null;
  started_at: number | null;
}

export interface EventTable {
  id: Generated<number>;
  app_id: string;
  provider: string;
  provider_event_id: string;
  type: string;
  customer_id: string | null;
  /** The provider's own time of the event, unix seconds. */
  created_seconds: number;
  received_at: number;
  payload: string;
  /** applied | stale | recorded */
  outcome: string;
  /** A recurring charge in paykit's own shape (JSON), whatever the provider. */
  charge: string | null;
}

export interface ChargeTable {
  app_id: string;
  id: string;
  status: string;
  provider: string;
  subscription_id: string | null;
  customer_id: string | null;
  amount: number;
  currency: string;
  created_seconds: number;
}

export interface IdempotencyKeyTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
  created_at: number;
}

export interface AppSecurityTable {
  app_id: string;
  /** The HS256 secret that signs the app's user tokens, sealed with the secret box. */
  user_token_secret_sealed: string | null;
  /** Or the JWKS URL that holds the app's user token keys. */
  user_token_jwks_url: string | null;
  user_token_issuer: string | null;
  user_token_audience: string | null;
  /** JSON array of origins allowed to call the app's routes from a browser; null allows any. */
  allowed_origins: string | null;
  updated_at: number;
}

/** Webhook deliveries the event table does not keep: duplicates and rejections (reason only, never the payload). */
export interface WebhookReceiptTable {
  id: Generated<number>;
  app_id: string;
  provider: string;
  provider_event_id: string | null;
  /** duplicate | rejected */
  outcome: string;
  code: string | null;
  reason: string;
  received_at: number;
}

/** One row per background job: which server holds it and until when (storage/repositories/jobs.ts). */
export interface JobLockTable {
  name: string;
  owner: string | null;
  locked_until: number;
  last_started_at: number | null;
  last_finished_at: number | null;
}

/** Per app, how far the reconciliation job has listed the provider's events (unix seconds). */
export interface ReconciliationCursorTable {
  app_id: string;
  provider: string;
  last_created_seconds: number;
  updated_at: number;
}

export interface Database {
  organisation: OrganisationTable;
  studio_token: StudioTokenTable;
  app: AppTable;
  data_source: DataSourceTable;
  data_source_entry: DataSourceEntryTable;
  payment_configuration: PaymentConfigurationTable;
  customer: CustomerTable;
  checkout_session: CheckoutSessionTable;
  subscription: SubscriptionTable;
  event: EventTable;
  charge: ChargeTable;
  idempotency_key: IdempotencyKeyTable;
  webhook_receipt: WebhookReceiptTable;
  app_security: AppSecurityTable;
  job_lock: JobLockTable;
  reconciliation_cursor: ReconciliationCursorTable;
}

/** A database or a transaction: repositories take either as their first argument. */
export type Db = Kysely<Database> | Transaction<Database>;
export type Dialect = 'sqlite' | 'postgres';
