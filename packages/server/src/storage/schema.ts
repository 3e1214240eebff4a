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
}

/** A database or a transaction: repositories take either as their first argument. */
export type Db = Kysely<Database> | Transaction<Database>;
export type Dialect = 'sqlite' | 'postgres';
