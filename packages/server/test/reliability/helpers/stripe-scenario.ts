/**
 * A realistic, deterministic stream of Stripe events for a set of checkouts paykit created:
 * payment checkouts complete (some through an async payment, some expire), subscription checkouts
 * start subscriptions that renew for several cycles (invoices paid or failed, past_due and back),
 * and some end canceled. Every object's state events have distinct `created` seconds, so the final
 * state does not depend on the order of delivery (a same-second tie would make paykit ask the
 * provider, see ingest-webhook's resolveTie). bench/lib/events.mjs generates load for throughput
 * (random objects paykit does not know); this one must reach real checkout rows and end in a known state.
 */

export interface ScenarioEvent {
  id: string;
  type: string;
  /** The exact JSON body Stripe would post. */
  body: string;
}

export interface ScenarioInput {
  /** Provider session ids of payment-mode checkouts paykit created. */
  paymentSessions: string[];
  /** Provider session ids of subscription-mode checkouts paykit created. */
  subscriptionSessions: string[];
  oneTimePriceId: string;
  recurringPriceId: string;
  /** Keep exactly this many events (a seeded sample of the whole lifecycle stream). */
  count: number;
  seed?: number;
  /** Distinguishes the ids of separate runs sharing an emulator. */
  tag?: string;
}

/** mulberry32: a tiny seeded PRNG so a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const DAY = 86_400;

export function stripeScenario(input: ScenarioInput): ScenarioEvent[] {
  const random = seededRandom(input.seed ?? 7);
  const tag = input.tag ?? 'r';
  // After the checkouts were opened (their stored version is the session's creation time).
  const base = Math.floor(Date.now() / 1000) + 60;
  const events: ScenarioEvent[] = [];
  let n = 0;
  const emit = (type: string, created: number, object: Record<string, unknown>, previous?: Record<string, unknown>) => {
    const id = `evt_${tag}${(++n).toString(36).padStart(6, '0')}`;
    const event = {
      id,
      object: 'event',
      api_version: '2026-10-28.endive',
      created,
      data: previous ? { object, previous_attributes: previous } : { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    events.push({ id, type, body: JSON.stringify(event) });
  };
  const customerOf = (i: number) => `cus_${tag}${(i % 97).toString(36)}`;

  const session = (id: string, i: number, mode: 'payment' | 'subscription', extra: Record<string, unknown>) => ({
    id,
    object: 'checkout.session',
    mode,
    customer: customerOf(i),
    amount_total: mode === 'payment' ? 100 : 900,
    currency: 'usd',
    payment_intent: mode === 'payment' ? `pi_${tag}${i}` : null,
    subscription: null,
    status: 'complete',
    payment_status: 'paid',
    url: null,
    metadata: { order: `o-${i}` },
    line_items: {
      object: 'list',
      data: [{ id: `li_${tag}${i}`, price: { id: mode === 'payment' ? input.oneTimePriceId : input.recurringPriceId }, quantity: 1, amount_total: mode === 'payment' ? 100 : 900 }],
      has_more: false,
    },
    ...extra,
  });

  input.paymentSessions.forEach((id, i) => {
    const t = base + i * 37;
    const roll = random();
    if (roll < 0.1) {
      emit('checkout.session.expired', t + 86_400, session(id, i, 'payment', { status: 'expired', payment_status: 'unpaid', payment_intent: null }));
      return;
    }
    if (roll < 0.25) {
      emit('checkout.session.completed', t, session(id, i, 'payment', { payment_status: 'unpaid' }));
      const paid = random() < 0.7;
      emit(paid ? 'checkout.session.async_payment_succeeded' : 'checkout.session.async_payment_failed', t + 3600, session(id, i, 'payment', { payment_status: paid ? 'paid' : 'unpaid' }));
    } else {
      emit('checkout.session.completed', t, session(id, i, 'payment', {}));
    }
    emit('payment_intent.succeeded', t, { id: `pi_${tag}${i}`, object: 'payment_intent', amount: 100, currency: 'usd', customer: customerOf(i), status: 'succeeded' });
    emit('charge.succeeded', t, { id: `ch_${tag}${i}`, object: 'charge', amount: 100, currency: 'usd', customer: customerOf(i), paid: true });
  });

  input.subscriptionSessions.forEach((sessionId, i) => {
    const subscriptionId = `sub_${tag}${i.toString(36)}`;
    const customer = customerOf(i + 1000);
    const t0 = base + i * 53;
    const subscription = (status: string, periodStart: number, extra: Record<string, unknown> = {}) => ({
      id: subscriptionId,
      object: 'subscription',
      customer,
      status,
      created: t0,
      cancel_at_period_end: false,
      pause_collection: null,
      metadata: {},
      items: {
        object: 'list',
        data: [{ id: `si_${tag}${i}`, object: 'subscription_item', price: { id: input.recurringPriceId }, quantity: 1, current_period_start: periodStart, current_period_end: periodStart + 30 * DAY }],
      },
      ...extra,
    });
    let invoices = 0;
    const invoice = (type: string, created: number, status: string, amount: number) => {
      const id = `in_${tag}${i.toString(36)}_${invoices}`;
      emit(type, created, {
        id,
        object: 'invoice',
        customer,
        status,
        currency: 'usd',
        amount_due: amount,
        amount_paid: status === 'paid' ? amount : 0,
        billing_reason: invoices === 0 ? 'subscription_create' : 'subscription_cycle',
        parent: { type: 'subscription_details', subscription_details: { subscription: subscriptionId, metadata: {} } },
      });
    };
    const paidInvoice = (created: number) => {
      invoice('invoice.created', created, 'draft', 900);
      invoice('invoice.finalized', created + 1, 'open', 900);
      invoice('invoice.paid', created + 2, 'paid', 900);
      invoice('invoice.payment_succeeded', created + 2, 'paid', 900);
      invoices++;
    };
    emit('checkout.session.completed', t0 + 2, session(sessionId, i, 'subscription', { customer, subscription: subscriptionId }));
    emit('customer.subscription.created', t0, subscription('incomplete', t0));
    emit('customer.subscription.updated', t0 + 1, subscription('active', t0), { status: 'incomplete' });
    paidInvoice(t0);
    const cycles = 3 + Math.floor(random() * 5);
    let period = t0;
    for (let c = 1; c <= cycles; c++) {
      period += 30 * DAY;
      emit('customer.subscription.updated', period, subscription('active', period), { current_period_start: period - 30 * DAY });
      if (random() < 0.2) {
        invoice('invoice.created', period, 'draft', 900);
        invoice('invoice.payment_failed', period + 10, 'open', 900);
        emit('customer.subscription.updated', period + 11, subscription('past_due', period), { status: 'active' });
        invoices++;
        if (random() < 0.6) {
          paidInvoice(period + 3 * DAY);
          emit('customer.subscription.updated', period + 3 * DAY + 5, subscription('active', period), { status: 'past_due' });
        }
      } else {
        paidInvoice(period + 1);
      }
    }
    const end = random();
    if (end < 0.3) {
      emit('customer.subscription.deleted', period + 5 * DAY, subscription('canceled', period, { ended_at: period + 5 * DAY }), { status: 'active' });
    } else if (end < 0.45) {
      emit('customer.subscription.updated', period + 5 * DAY, subscription('active', period, { cancel_at_period_end: true }), { cancel_at_period_end: false });
    }
  });

  return shuffle(events, random).slice(0, input.count);
}
