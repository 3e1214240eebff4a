import type Stripe from 'stripe';
import type { StripeContext } from '../context.js';
import { invalidParam, resourceMissing } from '../errors.js';
import { newId } from '../ids.js';
import { createdFilter, listObject, newestFirst } from '../list.js';
import type { AccountState, LineItemState, SessionState } from '../model.js';
import { allowOnly, asParams, expandList, int, list, metadata, type Params, requireStr, str } from '../params.js';
import type { StripeRouter } from '../router.js';
import { getCustomer } from './customers.js';
import { getPrice, renderPrice } from './prices.js';

const ALLOWED = [
  'mode', 'line_items', 'customer', 'customer_email', 'success_url', 'cancel_url', 'metadata',
  'client_reference_id', 'expires_at', 'payment_method_types', 'allowed_payment_method_types', 'expand',
  'subscription_data', 'payment_intent_data', 'allow_promotion_codes', 'billing_address_collection', 'locale',
  'submit_type', 'customer_creation', 'phone_number_collection', 'ui_mode', 'currency',
];

export function renderLineItems(account: AccountState, session: SessionState) {
  return session.lineItems.map((item) => {
    const price = account.prices[item.price];
    const amount = (price?.unitAmount ?? 0) * item.quantity;
    return {
      id: item.id,
      object: 'item' as const,
      amount_discount: 0,
      amount_subtotal: amount,
      amount_tax: 0,
      amount_total: amount,
      currency: price?.currency ?? 'usd',
      description: account.products[price?.product ?? '']?.name ?? null,
      price: price ? renderPrice(price) : null,
      quantity: item.quantity,
    };
  });
}

export function renderSession(ctx: StripeContext, account: AccountState, s: SessionState, expand: string[] = []) {
  const session = {
    id: s.id,
    object: 'checkout.session',
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: null,
    amount_subtotal: s.amountSubtotal,
    amount_total: s.amountTotal,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: s.cancelUrl,
    client_reference_id: s.clientReferenceId,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: s.created,
    currency: s.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: s.customer,
    customer_account: null,
    customer_creation: s.customer ? null : 'if_required',
    customer_details: s.status === 'complete' ? { address: null, business_name: null, email: s.customerEmail, individual_name: null, name: null, phone: null, tax_exempt: 'none', tax_ids: [] } : null,
    customer_email: s.customerEmail,
    discounts: [],
    expires_at: s.expiresAt,
    integration_identifier: null,
    invoice: s.invoice,
    invoice_creation: null,
    livemode: false,
    locale: null,
    metadata: s.metadata,
    mode: s.mode,
    origin_context: null,
    payment_intent: s.paymentIntent,
    payment_link: null,
    payment_method_collection: s.mode === 'subscription' ? 'always' : null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: s.paymentMethodTypes,
    payment_status: s.paymentStatus,
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: s.status,
    submit_type: null,
    subscription: s.subscription,
    success_url: s.successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted',
    url: s.status === 'open' ? `${ctx.baseUrl}/checkout/pay/${s.id}` : null,
    wallet_options: null,
  } satisfies Partial<Stripe.Checkout.Session>;
  const lineItems = {
    object: 'list' as const,
    data: renderLineItems(account, s),
    has_more: false,
    url: `/v1/checkout/sessions/${s.id}/line_items`,
  };
  return {
    ...session,
    allowed_payment_method_types: s.paymentMethodTypes,
    managed_payments: null,
    ...(expand.includes('line_items') ? { line_items: lineItems } : {}),
  };
}

/** Sessions past `expires_at` are expired whenever they are looked at (and by the sweep). */
export function expireIfDue(ctx: StripeContext, key: string, account: AccountState, s: SessionState) {
  // A session of a customer on a test clock lives on that clock.
  const now = ctx.timeFor(account, s.customer);
  if (s.status === 'open' && s.expiresAt <= now) expireSession(ctx, key, account, s);
}

export function expireSession(ctx: StripeContext, key: string, account: AccountState, s: SessionState) {
  s.status = 'expired';
  ctx.emit(key, 'checkout.session.expired', renderSession(ctx, account, s));
}

export function getSession(ctx: StripeContext, key: string, account: AccountState, id: string) {
  const session = account.sessions[id];
  if (!session) throw resourceMissing('checkout.session', id);
  expireIfDue(ctx, key, account, session);
  return session;
}

function readLineItems(account: AccountState, params: Params, mode: SessionState['mode']): LineItemState[] {
  const raw = list(params, 'line_items') ?? [];
  if (mode !== 'setup' && raw.length === 0) throw invalidParam('line_items', 'You must provide at least one line item.');
  const items = raw.map((value, index) => {
    const item = asParams(value, `line_items[${index}]`);
    allowOnly(item, ['price', 'quantity', 'adjustable_quantity', 'tax_rates']);
    const price = getPrice(account, requireStr(item, 'price'), `line_items[${index}][price]`);
    const quantity = int(item, 'quantity') ?? 1;
    if (quantity < 1) throw invalidParam(`line_items[${index}][quantity]`, 'Quantity must be at least 1.');
    if (mode === 'payment' && price.recurring) {
      throw invalidParam(
        `line_items[${index}][price]`,
        'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.',
      );
    }
    return { id: newId('li', 24), price: price.id, quantity };
  });
  if (mode === 'subscription' && !items.some((i) => account.prices[i.price]?.recurring)) {
    throw invalidParam('line_items', 'You must provide at least one recurring price in `subscription` mode when using prices.');
  }
  const currencies = new Set(items.map((i) => account.prices[i.price]?.currency));
  if (currencies.size > 1) throw invalidParam('line_items', 'All line items must use the same currency.');
  return items;
}

