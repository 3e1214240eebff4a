import type { ProviderEvent } from '../../providers/provider.js';
import { insertChargeEvent, insertSubscriptionEvent } from '../../storage/repositories/event-writes.js';
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
    payload: JSON.stringify(event.payload),
    outcome,
    charge: event.charge ? JSON.stringify(chargeView(event.charge)) : null,
  };
}

/**
 * PostgreSQL: an event that is only a subscription change, or only a charge that names its
 * customer, is stored and applied by one statement (storage/repositories/event-writes.ts).
 * Null when the caller must take the general path: another dialect or event shape, or a
 * subscription event in a same-second tie, a race or a duplicate delivery.
 */
export async function storeEventInOneStatement(
  { db, dialect }: { db: Db; dialect: Dialect },
  appId: string,
  provider: string,
  event: ProviderEvent,
): Promise<EventOutcome | 'duplicate' | null> {
  if (dialect !== 'postgres' || event.checkout) return null;
  if (event.subscription && !event.charge) {
    const stored = await insertSubscriptionEvent(db, eventRow(appId, provider, event, 'recorded'), subscriptionRow(appId, provider, event.subscription));
    return stored === 'retry' ? null : stored;
  }
  if (event.charge && !event.subscription && (event.providerCustomerId || !event.charge.providerSubscriptionId)) {
    const stored = await insertChargeEvent(db, eventRow(appId, provider, event, 'applied'), chargeRow(appId, provider, { ...event, charge: event.charge }));
    return stored ? 'applied' : 'duplicate';
  }
  return null;
}

/**
 * Stores the event and applies it atomically, in as few statements as possible: an event that
 * changes no state is one INSERT; otherwise one transaction (see `inWriteTransaction`) applies
 * it first (so the stored row carries its outcome and needs no second write) and then inserts
 * it. The unique key (app, provider, event id) still decides duplicates: when the insert finds
 * the event already there, the transaction is rolled back, so a duplicate delivery changes nothing.
 */
export async function storeEvent(
  { db, dialect }: { db: Db; dialect: Dialect },
  appId: string,
  provider: string,
  event: ProviderEvent,
): Promise<EventOutcome | 'duplicate'> {
  if (!event.checkout && !event.subscription && !event.charge) {
    const id = await insertEventIfNew(db, eventRow(appId, provider, event, 'recorded'));
    return id === null ? 'duplicate' : 'recorded';
  }
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
