import { ValidationError } from '../../errors/index.js';
import type { RecurringData } from '../../providers/provider.js';
import { addPeriods, formatFlittDate, type Period, parseFlittDate } from './calendar.js';

const PERIODS = ['day', 'week', 'month'] as const;
const STATES = ['y', 'Y', 'n', 'N', 'hidden', 'shown_readonly'] as const;

export type { RecurringData };

const KNOWN = ['amount', 'period', 'every', 'quantity', 'start_time', 'end_time', 'trial_period', 'trial_quantity', 'state', 'readonly'];

function fail(field: string, message: string): never {
  throw new ValidationError(`recurring_data.${field} ${message}`, { field: `recurring_data.${field}` });
}

function positiveInteger(value: unknown, field: string, maxDigits: number): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) fail(field, 'must be a positive integer');
  if (String(n).length > maxDigits) fail(field, `must have at most ${maxDigits} digits`);
  return n;
}

function period(value: unknown, field: string): Period {
  if (!PERIODS.includes(value as Period)) fail(field, 'must be day, week or month');
  return value as Period;
}

function date(value: unknown, field: string): string {
  if (typeof value !== 'string' || !parseFlittDate(value)) fail(field, 'must be a date YYYY-MM-DD HH24:MI:SS');
  return value;
}

/** Every violation is a 400 naming the field, as Flitt's own reference table defines them. */
export function validateRecurringData(input: unknown): RecurringData {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new ValidationError('recurring_data must be an object.', { field: 'recurring_data' });
  }
  const raw = input as Record<string, unknown>;
  const unknown = Object.keys(raw).filter((k) => !KNOWN.includes(k));
  if (unknown.length > 0) fail(unknown[0] as string, 'is not a recurring_data property');
  if (raw.amount === undefined) fail('amount', 'is required');
  if (raw.period === undefined) fail('period', 'is required');
  if (raw.every === undefined) fail('every', 'is required');
  const data: RecurringData = {
    amount: positiveInteger(raw.amount, 'amount', 12),
    period: period(raw.period, 'period'),
    every: positiveInteger(raw.every, 'every', 12),
    state: (raw.state ?? 'Y') as RecurringData['state'],
  };
  if (!STATES.includes(data.state)) fail('state', 'must be one of y, Y, n, N, hidden, shown_readonly');
  if (raw.quantity === undefined && raw.end_time === undefined) fail('quantity', 'or recurring_data.end_time is required');
  if (raw.quantity !== undefined) data.quantity = positiveInteger(raw.quantity, 'quantity', 6);
  if (raw.start_time !== undefined) data.start_time = date(raw.start_time, 'start_time');
  if (raw.end_time !== undefined) data.end_time = date(raw.end_time, 'end_time');
  if ((raw.trial_period === undefined) !== (raw.trial_quantity === undefined)) {
    fail(raw.trial_period === undefined ? 'trial_period' : 'trial_quantity', 'must be given together with the other trial field');
  }
  if (raw.trial_period !== undefined) {
    data.trial_period = period(raw.trial_period, 'trial_period');
    data.trial_quantity = positiveInteger(raw.trial_quantity, 'trial_quantity', 12);
  }
  if (raw.readonly !== undefined) {
    if (!['y', 'Y', 'n', 'N'].includes(raw.readonly as string)) fail('readonly', 'must be y, Y, n or N');
    data.readonly = raw.readonly as RecurringData['readonly'];
  }
  if (data.start_time && data.end_time && parseFlittDate(data.end_time)! <= parseFlittDate(data.start_time)!) {
    fail('end_time', 'must be after start_time');
  }
  return data;
}

/**
 * Where the charge calendar is counted from. Each charge is computed from this anchor (never by
 * chaining dates), so a month-end start keeps its day: 31 Jan, 28 Feb, 31 Mar.
 * On `start_time` when given; otherwise the initial order pays for the first period, so charges
 * begin one interval after approval. A trial moves the first charge to the end of the trial.
 */
function anchor(data: RecurringData, approvedAt: Date): { base: Date; lead: number } {
  const start = data.start_time ? parseFlittDate(data.start_time)! : null;
  if (data.trial_period) return { base: addPeriods(start ?? approvedAt, data.trial_period, data.trial_quantity ?? 0), lead: 0 };
  return start ? { base: start, lead: 0 } : { base: approvedAt, lead: data.every };
}

function chargeAt(data: RecurringData, approvedAt: Date, index: number): Date {
  const { base, lead } = anchor(data, approvedAt);
  return addPeriods(base, data.period, lead + index * data.every);
}

/** The end Flitt computes when none is given: the last of `quantity` charges (start + quantity x every x period without a trial). */
export function endTime(data: RecurringData, approvedAt: Date): string {
  if (data.end_time) return data.end_time;
  return formatFlittDate(chargeAt(data, approvedAt, (data.quantity ?? 1) - 1));
}

/** Every scheduled charge date, in order: `quantity` of them, or as many as fit before end_time. */
export function chargeSchedule(data: RecurringData, approvedAt: Date, limit = 1000): Date[] {
  const end = data.end_time ? parseFlittDate(data.end_time)! : null;
  const dates: Date[] = [];
  for (let i = 0; dates.length < limit; i += 1) {
    if (data.quantity !== undefined && i >= data.quantity) break;
    const at = chargeAt(data, approvedAt, i);
    if (end && at > end) break;
    dates.push(at);
  }
  return dates;
}