export function registerCheckoutSessions(router: StripeRouter, ctx: StripeContext) {
  router.post('/v1/checkout/sessions', ({ account, params }) => {
    allowOnly(params, ALLOWED);
    const mode = requireStr(params, 'mode');
    if (!['payment', 'subscription', 'setup'].includes(mode)) {
      throw invalidParam('mode', `Invalid mode: must be one of payment, setup, or subscription`);
    }
    const typedMode = mode as SessionState['mode'];
    const customer = str(params, 'customer') ?? null;
    if (customer) getCustomer(account, customer, 'customer');
    const customerEmail = str(params, 'customer_email') ?? null;
    if (customer && customerEmail) throw invalidParam('customer_email', 'You may only specify one of these parameters: customer, customer_email.');
    const successUrl = str(params, 'success_url') ?? null;
    if (!successUrl && params.ui_mode !== 'embedded') requireStr(params, 'success_url');
    const lineItems = readLineItems(account, params, typedMode);
    const amount = lineItems.reduce((sum, i) => sum + (account.prices[i.price]?.unitAmount ?? 0) * i.quantity, 0);
    const now = ctx.timeFor(account, customer);
    const expiresAt = int(params, 'expires_at') ?? now + 24 * 3600;
    if (expiresAt < now + 30 * 60 || expiresAt > now + 24 * 3600) {
      throw invalidParam('expires_at', 'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.');
    }
    const methods = list(params, 'allowed_payment_method_types') ?? list(params, 'payment_method_types') ?? ['card'];
    const session: SessionState = {
      id: newId('cs_test', 58),
      created: now,
      expiresAt,
      mode: typedMode,
      status: 'open',
      paymentStatus: typedMode === 'setup' ? 'no_payment_required' : 'unpaid',
      lineItems,
      currency: account.prices[lineItems[0]?.price ?? '']?.currency ?? null,
      amountSubtotal: typedMode === 'setup' ? null : amount,
      amountTotal: typedMode === 'setup' ? null : amount,
      customer,
      customerEmail: customerEmail ?? (customer ? (account.customers[customer]?.email ?? null) : null),
      successUrl,
      cancelUrl: str(params, 'cancel_url') ?? null,
      clientReferenceId: str(params, 'client_reference_id') ?? null,
      metadata: metadata(params) ?? {},
      paymentMethodTypes: methods.map(String),
      paymentIntent: null,
      subscription: null,
      invoice: null,
      lastError: null,
      trialDays: int(asParams(params.subscription_data ?? {}, 'subscription_data'), 'trial_period_days') ?? null,
      subscriptionMetadata: metadata(asParams(params.subscription_data ?? {}, 'subscription_data')) ?? {},
    };
    account.sessions[session.id] = session;
    return renderSession(ctx, account, session, expandList(params));
  });

  router.get('/v1/checkout/sessions', ({ key, account, params }) => {
    allowOnly(params, ['customer', 'payment_intent', 'subscription', 'status', 'limit', 'starting_after', 'ending_before', 'created', 'expand']);
    const filters = { customer: str(params, 'customer'), payment_intent: str(params, 'payment_intent'), subscription: str(params, 'subscription'), status: str(params, 'status') };
    const inRange = createdFilter(params);
    for (const s of Object.values(account.sessions)) expireIfDue(ctx, key, account, s);
    const all = newestFirst(Object.values(account.sessions)).filter(
      (s) =>
        inRange(s.created) &&
        (!filters.customer || s.customer === filters.customer) &&
        (!filters.payment_intent || s.paymentIntent === filters.payment_intent) &&
        (!filters.subscription || s.subscription === filters.subscription) &&
        (!filters.status || s.status === filters.status),
    );
    return listObject(all.map((s) => renderSession(ctx, account, s)), params, '/v1/checkout/sessions');
  });

  router.get('/v1/checkout/sessions/:id', ({ key, account, params, path }) =>
    renderSession(ctx, account, getSession(ctx, key, account, path.id), expandList(params)),
  );

  router.get('/v1/checkout/sessions/:id/line_items', ({ key, account, params, path }) => {
    const session = getSession(ctx, key, account, path.id);
    return listObject(renderLineItems(account, session), params, `/v1/checkout/sessions/${session.id}/line_items`);
  });

  router.post('/v1/checkout/sessions/:id/expire', ({ key, account, path }) => {
    const session = getSession(ctx, key, account, path.id);
    if (session.status !== 'open') {
      throw invalidParam('session', `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`);
    }
    expireSession(ctx, key, account, session);
    return renderSession(ctx, account, session);
  });
}
