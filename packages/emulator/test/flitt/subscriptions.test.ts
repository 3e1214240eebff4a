import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlittEmulator } from '../../src/index.js';
import { admin, call1, call2, decode2, newOrderId, sign1, sign2, startFlitt, startReceiver } from './helpers.js';

const DAY = 86_400;
// 31 January 2030, 10:00 UTC: month steps must clamp to 28 February, then come back to the 31st.
const START = Date.UTC(2030, 0, 31, 10, 0, 0) / 1000;

let flitt: FlittEmulator;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeEach(async () => {
  flitt = await startFlitt({ now: () => START });
  receiver = await startReceiver();
});
afterEach(async () => {
  await flitt?.close();
  await receiver?.close();
});

async function subscribe(recurring: Record<string, unknown>) {
  const orderId = newOrderId('sub');
  const answer = await call2(flitt.url, 'checkout/url', {
    order_id: orderId,
    order_desc: 'Monthly plan',
    currency: 'GEL',
    amount: 1000,
    subscription: 'Y',
    recurring_data: recurring,
    server_callback_url: `${receiver.url}/server`,
    subscription_callback_url: `${receiver.url}/subscription`,
  });
  expect(answer.response_status).toBe('success');
  await admin(flitt.url, `orders/${orderId}/pay`, { card: '4444555511116666' });
  await flitt.callbacksIdle();
  return orderId;
}

const advance = async (seconds: number) => {
  const { body } = await admin(flitt.url, 'clock/advance', { seconds });
  await flitt.callbacksIdle();
  return body.created_orders as string[];
};

const subscriptionCallbacks = () =>
  receiver.received.filter((r) => r.path === '/subscription').map((r) => JSON.parse(r.body) as Record<string, unknown>);

describe('flitt emulator: subscriptions on the test clock', () => {
  it('charges each scheduled payment as a child order with its own signed 2.0 callback, months calendar-correct', async () => {
    const orderId = await subscribe({ every: 1, period: 'month', amount: 2500, quantity: 3, state: 'y' });
    expect(receiver.received.map((r) => r.path)).toEqual(['/server']);
    expect(await advance(27 * DAY)).toEqual([]);
    const first = await advance(DAY);
    expect(first).toHaveLength(1);
    const second = await advance(31 * DAY);
    expect(second).toHaveLength(1);
    const callbacks = subscriptionCallbacks();
    expect(callbacks).toHaveLength(2);
    for (const body of callbacks) expect(body.signature).toBe(sign2(String(body.data)));
    const orders = callbacks.map((b) => decode2(String(b.data)).order);
    expect(orders[0]).toMatchObject({ order_id: first[0], parent_order_id: orderId, order_status: 'approved', amount: '2500' });
    expect(orders[0]?.order_time).toBe('28.02.2030 10:00:00');
    expect(orders[1]?.order_time).toBe('31.03.2030 10:00:00');
    expect(orders[0]?.payment_id).not.toBe(orders[1]?.payment_id);
    expect(await advance(365 * DAY)).toHaveLength(1);
    const { body: schedule } = await admin(flitt.url, `orders/${orderId}/schedule`);
    expect(schedule.end_time).toMatchObject({ date: '30.04.2030 10:00:00' });
    expect((schedule.past as Array<{ outcome: string }>).map((c) => c.outcome)).toEqual(['charged', 'charged', 'charged']);
    expect(schedule.upcoming).toEqual([]);
  });

  it('stops charging after action stop and charges again after action start, skipping what fell due meanwhile', async () => {
    const orderId = await subscribe({ every: 1, period: 'week', amount: 900, quantity: 10 });
    const stopped = await call1(flitt.url, 'subscription', { order_id: orderId, action: 'stop' });
    expect(stopped).toMatchObject({ order_id: orderId, status: 'disabled', response_status: 'success' });
    expect(stopped.signature).toBe(sign1(stopped));
    expect(await advance(15 * DAY)).toEqual([]);
    const started = await call1(flitt.url, 'subscription', { order_id: orderId, action: 'start' });
    expect(started.status).toBe('active');
    expect(await advance(7 * DAY)).toHaveLength(1);
    const { body: schedule } = await admin(flitt.url, `orders/${orderId}/schedule`);
    expect((schedule.past as Array<{ outcome: string }>).map((c) => c.outcome)).toEqual(['skipped', 'skipped', 'charged']);
    expect(schedule.upcoming).toHaveLength(7);
    expect(subscriptionCallbacks()).toHaveLength(1);
  });

  it('starts the schedule after the trial and honours start_time and end_time', async () => {
    const trial = await subscribe({ every: 2, period: 'day', amount: 100, quantity: 2, trial_period: 'week', trial_quantity: 1 });
    const { body } = await admin(flitt.url, `orders/${trial}/schedule`);
    expect((body.upcoming as Array<{ date: string }>).map((c) => c.date)).toEqual(['07.02.2030 10:00:00', '09.02.2030 10:00:00']);
    const dated = await subscribe({ every: 1, period: 'month', amount: 100, start_time: '2030-03-15', end_time: '2030-05-20 00:00:00' });
    const { body: datedSchedule } = await admin(flitt.url, `orders/${dated}/schedule`);
    expect((datedSchedule.upcoming as Array<{ date: string }>).map((c) => c.date)).toEqual([
      '15.03.2030 00:00:00',
      '15.04.2030 00:00:00',
      '15.05.2030 00:00:00',
    ]);
  });

  it('answers action on an order without a subscription with 1007 and on an unknown order with 1018', async () => {
    const plain = { order_id: newOrderId(), order_desc: 'x', currency: 'GEL', amount: 10 };
    await call1(flitt.url, 'checkout/url', plain);
    expect((await call1(flitt.url, 'subscription', { order_id: plain.order_id, action: 'stop' })).error_code).toBe(1007);
    expect((await call1(flitt.url, 'subscription', { order_id: 'missing', action: 'stop' })).error_code).toBe(1018);
  });

  it('reports the clock and expires unpaid orders once their lifetime has passed', async () => {
    expect((await admin(flitt.url, 'clock')).body).toMatchObject({ now: START, date: '31.01.2030 10:00:00' });
    const unpaid = { order_id: newOrderId(), order_desc: 'x', currency: 'GEL', amount: 10, lifetime: 600 };
    await call1(flitt.url, 'checkout/url', unpaid);
    await advance(601);
    expect((await call1(flitt.url, 'status/order_id', { order_id: unpaid.order_id })).order_status).toBe('expired');
  });
});
