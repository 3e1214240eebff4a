import type { RecurringPeriod } from '../../providers/provider.js';

export type Period = RecurringPeriod;

const DAY_MS = 86_400_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/**
 * `start` plus `count` periods, calendar-correct: month steps keep the start's day of month,
 * clamped to the target month's length (31 January + 1 month = last day of February).
 */
export function addPeriods(start: Date, period: Period, count: number): Date {
  if (period === 'day') return new Date(start.getTime() + count * DAY_MS);
  if (period === 'week') return new Date(start.getTime() + count * 7 * DAY_MS);
  const totalMonths = start.getUTCFullYear() * 12 + start.getUTCMonth() + count;
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths % 12;
  const day = Math.min(start.getUTCDate(), daysInMonth(year, month));
  return new Date(Date.UTC(year, month, day, start.getUTCHours(), start.getUTCMinutes(), start.getUTCSeconds()));
}

/** Flitt's date format `YYYY-MM-DD HH24:MI:SS` (UTC here), or a bare `YYYY-MM-DD`. */
export function parseFlittDate(value: string): Date | null {
  const match = value.match(/^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/);
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  return date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d) && Number(h) < 24 && Number(mi) < 60 && Number(s) < 60
    ? date
    : null;
}

export function formatFlittDate(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}
