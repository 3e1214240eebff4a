import { NotConfiguredError } from '../../errors/index.js';
import type { PaymentProvider, ProviderName } from '../../providers/provider.js';
import { type ConfigurationRow, findConfiguration } from '../../storage/repositories/configurations.js';
import type { PaymentsContext } from '../context.js';
import { openSecretKey } from './secrets.js';

const cache = new WeakMap<PaymentsContext, Map<string, { updatedAt: number; provider: PaymentProvider }>>();

/** The provider client for a stored configuration, reused until the configuration changes. */
export function providerFor(ctx: PaymentsContext, row: ConfigurationRow): PaymentProvider {
  let byApp = cache.get(ctx);
  if (!byApp) {
    byApp = new Map();
    cache.set(ctx, byApp);
  }
  const cached = byApp.get(row.app_id);
  if (cached && cached.updatedAt === row.updated_at) return cached.provider;
  const provider = ctx.providers({
    provider: row.provider as ProviderName,
    publicKey: row.public_key,
    secretKey: openSecretKey(ctx.box, row),
  });
  byApp.set(row.app_id, { updatedAt: row.updated_at, provider });
  return provider;
}

export async function requireConfiguration(ctx: PaymentsContext, appId: string) {
  const row = await findConfiguration(ctx.db, appId);
  if (!row) throw new NotConfiguredError();
  return { row, provider: providerFor(ctx, row) };
}
