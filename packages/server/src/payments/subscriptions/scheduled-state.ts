import type { SubscriptionStatus } from '../../providers/provider.js';
import { chargeSchedule, type RecurringData } from './recurring-data.js';

export interface ScheduledState {
  /** The period the latest payment paid for: from one schedule point to the next. */
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  /** Every scheduled charge has fallen due: the schedule is over. */
  over: boolean;
}

/**
 * Where a schedule paykit computes (Flitt's `recurring_data`) stands at `now`. Its points are the
 * first payment's approval and each scheduled charge after it; the current period runs from the
 * latest point reached to the next one. Once the last charge (at `end_time`) has fallen due the
 * schedule is over and the last period stays the current one.
 */
export function scheduledState(data: RecurringData, startedAt: Date, now: Date): ScheduledState | null {
  const points = [startedAt, ...chargeSchedule(data, startedAt).filter((d) => d > startedAt)];
  if (points.length < 2) return null;
  let reached = 0;
  while (reached + 1 < points.length && (points[reached + 1] as Date) <= now) reached += 1;
  const over = reached === points.length - 1;
  const start = over ? reached - 1 : reached;
  return { currentPeriodStart: points[start] as Date, currentPeriodEnd: points[start + 1] as Date, over };
}

/** Statuses in which a subscription is still expected to charge, and so ends with its schedule. */
const RUNNING: SubscriptionStatus[] = ['trialing', 'active', 'past_due', 'stopped'];

/** A running subscription whose schedule is over has ended: Flitt sends nothing when that happens. */
export function statusWithSchedule(status: string, state: ScheduledState | null): string {
  return state?.over && RUNNING.includes(status as SubscriptionStatus) ? 'ended' : status;
}
