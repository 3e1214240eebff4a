import type { Period, RecurringData, ScheduleAnchor, SubscriptionState } from './model.js';

const DAY = 86_400;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/**
 * Adds `count` periods to a time. Months are calendar-correct: the day of month is kept and
 * clamped to the target month's length (31 Jan + 1 month = 28/29 Feb, + 2 months = 31 Mar).
 */
export function addPeriods(time: number, period: Period, count: number): number {
  if (period === 'day') return time + count * DAY;
  if (period === 'week') return time + count * 7 * DAY;
  const t = new Date(time * 1000);
  const total = t.getUTCFullYear() * 12 + t.getUTCMonth() + count;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const day = Math.min(t.getUTCDate(), daysInMonth(year, month));
  return Math.floor(Date.UTC(year, month, day, t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()) / 1000);
}

/**
 * Where the schedule is counted from. With `start_time` the first charge is on that date;
 * without, the first payment (the order itself) pays for the first period, so charges start
 * one interval after approval. A trial moves the first charge `trial_quantity` trial periods
 * later. Charge n is always counted from the anchor, so months keep the anchor's day
 * (31 Jan -> 28 Feb -> 31 Mar), never drifting to the clamped day.
 */
export function scheduleAnchor(recurring: RecurringData, approvedAt: number): ScheduleAnchor {
  const base = recurring.startTime ?? approvedAt;
  if (recurring.trialPeriod) return { time: addPeriods(base, recurring.trialPeriod, recurring.trialQuantity), lead: 0 };
  if (recurring.startTime !== null) return { time: recurring.startTime, lead: 0 };
  return { time: approvedAt, lead: recurring.every };
}

/** Time of charge `index` (0-based), or null past `quantity` or `end_time`. */
export function chargeTime(recurring: RecurringData, anchor: ScheduleAnchor, index: number): number | null {
  if (recurring.quantity !== null && index >= recurring.quantity) return null;
  const time = addPeriods(anchor.time, recurring.period, anchor.lead + recurring.every * index);
  if (recurring.endTime !== null && time > recurring.endTime) return null;
  return time;
}

/** `end_time` as given, else the date of the last charge. */
export function endTime(recurring: RecurringData, anchor: ScheduleAnchor | null): number | null {
  if (recurring.endTime !== null) return recurring.endTime;
  if (anchor === null || recurring.quantity === null) return null;
  return chargeTime(recurring, anchor, recurring.quantity - 1);
}

/** Charges that have come due and were not yet handled, in order. */
export function* dueCharges(sub: SubscriptionState, now: number): Generator<{ index: number; time: number }> {
  if (sub.anchor === null) return;
  for (;;) {
    const time = chargeTime(sub.recurring, sub.anchor, sub.next);
    if (time === null || time > now) return;
    yield { index: sub.next, time };
    sub.next += 1;
  }
}

export function upcoming(sub: SubscriptionState, limit: number): Array<{ index: number; time: number }> {
  const out: Array<{ index: number; time: number }> = [];
  if (sub.anchor === null) return out;
  for (let index = sub.next; out.length < limit; index += 1) {
    const time = chargeTime(sub.recurring, sub.anchor, index);
    if (time === null) break;
    out.push({ index, time });
  }
  return out;
}
