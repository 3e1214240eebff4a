import type { ProviderEvent, ProviderName } from '../../providers/provider.js';
import { type ConfigurationRow, listConfigurations } from '../../storage/repositories/configurations.js';
import { eventExists } from '../../storage/repositories/events.js';
import { runExclusive } from '../../storage/repositories/jobs.js';
import {
  advanceReconciliationCursor,
  findReconciliationCursor,
  listOpenCheckouts,
} from '../../storage/repositories/reconciliation-cursors.js';
import { providerFor } from '../configuration/app-provider.js';
import type { PaymentsContext } from '../context.js';
import { recordEvent } from '../events/ingest-webhook.js';
import { eventSourceOf } from './event-sources.js';

export const RECONCILE_JOB = 'reconcile-missed-events';
/** Events listed per app and run (the newest ones when more are waiting: a run after a long outage reads the latest). */
const MAX_EVENTS_PER_APP = 5_000;
/** Open orders looked up per app and run, and how far back (a hosted checkout does not stay open longer). */
const MAX_ORDERS_PER_APP = 200;
const OPEN_ORDER_WINDOW_MS = 7 * 24 * 3600 * 1000;

export interface AppReconciliation {
  appId: string;
  provider: ProviderName;
  /** Events the provider listed (Stripe) or order states read (Flitt). */
  seen: number;
  /** Of those, what paykit did not have and has now stored and applied. */
  recovered: number;
  error?: string;
}

export interface ReconcileReport {
  /** False when another server was running the job: this call did nothing. */
  ran: boolean;
  apps: AppReconciliation[];
}

/** Stores and applies an event through the webhook path unless it is already stored. */
async function recover(ctx: PaymentsContext, row: ConfigurationRow, event: ProviderEvent): Promise<boolean> {
  const provider = providerFor(ctx, row);
  if (await eventExists(ctx.db, row.app_id, provider.name, event.providerEventId)) return false;
  const result = await recordEvent(ctx, row.app_id, provider, event);
  return !result.duplicate;
}

/**
 * One app: with an events API (Stripe), every event since the cursor (the newest already listed;
 * `created >= cursor`, as a later event may share its second); without one (Flitt), the current
 * state of each checkout still open, read as the callback for it would have said.
 */
export async function reconcileApp(ctx: PaymentsContext, row: ConfigurationRow): Promise<AppReconciliation> {
  const provider = providerFor(ctx, row);
  const source = eventSourceOf(provider);
  const report: AppReconciliation = { appId: row.app_id, provider: provider.name, seen: 0, recovered: 0 };
  if (source?.eventsSince) {
    const since = await findReconciliationCursor(ctx.db, row.app_id);
    const events = await source.eventsSince(since, MAX_EVENTS_PER_APP);
    for (const event of events) {
      report.seen++;
      if (await recover(ctx, row, event)) report.recovered++;
    }
    const newest = events.at(-1)?.created;
    if (newest !== undefined) await advanceReconciliationCursor(ctx.db, row.app_id, provider.name, newest);
  } else if (source?.orderEvent) {
    const open = await listOpenCheckouts(ctx.db, row.app_id, provider.name, Date.now() - OPEN_ORDER_WINDOW_MS, MAX_ORDERS_PER_APP);
    for (const checkout of open) {
      const event = await source.orderEvent(checkout.provider_session_id);
      report.seen++;
      // Still open at the provider too: nothing was missed, and nothing is logged.
      if (event.checkout?.status === 'open') continue;
      if (await recover(ctx, row, event)) report.recovered++;
    }
  }
  return report;
}

/**
 * Applies what missed webhooks would have told, for every configured app. One server at a time:
 * the job is claimed in the database (`runExclusive`), so servers ticking together do not run it twice.
 * One app's failure (provider down, key revoked) is reported and does not stop the others.
 *
 * @example
 * const report = await reconcileAll(app.payments);
 * if (report.ran) for (const a of report.apps) console.log(a.appId, a.recovered);
 */
export async function reconcileAll(ctx: PaymentsContext, options: { leaseMs?: number; minIntervalMs?: number } = {}): Promise<ReconcileReport> {
  const run = await runExclusive(
    ctx.db,
    RECONCILE_JOB,
    async () => {
      const apps: AppReconciliation[] = [];
      for (const row of await listConfigurations(ctx.db)) {
        try {
          apps.push(await reconcileApp(ctx, row));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          ctx.logger.warn({ appId: row.app_id, err: error }, 'reconciliation failed for this app');
          apps.push({ appId: row.app_id, provider: row.provider as ProviderName, seen: 0, recovered: 0, error: message });
        }
      }
      return apps;
    },
    { leaseMs: options.leaseMs ?? 10 * 60_000, minIntervalMs: options.minIntervalMs ?? 0 },
  );
  if (!run.ran) return { ran: false, apps: [] };
  const recovered = run.value.reduce((sum, a) => sum + a.recovered, 0);
  if (recovered > 0) ctx.logger.info({ recovered }, 'reconciliation applied missed events');
  return { ran: true, apps: run.value };
}
