import { deleteIdempotencyKeysBefore, IDEMPOTENCY_KEY_LIFETIME_MS } from '../../storage/repositories/idempotency-keys.js';
import { runExclusive } from '../../storage/repositories/jobs.js';
import { deleteWebhookReceiptsBefore } from '../../storage/repositories/studio-receipts.js';
import type { PaymentsContext } from '../context.js';

const HOUSEKEEPING_JOB = 'housekeeping';
const DAY_MS = 24 * 60 * 60 * 1000;

export interface HousekeepingReport {
  ran: boolean;
  idempotencyKeys: number;
  webhookReceipts: number;
}

/**
 * Deletes what nobody can use any more: idempotency keys past their 24 hours (a replay would take
 * the key over anyway) and the console's webhook receipts older than `receiptRetentionDays`. The
 * event log itself is never pruned. One server at a time (`runExclusive`).
 */
export async function pruneExpired(
  ctx: PaymentsContext,
  options: { receiptRetentionDays: number; minIntervalMs?: number; now?: number },
): Promise<HousekeepingReport> {
  const now = options.now ?? Date.now();
  const run = await runExclusive(
    ctx.db,
    HOUSEKEEPING_JOB,
    async () => ({
      idempotencyKeys: await deleteIdempotencyKeysBefore(ctx.db, now - IDEMPOTENCY_KEY_LIFETIME_MS),
      webhookReceipts: await deleteWebhookReceiptsBefore(ctx.db, now - options.receiptRetentionDays * DAY_MS),
    }),
    { minIntervalMs: options.minIntervalMs ?? 0 },
  );
  if (!run.ran) return { ran: false, idempotencyKeys: 0, webhookReceipts: 0 };
  ctx.logger.info(run.value, 'housekeeping: expired rows deleted');
  return { ran: true, ...run.value };
}
