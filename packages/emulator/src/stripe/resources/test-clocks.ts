import type Stripe from 'stripe';
import { advanceSubscription } from '../billing.js';
import type { StripeContext } from '../context.js';
import { invalidParam, resourceMissing } from '../errors.js';
import { newId } from '../ids.js';
import { listObject, newestFirst } from '../list.js';
import type { AccountState, TestClockState } from '../model.js';
import { allowOnly, int, requireParam, str } from '../params.js';
import type { StripeRouter } from '../router.js';

export function renderClock(c: TestClockState) {
  return {
    id: c.id,
    object: 'test_helpers.test_clock',
    created: c.created,
    deletes_after: c.deletesAfter,
    frozen_time: c.frozenTime,
    livemode: false,
    name: c.name,
    status: c.status,
    status_details: {},
  } satisfies Partial<Stripe.TestHelpers.TestClock>;
}

function getClock(account: AccountState, id: string) {
  const clock = account.testClocks[id];
  if (!clock) throw resourceMissing('test_clock', id);
  return clock;
}

/** Everything that lives on the clock catches up with its new time: renewals, cancellations. */
function advanceClock(ctx: StripeContext, key: string, account: AccountState, clock: TestClockState, to: number) {
  clock.frozenTime = to;
  const onClock = Object.values(account.subscriptions)
    .filter((s) => s.testClock === clock.id)
    .sort((a, b) => a.currentPeriodEnd - b.currentPeriodEnd);
  for (const sub of onClock) advanceSubscription(ctx, key, account, sub, to);
}

export function registerTestClocks(router: StripeRouter, ctx: StripeContext) {
  router.post('/v1/test_helpers/test_clocks', ({ account, params }) => {
    allowOnly(params, ['frozen_time', 'name', 'expand']);
    requireParam(params, 'frozen_time');
    const clock: TestClockState = {
      id: newId('clock', 24),
      created: ctx.now(),
      frozenTime: int(params, 'frozen_time') as number,
      name: str(params, 'name') ?? null,
      status: 'ready',
      deletesAfter: ctx.now() + 30 * 86_400,
    };
    account.testClocks[clock.id] = clock;
    return renderClock(clock);
  });

  router.get('/v1/test_helpers/test_clocks', ({ account, params }) => {
    allowOnly(params, ['limit', 'starting_after', 'ending_before', 'expand']);
    return listObject(newestFirst(Object.values(account.testClocks)).map(renderClock), params, '/v1/test_helpers/test_clocks');
  });

  router.get('/v1/test_helpers/test_clocks/:id', ({ account, path }) => renderClock(getClock(account, path.id)));

  router.delete('/v1/test_helpers/test_clocks/:id', ({ account, path }) => {
    const clock = getClock(account, path.id);
    delete account.testClocks[clock.id];
    return { id: clock.id, object: 'test_helpers.test_clock', deleted: true } satisfies Stripe.TestHelpers.DeletedTestClock;
  });

  router.post('/v1/test_helpers/test_clocks/:id/advance', ({ key, account, params, path }) => {
    allowOnly(params, ['frozen_time', 'expand']);
    const clock = getClock(account, path.id);
    requireParam(params, 'frozen_time');
    const to = int(params, 'frozen_time') as number;
    if (to <= clock.frozenTime) {
      throw invalidParam('frozen_time', 'The frozen_time must be after the current frozen_time of the test clock.');
    }
    // Stripe answers `advancing` and finishes in the background; the emulator finishes before
    // answering, so the object already reads `ready`.
    advanceClock(ctx, key, account, clock, to);
    return renderClock(clock);
  });
}
