import type Stripe from 'stripe';
import { resourceMissing } from '../errors.js';
import { newId } from '../ids.js';
import { listObject, newestFirst } from '../list.js';
import type { AccountState, PaymentIntentState } from '../model.js';
import { allowOnly, str } from '../params.js';
import type { StripeRouter } from '../router.js';

export function renderPaymentIntent(pi: PaymentIntentState) {
  return {
    id: pi.id,
    object: 'payment_intent',
    amount: pi.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: pi.status === 'succeeded' ? pi.amount : 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: `${pi.id}_secret_${pi.id.slice(3, 15)}`,
    confirmation_method: 'automatic',
    created: pi.created,
    currency: pi.currency,
    customer: pi.customer,
    customer_account: null,
    description: pi.description,
    excluded_payment_method_types: null,
    last_payment_error: pi.lastError
      ? { type: 'card_error', code: pi.lastError.code, decline_code: pi.lastError.declineCode, message: pi.lastError.message }
      : null,
    latest_charge: pi.status === 'succeeded' ? `ch_${pi.id.slice(3)}` : null,
    livemode: false,
    managed_payments: null,
    metadata: pi.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: pi.status === 'succeeded' ? `pm_${pi.id.slice(3)}` : null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: ['card'],
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: pi.status,
    transfer_data: null,
    transfer_group: null,
  } satisfies Partial<Stripe.PaymentIntent>;
}

export function createPaymentIntentState(
  account: AccountState,
  input: Pick<PaymentIntentState, 'amount' | 'currency' | 'customer' | 'status' | 'lastError' | 'created'> & {
    description?: string | null;
    metadata?: Record<string, string>;
  },
): PaymentIntentState {
  const pi: PaymentIntentState = {
    id: newId('pi', 24),
    description: input.description ?? null,
    metadata: input.metadata ?? {},
    ...input,
  };
  account.paymentIntents[pi.id] = pi;
  return pi;
}

export function registerPaymentIntents(router: StripeRouter) {
  router.get('/v1/payment_intents/:id', ({ account, path }) => {
    const pi = account.paymentIntents[path.id];
    if (!pi) throw resourceMissing('payment_intent', path.id);
    return renderPaymentIntent(pi);
  });
  router.get('/v1/payment_intents', ({ account, params }) => {
    allowOnly(params, ['customer', 'limit', 'starting_after', 'ending_before', 'created', 'expand']);
    const customer = str(params, 'customer');
    const all = newestFirst(Object.values(account.paymentIntents).filter((p) => !customer || p.customer === customer));
    return listObject(all.map(renderPaymentIntent), params, '/v1/payment_intents');
  });
}
