import type Stripe from 'stripe';
import { withErrorMapping } from '../errors.js';
import type {
  CheckoutState,
  CreateCheckoutInput,
  PaymentProvider,
  ProviderCapabilities,
  SubscriptionState,
  WebhookInput,
} from '../provider.js';
import { createStripeClient } from './client.js';
import { mapStripeError } from './errors.js';
import { toCheckoutState, toSubscriptionState } from './status.js';
import { toProviderEvent, verifyStripeWebhook } from './webhook.js';

export interface StripeProviderConfig {
  secretKey: string;
  publicKey?: string;
  /** Base URL of a wire-compatible emulator; unset talks to Stripe. */
  apiUrl?: string;
}

const CAPABILITIES: ProviderCapabilities = {
  customers: true,
  billingPortal: true,
  registerWebhook: true,
  signingSecret: true,
  pauseSubscription: true,
  eventsApi: true,
  recurringData: false,
};

const now = () => Math.floor(Date.now() / 1000);

/** The reference passes `payment_method_types`; the pinned API version names it `allowed_payment_method_types`. */
function checkoutParams(input: CreateCheckoutInput): Stripe.Checkout.SessionCreateParams {
  const { payment_method_types: methodTypes, ...passthrough } = input.passthrough;
  const params: Stripe.Checkout.SessionCreateParams = {
    ...passthrough,
    mode: input.mode,
    line_items: input.lineItems.map((item) => ({ price: item.priceId, quantity: item.quantity })),
    success_url: input.successUrl,
    cancel_url: input.cancelUrl,
    client_reference_id: input.reference,
    metadata: { ...(passthrough.metadata as Record<string, string> | undefined), paykit_reference: input.reference },
  };
  if (Array.isArray(methodTypes) && !params.allowed_payment_method_types) {
    params.allowed_payment_method_types = methodTypes.map(String) as Stripe.Checkout.SessionCreateParams.AllowedPaymentMethodType[];
  }
  if (input.providerCustomerId) params.customer = input.providerCustomerId;
  else if (input.customerEmail) params.customer_email = input.customerEmail;
  return params;
}

/** Stripe through the official SDK; an emulator is reached by changing only the base URL. */
export function createStripeProvider(config: StripeProviderConfig, client?: Stripe): PaymentProvider {
  const stripe = client ?? createStripeClient({ secretKey: config.secretKey, apiUrl: config.apiUrl });
  const call = withErrorMapping(mapStripeError);
  const subscriptionState = (subscription: Stripe.Subscription): SubscriptionState =>
    toSubscriptionState(subscription, now());

  return {
    name: 'stripe',
    capabilities: CAPABILITIES,

    async verifyCredentials() {
      await call(() => stripe.customers.list({ limit: 1 }));
    },

    async createCustomer({ email, idempotencyKey }) {
      const customer = await call(() => stripe.customers.create({ email }, { idempotencyKey }));
      return { providerCustomerId: customer.id };
    },

    async findCustomerByEmail(email) {
      const list = await call(() => stripe.customers.list({ email, limit: 1 }));
      return list.data[0]?.id ?? null;
    },

    async createCheckout(input): Promise<CheckoutState> {
      const session = await call(() =>
        stripe.checkout.sessions.create(
          { ...checkoutParams(input), expand: ['line_items'] },
          { idempotencyKey: input.idempotencyKey },
        ),
      );
      return toCheckoutState(session, session.created);
    },

    async retrieveCheckout(providerSessionId) {
      const session = await call(() => stripe.checkout.sessions.retrieve(providerSessionId, { expand: ['line_items'] }));
      return toCheckoutState(session, now());
    },

    async createBillingPortal({ providerCustomerId, returnUrl }) {
      const session = await call(() =>
        stripe.billingPortal.sessions.create({ customer: providerCustomerId, return_url: returnUrl }),
      );
      return { url: session.url };
    },

    async registerWebhook({ url, events }) {
      const endpoint = await call(() =>
        stripe.webhookEndpoints.create({
          url,
          enabled_events: events as Stripe.WebhookEndpointCreateParams.EnabledEvent[],
          description: 'paykit',
        }),
      );
      if (!endpoint.secret) throw mapStripeError(new Error('Stripe returned no signing secret for the new endpoint.'));
      return { endpointId: endpoint.id, signingSecret: endpoint.secret };
    },

    async parseWebhook(input: WebhookInput) {
      return { ...toProviderEvent(verifyStripeWebhook(stripe, input)), payloadJson: input.rawBody.toString('utf8') };
    },

    async retrieveSubscription(id) {
      return subscriptionState(await call(() => stripe.subscriptions.retrieve(id)));
    },

    async stopSubscription(id) {
      return subscriptionState(
        await call(() => stripe.subscriptions.update(id, { pause_collection: { behavior: 'void' } })),
      );
    },

    async startSubscription(id) {
      return subscriptionState(await call(() => stripe.subscriptions.update(id, { pause_collection: '' })));
    },

    async cancelSubscription(id, { atPeriodEnd }) {
      const subscription = atPeriodEnd
        ? await call(() => stripe.subscriptions.update(id, { cancel_at_period_end: true }))
        : await call(() => stripe.subscriptions.cancel(id));
      return subscriptionState(subscription);
    },
  };
}
