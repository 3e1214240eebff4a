import { randomBytes } from 'node:crypto';
import { UnsupportedOptionError } from '../../errors/index.js';
import { ProviderRejectedError, withErrorMapping } from '../errors.js';
import type {
  CheckoutState,
  CreateCheckoutInput,
  PaymentProvider,
  ProviderCapabilities,
  SubscriptionState,
  SubscriptionStatus,
} from '../provider.js';
import { createFlittClient, type FlittClient } from './client.js';
import {
  FLITT_API_URL,
  FLITT_MERCHANT_DATA_MAX,
  FLITT_ORDER_DESC_MAX,
  type FlittMerchantData,
  flittCustomerId,
  flittMerchantId,
} from './config.js';
import { FLITT_ERROR_CODES, FlittError } from './errors.js';
import { mapFlittError } from './errors-map.js';
import { parentSubscriptionState, subscriptionActionStatus, toCheckoutState } from './status.js';
import type { FlittCheckoutParams } from './types.js';
import { toProviderEvent, verifyFlittCallback } from './webhook.js';

export interface FlittProviderConfig {
  /** The merchant id (paykit's `providerPublicKey`). */
  merchantId: string | number;
  /** The merchant's payment key (paykit's `providerPrivateKey`); it also signs callbacks. */
  secretKey: string;
  /** Base URL of a wire-compatible emulator; unset talks to Flitt. */
  apiUrl?: string;
}

const CAPABILITIES: ProviderCapabilities = {
  customers: false,
  billingPortal: false,
  registerWebhook: false,
  signingSecret: false,
  pauseSubscription: true,
  eventsApi: false,
  recurringData: true,
};

const now = () => Math.floor(Date.now() / 1000);

/** Flitt prices one amount in one currency per order. */
function orderTotal(input: CreateCheckoutInput): { amount: number; currency: string } {
  const currencies = new Set(input.lineItems.map((item) => item.currency.toUpperCase()));
  const [currency] = currencies;
  if (currencies.size !== 1 || !currency) {
    throw new ProviderRejectedError(`Flitt charges one currency per order; these line items use ${[...currencies].join(', ') || 'none'}.`, {
      provider: 'flitt',
      field: 'line_items',
    });
  }
  const amount = input.lineItems.reduce((sum, item) => sum + item.unitAmount * item.quantity, 0);
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new ProviderRejectedError('Flitt needs a positive order amount: check the Price of these products.', { provider: 'flitt' });
  }
  return { amount, currency };
}

function orderDescription(input: CreateCheckoutInput): string {
  const intent = input.passthrough.payment_intent_data as { description?: unknown } | undefined;
  const description =
    typeof intent?.description === 'string' && intent.description !== ''
      ? intent.description
      : input.lineItems.map((item) => (item.quantity > 1 ? `${item.name} x ${item.quantity}` : item.name)).join(', ');
  return description.slice(0, FLITT_ORDER_DESC_MAX);
}

function merchantData(input: CreateCheckoutInput, customer: string | null): string {
  const data: FlittMerchantData = { paykit: input.reference };
  if (customer) data.customer = customer;
  if (input.recurringData) {
    data.subscription = true;
    if (input.lineItems[0]) data.price = input.lineItems[0].priceId;
  }
  const metadata = input.passthrough.metadata;
  if (metadata && typeof metadata === 'object') data.metadata = metadata as Record<string, unknown>;
  const text = JSON.stringify(data);
  if (text.length > FLITT_MERCHANT_DATA_MAX) {
    throw new ProviderRejectedError(`metadata is too long for Flitt's merchant_data (${FLITT_MERCHANT_DATA_MAX} characters).`, {
      provider: 'flitt',
      field: 'metadata',
    });
  }
  return text;
}

/** Flitt's `lang` from a Stripe-style `locale` (`en`, `ka`, `uk-UA` -> `uk`); `auto` leaves it to Flitt. */
function language(locale: unknown): string | undefined {
  if (typeof locale !== 'string' || locale === '' || locale === 'auto') return undefined;
  return locale.slice(0, 2).toLowerCase();
}

/**
 * Flitt through paykit's own typed client; an emulator is reached by changing only the base URL.
 * Only the checkout options Flitt has an equivalent for are used (`locale`, `metadata`,
 * `payment_intent_data.description`); Stripe-only ones (`payment_method_types`,
 * `allow_promotion_codes`, ...) have no meaning on Flitt's hosted page and are left out.
 */
