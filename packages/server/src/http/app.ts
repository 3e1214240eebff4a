import helmet from '@fastify/helmet';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions, type RouteOptions } from 'fastify';
import type { ProviderFactory } from '../payments/context.js';
import { createProviderFactory } from '../providers/factory.js';
import { createSecretBox } from '../security/secret-box.js';
import { createCustomerTokens } from '../security/tokens.js';
import type { PaykitDatabase } from '../storage/database.js';
import { registerConsole } from './plugins/console.js';
import { registerCors } from './plugins/cors.js';
import { registerConnectionDraining } from './plugins/draining.js';
import { frameworkErrors, registerErrorHandler } from './plugins/error-handler.js';
import { refuseNonFiniteNumbers } from './plugins/finite-numbers.js';
import { registerIdempotency } from './plugins/idempotency.js';
import { registerMetrics } from './plugins/metrics.js';
import { registerOpenApi } from './plugins/openapi.js';
import { type RateLimitOptions, registerRateLimit } from './plugins/rate-limit.js';
import { checkoutRoutes } from './routes/checkout-sessions.js';
import { configurationRoutes } from './routes/configuration.js';
import { customerRoutes } from './routes/customers.js';
import { dataSourceRoutes } from './routes/data-sources.js';
import { flittCallbackRoutes } from './routes/flitt-callbacks.js';
import { healthRoutes } from './routes/health.js';
import { productRoutes } from './routes/products.js';
import { returnPageRoutes } from './routes/return-pages.js';
import { studioActivityRoutes } from './routes/studio-activity.js';
import { studioAppRoutes } from './routes/studio-apps.js';
import { studioCustomerRoutes } from './routes/studio-customers.js';
import { subscriptionRoutes } from './routes/subscriptions.js';
import { webhookRoutes } from './routes/webhooks.js';
import { ErrorBody } from './schemas/common.js';

export interface AppDeps {
  database: PaykitDatabase;
  publicUrl: string;
  masterKey: Buffer;
  previousMasterKeys?: Buffer[];
  stripeApiUrl?: string;
  flittApiUrl?: string;
  /** Replaces the provider clients (tests aim them at emulators through `stripeApiUrl` instead). */
  providers?: ProviderFactory;
  logger?: FastifyServerOptions['logger'];
  retrieveAfterMs?: number;
  /** `PAYKIT_METRICS_TOKEN`: bearer token for /metrics (unset: loopback clients only). */
  metricsToken?: string;
  /** Sees every route as it is registered (the access-matrix and fuzz tests list them this way). */
  onRoute?: (route: RouteOptions) => void;
  /** Per-token and per-IP limits on the public routes; none when absent (`paykit serve` passes PAYKIT_RATE_LIMIT_*). */
  rateLimit?: RateLimitOptions;
  /** The built web console served at /console (default packages/console/dist). */
  consoleDir?: string;
}

/** Secrets must never reach a log line, whatever logs the request. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["stripe-signature"]',
  '*.providerPrivateKey',
  '*.signingSecret',
  '*.secretKey',
  '*.hs256Secret',
  'req.headers["x-paykit-user-token"]',
];

/** Builds the Fastify instance; `server.ts` only listens, tests use `app.inject()`. */
export async function buildApp(deps: AppDeps) {
  const logger = deps.logger === undefined ? false : deps.logger;
  const app = Fastify({
    logger: logger && typeof logger === 'object' ? { ...logger, redact: REDACTED_PATHS } : logger,
    bodyLimit: 256 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    routerOptions: { maxParamLength: 200 },
    frameworkErrors,
  }).withTypeProvider<TypeBoxTypeProvider>();
  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);

  app.decorate('payments', {
    db: deps.database.db,
    dialect: deps.database.dialect,
    box: createSecretBox(deps.masterKey, deps.previousMasterKeys ?? []),
    customerTokens: createCustomerTokens(deps.masterKey, deps.previousMasterKeys ?? []),
    providers: deps.providers ?? createProviderFactory({ stripeApiUrl: deps.stripeApiUrl, flittApiUrl: deps.flittApiUrl }),
    publicUrl: deps.publicUrl.replace(/\/+$/, ''),
    logger: app.log,
    retrieveAfterMs: deps.retrieveAfterMs ?? 3000,
  });
  app.addSchema(ErrorBody);
  registerErrorHandler(app);
  registerConnectionDraining(app);
  refuseNonFiniteNumbers(app);
  registerMetrics(app, { token: deps.metricsToken });
  await app.register(helmet, { contentSecurityPolicy: false, global: true });
  // Browsers call with bearer tokens, never cookies, so reflecting the origin exposes nothing ambient.
  await registerCors(app);
  if (deps.rateLimit) await registerRateLimit(app, deps.rateLimit);
  await registerOpenApi(app);
  registerIdempotency(app, deps.database.db, deps.database.dialect);

  await app.register(healthRoutes);
  await app.register(configurationRoutes);
  await app.register(productRoutes);
  await app.register(customerRoutes);
  await app.register(checkoutRoutes);
  await app.register(subscriptionRoutes);
  await app.register(dataSourceRoutes);
  await app.register(returnPageRoutes);
  await app.register(webhookRoutes);
  await app.register(flittCallbackRoutes);
  await app.register(studioAppRoutes);
  await app.register(studioCustomerRoutes);
  await app.register(studioActivityRoutes);
  await registerConsole(app, deps.consoleDir);
  return app;
}
