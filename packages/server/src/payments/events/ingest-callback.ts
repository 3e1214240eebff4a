import { NotFoundError } from '../../errors/index.js';
import type { ProviderEvent } from '../../providers/provider.js';
import { findConfigurationByWebhookToken } from '../../storage/repositories/configurations.js';
import { insertEventIfNew, setEventOutcome } from '../../storage/repositories/events.js';
import { findSubscription } from '../../storage/repositories/subscriptions.js';
import type { Db } from '../../storage/schema.js';
import { providerFor } from '../configuration/app-provider.js';
import type { PaymentsContext } from '../context.js';
import { chargeView } from '../subscriptions/charge-view.js';
import { applyEvent, type EventOutcome } from './apply-event.js';
import type { IngestResult } from './ingest-webhook.js';

/**
 * One callback of Flitt tells several things at once (an approved subscription order completes its
 * checkout and starts the subscription; a scheduled charge is a charge and moves the subscription),
 * while `applyEvent` applies the first part it finds. Each part is applied on its own, in order,
 * every write still conditional on the stored version.
 */
async function applyEveryPart(trx: Db, appId: string, provider: string, event: ProviderEvent): Promise<EventOutcome> {
  const none = { checkout: null, subscription: null, charge: null };
  const parts: ProviderEvent[] = [];
  if (event.checkout) parts.push({ ...event, ...none, checkout: event.checkout });
  if (event.subscription) parts.push({ ...event, ...none, subscription: event.subscription });
  if (event.charge) parts.push({ ...event, ...none, charge: event.charge });
  const outcomes: EventOutcome[] = [];
  for (const part of parts) outcomes.push(await applyEvent(trx, appId, provider, part));
  if (outcomes.includes('applied')) return 'applied';
  return outcomes.includes('stale') ? 'stale' : 'recorded';
}

/** A scheduled charge may come without the customer (Flitt does not promise merchant_data on it): take the subscription's. */
async function withCustomer(ctx: PaymentsContext, appId: string, event: ProviderEvent): Promise<ProviderEvent> {
  const subscriptionId = event.charge?.providerSubscriptionId;
  if (event.providerCustomerId || !subscriptionId) return event;
  const stored = await findSubscription(ctx.db, appId, subscriptionId);
  if (!stored?.customer_id) return event;
  const subscription = event.subscription && { ...event.subscription, providerCustomerId: stored.customer_id };
  return { ...event, providerCustomerId: stored.customer_id, subscription };
}

/**
 * Flitt's order callbacks: the adapter verifies them with the merchant's secret key, then the event
 * is stored and every part of it applied in one transaction; the caller answers 200 only after
 * this returns (Flitt retries anything else), and a duplicate delivery is acknowledged unapplied.
 */
export async function ingestCallback(
  ctx: PaymentsContext,
  token: string,
  request: { rawBody: Buffer; headers: Record<string, string | string[] | undefined> },
): Promise<IngestResult> {
  const configuration = await findConfigurationByWebhookToken(ctx.db, token);
  if (!configuration) throw new NotFoundError('callback endpoint', `${token.slice(0, 8)}…`);
  const provider = providerFor(ctx, configuration);
  const appId = configuration.app_id;
  const verified = await provider.parseWebhook({ rawBody: request.rawBody, headers: request.headers, signingSecrets: [] });
  const event = await withCustomer(ctx, appId, verified);
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const id = await insertEventIfNew(trx, {
      app_id: appId,
      provider: provider.name,
      provider_event_id: event.providerEventId,
      type: event.type,
      customer_id: event.providerCustomerId,
      created_seconds: event.created,
      received_at: Date.now(),
      payload: JSON.stringify(event.payload),
      outcome: 'recorded',
      charge: event.charge ? JSON.stringify(chargeView(event.charge)) : null,
    });
    if (id === null) return 'duplicate' as const;
    const applied = await applyEveryPart(trx, appId, provider.name, event);
    if (applied !== 'recorded') await setEventOutcome(trx, id, applied);
    return applied;
  });
  ctx.logger.info({ appId, eventId: event.providerEventId, type: event.type, outcome }, 'flitt callback ingested');
  return { duplicate: outcome === 'duplicate', outcome, eventId: event.providerEventId };
}