export function createFlittProvider(config: FlittProviderConfig, client?: FlittClient): PaymentProvider {
  const merchantId = typeof config.merchantId === 'number' ? config.merchantId : flittMerchantId(config.merchantId);
  const flitt = client ?? createFlittClient({ merchantId, secretKey: config.secretKey, baseUrl: config.apiUrl ?? FLITT_API_URL });
  const call = withErrorMapping(mapFlittError);
  const actionState = (id: string, status: SubscriptionStatus, cancelAtPeriodEnd = false): SubscriptionState => ({
    providerSubscriptionId: id,
    providerCustomerId: null,
    status,
    priceId: null,
    currentPeriodStart: null,
    currentPeriodEnd: null,
    cancelAtPeriodEnd,
    version: now(),
  });
  const act = async (id: string, action: 'start' | 'stop') =>
    subscriptionActionStatus(await call(() => flitt.subscription({ orderId: id, action })));

  return {
    name: 'flitt',
    capabilities: CAPABILITIES,

    /** Asks for an order that cannot exist: "order not found" (1018) proves the merchant and key work. */
    async verifyCredentials() {
      try {
        await flitt.status(`paykit_check_${randomBytes(8).toString('hex')}`);
      } catch (error) {
        if (error instanceof FlittError && error.code === FLITT_ERROR_CODES.orderNotFound) return;
        throw mapFlittError(error);
      }
    },

    async createCustomer({ email }) {
      return { providerCustomerId: flittCustomerId(merchantId, email) };
    },

    async findCustomerByEmail(email) {
      return flittCustomerId(merchantId, email);
    },

    async createCheckout(input): Promise<CheckoutState> {
      if (input.mode === 'setup') {
        throw new UnsupportedOptionError('Flitt has no setup checkout: use mode payment or Subscriptions.create.', { field: 'mode' });
      }
      if (input.mode === 'subscription' && !input.recurringData) {
        throw new UnsupportedOptionError('Flitt schedules subscriptions from recurring_data: use Subscriptions.create.', {
          field: 'recurring_data',
        });
      }
      const { amount, currency } = orderTotal(input);
      const customer = input.providerCustomerId ?? (input.customerEmail ? flittCustomerId(merchantId, input.customerEmail) : null);
      const params: FlittCheckoutParams = {
        order_id: input.reference,
        order_desc: orderDescription(input),
        currency,
        amount,
        response_url: input.successUrl,
        server_callback_url: input.callbackUrl,
        merchant_data: merchantData(input, customer),
      };
      if (input.customerEmail) params.sender_email = input.customerEmail;
      const lang = language(input.passthrough.locale);
      if (lang) params.lang = lang;
      if (input.recurringData) {
        // Nested recurring_data makes the client use protocol 2.0.
        params.subscription = 'Y';
        params.recurring_data = input.recurringData;
        params.subscription_callback_url = input.callbackUrl;
      }
      const answer = await call(() => flitt.checkoutUrl(params));
      return {
        providerSessionId: input.reference,
        url: answer.checkout_url,
        status: 'open',
        paymentStatus: 'unpaid',
        amountTotal: amount,
        currency,
        providerCustomerId: customer,
        paymentId: answer.payment_id === undefined ? null : String(answer.payment_id),
        providerSubscriptionId: null,
        lineItems: input.lineItems.map((item) => ({
          priceId: item.priceId,
          quantity: item.quantity,
          amountTotal: item.unitAmount * item.quantity,
        })),
        // Nothing has happened to the order yet: every callback supersedes this state.
        version: 0,
      };
    },

    async retrieveCheckout(providerSessionId) {
      const order = await call(() => flitt.status(providerSessionId));
      return toCheckoutState(order, { merchantId, now: now() });
    },

    async createBillingPortal() {
      throw new UnsupportedOptionError('Flitt has no billing portal: offer stop/start through Subscriptions instead.');
    },

    async registerWebhook() {
      throw new UnsupportedOptionError('Flitt takes its callback URL per order: there is no webhook endpoint to register.');
    },

    async parseWebhook(input) {
      const order = verifyFlittCallback(input, config.secretKey);
      return toProviderEvent(order, { merchantId, now: input.now ?? now() });
    },

    async retrieveSubscription(id) {
      const order = await call(() => flitt.status(id));
      return parentSubscriptionState(order, { merchantId, now: now() });
    },

    async stopSubscription(id) {
      return actionState(id, await act(id, 'stop'));
    },

    async startSubscription(id) {
      return actionState(id, await act(id, 'start'));
    },

    /**
     * Flitt cannot cancel a subscription, only stop it. Both forms stop it at once (no further
     * charge is taken); at period end reports it active with cancelAtPeriodEnd, since the period
     * already paid for still runs, otherwise canceled.
     */
    async cancelSubscription(id, { atPeriodEnd }) {
      await act(id, 'stop');
      return atPeriodEnd ? actionState(id, 'active', true) : actionState(id, 'canceled');
    },
  };
}
