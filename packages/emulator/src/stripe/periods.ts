import type { Recurring } from './model.js';

const DAY = 86_400;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/**
 * Adds `count` billing intervals to a time, calendar-correct: month steps keep the anchor's
 * day of month, clamped to the month's length (31 Jan + 1 month = 28/29 Feb, + 2 months = 31 Mar).
 */
export function addInterval(start: number, anchor: number, recurring: Recurring, periods: number): number {
  const count = recurring.intervalCount * periods;
  if (recurring.interval === 'day') return start + count * DAY;
  if (recurring.interval === 'week') return start + count * 7 * DAY;
  const months = recurring.interval === 'year' ? count * 12 : count;
  const a = new Date(anchor * 1000);
  const s = new Date(start * 1000);
  const totalMonths = s.getUTCFullYear() * 12 + s.getUTCMonth() + months;
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths % 12;
  const day = Math.min(a.getUTCDate(), daysInMonth(year, month));
  return Math.floor(
    Date.UTC(year, month, day, a.getUTCHours(), a.getUTCMinutes(), a.getUTCSeconds()) / 1000,
  );
}
