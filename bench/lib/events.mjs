// Realistic Stripe webhook events (shapes follow the 2025 API: billing periods on subscription
// items, invoice.parent.subscription_details) with payloads of roughly 1-4 KB, plus signing.
import { createHmac, randomBytes } from 'node:crypto';

const API_VERSION = '2025-09-30.clover';
const hex = (n) => randomBytes(n).toString('hex');
const pick = (rng, list) => list[Math.floor(rng() * list.length)];

/** A small deterministic PRNG so that runs are comparable. */
export function prng(seed = 42) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['team', 'seats', 'region', 'eu-west', 'campaign', 'spring', 'referral', 'partner', 'plan', 'annual', 'upgrade', 'crm', 'hubspot', 'salesforce', 'tier', 'gold'];

/** Metadata of `n` entries: the main source of size variation, as in real accounts. */
function metadata(rng, n) {
  const m = {};
  for (let i = 0; i < n; i++) m[`${pick(rng, WORDS)}_${i}`] = `${pick(rng, WORDS)}-${hex(4 + Math.floor(rng() * 8))}`;
  return m;
}

function price(rng, id, productId, recurring) {
  return {
    id,
    object: 'price',
    active: true,
    billing_scheme: 'per_unit',
    created: 1700000000 + Math.floor(rng() * 1e7),
    currency: 'usd',
    custom_unit_amount: null,
    livemode: false,
    lookup_key: null,
    metadata: {},
    nickname: null,
    product: productId,
    recurring: recurring ? { interval: 'month', interval_count: 1, meter: null, trial_period_days: null, usage_type: 'licensed' } : null,
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: recurring ? 'recurring' : 'one_time',
    unit_amount: 900,
    unit_amount_decimal: '900',
  };
}

function subscription(rng, ctx) {
  const start = ctx.created - Math.floor(rng() * 20) * 86400;
  const items = [];
  const n = 1 + Math.floor(rng() * 2);
  for (let i = 0; i < n; i++) {
    items.push({
      id: `si_${hex(7)}`,
      object: 'subscription_item',
      billing_thresholds: null,
      created: start,
      current_period_end: start + 30 * 86400,
      current_period_start: start,
      discounts: [],
      metadata: {},
      plan: { id: ctx.priceId, object: 'plan', active: true, amount: 900, currency: 'usd', interval: 'month', interval_count: 1, product: ctx.productId },
      price: price(rng, ctx.priceId, ctx.productId, true),
      quantity: 1,
      subscription: ctx.subscriptionId,
      tax_rates: [],
    });
  }
  return {
    id: ctx.subscriptionId,
    object: 'subscription',
    application: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: start,
    cancel_at: null,
    cancel_at_period_end: rng() < 0.1,
    canceled_at: null,
    collection_method: 'charge_automatically',
    created: start,
    currency: 'usd',
    customer: ctx.customerId,
    days_until_due: null,
    default_payment_method: `pm_${hex(12)}`,
    description: null,
    discounts: [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, issuer: { type: 'self' } },
    items: { object: 'list', data: items, has_more: false, total_count: items.length, url: `/v1/subscription_items?subscription=${ctx.subscriptionId}` },
    latest_invoice: `in_${hex(12)}`,
    livemode: false,
    metadata: metadata(rng, Math.floor(rng() * 12)),
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: 'off' },
    pending_update: null,
    schedule: null,
    start_date: start,
    status: pick(rng, ['active', 'active', 'active', 'past_due', 'trialing']),
    trial_end: null,
    trial_start: null,
  };
}

