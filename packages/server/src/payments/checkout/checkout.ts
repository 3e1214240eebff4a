import { NotFoundError } from '../../errors/index.js';
import { generateId } from '../../security/tokens.js';
import {
  applyCheckoutState,
  findCheckout,
  findCheckoutById,
  insertCheckoutQuery,
  markCheckoutReturned,
} from '../../storage/repositories/checkouts.js';
import type { DeferredWrite } from '../../storage/repositories/idempotency-keys.js';
import { loadProducts } from '../catalogue/products.js';
import { requireConfiguration } from '../configuration/app-provider.js';
import { callbackUrlFor } from '../configuration/configuration.js';
import type { PaymentsContext } from '../context.js';
import { requireCustomer } from '../customers/customers.js';
import type { RecurringData } from '../subscriptions/recurring-data.js';
import { checkoutColumns, supersedes } from './checkout-state.js';
import { checkoutView } from './checkout-view.js';
import { type RequestedLineItem, resolveLineItems } from './line-items.js';

export interface CheckoutOptions {
  mode?: 'payment' | 'subscription' | 'setup';
  line_items: RequestedLineItem[];
  customer?: string;
  customer_email?: string;
  /** Where a full-page redirect (popup blocked) returns to; the SDK sets it. */
  paykit_return_url?: string;
  /** A validated Flitt schedule (Subscriptions.create). */
  recurring_data?: RecurringData;
  [option: string]: unknown;
}

/** Hands the new checkout's INSERT to the caller, to commit with its own writes. */
export type DeferCheckoutWrite = (write: DeferredWrite) => void;

export const checkoutReturnUrl = (publicUrl: string, id: string, outcome: 'success' | 'cancel') =>
  `${publicUrl}/v1/checkout/return?checkout=${id}&outcome=${outcome}`;

/**
 * Creates a hosted checkout for prices of the app's own catalogue only. With `deferWrite` the new
 * row is handed over instead of written, for the caller to commit together with its own writes
 * (the HTTP layer: with the stored idempotent response).
 */
export async function createCheckout(
  ctx: PaymentsContext,
  appId: string,
  options: CheckoutOptions,
  deferWrite?: DeferCheckoutWrite,
) {
  const { mode = 'payment', line_items, customer, customer_email, paykit_return_url, recurring_data, ...passthrough } = options;
  const { row: configuration, provider } = await requireConfiguration(ctx, appId);
  const lineItems = resolveLineItems(line_items, await loadProducts(ctx, appId));
  const customerRow = customer ? await requireCustomer(ctx, appId, customer) : null;
  const id = generateId('chk_');
  const state = await provider.createCheckout({
    mode,
    lineItems,
    providerCustomerId: customerRow?.provider_customer_id ?? null,
    customerEmail: customer_email ?? null,
    reference: id,
    successUrl: checkoutReturnUrl(ctx.publicUrl, id, 'success'),
    cancelUrl: checkoutReturnUrl(ctx.publicUrl, id, 'cancel'),
    callbackUrl: callbackUrlFor(ctx.publicUrl, configuration.webhook_token),
    idempotencyKey: `paykit-checkout-${id}`,
    passthrough,
    recurringData: recurring_data,
  });
  const catalogueItems = lineItems.map((item) => ({
    priceId: item.priceId,
    quantity: item.quantity,
    amountTotal: item.unitAmount ? item.unitAmount * item.quantity : null,
  }));
  const insert = insertCheckoutQuery(ctx.db, {
    id,
    app_id: appId,
    provider: provider.name,
    provider_session_id: state.providerSessionId,
    mode,
    url: state.url,
    return_url: paykit_return_url ?? null,
    recurring_data: recurring_data ? JSON.stringify(recurring_data) : null,
    ...checkoutColumns({ ...state, lineItems: state.lineItems.length > 0 ? state.lineItems : catalogueItems }, customerRow?.id ?? state.providerCustomerId),
  });
  if (deferWrite) deferWrite(insert);
  else await insert.execute();
  return { id, url: state.url };
}

/**
 * The checkout as paykit knows it. When the buyer came back but no webhook has arrived within
 * `retrieveAfterMs`, the session is read from the provider so the app is never left waiting.
 */
export async function getCheckout(ctx: PaymentsContext, appId: string, id: string) {
  let row = await findCheckout(ctx.db, appId, id);
  if (!row) throw new NotFoundError('checkout session', id);
  const waitedLongEnough = row.returned_at !== null && Date.now() - Number(row.returned_at) >= ctx.retrieveAfterMs;
  if (row.status === 'open' && waitedLongEnough) {
    const { provider } = await requireConfiguration(ctx, appId);
    const state = await provider.retrieveCheckout(row.provider_session_id);
    if (supersedes(state, row)) {
      await applyCheckoutState(ctx.db, row.id, checkoutColumns(state, state.providerCustomerId));
      row = (await findCheckout(ctx.db, appId, id)) ?? row;
    }
  }
  return checkoutView(row);
}

/** The buyer landed on the return page: remember when (and that a cancel means canceled). */
export async function recordCheckoutReturn(ctx: PaymentsContext, id: string, outcome: 'success' | 'cancel') {
  const row = await findCheckoutById(ctx.db, id);
  if (!row) return null;
  await markCheckoutReturned(ctx.db, id, outcome);
  return row;
}
