import { PaykitError } from '../../errors/index.js';
import { findConfigurationByWebhookTokenCached } from '../../storage/repositories/configurations.js';
import { insertWebhookReceipt } from '../../storage/repositories/studio-receipts.js';
import type { PaymentsContext } from '../context.js';
import type { IngestResult } from '../events/ingest-webhook.js';

/** Why a delivery was refused, in words safe to show: paykit's own message, never the body or a header. */
function rejection(error: unknown) {
  if (error instanceof PaykitError) return { code: error.code, reason: error.message };
  return { code: 'internal_error', reason: 'paykit could not apply the event (see the server log); the provider will retry.' };
}

/** Notes a delivery the event table does not keep; a failure to note it never changes the answer to the provider. */
async function note(ctx: PaymentsContext, token: string, outcome: 'duplicate' | 'rejected', detail: { eventId?: string; code?: string; reason: string }) {
  try {
    const configuration = await findConfigurationByWebhookTokenCached(ctx.db, token);
    // A token paykit never issued belongs to no app: there is no console to show it in.
    if (!configuration) return;
    await insertWebhookReceipt(ctx.db, {
      app_id: configuration.app_id,
      provider: configuration.provider,
      provider_event_id: detail.eventId ?? null,
      outcome,
      code: detail.code ?? null,
      reason: detail.reason,
      received_at: Date.now(),
    });
  } catch (error) {
    ctx.logger.warn({ err: error }, 'could not note a webhook delivery for the console');
  }
}

/**
 * Wraps `ingestWebhook` for the console's events feed: duplicates and rejections (with the
 * reason) are noted in `webhook_receipt`; the result or error passes through unchanged.
 */
export async function trackDelivery(ctx: PaymentsContext, token: string, ingest: Promise<IngestResult>): Promise<IngestResult> {
  try {
    const result = await ingest;
    if (result.duplicate) await note(ctx, token, 'duplicate', { eventId: result.eventId, reason: 'already received: acknowledged, not applied again' });
    return result;
  } catch (error) {
    await note(ctx, token, 'rejected', rejection(error));
    throw error;
  }
}
