import type { NewChargeRow } from '../../storage/repositories/events.js';
import type { SubscriptionRow } from '../../storage/repositories/subscriptions.js';
import { chargeSchedule, type RecurringData } from './recurring-data.js';
import { type ScheduledState, scheduledState, statusWithSchedule } from './scheduled-state.js';

const iso = (seconds: number | null) => (seconds === null ? null : new Date(Number(seconds) * 1000).toISOString());
const ENDED = ['canceled', 'ended'];

/** The recurring_data paykit keeps for schedules it computes (Flitt), with the time the first payment was approved. */
function ownSchedule(row: SubscriptionRow): { data: RecurringData; startedAt: Date } | null {
  if (!row.recurring_data || row.started_at === null) return null;
  return { data: JSON.parse(row.recurring_data) as RecurringData, startedAt: new Date(Number(row.started_at) * 1000) };
}

/**
 * The latest time paykit knows of: the wall clock, or the provider's own time when it is ahead
 * (a charge's time, the period start the last charge set), as it is on an emulator's test clock.
 */
function knownNow(row: SubscriptionRow, charges: NewChargeRow[]): Date {
  const seconds = [row.current_period_start, ...charges.map((c) => c.created_seconds)].map((s) => Number(s ?? 0));
  return new Date(Math.max(Date.now(), ...seconds.map((s) => s * 1000)));
}

/** Past and upcoming charge dates: from recurring_data where paykit keeps the schedule, else from the billing period. */
function schedule(row: SubscriptionRow, status: string, charges: NewChargeRow[], now: Date) {
  const past = charges.map((c) => iso(c.created_seconds) as string);
  if (ENDED.includes(status) || status === 'stopped') return { past, upcoming: [] as string[] };
  const own = ownSchedule(row);
  if (own) {
    const upcoming = chargeSchedule(own.data, own.startedAt)
      .filter((d) => d > now)
      .slice(0, 12)
      .map((d) => d.toISOString());
    return { past, upcoming };
  }
  const next = row.cancel_at_period_end ? null : iso(row.current_period_end);
  return { past, upcoming: next ? [next] : [] };
}

/** The current period and status of a schedule paykit computes; null for provider-scheduled subscriptions. */
function scheduled(row: SubscriptionRow, now: Date): ScheduledState | null {
  const own = ownSchedule(row);
  return own ? scheduledState(own.data, own.startedAt, now) : null;
}

export function subscriptionView(row: SubscriptionRow, charges: NewChargeRow[]) {
  const now = knownNow(row, charges);
  const state = scheduled(row, now);
  const status = statusWithSchedule(row.status, state);
  const plan = schedule(row, status, charges, now);
  return {
    id: row.id,
    object: 'subscription' as const,
    provider: row.provider,
    customer: row.customer_id,
    status,
    priceId: row.price_id,
    currentPeriodStart: state ? state.currentPeriodStart.toISOString() : iso(row.current_period_start),
    currentPeriodEnd: state ? state.currentPeriodEnd.toISOString() : iso(row.current_period_end),
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
