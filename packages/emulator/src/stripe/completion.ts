import { startSubscription } from './billing.js';
import { chargeOutcome } from './cards.js';
import type { StripeContext } from './context.js';
import { invalidParam } from './errors.js';
import { newId } from './ids.js';
import type { AccountState, CustomerState, SessionState } from './model.js';
import { renderSession } from './resources/checkout-sessions.js';
import { renderCustomer } from './resources/customers.js';
import { createPaymentIntentState, renderPaymentIntent } from './resources/payment-intents.js';

function ensureCustomer(ctx: StripeContext, key: string, account: AccountState, session: SessionState, at: number): CustomerState {
  const existing = session.customer ? account.customers[session.customer] : undefined;
  if (existing) return existing;
  const customer: CustomerState = {
    id: newId('cus', 14),
    created: at,
    email: session.customerEmail,
    name: null,
    description: null,
    phone: null,
    metadata: {},
    testClock: null,
    card: null,
    deleted: false,
  };
  account.customers[customer.id] = customer;
  session.customer = customer.id;
  ctx.emit(key, 'customer.created', renderCustomer(customer), { at });
  return customer;
}

function requireOpen(session: SessionState) {
  if (session.status !== 'open') {
    throw invalidParam('session', `This Checkout Session is no longer open (status: ${session.status}).`);
  }
}

/**
 * Pays an open session with a test card, creating what Stripe creates: a payment intent (mode
 * payment) or a customer, subscription and first invoice (mode subscription). A declined card
 * throws Stripe's card_error and leaves the session open.
 */
export function completeSession(ctx: StripeContext, key: string, account: AccountState, session: SessionState, card: string) {
  requireOpen(session);
  const at = ctx.timeFor(account, session.customer);
  const amount = session.amountTotal ?? 0;
  const isTrial = session.mode === 'subscription' && Boolean(session.trialDays);
  const failure = session.mode === 'setup' ? null : chargeOutcome(card, isTrial ? 0 : amount);
  if (failure) {
    session.lastError = failure.message;
    if (session.mode === 'payment') {
      const pi = createPaymentIntentState(account, {
        amount,
        currency: session.currency ?? 'usd',
        customer: session.customer,
        status: 'requires_payment_method',
        lastError: { code: failure.code ?? 'card_declined', declineCode: failure.declineCode ?? '', message: failure.message },
        created: at,
      });
      ctx.emit(key, 'payment_intent.payment_failed', renderPaymentIntent(pi), { at });
    }
    throw failure;
  }
  session.lastError = null;
  if (session.mode === 'payment') {
    const pi = createPaymentIntentState(account, {
      amount,
      currency: session.currency ?? 'usd',
      customer: session.customer,
      status: 'succeeded',
      lastError: null,
      created: at,
      metadata: session.metadata,
    });
    session.paymentIntent = pi.id;
    session.paymentStatus = 'paid';
    if (session.customer && account.customers[session.customer]) {
      (account.customers[session.customer] as CustomerState).card = card;
    }
    ctx.emit(key, 'payment_intent.succeeded', renderPaymentIntent(pi), { at });
    ctx.emit(key, 'charge.succeeded', { id: `ch_${pi.id.slice(3)}`, object: 'charge', amount, currency: pi.currency, customer: pi.customer, payment_intent: pi.id, paid: true, status: 'succeeded', created: at }, { at });
  } else if (session.mode === 'subscription') {
    const customer = ensureCustomer(ctx, key, account, session, at);
    customer.card = card;
    const { subscription, invoice } = startSubscription(ctx, key, account, {
      customer: customer.id,
      items: session.lineItems.filter((i) => account.prices[i.price]?.recurring).map((i) => ({ price: i.price, quantity: i.quantity })),
      trialDays: session.trialDays,
      at,
      metadata: session.subscriptionMetadata,
    });
    session.subscription = subscription.id;
    session.invoice = invoice.id;
    session.paymentStatus = invoice.amountDue === 0 ? 'no_payment_required' : 'paid';
  }
  session.status = 'complete';
  ctx.emit(key, 'checkout.session.completed', renderSession(ctx, account, session), { at });
  return session;
}

/** The customer left through Cancel: Stripe leaves the session open until it expires. */
export function cancelSession(session: SessionState) {
  requireOpen(session);
  return session.cancelUrl;
}
