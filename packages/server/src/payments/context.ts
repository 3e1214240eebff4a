import type { FastifyBaseLogger } from 'fastify';
import type { PaymentProvider, ProviderName } from '../providers/provider.js';
import type { SecretBox } from '../security/secret-box.js';
import type { createCustomerTokens } from '../security/tokens.js';
import type { Db, Dialect } from '../storage/schema.js';

export interface ProviderCredentials {
  provider: ProviderName;
  publicKey: string;
  secretKey: string;
}

export type ProviderFactory = (credentials: ProviderCredentials) => PaymentProvider;

/** What the payments layer needs from the outside world; built once by `buildApp`. */
export interface PaymentsContext {
  db: Db;
  dialect: Dialect;
  box: SecretBox;
  customerTokens: ReturnType<typeof createCustomerTokens>;
  providers: ProviderFactory;
  publicUrl: string;
  logger: FastifyBaseLogger;
  /** How long after the return page a checkout is looked up at the provider if no webhook came. */
  retrieveAfterMs: number;
}
