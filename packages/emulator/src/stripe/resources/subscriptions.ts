import type Stripe from 'stripe';
import type { StripeContext } from '../context.js';
import { invalidParam, resourceMissing } from '../errors.js';
import { listObject, newestFirst } from '../list.js';
import type { AccountState, SubscriptionState } from '../model.js';
import { allowOnly, asParams, bool, int, metadata, str } from '../params.js';
import type { StripeRouter } from '../router.js';
import { renderPrice } from './prices.js';

export function renderSubscription(account: AccountState, sub: SubscriptionState) {
  const subscription = {
    id: sub.id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: sub.billingCycleAnchor,
    billing_cycle_anchor_config: null,
    billing_mode: { type: 'classic', flexible: null },
    billing_thresholds: null,
    cancel_at: sub.cancelAtPeriodEnd ? sub.currentPeriodEnd : (sub.cancelAt ?? null),
    cancel_at_period_end: sub.cancelAtPeriodEnd,
    canceled_at: sub.canceledAt,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: sub.canceledAt ? 'cancellation_requested' : null },
    collection_method: 'charge_automatically',
    created: sub.created,
    currency: sub.currency,
    customer: sub.customer,
    customer_account: null,
    days_until_due: null,
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    ended_at: sub.endedAt,
    invoice_settings: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: { type: 'self' } },
    latest_invoice: sub.latestInvoice,
    livemode: false,
    managed_payments: null,
    metadata: sub.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: sub.pauseCollection
      ? { behavior: sub.pauseCollection.behavior, resumes_at: sub.pauseCollection.resumesAt }
      : null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: 'off' },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: sub.created,
    status: sub.status,
    test_clock: sub.testClock,
    transfer_data: null,
    trial_end: null,
    trial_settings: { end_behavior: { billing_cycle_anchor: null, missing_payment_method: 'create_invoice' } },
    trial_start: null,
  } satisfies Partial<Stripe.Subscription>;
  const items = {
    object: 'list' as const,
    has_more: false,
    url: `/v1/subscription_items?subscription=${sub.id}`,
    data: sub.items.map((item) => {
      const price = account.prices[item.price];
      return {
        id: item.id,
        object: 'subscription_item' as const,
        billing_thresholds: null,
        created: sub.created,
        // Since API 2025-03-31 the billing period lives on the items, not on the subscription.
        current_period_end: sub.currentPeriodEnd,
        current_period_start: sub.currentPeriodStart,
        discounts: [],
        metadata: {},
        plan: null,
        price: price ? renderPrice(price) : null,
        quantity: item.quantity,
        subscription: sub.id,
        tax_rates: [],
      };
    }),
  };
  return { ...subscription, items, trial_end: sub.trialEnd, trial_start: sub.trialStart };
}

export function getSubscription(account: AccountState, id: string): SubscriptionState {
  const sub = account.subscriptions[id];
  if (!sub) throw resourceMissing('subscription', id);
  return sub;
}

const PAUSE_BEHAVIORS = ['keep_as_draft', 'mark_uncollectible', 'void'] as const;

function changed(before: Record<string, unknown>, after: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(before).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(after[k])));
}

/** Emits `customer.subscription.updated` with the attributes that changed, as Stripe does. */
export function emitSubscriptionUpdate(
  ctx: StripeContext,
  key: string,
  account: AccountState,
  sub: SubscriptionState,
  before: Record<string, unknown>,
  at?: number,
) {
  const after = renderSubscription(account, sub);
  ctx.emit(key, 'customer.subscription.updated', after, { previous: changed(before, after), at });
  return after;
}

export function cancelNow(ctx: StripeContext, key: string, account: AccountState, sub: SubscriptionState, at: number) {
  sub.status = 'canceled';
  sub.canceledAt = sub.canceledAt ?? at;
  sub.endedAt = at;
  const rendered = renderSubscription(account, sub);
  ctx.emit(key, 'customer.subscription.deleted', rendered, { at });
  return rendered;
}

export function registerSubscriptions(router: StripeRouter, ctx: StripeContext) {
  router.get('/v1/subscriptions/:id', ({ account, path }) => renderSubscription(account, getSubscription(account, path.id)));

  router.get('/v1/subscriptions', ({ account, params }) => {
    allowOnly(params, ['customer', 'status', 'price', 'limit', 'starting_after', 'ending_before', 'created', 'expand', 'test_clock']);
    const customer = str(params, 'customer');
    const status = str(params, 'status');
    const price = str(params, 'price');
    const all = newestFirst(Object.values(account.subscriptions)).filter(
      (s) =>
        (!customer || s.customer === customer) &&
        (!price || s.items.some((i) => i.price === price)) &&
        (status === 'all' || (status ? s.status === status : s.status !== 'canceled')),
    );
    return listObject(all.map((s) => renderSubscription(account, s)), params, '/v1/subscriptions');
  });

  router.post('/v1/subscriptions/:id', ({ key, account, params, path }) => {
    allowOnly(params, ['cancel_at', 'cancel_at_period_end', 'pause_collection', 'metadata', 'expand', 'description']);
    const sub = getSubscription(account, path.id);
    if (sub.status === 'canceled') {
      throw invalidParam('subscription', 'A canceled subscription can only update its cancellation_details and metadata.');
    }
    const before = renderSubscription(account, sub);
    const now = ctx.timeFor(account, sub.customer);
    if (params.cancel_at !== undefined && params.cancel_at_period_end !== undefined) {
      throw invalidParam('cancel_at', 'You may only specify one of these parameters: cancel_at, cancel_at_period_end.');
    }
    if (params.cancel_at === '') sub.cancelAt = null;
    else if (params.cancel_at !== undefined) {
      const cancelAt = int(params, 'cancel_at') as number;
      if (cancelAt <= now) throw invalidParam('cancel_at', 'Invalid cancel_at: must be in the future.');
      // A fixed end replaces a cancellation at period end, as in Stripe.
      sub.cancelAt = cancelAt;
      sub.cancelAtPeriodEnd = false;
    }
    const atPeriodEnd = bool(params, 'cancel_at_period_end');
    if (atPeriodEnd !== undefined) {
      sub.cancelAtPeriodEnd = atPeriodEnd;
      if (atPeriodEnd) sub.cancelAt = null;
    }
    if (params.pause_collection === '') sub.pauseCollection = null;
    else if (params.pause_collection !== undefined) {
      const pause = asParams(params.pause_collection, 'pause_collection');
      const behavior = str(pause, 'behavior');
      if (!behavior || !PAUSE_BEHAVIORS.includes(behavior as (typeof PAUSE_BEHAVIORS)[number])) {
        throw invalidParam('pause_collection[behavior]', `Invalid pause_collection[behavior]: must be one of ${PAUSE_BEHAVIORS.join(', ')}`);
      }
      sub.pauseCollection = { behavior: behavior as (typeof PAUSE_BEHAVIORS)[number], resumesAt: null };
    }
    const meta = metadata(params);
    if (meta) sub.metadata = { ...sub.metadata, ...meta };
    return emitSubscriptionUpdate(ctx, key, account, sub, before, now);
  });

  router.delete('/v1/subscriptions/:id', ({ key, account, path }) => {
    const sub = getSubscription(account, path.id);
    if (sub.status === 'canceled') throw invalidParam('subscription', `No such subscription: '${sub.id}' is already canceled.`);
    return cancelNow(ctx, key, account, sub, ctx.timeFor(account, sub.customer));
  });
}
