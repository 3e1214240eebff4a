import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecurringData } from '../../src/payments/subscriptions/recurring-data.js';
import { chargeSchedule } from '../../src/payments/subscriptions/recurring-data.js';
import { scheduledState, statusWithSchedule } from '../../src/payments/subscriptions/scheduled-state.js';

const at = (iso: string) => new Date(iso);
const JAN_31 = at('2026-01-31T12:00:00Z');
const monthly: RecurringData = { amount: 900, period: 'month', every: 1, quantity: 3, state: 'Y' };

describe("a Flitt subscription's current period, from its recurring_data", () => {
  it('runs from the approval to the first charge, then between charges, calendar-correct at month ends', () => {
    expect(scheduledState(monthly, JAN_31, at('2026-02-01T00:00:00Z'))).toEqual({
      currentPeriodStart: JAN_31,
      currentPeriodEnd: at('2026-02-28T12:00:00Z'),
      over: false,
    });
    expect(scheduledState(monthly, JAN_31, at('2026-03-01T00:00:00Z'))).toEqual({
      currentPeriodStart: at('2026-02-28T12:00:00Z'),
      currentPeriodEnd: at('2026-03-31T12:00:00Z'),
      over: false,
    });
  });

  it('is over once the last charge fell due, keeping the last period', () => {
    const state = scheduledState(monthly, JAN_31, at('2026-04-30T12:00:00Z'));
    expect(state).toEqual({ currentPeriodStart: at('2026-03-31T12:00:00Z'), currentPeriodEnd: at('2026-04-30T12:00:00Z'), over: true });
    expect(statusWithSchedule('active', state)).toBe('ended');
    expect(statusWithSchedule('stopped', state)).toBe('ended');
    expect(statusWithSchedule('canceled', state)).toBe('canceled');
    expect(statusWithSchedule('active', scheduledState(monthly, JAN_31, at('2026-04-30T11:59:59Z')))).toBe('active');
  });

  it('counts a trial as the first period', () => {
    const trial: RecurringData = { ...monthly, trial_period: 'day', trial_quantity: 7 };
    expect(scheduledState(trial, JAN_31, at('2026-02-01T00:00:00Z'))).toMatchObject({
      currentPeriodStart: JAN_31,
      currentPeriodEnd: at('2026-02-07T12:00:00Z'),
    });
  });

  it('always holds now within the period, on consecutive schedule points (property)', () => {
    const data = fc.record({
      period: fc.constantFrom('day' as const, 'week' as const, 'month' as const),
      every: fc.integer({ min: 1, max: 6 }),
      quantity: fc.integer({ min: 1, max: 24 }),
    });
    fc.assert(
      fc.property(data, fc.integer({ min: 0, max: 3 * 365 }), fc.date({ min: at('2020-01-01'), max: at('2030-01-01'), noInvalidDate: true }), (d, days, start) => {
        const recurring: RecurringData = { amount: 100, state: 'Y', ...d };
        const now = new Date(start.getTime() + days * 86_400_000);
        const state = scheduledState(recurring, start, now);
        expect(state).not.toBeNull();
        if (!state) return;
        const points = [start, ...chargeSchedule(recurring, start)].map((p) => p.getTime());
        const index = points.indexOf(state.currentPeriodStart.getTime());
        expect(index).toBeGreaterThanOrEqual(0);
        expect(points[index + 1]).toBe(state.currentPeriodEnd.getTime());
        expect(state.over).toBe(now.getTime() >= (points.at(-1) as number));
        if (!state.over) {
          expect(state.currentPeriodStart.getTime()).toBeLessThanOrEqual(now.getTime());
          expect(state.currentPeriodEnd.getTime()).toBeGreaterThan(now.getTime());
        } else expect(state.currentPeriodEnd.getTime()).toBe(points.at(-1));
      }),
    );
  });
});
