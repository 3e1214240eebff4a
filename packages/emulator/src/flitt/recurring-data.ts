import { incorrect, missing } from './errors.js';
import type { Period, RecurringData } from './model.js';

const PERIODS = new Set<Period>(['day', 'week', 'month']);
const STATES = new Set(['y', 'Y', 'n', 'N', 'hidden', 'shown_readonly']);
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?$/;

const present = (value: unknown) => value !== undefined && value !== null && value !== '';

function integer(raw: Record<string, unknown>, name: string, maxDigits: number, min = 1): number | null {
  const value = raw[name];
  if (!present(value)) return null;
  const text = String(value);
  if (typeof value === 'object' || !new RegExp(`^\\d{1,${maxDigits}}$`).test(text) || Number(text) < min) {
    throw incorrect(`recurring_data.${name}`, `integer of at most ${maxDigits} digits`);
  }
  return Number(text);
}

function period(raw: Record<string, unknown>, name: string): Period | null {
  const value = raw[name];
  if (!present(value)) return null;
  if (!PERIODS.has(value as Period)) throw incorrect(`recurring_data.${name}`, 'day, week or month');
  return value as Period;
}

/** `YYYY-MM-DD` or `YYYY-MM-DD HH24:MI:SS`, read as UTC; Unix seconds. */
export function parseFlittDate(value: unknown, name: string): number | null {
  if (!present(value)) return null;
  const match = DATE.exec(String(value));
  if (!match) throw incorrect(`recurring_data.${name}`, 'YYYY-MM-DD or YYYY-MM-DD HH24:MI:SS');
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = match;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const check = new Date(ms);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) {
    throw incorrect(`recurring_data.${name}`, 'not a calendar date');
  }
  return Math.floor(ms / 1000);
}

/** Validates `recurring_data` as Flitt documents it; throws 1011 (missing) or 1007 (incorrect). */
export function parseRecurringData(value: unknown): RecurringData {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw incorrect('recurring_data', 'must be an object');
  const raw = value as Record<string, unknown>;
  const amount = integer(raw, 'amount', 12);
  if (amount === null) throw missing('recurring_data.amount');
  const every = integer(raw, 'every', 12);
  if (every === null) throw missing('recurring_data.every');
  const per = period(raw, 'period');
  if (per === null) throw missing('recurring_data.period');
  const quantity = integer(raw, 'quantity', 6);
  const startTime = parseFlittDate(raw.start_time, 'start_time');
  const endTime = parseFlittDate(raw.end_time, 'end_time');
  if (quantity === null && endTime === null) throw missing('recurring_data.quantity or recurring_data.end_time');
  if (startTime !== null && endTime !== null && endTime < startTime) throw incorrect('recurring_data.end_time', 'before start_time');
  const trialPeriod = period(raw, 'trial_period');
  const trialQuantity = integer(raw, 'trial_quantity', 12);
  if (trialPeriod !== null && trialQuantity === null) throw missing('recurring_data.trial_quantity');
  if (trialQuantity !== null && trialPeriod === null) throw missing('recurring_data.trial_period');
  const state = present(raw.state) ? String(raw.state) : 'Y';
  if (!STATES.has(state)) throw incorrect('recurring_data.state', 'y, Y, n, N, hidden or shown_readonly');
  return {
    amount,
    every,
    period: per,
    quantity,
    startTime,
    endTime,
    trialPeriod,
    trialQuantity: trialQuantity ?? 0,
    state,
    raw: { ...raw },
  };
}
