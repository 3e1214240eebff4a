import { NotFoundError } from '../../errors/index.js';
import type { PaymentProvider, ProviderEvent } from '../../providers/provider.js';
import { findConfigurationByWebhookTokenCached } from '../../storage/repositories/configurations.js';
import { eventExists } from '../../storage/repositories/events.js';
import { findSubscription } from '../../storage/repositories/subscriptions.js';
import { providerFor, signingSecretsFor } from '../configuration/app-provider.js';
import type { PaymentsContext } from '../context.js';
import type { EventOutcome } from './apply-event.js';
import { settleRacingTie } from './settle-race.js';
import { storeEvent, storeEventInOneStatement } from './store-event.js';

export interface IngestResult {
  duplicate: boolean;
  outcome: EventOutcome | 'duplicate';
  eventId: string;
}

/**
 * Two subscription events within one second cannot be ordered by `created`: on such a tie the
 * subscription is read from the provider, and that current state is what gets stored.
 */
async function resolveTie(ctx: PaymentsContext, appId: string, provider: PaymentProvider, event: ProviderEvent) {
  if (!event.subscription) return event;
  const stored = await findSubscription(ctx.db, appId, event.subscription.providerSubscriptionId);
  if (!stored || Number(stored.version) !== event.subscription.version) return event;
  if (await eventExists(ctx.db, appId, provider.name, event.providerEventId)) return event;
  try {
    const current = await provider.retrieveSubscription(event.subscription.providerSubscriptionId);
    return { ...event, subscription: { ...current, version: event.subscription.version } };
  } catch (error) {
    ctx.logger.warn({ appId, eventId: event.providerEventId, err: error }, 'could not read the subscription to settle a tie; applying the event as sent');
    return event;
  }
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
 * Verifies, then stores and applies the event in one transaction; the caller answers 2xx only
 * after this returns, so an acknowledged event is always durable.
 */
export async function ingestWebhook(
  ctx: PaymentsContext,
  token: string,
  request: { rawBody: Buffer; headers: Record<string, string | string[] | undefined> },
): Promise<IngestResult> {
  const configuration = await findConfigurationByWebhookTokenCached(ctx.db, token);
  if (!configuration) throw new NotFoundError('webhook endpoint', `${token.slice(0, 8)}…`);
  const provider = providerFor(ctx, configuration);
  const verified = await provider.parseWebhook({
    rawBody: request.rawBody,
    headers: request.headers,
    signingSecrets: signingSecretsFor(ctx, configuration),
  });
  return recordEvent(ctx, configuration.app_id, provider, verified);
}

/**
 * Stores and applies one verified provider event: the webhook routes and anything else that
 * learns of an event use this one path. On PostgreSQL most events take one statement; the
 * general path settles a same-second tie and fills in a missing customer first.
 */
export async function recordEvent(ctx: PaymentsContext, appId: string, provider: PaymentProvider, verified: ProviderEvent): Promise<IngestResult> {
  let outcome = await storeEventInOneStatement(ctx, appId, provider.name, verified);
  if (outcome === null) {
    const event = await withCustomer(ctx, appId, await resolveTie(ctx, appId, provider, verified));
    outcome = await storeEvent(ctx, appId, provider.name, event);
  }
  if (outcome !== 'duplicate') await settleRacingTie(ctx, appId, provider, verified);
  ctx.logger.info({ appId, eventId: verified.providerEventId, type: verified.type, outcome }, 'webhook ingested');
  return { duplicate: outcome === 'duplicate', outcome, eventId: verified.providerEventId };
}
