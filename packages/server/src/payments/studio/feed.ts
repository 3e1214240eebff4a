import { listRecentEvents, listWebhookReceipts } from '../../storage/repositories/studio-receipts.js';
import type { PaymentsContext } from '../context.js';

export const MAX_FEED_LIMIT = 200;

export interface FeedItem {
  id: string;
  provider: string;
  eventId: string | null;
  type: string | null;
  customer: string | null;
  /** applied | stale | recorded (stored events), duplicate | rejected (noted deliveries) */
  outcome: string;
  code: string | null;
  reason: string | null;
  receivedAt: string;
}

const REASONS: Record<string, string> = {
  applied: 'stored and applied',
  stale: 'stored; older than the state paykit holds, so not applied',
  recorded: 'stored in the event log; nothing to apply',
};

/** The newest webhook deliveries of an app, stored events and noted duplicates/rejections merged, newest first. */
export async function eventFeed(ctx: PaymentsContext, appId: string, limit: number): Promise<FeedItem[]> {
  const [events, receipts] = await Promise.all([listRecentEvents(ctx.db, appId, limit), listWebhookReceipts(ctx.db, appId, limit)]);
  const types = new Map(events.map((e) => [e.provider_event_id, e.type]));
  const items: Array<FeedItem & { at: number }> = [
    ...events.map((e) => ({
      id: `evt-${e.id}`,
      provider: e.provider,
      eventId: e.provider_event_id,
      type: e.type,
      customer: e.customer_id,
      outcome: e.outcome,
      code: null,
      reason: REASONS[e.outcome] ?? null,
      receivedAt: new Date(Number(e.received_at)).toISOString(),
      at: Number(e.received_at),
    })),
    ...receipts.map((r) => ({
      id: `rcp-${r.id}`,
      provider: r.provider,
      eventId: r.provider_event_id,
      // A duplicate's type is its first delivery's, when that one is among the newest events.
      type: (r.provider_event_id && types.get(r.provider_event_id)) || null,
      customer: null,
      outcome: r.outcome,
      code: r.code,
      reason: r.reason,
      receivedAt: new Date(Number(r.received_at)).toISOString(),
      at: Number(r.received_at),
    })),
  ];
  return items
    .sort((a, b) => b.at - a.at)
    .slice(0, limit)
    .map(({ at: _at, ...item }) => item);
}
