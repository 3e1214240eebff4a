import type Stripe from 'stripe';
import type { StripeContext } from '../context.js';
import { newId } from '../ids.js';
import type { PortalSessionState } from '../model.js';
import { allowOnly, requireStr, str } from '../params.js';
import type { StripeRouter } from '../router.js';
import { getCustomer } from './customers.js';

export function renderPortalSession(ctx: StripeContext, p: PortalSessionState) {
  return {
    id: p.id,
    object: 'billing_portal.session',
    configuration: 'bpc_emulator_default',
    created: p.created,
    customer: p.customer,
    customer_account: null,
    flow: null,
    livemode: false,
    locale: null,
    on_behalf_of: null,
    return_url: p.returnUrl,
    url: `${ctx.baseUrl}/billing_portal/${p.id}`,
  } satisfies Partial<Stripe.BillingPortal.Session>;
}

export function registerBillingPortal(router: StripeRouter, ctx: StripeContext) {
  router.post('/v1/billing_portal/sessions', ({ account, params }) => {
    allowOnly(params, ['customer', 'return_url', 'configuration', 'locale', 'flow_data', 'on_behalf_of', 'expand']);
    const customer = getCustomer(account, requireStr(params, 'customer'), 'customer');
    const session: PortalSessionState = {
      id: newId('bps', 24),
      created: ctx.now(),
      customer: customer.id,
      returnUrl: str(params, 'return_url') ?? null,
    };
    account.portalSessions[session.id] = session;
    return renderPortalSession(ctx, session);
  });
}
