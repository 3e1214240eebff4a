/**
 * The contract every payment provider implements. The payments layer speaks only this
 * vocabulary; each provider folder maps its vendor's objects and states onto it.
 * Differences between providers are capability flags, not `if (provider)` branches.
 */
export type ProviderName = 'stripe' | 'flitt';

export interface ProviderCapabilities {
  /** The provider keeps customer objects of its own (Stripe yes, Flitt no). */
  customers: boolean;
  /** A hosted billing portal exists. */
  billingPortal: boolean;
  /** Webhook endpoints can be registered through the API (needs a signing secret step otherwise). */
  registerWebhook: boolean;
  /** Webhooks are signed with a per-endpoint signing secret (Stripe) rather than the API key (Flitt). */
  signingSecret: boolean;
  /** Collection on a subscription can be paused and resumed. */
  pauseSubscription: boolean;
  /** Events can be listed after the fact (used to reconcile missed webhooks). */
  eventsApi: boolean;
  /** Subscriptions are scheduled from `recurring_data` (Flitt) rather than from a recurring price (Stripe). */
  recurringData: boolean;
}

export type CheckoutStatus = 'open' | 'complete' | 'expired' | 'canceled' | 'failed';
export type PaymentStatus = 'paid' | 'unpaid' | 'no_payment_required' | 'pending' | 'failed' | 'refunded';
export type SubscriptionStatus =
  | 'incomplete'
  | 'trialing'
  | 'active'
  | 'past_due'
  | 'stopped'
  | 'canceled'
  | 'ended';

export interface CatalogueLineItem {
  priceId: string;
  quantity: number;
  /** Unit amount in minor units, from the app's catalogue. */
  unitAmount: number;
  currency: string;
  name: string;
}

export type RecurringPeriod = 'day' | 'week' | 'month';

/** A subscription's charge calendar (Flitt's `recurring_data`), validated by the payments layer. */
export interface RecurringData {
  /** Amount of each scheduled charge, integer minor units. */
  amount: number;
  period: RecurringPeriod;
  every: number;
  quantity?: number;
  start_time?: string;
  end_time?: string;
  trial_period?: RecurringPeriod;
  trial_quantity?: number;
  state: 'y' | 'Y' | 'n' | 'N' | 'hidden' | 'shown_readonly';
  readonly?: 'y' | 'Y' | 'n' | 'N';
}

export interface CreateCheckoutInput {
  mode: 'payment' | 'subscription' | 'setup';
  lineItems: CatalogueLineItem[];
  providerCustomerId?: string | null;
  customerEmail?: string | null;
  /** paykit's own reference, echoed back by the provider in events. */
  reference: string;
  successUrl: string;
  cancelUrl: string;
  /** Where the provider sends its callback for this order (Flitt takes it per order). */
  callbackUrl: string;
  idempotencyKey: string;
  /** Other options of the provider's own API, passed through after validation. */
  passthrough: Record<string, unknown>;
  /** Flitt-style recurring schedule, already validated. */
  recurringData?: RecurringData;
}

export interface CheckoutState {
  providerSessionId: string;
  url: string | null;
  status: CheckoutStatus;
  paymentStatus: PaymentStatus;
  amountTotal: number | null;
  currency: string | null;
  providerCustomerId: string | null;
  paymentId: string | null;
  providerSubscriptionId: string | null;
  lineItems: Array<{ priceId: string | null; quantity: number; amountTotal: number | null }>;
  /** Monotonic version of this state at the provider (seconds), used to refuse stale writes. */
  version: number;
}

export interface SubscriptionState {
  providerSubscriptionId: string;
  providerCustomerId: string | null;
  status: SubscriptionStatus;
  priceId: string | null;
  currentPeriodStart: number | null;
  currentPeriodEnd: number | null;
  cancelAtPeriodEnd: boolean;
  version: number;
}

/** One recurring charge, in the same shape whatever the provider. */
export interface ChargeRecord {
  providerSubscriptionId: string | null;
  paymentId: string | null;
  amount: number;
  currency: string;
  status: 'succeeded' | 'failed';
  at: number;
}

/** A verified webhook, reduced to what paykit applies. */
export interface ProviderEvent {
  providerEventId: string;
  type: string;
  /** Provider's own time of the event, unix seconds. */
  created: number;
  providerCustomerId: string | null;
  checkout: CheckoutState | null;
  subscription: SubscriptionState | null;
  charge: ChargeRecord | null;
  /** The event as received, stored verbatim in the event log. */
  payload: unknown;
  /** The body exactly as the provider sent it, when that is the JSON of `payload`: stored as is instead of serialising `payload` again. */
  payloadJson?: string;
}

export interface WebhookInput {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
  /** Every secret that may have signed it (several during a rotation). */
  signingSecrets: string[];
  now?: number;
}

export interface PaymentProvider {
  readonly name: ProviderName;
  readonly capabilities: ProviderCapabilities;
  /** Proves the secret key works; throws ProviderAuthError with the provider's message otherwise. */
  verifyCredentials(): Promise<void>;
  createCustomer(input: { email: string; idempotencyKey: string }): Promise<{ providerCustomerId: string }>;
  findCustomerByEmail(email: string): Promise<string | null>;
  createCheckout(input: CreateCheckoutInput): Promise<CheckoutState>;
  retrieveCheckout(providerSessionId: string): Promise<CheckoutState>;
  createBillingPortal(input: { providerCustomerId: string; returnUrl: string }): Promise<{ url: string }>;
  registerWebhook(input: { url: string; events: string[] }): Promise<{ endpointId: string; signingSecret: string }>;
  /** Verifies the signature (throws InvalidSignatureError) and normalises the event. */
  parseWebhook(input: WebhookInput): Promise<ProviderEvent>;
  retrieveSubscription(providerSubscriptionId: string): Promise<SubscriptionState>;
  stopSubscription(providerSubscriptionId: string): Promise<SubscriptionState>;
  startSubscription(providerSubscriptionId: string): Promise<SubscriptionState>;
  cancelSubscription(providerSubscriptionId: string, options: { atPeriodEnd: boolean }): Promise<SubscriptionState>;
}
