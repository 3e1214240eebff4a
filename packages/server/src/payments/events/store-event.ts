import type { ProviderEvent } from '../../providers/provider.js';
import { writeEvent, writeSubscriptionEvent } from '../../storage/repositories/event-writes.js';
import { insertEventIfNew, type NewEventRow } from '../../storage/repositories/events.js';
import { inWriteTransaction } from '../../storage/repositories/write-batch.js';
import type { Db, Dialect } from '../../storage/schema.js';
import { chargeView } from '../subscriptions/charge-view.js';
import { applyEvent, chargeRow, type EventOutcome, subscriptionRow } from './apply-event.js';

/** Thrown inside the transaction to roll back what a duplicate delivery applied. */
class DuplicateDelivery extends Error {}

function eventRow(appId: string, provider: string, event: ProviderEvent, outcome: EventOutcome): NewEventRow {
  return {
    app_id: appId,
    provider,
    provider_event_id: event.providerEventId,
    type: event.type,
    customer_id: event.providerCustomerId,
    created_seconds: event.created,
    received_at: Date.now(),
    payload: event.payloadJson ?? JSON.stringify(event.payload),
    outcome,
    charge: event.charge ? JSON.stringify(chargeView(event.charge)) : null,
  };
}

/**
 * PostgreSQL: an event that is only a subscription change, only a charge that names its customer,
 * a checkout paykit did not create, or changes no state is stored and applied by one statement
 * shared with the events arriving alongside (storage/repositories/event-writes.ts). Null when the
 * caller must take the general path: another dialect or event shape, a checkout paykit knows, or
 * a subscription event in a same-second tie, a race or a duplicate delivery.
 */
export async function storeEventInOneStatement(
  { db, dialect }: { db: Db; dialect: Dialect },
  appId: string,
  provider: string,
  event: ProviderEvent,
): Promise<EventOutcome | 'duplicate' | null> {
  if (dialect !== 'postgres') return null;
  if (event.subscription && !event.charge && !event.checkout) {
    const stored = await writeSubscriptionEvent(db, { event: eventRow(appId, provider, event, 'recorded'), state: subscriptionRow(appId, provider, event.subscription) });
    return stored === 'retry' ? null : stored;
  }
  if (event.subscription) return null;
  if (event.charge && (event.checkout || (!event.providerCustomerId && event.charge.providerSubscriptionId))) return null;
  const charge = event.charge ? chargeRow(appId, provider, { ...event, charge: event.charge }) : null;
  const outcome = charge ? 'applied' : 'recorded';
  const stored = await writeEvent(db, {
    event: eventRow(appId, provider, event, outcome),
    outcome,
    charge,
    // A checkout paykit did not create (a payment link, another integration on the account) only goes into the log.
    unlessCheckoutSession: event.checkout?.providerSessionId ?? null,
  });
  if (stored === 'retry') return null;
  return stored === 'stored' ? outcome : 'duplicate';
}

/**
 * Stores the event and applies it atomically, in one transaction (see `inWriteTransaction`: on
 * SQLite the events arriving together share its commit) that applies it first (so the stored row
 * carries its outcome and needs no second write) and then inserts it. The unique key (app,
 * provider, event id) still decides duplicates: when the insert finds the event already there,
 * the transaction is rolled back, so a duplicate delivery changes nothing.
 */
export async function storeEvent(
  { db, dialect }: { db: Db; dialect: Dialect },
  appId: string,
  provider: string,
  event: ProviderEvent,
): Promise<EventOutcome | 'duplicate'> {
  try {
    return await inWriteTransaction(db, dialect, async (trx) => {
      const outcome = await applyEvent(trx, appId, provider, event);
      if ((await insertEventIfNew(trx, eventRow(appId, provider, event, outcome))) === null) throw new DuplicateDelivery();
      return outcome;
    });
  } catch (error) {
    if (error instanceof DuplicateDelivery) return 'duplicate';
    throw error;
  }
}
