import { findConfiguration } from '../../storage/repositories/configurations.js';
import { lastDeliveryAt } from '../../storage/repositories/studio-receipts.js';
import { listApps } from '../../storage/repositories/tenants.js';
import { providerFor } from '../configuration/app-provider.js';
import { callbackUrlFor, webhookUrlFor } from '../configuration/configuration.js';
import type { PaymentsContext } from '../context.js';
import { createApp } from '../tenants/apps.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

/** What the console shows of a payment configuration: never a secret, only whether one is set. */
async function configurationSummary(ctx: PaymentsContext, appId: string) {
  const row = await findConfiguration(ctx.db, appId);
  if (!row) return null;
  const provider = providerFor(ctx, row);
  return {
    provider: row.provider,
    providerPublicKey: row.public_key,
    productsDataSourceId: Number(row.products_data_source_id),
    webhookUrl: provider.capabilities.signingSecret ? webhookUrlFor(ctx.publicUrl, row.webhook_token) : callbackUrlFor(ctx.publicUrl, row.webhook_token),
    webhookRegistered: row.webhook_endpoint_id !== null,
    signingSecretSet: row.signing_secrets_sealed !== null,
    updatedAt: iso(row.updated_at),
  };
}

export async function listStudioApps(ctx: PaymentsContext, organisationId: string) {
  const rows = await listApps(ctx.db, organisationId);
  return Promise.all(
    rows.map(async (row) => {
      const configuration = await findConfiguration(ctx.db, row.id);
      return { id: row.id, name: row.name, createdAt: iso(row.created_at), provider: configuration?.provider ?? null };
    }),
  );
}

/** A new app in the caller's organisation. The app key is shown this once: only its hash is kept. */
export async function createStudioApp(ctx: PaymentsContext, organisationId: string, name: string) {
  const created = await createApp(ctx.db, { name, organisationId });
  return { id: created.appId, name, appKey: created.appKey };
}

/** One app as the console's app page shows it; the caller has checked access (`appAccess` + `requireAdmin`). */
export async function getStudioApp(ctx: PaymentsContext, app: { id: string; name: string; created_at: number }) {
  const appId = app.id;
  return {
    id: app.id,
    name: app.name,
    createdAt: iso(app.created_at),
    configuration: await configurationSummary(ctx, appId),
    lastEventAt: iso(await lastDeliveryAt(ctx.db, appId)),
  };
}
