import type { PaymentProvider, ProviderEvent } from '../../providers/provider.js';
import { hasSameSecondTie } from '../../storage/repositories/event-ties.js';
import { upsertSubscription } from '../../storage/repositories/subscriptions.js';
import type { PaymentsContext } from '../context.js';

/**
 * After a subscription event is committed: when another stored event of the same customer and type
 * family has the same second and the subscription's stored version is still that second, the two cannot be
 * ordered, so the provider's current state is stored at that version. `resolveTie` settles a tie
 * it can see before writing; this catches two deliveries that raced (neither saw the other before
 * writing, and the last commit won). Running after the commit, the later of the two always sees
 * the earlier one, so the state ends as the provider's whatever the interleaving.
 */
export async function settleRacingTie(ctx: PaymentsContext, appId: string, provider: PaymentProvider, event: ProviderEvent): Promise<void> {
  const subscription = event.subscription;
  if (!subscription || !event.providerCustomerId) return;
  const sameSecond = await hasSameSecondTie(ctx.db, {
    appId,
    provider: provider.name,
    subscriptionId: subscription.providerSubscriptionId,
    customerId: event.providerCustomerId,
    // Events of the same family only (`customer.subscription.`): an invoice in the same second is no tie.
    typePrefix: event.type.slice(0, event.type.lastIndexOf('.') + 1),
    createdSeconds: event.created,
    exceptEventId: event.providerEventId,
  });
  if (!sameSecond) return;
  try {
    const current = await provider.retrieveSubscription(subscription.providerSubscriptionId);
    await upsertSubscription(ctx.db, {
      app_id: appId,
      id: subscription.providerSubscriptionId,
      provider: provider.name,
      customer_id: current.providerCustomerId ?? subscription.providerCustomerId,
      status: current.status,
      price_id: current.priceId,
      current_period_start: current.currentPeriodStart,
      current_period_end: current.currentPeriodEnd,
      cancel_at_period_end: current.cancelAtPeriodEnd ? 1 : 0,
      version: subscription.version,
    });
  } catch (error) {
    // The event is stored and acknowledged either way; the next event or reconciliation corrects the state.
    ctx.logger.warn({ appId, eventId: event.providerEventId, err: error }, 'could not read the subscription to settle a same-second race');
  }
}