function invoice(rng, ctx) {
  const lines = [];
  const n = 1 + Math.floor(rng() * 3);
  for (let i = 0; i < n; i++) {
    lines.push({
      id: `il_${hex(12)}`,
      object: 'line_item',
      amount: 900,
      currency: 'usd',
      description: `1 × Monthly plan (at $9.00 / month)`,
      discountable: true,
      discounts: [],
      invoice: ctx.invoiceId,
      livemode: false,
      metadata: {},
      parent: { type: 'subscription_item_details', subscription_item_details: { proration: false, subscription: ctx.subscriptionId, subscription_item: `si_${hex(7)}` } },
      period: { end: ctx.created + 30 * 86400, start: ctx.created },
      pricing: { price_details: { price: ctx.priceId, product: ctx.productId }, type: 'price_details', unit_amount_decimal: '900' },
      quantity: 1,
      taxes: [],
    });
  }
  return {
    id: ctx.invoiceId,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Bench Inc.',
    amount_due: 900 * n,
    amount_paid: 900 * n,
    amount_remaining: 0,
    attempt_count: 1,
    attempted: true,
    billing_reason: pick(rng, ['subscription_cycle', 'subscription_create', 'subscription_update']),
    collection_method: 'charge_automatically',
    created: ctx.created,
    currency: 'usd',
    customer: ctx.customerId,
    customer_email: `${ctx.customerId}@example.com`,
    customer_name: null,
    hosted_invoice_url: `https://invoice.stripe.com/i/acct_bench/test_${hex(24)}`,
    invoice_pdf: `https://pay.stripe.com/invoice/acct_bench/test_${hex(24)}/pdf`,
    lines: { object: 'list', data: lines, has_more: false, total_count: n, url: `/v1/invoices/${ctx.invoiceId}/lines` },
    livemode: false,
    metadata: metadata(rng, Math.floor(rng() * 6)),
    number: `BENCH-${Math.floor(rng() * 1e6)}`,
    parent: { quote_details: null, subscription_details: { metadata: {}, subscription: ctx.subscriptionId }, type: 'subscription_details' },
    period_end: ctx.created,
    period_start: ctx.created - 30 * 86400,
    status: 'paid',
    status_transitions: { finalized_at: ctx.created, marked_uncollectible_at: null, paid_at: ctx.created, voided_at: null },
    subtotal: 900 * n,
    total: 900 * n,
  };
}

function checkoutSession(rng, ctx) {
  const subscriptionMode = rng() < 0.4;
  return {
    id: `cs_test_${hex(28)}`,
    object: 'checkout.session',
    allow_promotion_codes: null,
    amount_subtotal: 2500,
    amount_total: 2500,
    automatic_tax: { enabled: false, liability: null, status: null },
    billing_address_collection: null,
    cancel_url: `https://paykit.example.com/v1/checkout/return?checkout=chk_${hex(10)}&outcome=cancel`,
    client_reference_id: `chk_${hex(10)}`,
    created: ctx.created - 120,
    currency: 'usd',
    customer: ctx.customerId,
    customer_creation: 'if_required',
    customer_details: { address: { city: null, country: 'US', line1: null, line2: null, postal_code: '94103', state: null }, email: `${ctx.customerId}@example.com`, name: 'Bench Buyer', phone: null, tax_exempt: 'none', tax_ids: [] },
    customer_email: null,
    expires_at: ctx.created + 86400,
    livemode: false,
    locale: null,
    metadata: { paykit_reference: `chk_${hex(10)}`, ...metadata(rng, Math.floor(rng() * 10)) },
    mode: subscriptionMode ? 'subscription' : 'payment',
    payment_intent: subscriptionMode ? null : `pi_${hex(12)}`,
    payment_method_collection: 'always',
    payment_method_types: ['card'],
    payment_status: 'paid',
    status: 'complete',
    submit_type: null,
    subscription: subscriptionMode ? ctx.subscriptionId : null,
    success_url: `https://paykit.example.com/v1/checkout/return?checkout=chk_${hex(10)}&outcome=success`,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted',
    url: null,
  };
}

function paymentIntent(rng, ctx) {
  const id = `pi_${hex(12)}`;
  return {
    id,
    object: 'payment_intent',
    amount: 2500,
    amount_capturable: 0,
    amount_received: 2500,
    application: null,
    automatic_payment_methods: null,
    canceled_at: null,
    capture_method: 'automatic_async',
    client_secret: `${id}_secret_${hex(12)}`,
    confirmation_method: 'automatic',
    created: ctx.created,
    currency: 'usd',
    customer: ctx.customerId,
    description: pick(rng, [null, 'Gold plan', 'Premium plan']),
    last_payment_error: null,
    latest_charge: `ch_${hex(12)}`,
    livemode: false,
    metadata: metadata(rng, Math.floor(rng() * 14)),
    next_action: null,
    payment_method: `pm_${hex(12)}`,
    payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    receipt_email: null,
    setup_future_usage: null,
    shipping: null,
    statement_descriptor: null,
    status: 'succeeded',
  };
}

