/** The emulator's own state. Wire objects are rendered from it by the resource files. */
export interface CustomerState {
  id: string;
  created: number;
  email: string | null;
  name: string | null;
  description: string | null;
  phone: string | null;
  metadata: Record<string, string>;
  testClock: string | null;
  /** The card the customer last paid with; 4000000000000341 makes later charges fail. */
  card: string | null;
  deleted: boolean;
}

export interface ProductState {
  id: string;
  created: number;
  updated: number;
  name: string;
  description: string | null;
  active: boolean;
  metadata: Record<string, string>;
  defaultPrice: string | null;
}

export interface Recurring {
  interval: 'day' | 'week' | 'month' | 'year';
  intervalCount: number;
}

export interface PriceState {
  id: string;
  created: number;
  product: string;
  currency: string;
  unitAmount: number;
  recurring: Recurring | null;
  active: boolean;
  nickname: string | null;
  lookupKey: string | null;
  metadata: Record<string, string>;
}

export interface LineItemState {
  id: string;
  price: string;
  quantity: number;
}

export interface SessionState {
  id: string;
  created: number;
  expiresAt: number;
  mode: 'payment' | 'subscription' | 'setup';
  status: 'open' | 'complete' | 'expired';
  paymentStatus: 'paid' | 'unpaid' | 'no_payment_required';
  lineItems: LineItemState[];
  currency: string | null;
  amountSubtotal: number | null;
  amountTotal: number | null;
  customer: string | null;
  customerEmail: string | null;
  successUrl: string | null;
  cancelUrl: string | null;
  clientReferenceId: string | null;
  metadata: Record<string, string>;
  paymentMethodTypes: string[];
  paymentIntent: string | null;
  subscription: string | null;
  invoice: string | null;
  lastError: string | null;
  trialDays: number | null;
  subscriptionMetadata: Record<string, string>;
}

export interface PaymentIntentState {
  id: string;
  created: number;
  amount: number;
  currency: string;
  customer: string | null;
  status: 'succeeded' | 'requires_payment_method';
  description: string | null;
  metadata: Record<string, string>;
  lastError: { code: string; declineCode: string; message: string } | null;
}

export interface SubscriptionItemState {
  id: string;
  price: string;
  quantity: number;
}

export interface SubscriptionState {
  id: string;
  created: number;
  customer: string;
  status: 'active' | 'past_due' | 'canceled' | 'trialing' | 'incomplete' | 'unpaid' | 'paused';
  items: SubscriptionItemState[];
  currency: string;
  currentPeriodStart: number;
  currentPeriodEnd: number;
  billingCycleAnchor: number;
  cancelAtPeriodEnd: boolean;
  /** A fixed end (`cancel_at`) set on the subscription; absent in state persisted before it existed. */
  cancelAt?: number | null;
  canceledAt: number | null;
  endedAt: number | null;
  pauseCollection: { behavior: 'keep_as_draft' | 'mark_uncollectible' | 'void'; resumesAt: number | null } | null;
  latestInvoice: string | null;
  metadata: Record<string, string>;
  testClock: string | null;
  trialStart: number | null;
  trialEnd: number | null;
  recurring: Recurring;
}

export interface InvoiceState {
  id: string;
  created: number;
  customer: string;
  subscription: string | null;
  status: 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';
  billingReason: 'subscription_create' | 'subscription_cycle' | 'manual';
  currency: string;
  amountDue: number;
  amountPaid: number;
  periodStart: number;
  periodEnd: number;
  lines: Array<{ id: string; price: string; quantity: number; amount: number; periodStart: number; periodEnd: number }>;
  attemptCount: number;
  paymentIntent: string | null;
  testClock: string | null;
}

export interface PortalSessionState {
  id: string;
  created: number;
  customer: string;
  returnUrl: string | null;
}

export interface WebhookEndpointState {
  id: string;
  created: number;
  url: string;
  enabledEvents: string[];
  secret: string;
  status: 'enabled' | 'disabled';
  description: string | null;
  metadata: Record<string, string>;
  apiVersion: string | null;
}

export interface EventState {
  id: string;
  created: number;
  type: string;
  object: Record<string, unknown>;
  previousAttributes: Record<string, unknown> | null;
  requestId: string | null;
  idempotencyKey: string | null;
}

export interface TestClockState {
  id: string;
  created: number;
  frozenTime: number;
  name: string | null;
  status: 'ready' | 'advancing';
  deletesAfter: number;
}

export interface IdempotentResponse {
  fingerprint: string;
  statusCode: number;
  body: unknown;
}

/** Everything one API key (one account) owns; several keys are separate accounts. */
export interface AccountState {
  customers: Record<string, CustomerState>;
  products: Record<string, ProductState>;
  prices: Record<string, PriceState>;
  sessions: Record<string, SessionState>;
  paymentIntents: Record<string, PaymentIntentState>;
  subscriptions: Record<string, SubscriptionState>;
  invoices: Record<string, InvoiceState>;
  portalSessions: Record<string, PortalSessionState>;
  webhookEndpoints: Record<string, WebhookEndpointState>;
  events: EventState[];
  testClocks: Record<string, TestClockState>;
  idempotency: Record<string, IdempotentResponse>;
}

export function emptyAccount(): AccountState {
  return {
    customers: {},
    products: {},
    prices: {},
    sessions: {},
    paymentIntents: {},
    subscriptions: {},
    invoices: {},
    portalSessions: {},
    webhookEndpoints: {},
    events: [],
    testClocks: {},
    idempotency: {},
  };
}
