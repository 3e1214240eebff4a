import { UnknownDataSourceError, UnsupportedOptionError, ValidationError } from '../../errors/index.js';
import type { ProviderName } from '../../providers/provider.js';
import { STRIPE_WEBHOOK_EVENTS } from '../../providers/stripe/config.js';
import { generateToken, TOKEN_PREFIX } from '../../security/tokens.js';
import { findConfiguration, saveConfiguration, saveSigningSecrets } from '../../storage/repositories/configurations.js';
import { findDataSource } from '../../storage/repositories/data-sources.js';
import type { PaymentsContext } from '../context.js';
import { openSigningSecrets, sealSigningSecrets, secretContext } from './secrets.js';

export interface ConfigurationInput {
  provider: ProviderName;
  providerPublicKey: string;
  providerPrivateKey: string;
  productsDataSourceId: number;
  registerWebhook?: boolean;
}

export const webhookUrlFor = (publicUrl: string, token: string) => `${publicUrl}/v1/billing/apps/webhook/${token}`;
/** Flitt takes its callback URL per order (`server_callback_url`) instead of a registered endpoint. */
export const callbackUrlFor = (publicUrl: string, token: string) => `${publicUrl}/v1/billing/apps/flitt-callback/${token}`;

/**
 * Checks the secret key against the provider before anything is saved, then stores it sealed.
 * With `registerWebhook` the endpoint is created at the provider and its signing secret kept,
 * so no dashboard step is needed.
 */
export async function updateConfiguration(ctx: PaymentsContext, app: { id: string; organisation_id: string }, input: ConfigurationInput) {
  const source = await findDataSource(ctx.db, input.productsDataSourceId);
  if (!source || source.organisation_id !== app.organisation_id) throw new UnknownDataSourceError(input.productsDataSourceId);
  const provider = ctx.providers({ provider: input.provider, publicKey: input.providerPublicKey, secretKey: input.providerPrivateKey });
  await provider.verifyCredentials();

  const existing = await findConfiguration(ctx.db, app.id);
  const webhookToken = existing?.webhook_token ?? generateToken(TOKEN_PREFIX.webhook, 16);
  const webhookUrl = provider.capabilities.signingSecret
    ? webhookUrlFor(ctx.publicUrl, webhookToken)
    : callbackUrlFor(ctx.publicUrl, webhookToken);
  let signingSecretsSealed = existing?.provider === input.provider ? (existing?.signing_secrets_sealed ?? null) : null;
  let webhookEndpointId = existing?.webhook_endpoint_id ?? null;
  if (input.registerWebhook) {
    if (!provider.capabilities.registerWebhook) {
      throw new UnsupportedOptionError(`${input.provider} takes its callback URL per order: registerWebhook is not needed.`);
    }
    const endpoint = await provider.registerWebhook({ url: webhookUrl, events: [...STRIPE_WEBHOOK_EVENTS] });
    webhookEndpointId = endpoint.endpointId;
    signingSecretsSealed = sealSigningSecrets(ctx.box, app.id, [endpoint.signingSecret]);
  }
  await saveConfiguration(ctx.db, {
    app_id: app.id,
    provider: input.provider,
    public_key: input.providerPublicKey,
    secret_key_sealed: ctx.box.seal(input.providerPrivateKey, secretContext(app.id, 'secret_key')),
    signing_secrets_sealed: signingSecretsSealed,
    products_data_source_id: input.productsDataSourceId,
    webhook_token: webhookToken,
    webhook_endpoint_id: webhookEndpointId,
  });
  ctx.logger.info({ appId: app.id, provider: input.provider, registeredWebhook: Boolean(input.registerWebhook) }, 'payments configured');
  return { webhookUrl };
}

export async function configurationExists(ctx: PaymentsContext, appId: string): Promise<boolean> {
  return (await findConfiguration(ctx.db, appId)) !== undefined;
}

/** How long a replaced signing secret keeps verifying, so deliveries signed before a rotation still land. */
const KEEP_PREVIOUS_SECRETS = 1;

export async function updateSigningSecret(ctx: PaymentsContext, appId: string, signingSecret: string) {
  const row = await findConfiguration(ctx.db, appId);
  if (!row) throw new ValidationError('Configure payments (Configuration.update) before setting a signing secret.');
  const previous = openSigningSecrets(ctx.box, row).filter((s) => s !== signingSecret);
  const secrets = [signingSecret, ...previous.slice(0, KEEP_PREVIOUS_SECRETS)];
  await saveSigningSecrets(ctx.db, appId, sealSigningSecrets(ctx.box, appId, secrets));
}