const MIX = [
  ['customer.subscription.updated', 0.3],
  ['invoice.paid', 0.3],
  ['checkout.session.completed', 0.2],
  ['payment_intent.succeeded', 0.2],
];

/**
 * `n` distinct events as JSON bodies, shuffled. Subscription updates come in pairs for the same
 * subscription, 60 s apart (so none is a same-second tie that would make paykit call Stripe).
 */
export function generateEvents(n, { seed = 1, customers = 2000, customerIds: givenCustomers, runTag = hex(4) } = {}) {
  const rng = prng(seed);
  const now = Math.floor(Date.now() / 1000);
  const bodies = [];
  const types = {};
  const customerIds = givenCustomers ?? Array.from({ length: customers }, (_, i) => `cus_b${runTag}${i.toString(36)}`);
  let pendingSub = null;
  for (let i = 0; i < n; i++) {
    const r = rng();
    let acc = 0;
    let type = MIX[MIX.length - 1][0];
    for (const [t, w] of MIX) {
      acc += w;
      if (r < acc) {
        type = t;
        break;
      }
    }
    let ctx;
    if (type === 'customer.subscription.updated' && pendingSub) {
      ctx = { ...pendingSub, created: pendingSub.created + 60 };
      pendingSub = null;
    } else {
      ctx = {
        customerId: pick(rng, customerIds),
        subscriptionId: `sub_b${runTag}${i.toString(36)}`,
        priceId: `price_${hex(12)}`,
        productId: `prod_${hex(7)}`,
        invoiceId: `in_${hex(12)}`,
        created: now - 86400 + Math.floor(rng() * 86000),
      };
      if (type === 'customer.subscription.updated') pendingSub = ctx;
    }
    const object =
      type === 'customer.subscription.updated'
        ? subscription(rng, ctx)
        : type === 'invoice.paid'
          ? invoice(rng, ctx)
          : type === 'checkout.session.completed'
            ? checkoutSession(rng, ctx)
            : paymentIntent(rng, ctx);
    const event = {
      id: `evt_${runTag}${hex(10)}`, // fixed length: the soak swaps it for a fresh id of the same size
      object: 'event',
      api_version: API_VERSION,
      created: ctx.created,
      data: type === 'customer.subscription.updated' ? { object, previous_attributes: { status: 'incomplete' } } : { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: rng() < 0.5 ? null : `req_${hex(7)}`, idempotency_key: rng() < 0.5 ? null : hex(16) },
      type,
    };
    types[type] = (types[type] ?? 0) + 1;
    bodies.push({ id: event.id, type, body: JSON.stringify(event) });
  }
  // Shuffle (Fisher-Yates): deliveries arrive out of order.
  for (let i = bodies.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [bodies[i], bodies[j]] = [bodies[j], bodies[i]];
  }
  const sizes = bodies.map((b) => Buffer.byteLength(b.body)).sort((a, b) => a - b);
  return {
    bodies: bodies.map((b) => b.body),
    ids: bodies.map((b) => b.id),
    typesInOrder: bodies.map((b) => b.type),
    types,
    sizes: { min: sizes[0], p50: sizes[Math.floor(sizes.length / 2)], max: sizes[sizes.length - 1], mean: Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length) },
  };
}

/** `Stripe-Signature: t=...,v1=HMAC-SHA256(secret, "t.body")`, keyed with the whole whsec_ string. */
export function signStripe(body, secret, t = Math.floor(Date.now() / 1000)) {
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/** Pre-builds autocannon request descriptions for the given bodies, signed now. */
export function signedRequests(bodies, secret, path) {
  const t = Math.floor(Date.now() / 1000);
  return bodies.map((body) => ({
    method: 'POST',
    path,
    body,
    headers: { 'content-type': 'application/json', 'stripe-signature': signStripe(body, secret, t) },
  }));
}
