import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { ProviderFactory } from '../payments/context.js';
import { createProviderFactory } from '../providers/factory.js';
import { createSecretBox } from '../security/secret-box.js';
import { createCustomerTokens } from '../security/tokens.js';
import type { PaykitDatabase } from '../storage/database.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { registerIdempotency } from './plugins/idempotency.js';
import { registerOpenApi } from './plugins/openapi.js';
import { checkoutRoutes } from './routes/checkout-sessions.js';
import { configurationRoutes } from './routes/configuration.js';
import { customerRoutes } from './routes/customers.js';
import { dataSourceRoutes } from './routes/data-sources.js';
import { flittCallbackRoutes } from './routes/flitt-callbacks.js';
import { healthRoutes } from './routes/health.js';
import { productRoutes } from './routes/products.js';
import { returnPageRoutes } from './routes/return-pages.js';
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
}

/** Secrets must never reach a log line, whatever logs the request. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["stripe-signature"]',
  '*.providerPrivateKey',
  '*.signingSecret',
  '*.secretKey',
];

/** Builds the Fastify instance; `server.ts` only listens, tests use `app.inject()`. */
export async function buildApp(deps: AppDeps) {
  const logger = deps.logger === undefined ? false : deps.logger;
  const app = Fastify({
    logger: logger && typeof logger === 'object' ? { ...logger, redact: REDACTED_PATHS } : logger,
    bodyLimit: 256 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('payments', {
    db: deps.database.db,
    dialect: deps.database.dialect,
    box: createSecretBox(deps.masterKey, deps.previousMasterKeys ?? []),
    customerTokens: createCustomerTokens(deps.masterKey),
    providers: deps.providers ?? createProviderFactory({ stripeApiUrl: deps.stripeApiUrl, flittApiUrl: deps.flittApiUrl }),
    publicUrl: deps.publicUrl.replace(/\/+$/, ''),
    logger: app.log,
    retrieveAfterMs: deps.retrieveAfterMs ?? 3000,
  });
  app.addSchema(ErrorBody);
  registerErrorHandler(app);
  await app.register(helmet, { contentSecurityPolicy: false, global: true });
  // Browsers call with bearer tokens, never cookies, so reflecting the origin exposes nothing ambient.
  await app.register(cors, { origin: true, credentials: false, allowedHeaders: ['authorization', 'content-type', 'idempotency-key'] });
  await registerOpenApi(app);
  registerIdempotency(app, deps.database.db);

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
  return app;
}
