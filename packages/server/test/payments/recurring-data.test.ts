import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PaykitError } from '../../src/errors/index.js';
import { addPeriods, parseFlittDate } from '../../src/payments/subscriptions/calendar.js';
import { chargeSchedule, endTime, validateRecurringData } from '../../src/payments/subscriptions/recurring-data.js';

const valid = { amount: 1000, period: 'day', every: 5, quantity: 100 };

function fieldOf(input: unknown): string | undefined {
  try {
    validateRecurringData(input);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(PaykitError);
    expect((error as PaykitError).status).toBe(400);
    return (error as PaykitError).details?.field as string;
  }
}

describe('recurring_data validation', () => {
  it("accepts the reference example and defaults state to Y", () => {
    expect(validateRecurringData({ every: 5, period: 'day', amount: 1000, state: 'Y', readonly: 'Y', quantity: 100, trial_period: 'month', trial_quantity: 1 })).toMatchObject({ amount: 1000, state: 'Y', trial_period: 'month' });
    expect(validateRecurringData(valid).state).toBe('Y');
  });

  it('names the field of every violation', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...valid, amount: undefined }, 'recurring_data.amount'],
      [{ ...valid, amount: 1.5 }, 'recurring_data.amount'],
      [{ ...valid, amount: 1_000_000_000_000 }, 'recurring_data.amount'],
      [{ ...valid, amount: -1 }, 'recurring_data.amount'],
      [{ ...valid, period: 'year' }, 'recurring_data.period'],
      [{ ...valid, period: undefined }, 'recurring_data.period'],
      [{ ...valid, every: 0 }, 'recurring_data.every'],
      [{ ...valid, every: undefined }, 'recurring_data.every'],
      [{ amount: 1, period: 'day', every: 1 }, 'recurring_data.quantity'],
      [{ ...valid, quantity: 1_000_000 }, 'recurring_data.quantity'],
      [{ ...valid, trial_period: 'day' }, 'recurring_data.trial_quantity'],
      [{ ...valid, trial_quantity: 2 }, 'recurring_data.trial_period'],
      [{ ...valid, trial_period: 'fortnight', trial_quantity: 1 }, 'recurring_data.trial_period'],
      [{ ...valid, state: 'maybe' }, 'recurring_data.state'],
      [{ ...valid, readonly: 'x' }, 'recurring_data.readonly'],
      [{ ...valid, start_time: '2026-02-30 10:00:00' }, 'recurring_data.start_time'],
      [{ ...valid, end_time: 'tomorrow' }, 'recurring_data.end_time'],
      [{ ...valid, start_time: '2026-03-01 00:00:00', end_time: '2026-02-01 00:00:00' }, 'recurring_data.end_time'],
      [{ ...valid, colour: 'red' }, 'recurring_data.colour'],
    ];
    for (const [input, field] of cases) expect(fieldOf(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined))), JSON.stringify(input)).toBe(field);
    expect(fieldOf('monthly')).toBe('recurring_data');
  });

  it('accepts every state value and end_time instead of quantity', () => {
    for (const state of ['y', 'Y', 'n', 'N', 'hidden', 'shown_readonly']) expect(fieldOf({ ...valid, state })).toBeUndefined();
    expect(fieldOf({ amount: 1, period: 'week', every: 1, end_time: '2027-01-01 00:00:00' })).toBeUndefined();
  });
});

describe('charge schedule arithmetic', () => {
  it('adds months calendar-correctly: 31 January + 1 month is the last day of February', () => {
    const jan31 = new Date(Date.UTC(2026, 0, 31, 12));
    expect(addPeriods(jan31, 'month', 1).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(addPeriods(jan31, 'month', 2).toISOString()).toBe('2026-03-31T12:00:00.000Z');
    expect(addPeriods(new Date(Date.UTC(2028, 0, 31)), 'month', 1).toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });

  it('computes end_time as start + quantity x every x period when missing', () => {
    const approved = parseFlittDate('2026-01-31 10:00:00')!;
    expect(endTime(validateRecurringData({ amount: 1, period: 'month', every: 1, quantity: 3 }), approved)).toBe('2026-04-30 10:00:00');
    expect(endTime(validateRecurringData({ amount: 1, period: 'day', every: 5, quantity: 100 }), approved)).toBe('2027-06-15 10:00:00');
  });

  it('puts the first charge at the end of the trial', () => {
    const approved = parseFlittDate('2026-01-01 00:00:00')!;
    const dates = chargeSchedule(validateRecurringData({ amount: 1, period: 'month', every: 1, quantity: 2, trial_period: 'week', trial_quantity: 2 }), approved);
    expect(dates.map((d) => d.toISOString())).toEqual(['2026-01-15T00:00:00.000Z', '2026-02-15T00:00:00.000Z']);
  });

  const recurring = fc.record({
    amount: fc.integer({ min: 1, max: 999_999_999_999 }),
    period: fc.constantFrom('day', 'week', 'month'),
    every: fc.integer({ min: 1, max: 12 }),
    quantity: fc.integer({ min: 1, max: 60 }),
  });
  const approvedAt = fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true });

  it('schedules exactly quantity charges, strictly increasing, the last one on end_time (property)', () => {
    fc.assert(
      fc.property(recurring, approvedAt, (raw, at) => {
        const data = validateRecurringData(raw);
        const dates = chargeSchedule(data, at);
        expect(dates).toHaveLength(raw.quantity);
        for (let i = 1; i < dates.length; i += 1) expect(dates[i]!.getTime()).toBeGreaterThan(dates[i - 1]!.getTime());
        expect(dates[0]!.getTime()).toBeGreaterThan(at.getTime());
        expect(parseFlittDate(endTime(data, at))!.getTime()).toBe(Math.floor(dates.at(-1)!.getTime() / 1000) * 1000);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps monthly charges on the anchor day or the last day of shorter months (property)', () => {
    fc.assert(
      fc.property(approvedAt, fc.integer({ min: 1, max: 48 }), (at, months) => {
        const next = addPeriods(at, 'month', months);
        const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
        expect(next.getUTCDate()).toBe(Math.min(at.getUTCDate(), lastDay));
        expect((next.getUTCFullYear() - at.getUTCFullYear()) * 12 + next.getUTCMonth() - at.getUTCMonth()).toBe(months);
      }),
      { numRuns: 500 },
    );
  });

  it('stops a schedule bounded by end_time at or before it (property)', () => {
    fc.assert(
      fc.property(approvedAt, fc.integer({ min: 1, max: 400 }), (at, days) => {
        const end = new Date(at.getTime() + days * 86_400_000);
        const endText = end.toISOString().slice(0, 19).replace('T', ' ');
        const dates = chargeSchedule(validateRecurringData({ amount: 5, period: 'week', every: 1, end_time: endText }), at);
        for (const d of dates) expect(d.getTime()).toBeLessThanOrEqual(parseFlittDate(endText)!.getTime());
        expect(dates.length).toBe(Math.floor(days / 7) - (days % 7 === 0 && at.getUTCMilliseconds() > 0 ? 1 : 0));
      }),
      { numRuns: 300 },
    );
  });
});
