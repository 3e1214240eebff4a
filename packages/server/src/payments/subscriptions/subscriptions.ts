import { NotFoundError, UnknownPriceError, UnsupportedOptionError } from '../../errors/index.js';
import type { SubscriptionState } from '../../providers/provider.js';
import { listSubscriptionCharges } from '../../storage/repositories/events.js';
import {
  findSubscription,
  listSubscriptions as listRows,
  type SubscriptionRow,
  upsertSubscription,
} from '../../storage/repositories/subscriptions.js';
import { findProduct } from '../catalogue/catalogue.js';
import { loadProducts } from '../catalogue/products.js';
import { createCheckout, type DeferCheckoutWrite } from '../checkout/checkout.js';
import { requireConfiguration } from '../configuration/app-provider.js';
import type { PaymentsContext } from '../context.js';
import { validateRecurringData } from './recurring-data.js';
import { subscriptionView } from './subscription-view.js';

export interface CreateSubscriptionInput {
  customer: string;
  priceId: string;
  recurring_data?: Record<string, unknown>;
  trial_period_days?: number;
  paykit_return_url?: string;
}

/**
 * Starts a subscription through the provider's hosted checkout: Stripe with the recurring price
 * of the catalogue, Flitt with `recurring_data` (its amount defaults to the product's price).
 */
export async function createSubscription(ctx: PaymentsContext, appId: string, input: CreateSubscriptionInput, deferWrite?: DeferCheckoutWrite) {
  const { provider } = await requireConfiguration(ctx, appId);
  const product = findProduct(await loadProducts(ctx, appId), input.priceId);
  if (!product) throw new UnknownPriceError(`priceId ${JSON.stringify(input.priceId)} is not in this app's catalogue.`, { field: 'priceId' });
  if (input.recurring_data && !provider.capabilities.recurringData) {
    throw new UnsupportedOptionError(`${provider.name} schedules from the recurring price itself: leave out recurring_data.`, { field: 'recurring_data' });
  }
  const recurring = provider.capabilities.recurringData
    ? validateRecurringData({ amount: product.unitAmount ?? undefined, ...(input.recurring_data ?? {}) })
    : undefined;
  return createCheckout(ctx, appId, {
    mode: 'subscription',
    customer: input.customer,
    line_items: [{ price: input.priceId, quantity: 1 }],
    ...(input.trial_period_days ? { subscription_data: { trial_period_days: input.trial_period_days } } : {}),
    ...(input.paykit_return_url ? { paykit_return_url: input.paykit_return_url } : {}),
    recurring_data: recurring,
  }, deferWrite);
}

async function requireSubscription(ctx: PaymentsContext, appId: string, id: string): Promise<SubscriptionRow> {
  const row = await findSubscription(ctx.db, appId, id);
  if (!row) throw new NotFoundError('subscription', id);
  return row;
}

export async function getSubscription(ctx: PaymentsContext, appId: string, id: string) {
  const row = await requireSubscription(ctx, appId, id);
  return subscriptionView(row, await listSubscriptionCharges(ctx.db, appId, id));
}

/**
 * Schedules paykit computes (Flitt) end without a word from the provider, so their status is
 * derived from the schedule and their charges: the status filter applies to the derived status.
 */
export async function listSubscriptions(ctx: PaymentsContext, appId: string, filter: { customerId?: string; status?: string }) {
  const rows = await listRows(ctx.db, appId, { customerId: filter.customerId });
  const views = [];
  for (const row of rows) {
    if (filter.status && !row.recurring_data && row.status !== filter.status) continue;
    const charges = row.recurring_data ? await listSubscriptionCharges(ctx.db, appId, row.id) : [];
    const view = subscriptionView(row, charges);
    if (!filter.status || view.status === filter.status) views.push(view);
  }
  return views;
}

export type SubscriptionAction = 'stop' | 'start' | 'cancel';

/** Stops, restarts or cancels at the provider, then stores the state it answers with. */
export async function changeSubscription(
  ctx: PaymentsContext,
  appId: string,
  id: string,
  action: SubscriptionAction,
  options: { atPeriodEnd?: boolean } = {},
) {
  const row = await requireSubscription(ctx, appId, id);
  const { provider } = await requireConfiguration(ctx, appId);
  let state: SubscriptionState;
  if (action === 'stop') state = await provider.stopSubscription(id);
  else if (action === 'start') state = await provider.startSubscription(id);
  else state = await provider.cancelSubscription(id, { atPeriodEnd: options.atPeriodEnd ?? false });
  await upsertSubscription(ctx.db, {
    app_id: appId,
    id,
    provider: row.provider,
    customer_id: state.providerCustomerId ?? row.customer_id,
    status: state.status,
    price_id: state.priceId ?? row.price_id,
    current_period_start: state.currentPeriodStart,
    current_period_end: state.currentPeriodEnd,
    cancel_at_period_end: state.cancelAtPeriodEnd ? 1 : 0,
    version: Math.max(state.version, Number(row.version)),
  });
  return getSubscription(ctx, appId, id);
}
