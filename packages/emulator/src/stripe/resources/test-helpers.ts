import { normaliseCard } from '../cards.js';
import { cancelSession, completeSession } from '../completion.js';
import type { StripeContext } from '../context.js';
import { allowOnly, requireStr } from '../params.js';
import type { StripeRouter } from '../router.js';
import { getSession, renderSession } from './checkout-sessions.js';

/** Emulator-only: the hosted page's outcomes, reachable without a browser. */
export function registerCheckoutTestHelpers(router: StripeRouter, ctx: StripeContext) {
  router.post('/v1/test_helpers/checkout/sessions/:id/complete', ({ key, account, params, path }) => {
    allowOnly(params, ['card']);
    const session = getSession(ctx, key, account, path.id);
    completeSession(ctx, key, account, session, normaliseCard(requireStr(params, 'card')));
    return renderSession(ctx, account, session);
  });

  router.post('/v1/test_helpers/checkout/sessions/:id/cancel', ({ key, account, path }) => {
    const session = getSession(ctx, key, account, path.id);
    const cancelUrl = cancelSession(session);
    return { ...renderSession(ctx, account, session), redirect_url: cancelUrl };
  });
}
