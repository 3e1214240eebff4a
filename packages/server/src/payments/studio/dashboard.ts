import { listChargesSince, listCheckoutsSince, listSubscriptionSpans } from '../../storage/repositories/studio-dashboard.js';
import type { PaymentsContext } from '../context.js';

const DAY_MS = 86_400_000;
// A stopped (paused) subscription is not active; it counts again once started and charged.
const ENDED = new Set(['canceled', 'ended', 'incomplete_expired', 'stopped']);
const NEVER_STARTED = new Set(['incomplete', 'incomplete_expired']);

const dayOf = (ms: number) => new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);

/**
 * Revenue per UTC day and currency (minor units), active subscriptions at the end of each day,
 * and checkout counts by status, for the last `days` days. Revenue is paid one-off checkouts plus
 * succeeded subscription charges; a subscription checkout counts only when its subscription has no
 * charge recorded (Stripe's first invoice is itself a charge, so it is not counted twice).
 */
export async function dashboard(ctx: PaymentsContext, appId: string, days: number, now = Date.now()) {
  const firstDay = Math.floor(now / DAY_MS) * DAY_MS - (days - 1) * DAY_MS;
  const dates = Array.from({ length: days }, (_, i) => dayOf(firstDay + i * DAY_MS));
  const [checkouts, charges, spans] = await Promise.all([
    listCheckoutsSince(ctx.db, appId, firstDay),
    listChargesSince(ctx.db, appId, Math.floor(firstDay / 1000)),
    listSubscriptionSpans(ctx.db, appId),
  ]);

  const revenue: Record<string, number[]> = {};
  const add = (currency: string | null, amount: number, atMs: number) => {
    const index = Math.floor((atMs - firstDay) / DAY_MS);
    if (!currency || index < 0 || index >= days) return;
    const key = currency.toUpperCase();
    if (!revenue[key]) revenue[key] = new Array<number>(days).fill(0);
    revenue[key][index] += amount;
  };
  const charged = new Set<string>();
  for (const c of charges) {
    if (c.subscription_id) charged.add(c.subscription_id);
    if (c.status === 'succeeded') add(c.currency, Number(c.amount), Number(c.created_seconds) * 1000);
  }
  const counts = { complete: 0, canceled: 0, expired: 0, open: 0 };
  for (const c of checkouts) {
    if (c.status in counts) counts[c.status as keyof typeof counts] += 1;
    if (c.status !== 'complete' || c.payment_status !== 'paid' || c.amount_total === null) continue;
    if (c.mode === 'subscription' && c.provider_subscription_id && charged.has(c.provider_subscription_id)) continue;
    add(c.currency, Number(c.amount_total), Number(c.updated_at));
  }

  const active = dates.map((_, i) => {
    const endOfDay = firstDay + (i + 1) * DAY_MS;
    return spans.filter((s) => {
      if (NEVER_STARTED.has(s.status)) return false;
      const startMs = s.started_at !== null ? Number(s.started_at) * 1000 : s.current_period_start !== null ? Number(s.current_period_start) * 1000 : Number(s.updated_at);
      const endMs = ENDED.has(s.status) ? Number(s.updated_at) : Number.POSITIVE_INFINITY;
      return startMs < endOfDay && endMs >= endOfDay;
    }).length;
  });

  return { days: dates, revenue, activeSubscriptions: active, checkouts: counts };
}
