import Fastify, { type FastifyInstance } from 'fastify';
import qs from 'qs';
import { StripeContext } from './context.js';
import type { RetryPolicy } from './delivery.js';
import { registerPages } from './pages/routes.js';
import { registerBillingPortal } from './resources/billing-portal.js';
import { expireIfDue, registerCheckoutSessions } from './resources/checkout-sessions.js';
import { registerCustomers } from './resources/customers.js';
import { registerEvents } from './resources/events.js';
import { registerInvoices } from './resources/invoices.js';
import { registerPaymentIntents } from './resources/payment-intents.js';
import { registerPrices } from './resources/prices.js';
import { registerProducts } from './resources/products.js';
import { registerSubscriptions } from './resources/subscriptions.js';
import { registerTestClocks } from './resources/test-clocks.js';
import { registerCheckoutTestHelpers } from './resources/test-helpers.js';
import { registerWebhookEndpoints } from './resources/webhook-endpoints.js';
import { StripeRouter } from './router.js';

export interface StripeEmulatorOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Keep state in this JSON file across restarts; in memory only when unset. */
  persistFile?: string;
  webhookRetry?: Partial<RetryPolicy>;
  /** Real time by default; tests may freeze it. */
  now?: () => number;
  /** How often open sessions past `expires_at` are expired (ms); 0 disables the sweep. */
  sweepIntervalMs?: number;
}

export interface StripeEmulator {
  readonly app: FastifyInstance;
  readonly context: StripeContext;
  /** Base URL once listening, e.g. `http://127.0.0.1:12111`. */
  url: string;
  listen(): Promise<string>;
  close(): Promise<void>;
  /** Resolves when every queued webhook delivery has succeeded or given up. */
  webhooksIdle(): Promise<void>;
}

function parseQueryString(text: string) {
  return qs.parse(text, { depth: 10, arrayLimit: 1000, parameterLimit: 10_000, allowDots: false });
}

/** A Stripe-wire-compatible API on a local port: the official SDK cannot tell it from Stripe. */
export function createStripeEmulator({
  host = '127.0.0.1',
  port = 12111,
  persistFile,
  webhookRetry,
  now,
  sweepIntervalMs = 5_000,
}: StripeEmulatorOptions = {}): StripeEmulator {
  const ctx = new StripeContext({ persistFile, retry: webhookRetry, now });
  const app = Fastify({ logger: false, routerOptions: { querystringParser: parseQueryString }, bodyLimit: 1024 * 1024 });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, parseQueryString(String(body)));
  });
  const router = new StripeRouter(app, ctx);
  registerCustomers(router, { now: ctx.now, emit: ctx.emit.bind(ctx) });
  registerProducts(router, ctx);
  registerPrices(router, ctx);
  registerCheckoutSessions(router, ctx);
  registerCheckoutTestHelpers(router, ctx);
  registerPaymentIntents(router);
  registerSubscriptions(router, ctx);
  registerInvoices(router);
  registerBillingPortal(router, ctx);
  registerWebhookEndpoints(router, ctx);
  registerEvents(router);
  registerTestClocks(router, ctx);
  registerPages(app, ctx);
  app.get('/_emulator/health', async () => ({ ok: true, emulator: 'stripe' }));
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({
      error: { type: 'invalid_request_error', message: `Unrecognized request URL (${request.method}: ${request.url.split('?')[0]}).` },
    });
  });

  let sweep: NodeJS.Timeout | undefined;
  const emulator: StripeEmulator = {
    app,
    context: ctx,
    url: '',
    async listen() {
      const address = await app.listen({ host, port });
      const bound = new URL(address);
      emulator.url = `http://${host}:${bound.port}`;
      ctx.baseUrl = emulator.url;
      if (sweepIntervalMs > 0) {
        sweep = setInterval(() => {
          for (const [key, account] of ctx.store.allAccounts()) {
            for (const session of Object.values(account.sessions)) expireIfDue(ctx, key, account, session);
          }
        }, sweepIntervalMs);
        sweep.unref();
      }
      return emulator.url;
    },
    async close() {
      if (sweep) clearInterval(sweep);
      ctx.delivery.close();
      ctx.store.save();
      await app.close();
    },
    webhooksIdle: () => ctx.delivery.idle(),
  };
  return emulator;
}
