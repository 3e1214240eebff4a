import { chargeOutcome } from './cards.js';
import type { StripeContext } from './context.js';
import { newId } from './ids.js';
import type { AccountState, InvoiceState, PriceState, SubscriptionState } from './model.js';
import { addInterval } from './periods.js';
import { createInvoiceState, renderInvoice } from './resources/invoices.js';
import { createPaymentIntentState, renderPaymentIntent } from './resources/payment-intents.js';
import { cancelNow, emitSubscriptionUpdate, renderSubscription } from './resources/subscriptions.js';

const DAY = 86_400;

function invoiceLines(account: AccountState, sub: SubscriptionState, start: number, end: number) {
  return sub.items.map((item) => {
    const price = account.prices[item.price] as PriceState;
    return { id: newId('il', 24), price: item.price, quantity: item.quantity, amount: price.unitAmount * item.quantity, periodStart: start, periodEnd: end };
  });
}

/** Charges an invoice with the customer's card and emits what Stripe emits for the outcome. */
function settleInvoice(ctx: StripeContext, key: string, account: AccountState, invoice: InvoiceState, at: number) {
  ctx.emit(key, 'invoice.created', renderInvoice(invoice), { at });
  ctx.emit(key, 'invoice.finalized', renderInvoice(invoice), { at });
  const card = account.customers[invoice.customer]?.card ?? '';
  const failure = chargeOutcome(card, invoice.amountDue);
  invoice.attemptCount += 1;
  const pi = createPaymentIntentState(account, {
    amount: invoice.amountDue,
    currency: invoice.currency,
    customer: invoice.customer,
    status: failure ? 'requires_payment_method' : 'succeeded',
    lastError: failure ? { code: failure.code ?? 'card_declined', declineCode: failure.declineCode ?? '', message: failure.message } : null,
    created: at,
  });
  invoice.paymentIntent = pi.id;
  if (failure) {
    ctx.emit(key, 'payment_intent.payment_failed', renderPaymentIntent(pi), { at });
    ctx.emit(key, 'invoice.payment_failed', renderInvoice(invoice), { at });
    return false;
  }
  invoice.status = 'paid';
  invoice.amountPaid = invoice.amountDue;
  ctx.emit(key, 'payment_intent.succeeded', renderPaymentIntent(pi), { at });
  ctx.emit(key, 'invoice.paid', renderInvoice(invoice), { at });
  ctx.emit(key, 'invoice.payment_succeeded', renderInvoice(invoice), { at });
  return true;
}

/** The subscription a completed checkout creates, with its first invoice already paid. */
export function startSubscription(
  ctx: StripeContext,
  key: string,
  account: AccountState,
  input: { customer: string; items: Array<{ price: string; quantity: number }>; trialDays: number | null; at: number; metadata: Record<string, string> },
): { subscription: SubscriptionState; invoice: InvoiceState } {
  const first = account.prices[input.items[0]?.price ?? ''] as PriceState;
  const recurring = first.recurring ?? { interval: 'month', intervalCount: 1 };
  const trialEnd = input.trialDays ? input.at + input.trialDays * DAY : null;
  const periodEnd = trialEnd ?? addInterval(input.at, input.at, recurring, 1);
  const sub: SubscriptionState = {
    id: newId('sub', 24),
    created: input.at,
    customer: input.customer,
    status: trialEnd ? 'trialing' : 'active',
    items: input.items.map((item) => ({ id: newId('si', 14), price: item.price, quantity: item.quantity })),
    currency: first.currency,
    currentPeriodStart: input.at,
    currentPeriodEnd: periodEnd,
    billingCycleAnchor: periodEnd === trialEnd ? periodEnd : input.at,
    cancelAtPeriodEnd: false,
    cancelAt: null,
    canceledAt: null,
    endedAt: null,
    pauseCollection: null,
    latestInvoice: null,
    metadata: input.metadata,
    testClock: account.customers[input.customer]?.testClock ?? null,
    trialStart: trialEnd ? input.at : null,
    trialEnd,
    recurring,
  };
  account.subscriptions[sub.id] = sub;
  const lines = invoiceLines(account, sub, input.at, periodEnd);
  const invoice = createInvoiceState(account, {
    created: input.at,
    customer: input.customer,
    subscription: sub.id,
    status: 'open',
    billingReason: 'subscription_create',
    currency: sub.currency,
    amountDue: trialEnd ? 0 : lines.reduce((sum, l) => sum + l.amount, 0),
    amountPaid: 0,
    periodStart: input.at,
    periodEnd: input.at,
    lines: trialEnd ? lines.map((l) => ({ ...l, amount: 0 })) : lines,
    attemptCount: 0,
    paymentIntent: null,
    testClock: sub.testClock,
  });
  sub.latestInvoice = invoice.id;
  ctx.emit(key, 'customer.subscription.created', renderSubscription(account, sub), { at: input.at });
  settleInvoice(ctx, key, account, invoice, input.at);
  return { subscription: sub, invoice };
}

/**
 * Moves one subscription to `now`: every period that ends on or before it is renewed (a new
 * invoice charged with the saved card; a failure makes it past_due), unless the subscription
 * was set to cancel at period end, which ends it, or reaches its fixed end (`cancel_at`), which
 * ends it at that time.
 */
export function advanceSubscription(ctx: StripeContext, key: string, account: AccountState, sub: SubscriptionState, now: number) {
  while (sub.status !== 'canceled') {
    const cancelAt = sub.cancelAt ?? null;
    if (cancelAt !== null && cancelAt <= now && cancelAt <= sub.currentPeriodEnd) {
      // The fixed end falls in this period: the subscription ends then (no proration here).
      cancelNow(ctx, key, account, sub, cancelAt);
      return;
    }
    if (sub.currentPeriodEnd > now) return;
    const at = sub.currentPeriodEnd;
    if (sub.cancelAtPeriodEnd) {
      cancelNow(ctx, key, account, sub, at);
      return;
    }
    const before = renderSubscription(account, sub);
    const start = sub.currentPeriodEnd;
    const end = addInterval(start, sub.billingCycleAnchor, sub.recurring, 1);
    sub.currentPeriodStart = start;
    sub.currentPeriodEnd = end;
    if (sub.status === 'trialing') sub.status = 'active';
    if (!sub.pauseCollection) {
      const lines = invoiceLines(account, sub, start, end);
      const invoice = createInvoiceState(account, {
        created: at,
        customer: sub.customer,
        subscription: sub.id,
        status: 'open',
        billingReason: 'subscription_cycle',
        currency: sub.currency,
        amountDue: lines.reduce((sum, l) => sum + l.amount, 0),
        amountPaid: 0,
        periodStart: before.items.data[0]?.current_period_start ?? start,
        periodEnd: start,
        lines,
        attemptCount: 0,
        paymentIntent: null,
        testClock: sub.testClock,
      });
      sub.latestInvoice = invoice.id;
      const paid = settleInvoice(ctx, key, account, invoice, at);
      sub.status = paid ? 'active' : 'past_due';
    }
    emitSubscriptionUpdate(ctx, key, account, sub, before, at);
  }
}
