import { NotConfiguredError } from '../../errors/index.js';
import type { PaymentProvider, ProviderName } from '../../providers/provider.js';
import { type ConfigurationRow, findConfigurationCached } from '../../storage/repositories/configurations.js';
import type { PaymentsContext } from '../context.js';
import { openSecretKey, openSigningSecrets } from './secrets.js';

interface Opened {
  /** The sealed values this entry was opened from: a new seal (fresh IV) always differs. */
  sealed: string;
  provider: PaymentProvider;
  signingSecrets: string[];
}

const cache = new WeakMap<PaymentsContext, Map<string, Opened>>();

/**
 * The provider client and opened signing secrets of a stored configuration, kept until its sealed
 * secrets change, so the hot paths (webhooks, checkout) do not decrypt on every request.
 */
function opened(ctx: PaymentsContext, row: ConfigurationRow): Opened {
  let byApp = cache.get(ctx);
  if (!byApp) {
    byApp = new Map();
    cache.set(ctx, byApp);
  }
  const sealed = `${row.provider}|${row.public_key}|${row.secret_key_sealed}|${row.signing_secrets_sealed ?? ''}`;
  const cached = byApp.get(row.app_id);
  if (cached?.sealed === sealed) return cached;
  const entry: Opened = {
    sealed,
    provider: ctx.providers({
      provider: row.provider as ProviderName,
      publicKey: row.public_key,
      secretKey: openSecretKey(ctx.box, row),
    }),
    signingSecrets: openSigningSecrets(ctx.box, row),
  };
  byApp.set(row.app_id, entry);
  return entry;
}

export function providerFor(ctx: PaymentsContext, row: ConfigurationRow): PaymentProvider {
  return opened(ctx, row).provider;
}

export function signingSecretsFor(ctx: PaymentsContext, row: ConfigurationRow): string[] {
  return opened(ctx, row).signingSecrets;
}

/** The app's configuration and provider client, from the short-lived read cache (see storage/repositories/read-cache.ts). */
export async function requireConfiguration(ctx: PaymentsContext, appId: string) {
  const row = await findConfigurationCached(ctx.db, appId);
  if (!row) throw new NotConfiguredError();
  return { row, provider: providerFor(ctx, row) };
}
