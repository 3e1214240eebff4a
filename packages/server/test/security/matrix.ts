import type { Dialect } from '../../src/storage/schema.js';
import { routeCollector } from './routes.js';
import { startWorld, type World } from './world.js';

/**
 * Who may call what, for every route: the seven kinds of caller against app A's resources.
 * A route without an entry here fails the first test, which names it: add its row.
 */
export const CALLERS = ['none', 'appKey', 'otherAppKey', 'customer', 'otherCustomer', 'otherOrgStudio', 'studio'] as const;
export type Caller = (typeof CALLERS)[number];
/** `ok` is any 2xx; a number is that exact status. */
export type Outcome = 'ok' | number;
export interface Probe {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The client address (default 127.0.0.1, as `inject` sends). */
  remoteAddress?: string;
}
export type Row = { probe: (w: World) => Probe } & ({ expect: Record<Caller, Outcome> } | { public: true });

export const tokenOf = (w: World, caller: Caller): string | undefined =>
  ({
    none: undefined,
    appKey: w.a.appKey,
    otherAppKey: w.b.appKey, // another app of the same organisation
    customer: w.customer.token,
    otherCustomer: w.otherCustomer.token,
    otherOrgStudio: w.c.studioToken,
    studio: w.a.studioToken,
  })[caller];

/** 401 without a token, 403 for every valid token not allowed, `ok` for the allowed ones; `other` overrides. */
function allow(allowed: Caller[], other: Partial<Record<Caller, Outcome>> = {}): Record<Caller, Outcome> {
  const row = Object.fromEntries(CALLERS.map((c) => [c, c === 'none' ? 401 : allowed.includes(c) ? 'ok' : 403])) as Record<Caller, Outcome>;
  return { ...row, ...other };
}
const STUDIO = allow(['studio']);
const APP_LEVEL = allow(['appKey', 'studio']);
const CUSTOMER = allow(['customer', 'studio']);
/** Data sources answer another organisation with 404 (existence is not confirmed). */
const DATA_SOURCE = allow(['studio'], { otherOrgStudio: 404 });
const STUDIO_ORG = allow(['studio', 'otherOrgStudio']);

const app = (w: World, rest: string) => `/v1/apps/${w.a.appId}/payments/${rest}`;
const studio = (w: World, rest = '') => `/v1/studio/apps/${w.a.appId}${rest}`;

