import type Stripe from 'stripe';
import { InvalidSignatureError } from '../errors.js';
import type { ChargeRecord, ProviderEvent, WebhookInput } from '../provider.js';
import { STRIPE_WEBHOOK_TOLERANCE_SECONDS } from './config.js';
import { toCheckoutState, toSubscriptionState } from './status.js';

function header(headers: WebhookInput['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Checks `Stripe-Signature` with the SDK's own verifier against every secret that may have
 * signed the event (during a rotation both the old and the new one are valid).
 */
export function verifyStripeWebhook(stripe: Stripe, input: WebhookInput): Stripe.Event {
  const signature = header(input.headers, 'stripe-signature');
  if (!signature) throw new InvalidSignatureError('Missing Stripe-Signature header.');
  if (input.signingSecrets.length === 0) {
    throw new InvalidSignatureError('No signing secret is configured for this app: call updateSigningSecret first.');
  }
  let lastMessage = 'No signatures found matching the expected signature for payload.';
  for (const secret of input.signingSecrets) {
    try {
      return stripe.webhooks.constructEvent(
        input.rawBody,
        signature,
        secret,
        STRIPE_WEBHOOK_TOLERANCE_SECONDS,
        undefined,
        input.now,
      );
    } catch (error) {
      lastMessage = error instanceof Error ? error.message : String(error);
    }
  }
  throw new InvalidSignatureError(`${lastMessage} Are you passing the raw request body?`);
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}

function invoiceCharge(invoice: Stripe.Invoice, status: ChargeRecord['status'], at: number): ChargeRecord {
  return {
    providerSubscriptionId: idOf(invoice.parent?.subscription_details?.subscription),
    paymentId: invoice.id ?? null,
    amount: status === 'succeeded' ? invoice.amount_paid : invoice.amount_due,
    currency: invoice.currency,
    status,
    at,
  };
}

/** Reduces a verified Stripe event to what paykit stores and applies. */
export function toProviderEvent(event: Stripe.Event): ProviderEvent {
  const base: ProviderEvent = {
    providerEventId: event.id,
    type: event.type,
    created: event.created,
    providerCustomerId: null,
    checkout: null,
    subscription: null,
    charge: null,
    payload: event,
  };
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.expired':
    case 'checkout.session.async_payment_succeeded':
    case 'checkout.session.async_payment_failed': {
      const checkout = toCheckoutState(event.data.object, event.created);
      if (event.type === 'checkout.session.async_payment_failed') checkout.paymentStatus = 'failed';
      return { ...base, checkout, providerCustomerId: checkout.providerCustomerId };
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
    case 'customer.subscription.paused':
    case 'customer.subscription.resumed': {
      const subscription = toSubscriptionState(event.data.object, event.created);
      return { ...base, subscription, providerCustomerId: subscription.providerCustomerId };
    }
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const invoice = event.data.object;
      const charge = invoiceCharge(invoice, event.type === 'invoice.paid' ? 'succeeded' : 'failed', event.created);
      return { ...base, charge, providerCustomerId: idOf(invoice.customer) };
    }
    case 'invoice.created':
    case 'invoice.finalized':
    case 'invoice.payment_succeeded':
      return { ...base, providerCustomerId: idOf(event.data.object.customer) };
    case 'payment_intent.succeeded':
    case 'payment_intent.payment_failed':
      return { ...base, providerCustomerId: idOf(event.data.object.customer) };
    case 'charge.succeeded':
    case 'charge.failed':
      return { ...base, providerCustomerId: idOf(event.data.object.customer) };
    case 'customer.created':
    case 'customer.updated':
    case 'customer.deleted':
      return { ...base, providerCustomerId: event.data.object.id };
    default:
      return base;
  }
}
