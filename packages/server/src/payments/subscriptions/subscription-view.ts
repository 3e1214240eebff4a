import type { NewChargeRow } from '../../storage/repositories/events.js';
import type { SubscriptionRow } from '../../storage/repositories/subscriptions.js';
import { chargeSchedule, type RecurringData } from './recurring-data.js';

const iso = (seconds: number | null) => (seconds === null ? null : new Date(Number(seconds) * 1000).toISOString());
const ENDED = ['canceled', 'ended'];

/** Past and upcoming charge dates: from recurring_data where paykit keeps the schedule, else from the billing period. */
function schedule(row: SubscriptionRow, charges: NewChargeRow[]) {
  const past = charges.map((c) => iso(c.created_seconds) as string);
  if (ENDED.includes(row.status) || row.status === 'stopped') return { past, upcoming: [] as string[] };
  if (row.recurring_data && row.started_at !== null) {
    const data = JSON.parse(row.recurring_data) as RecurringData;
    const now = Date.now();
    const upcoming = chargeSchedule(data, new Date(Number(row.started_at) * 1000))
      .filter((d) => d.getTime() > now)
      .slice(0, 12)
      .map((d) => d.toISOString());
    return { past, upcoming };
  }
  const next = row.cancel_at_period_end ? null : iso(row.current_period_end);
  return { past, upcoming: next ? [next] : [] };
}

export function subscriptionView(row: SubscriptionRow, charges: NewChargeRow[]) {
  const plan = schedule(row, charges);
  return {
    id: row.id,
    object: 'subscription' as const,
    provider: row.provider,
    customer: row.customer_id,
    status: row.status,
    priceId: row.price_id,
    currentPeriodStart: iso(row.current_period_start),
    currentPeriodEnd: iso(row.current_period_end),
    cancelAtPeriodEnd: Boolean(row.cancel_at_period_end),
    nextChargeAt: plan.upcoming[0] ?? null,
    schedule: plan,
    charges: charges.map((c) => ({
      payment: c.id,
      amount: Number(c.amount),
      currency: c.currency,
      status: c.status,
      at: Number(c.created_seconds),
    })),
  };
}
