import { batcherPerOwner, createBatcher } from '../batcher.js';
import type { Db, WebhookReceiptTable } from '../schema.js';

export type NewWebhookReceiptRow = Omit<WebhookReceiptTable, 'id'>;

/** Inserts a receipt together with those noted alongside (a burst of retried deliveries): one statement each batch. */
export const insertWebhookReceipt = batcherPerOwner((db: Db) =>
  createBatcher(
    async (rows: NewWebhookReceiptRow[]) => {
      await db.insertInto('webhook_receipt').values(rows).execute();
      return rows.map(() => undefined);
    },
    { maxBatch: 200, maxInFlight: 1 },
  ),
);

/** Deletes the receipts received before `cutoff`; returns how many. */
export async function deleteWebhookReceiptsBefore(db: Db, cutoff: number): Promise<number> {
  const result = await db.deleteFrom('webhook_receipt').where('received_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function listWebhookReceipts(db: Db, appId: string, limit: number) {
  return db
    .selectFrom('webhook_receipt')
    .select(['id', 'provider', 'provider_event_id', 'outcome', 'code', 'reason', 'received_at'])
    .where('app_id', '=', appId)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The newest stored event of the app, payload left out. */
export async function listRecentEvents(db: Db, appId: string, limit: number) {
  return db
    .selectFrom('event')
    .select(['id', 'provider', 'provider_event_id', 'type', 'customer_id', 'received_at', 'outcome'])
    .where('app_id', '=', appId)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** When the app last heard from its provider (an event stored, a duplicate or a rejection), unix ms. */
export async function lastDeliveryAt(db: Db, appId: string): Promise<number | null> {
  const [stored, other] = await Promise.all([
    db.selectFrom('event').select((eb) => eb.fn.max('received_at').as('at')).where('app_id', '=', appId).executeTakeFirst(),
    db.selectFrom('webhook_receipt').select((eb) => eb.fn.max('received_at').as('at')).where('app_id', '=', appId).executeTakeFirst(),
  ]);
  const times = [stored?.at, other?.at].filter((t) => t !== null && t !== undefined).map(Number);
  return times.length > 0 ? Math.max(...times) : null;
}
