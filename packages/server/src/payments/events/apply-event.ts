import type { ProviderEvent } from '../../providers/provider.js';
import { applyCheckoutState, findCheckoutByProviderSession } from '../../storage/repositories/checkouts.js';
import { insertChargeIfNew, type NewChargeRow } from '../../storage/repositories/events.js';
import { attachOrigin, type SubscriptionStateRow, upsertSubscription } from '../../storage/repositories/subscriptions.js';
import type { Db } from '../../storage/schema.js';
import { checkoutColumns, supersedes } from '../checkout/checkout-state.js';

/** applied: state changed; stale: older than what is stored; recorded: kept in the log only. */
export type EventOutcome = 'applied' | 'stale' | 'recorded';

export function subscriptionRow(appId: string, provider: string, s: NonNullable<ProviderEvent['subscription']>): SubscriptionStateRow {
  return {
    app_id: appId,
    id: s.providerSubscriptionId,
    provider,
    customer_id: s.providerCustomerId,
    status: s.status,
    price_id: s.priceId,
    current_period_start: s.currentPeriodStart,
    current_period_end: s.currentPeriodEnd,
    cancel_at_period_end: s.cancelAtPeriodEnd ? 1 : 0,
    version: s.version,
  };
}

export function chargeRow(appId: string, provider: string, event: ProviderEvent & { charge: NonNullable<ProviderEvent['charge']> }): NewChargeRow {
  const c = event.charge;
  return {
    app_id: appId,
    id: c.paymentId ?? event.providerEventId,
    status: c.status,
    provider,
    subscription_id: c.providerSubscriptionId,
    customer_id: event.providerCustomerId,
    amount: c.amount,
    currency: c.currency,
    created_seconds: c.at,
  };
}

/** Applies one part of an event (its checkout, subscription or charge); every write is conditional on the stored version. */
async function applyPart(trx: Db, appId: string, provider: string, event: ProviderEvent): Promise<EventOutcome> {
  if (event.checkout) {
    const row = await findCheckoutByProviderSession(trx, appId, event.checkout.providerSessionId);
    if (!row) return 'recorded';
    if (!supersedes(event.checkout, row)) return 'stale';
    const applied = await applyCheckoutState(trx, row.id, checkoutColumns(event.checkout, event.checkout.providerCustomerId));
    const subscriptionId = event.checkout.providerSubscriptionId;
    if (applied && subscriptionId && event.checkout.status === 'complete') {
      await upsertSubscription(trx, {
        app_id: appId,
        id: subscriptionId,
        provider,
        customer_id: event.checkout.providerCustomerId,
        status: 'incomplete',
        price_id: event.checkout.lineItems[0]?.priceId ?? null,
        current_period_start: null,
        current_period_end: null,
        cancel_at_period_end: 0,
        version: 0,
      });
      await attachOrigin(trx, appId, subscriptionId, { checkout_id: row.id, recurring_data: row.recurring_data, started_at: event.created });
    }
    return applied ? 'applied' : 'stale';
  }
  if (event.subscription) {
    const applied = await upsertSubscription(trx, subscriptionRow(appId, provider, event.subscription));
    return applied ? 'applied' : 'stale';
  }
  if (event.charge) {
    await insertChargeIfNew(trx, chargeRow(appId, provider, { ...event, charge: event.charge }));
    return 'applied';
  }
  return 'recorded';
}

/**
 * Applies every part of a stored event: one provider event may tell several things at once (a
 * Flitt callback for an approved subscription order completes its checkout and starts the
 * subscription; a scheduled charge is a charge and moves the subscription).
 */
export async function applyEvent(trx: Db, appId: string, provider: string, event: ProviderEvent): Promise<EventOutcome> {
  const none = { checkout: null, subscription: null, charge: null };
  const parts: ProviderEvent[] = [];
  if (event.checkout) parts.push({ ...event, ...none, checkout: event.checkout });
  if (event.subscription) parts.push({ ...event, ...none, subscription: event.subscription });
  if (event.charge) parts.push({ ...event, ...none, charge: event.charge });
  const outcomes: EventOutcome[] = [];
  for (const part of parts) outcomes.push(await applyPart(trx, appId, provider, part));
  if (outcomes.includes('applied')) return 'applied';
  return outcomes.includes('stale') ? 'stale' : 'recorded';
}