export const MATRIX: Record<string, Row> = {
  'GET /healthz': { public: true, probe: () => ({ url: '/healthz' }) },
  'GET /readyz': { public: true, probe: () => ({ url: '/readyz' }) },
  // Without PAYKIT_METRICS_TOKEN only loopback clients may scrape: no paykit token opens it from elsewhere.
  'GET /metrics': { expect: Object.fromEntries(CALLERS.map((c) => [c, 403])) as Record<Caller, Outcome>, probe: () => ({ url: '/metrics', remoteAddress: '10.0.0.9' }) },
  'GET /openapi.json': { public: true, probe: () => ({ url: '/openapi.json' }) },
  'GET /docs': { public: true, probe: () => ({ url: '/docs' }) },
  'GET /docs/static/*': { public: true, probe: () => ({ url: '/docs/static/swagger-ui.css' }) },
  'HEAD /docs/': { public: true, probe: () => ({ url: '/docs/' }) },
  'GET /docs/json': { public: true, probe: () => ({ url: '/docs/json' }) },
  'GET /docs/yaml': { public: true, probe: () => ({ url: '/docs/yaml' }) },
  'GET /docs/static/index.html': { public: true, probe: () => ({ url: '/docs/static/index.html' }) },
  'GET /docs/static/swagger-initializer.js': { public: true, probe: () => ({ url: '/docs/static/swagger-initializer.js' }) },
  'GET /console': { public: true, probe: () => ({ url: '/console' }) },
  'GET /console/*': { public: true, probe: () => ({ url: '/console/index.html' }) },
  'OPTIONS *': {
    public: true,
    probe: (w) => ({ url: app(w, 'products'), headers: { origin: 'https://shop.example', 'access-control-request-method': 'GET' } }),
  },
  'GET /v1/checkout/return': { public: true, probe: (w) => ({ url: `/v1/checkout/return?checkout=${w.checkoutId}&outcome=cancel` }) },
  'POST /v1/checkout/return': {
    public: true,
    probe: (w) => ({ url: `/v1/checkout/return?checkout=${w.checkoutId}&outcome=cancel`, body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
  },
  'GET /v1/billing-portal/return': { public: true, probe: () => ({ url: '/v1/billing-portal/return' }) },
  // Provider endpoints: the credential is the token in the URL plus the signature, never a bearer token.
  'POST /v1/billing/apps/webhook/:token': {
    expect: Object.fromEntries(CALLERS.map((c) => [c, 400])) as Record<Caller, Outcome>,
    probe: (w) => ({ url: `/v1/billing/apps/webhook/${w.webhookToken}`, body: '{"id":"evt_unsigned"}', headers: { 'content-type': 'application/json' } }),
  },
  'POST /v1/billing/apps/flitt-callback/:token': {
    expect: Object.fromEntries(CALLERS.map((c) => [c, 400])) as Record<Caller, Outcome>,
    probe: (w) => ({ url: `/v1/billing/apps/flitt-callback/${w.webhookToken}`, body: '{"order_id":"x"}', headers: { 'content-type': 'application/json' } }),
  },

  'PUT /v1/apps/:appId/payments/configuration': {
    expect: STUDIO,
    probe: (w) => ({
      url: app(w, 'configuration'),
      body: { provider: 'stripe', providerPublicKey: 'pk_test_a', providerPrivateKey: w.secrets.stripeSecretKey, productsDataSourceId: w.dataSourceId },
    }),
  },
  'GET /v1/apps/:appId/payments/configuration/exists': { expect: APP_LEVEL, probe: (w) => ({ url: app(w, 'configuration/exists') }) },
  'PUT /v1/apps/:appId/payments/configuration/signing-secret': {
    expect: STUDIO,
    probe: (w) => ({ url: app(w, 'configuration/signing-secret'), body: { signingSecret: w.secrets.signingSecret } }),
  },
  'GET /v1/apps/:appId/payments/configuration/security': { expect: STUDIO, probe: (w) => ({ url: app(w, 'configuration/security') }) },
  'PUT /v1/apps/:appId/payments/configuration/security': {
    expect: STUDIO,
    probe: (w) => ({ url: app(w, 'configuration/security'), body: { allowedOrigins: null } }),
  },
  'GET /v1/apps/:appId/payments/products': { expect: APP_LEVEL, probe: (w) => ({ url: app(w, 'products') }) },
  'POST /v1/apps/:appId/payments/customers': { expect: APP_LEVEL, probe: (w) => ({ url: app(w, 'customers'), body: { email: w.customer.email } }) },
  'GET /v1/apps/:appId/payments/customers/:customerId/logs': {
    expect: CUSTOMER,
    probe: (w) => ({ url: app(w, `customers/${w.customer.id}/logs`) }),
  },
  'POST /v1/apps/:appId/payments/customers/:customerId/billing-portal': {
    expect: CUSTOMER,
    probe: (w) => ({ url: app(w, `customers/${w.customer.id}/billing-portal`), body: {} }),
  },
  'POST /v1/apps/:appId/payments/checkout-sessions': {
    expect: APP_LEVEL,
    probe: (w) => ({ url: app(w, 'checkout-sessions'), body: { line_items: [{ price: w.prices.premium }] } }),
  },
  'GET /v1/apps/:appId/payments/checkout-sessions/:checkoutId': {
    expect: APP_LEVEL,
    probe: (w) => ({ url: app(w, `checkout-sessions/${w.checkoutId}`) }),
  },
  // The app key may start a subscription checkout for any customer (as a checkout); a customer token only for itself.
  'POST /v1/apps/:appId/payments/subscriptions': {
    expect: allow(['appKey', 'customer', 'studio']),
    probe: (w) => ({ url: app(w, 'subscriptions'), body: { customer: w.customer.id, priceId: w.prices.monthly } }),
  },
  // Listing needs a customer (its own) or Studio: the app key alone would expose every customer's plans.
  'GET /v1/apps/:appId/payments/subscriptions': { expect: CUSTOMER, probe: (w) => ({ url: app(w, `subscriptions?customer=${w.customer.id}`) }) },
  'GET /v1/apps/:appId/payments/subscriptions/:subscriptionId': {
    expect: CUSTOMER,
    probe: (w) => ({ url: app(w, `subscriptions/${w.subscriptionId}`) }),
  },
  'POST /v1/apps/:appId/payments/subscriptions/:subscriptionId/:action': {
    expect: CUSTOMER,
    probe: (w) => ({ url: app(w, `subscriptions/${w.subscriptionId}/cancel`), body: { atPeriodEnd: true } }),
  },

  'POST /v1/data-sources': { expect: DATA_SOURCE, probe: (w) => ({ url: '/v1/data-sources', body: { appId: w.a.appId, name: 'Matrix' } }) },
  'GET /v1/data-sources': { expect: DATA_SOURCE, probe: (w) => ({ url: `/v1/data-sources?appId=${w.a.appId}` }) },
  'GET /v1/data-sources/:id/entries': { expect: DATA_SOURCE, probe: (w) => ({ url: `/v1/data-sources/${w.dataSourceId}/entries` }) },
  'POST /v1/data-sources/:id/entries': {
    expect: DATA_SOURCE,
    probe: (w) => ({ url: `/v1/data-sources/${w.dataSourceId}/entries`, body: { data: { Name: 'Matrix row' } } }),
  },
  'PUT /v1/data-sources/:id/entries/:entryId': {
    expect: DATA_SOURCE,
    probe: (w) => ({ url: `/v1/data-sources/${w.dataSourceId}/entries/${w.entryId}`, body: { data: { Name: 'Premium plan', Price: 1, 'Price ID': w.prices.premium } } }),
  },
  // Studio calls last: the entry is gone only after every other caller was refused.
  'DELETE /v1/data-sources/:id/entries/:entryId': {
    expect: DATA_SOURCE,
    probe: (w) => ({ url: `/v1/data-sources/${w.dataSourceId}/entries/${disposableEntry.get(w)}` }),
  },

  // The console API: the caller's own organisation; another organisation's app is a 403.
  'GET /v1/studio/apps': { expect: STUDIO_ORG, probe: () => ({ url: '/v1/studio/apps' }) },
  'POST /v1/studio/apps': { expect: STUDIO_ORG, probe: () => ({ url: '/v1/studio/apps', body: { name: 'Matrix app' } }) },
  'GET /v1/studio/apps/:appId': { expect: STUDIO, probe: (w) => ({ url: studio(w) }) },
  'GET /v1/studio/apps/:appId/customers': { expect: STUDIO, probe: (w) => ({ url: studio(w, '/customers') }) },
  'GET /v1/studio/apps/:appId/customers/:customerId': { expect: STUDIO, probe: (w) => ({ url: studio(w, `/customers/${w.customer.id}`) }) },
  'GET /v1/studio/apps/:appId/events': { expect: STUDIO, probe: (w) => ({ url: studio(w, '/events') }) },
  'GET /v1/studio/apps/:appId/dashboard': { expect: STUDIO, probe: (w) => ({ url: studio(w, '/dashboard') }) },
};

/** An entry the DELETE row may remove (created by the test's setup). */
export const disposableEntry = new WeakMap<World, number>();

/** The world the matrix rows probe: every route collected as it registers, and the disposable entry created. */
export async function startMatrixWorld(dialect: Dialect): Promise<{ world: World; routes: ReturnType<typeof routeCollector> }> {
  const routes = routeCollector();
  const world = await startWorld(dialect, { onRoute: routes.onRoute });
  const entry = await world.call('POST', `/v1/data-sources/${world.dataSourceId}/entries`, {
    token: world.a.studioToken,
    body: { data: { Name: 'Disposable' } },
  });
  disposableEntry.set(world, entry.body.id);
  return { world, routes };
}
