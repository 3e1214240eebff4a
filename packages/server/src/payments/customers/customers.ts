import { createHash } from 'node:crypto';
import { NotFoundError } from '../../errors/index.js';
import { type CustomerRow, findCustomer, findCustomerByEmail, insertCustomerIfAbsent } from '../../storage/repositories/customers.js';
import { requireConfiguration } from '../configuration/app-provider.js';
import type { PaymentsContext } from '../context.js';

export interface CustomerView {
  id: string;
  object: 'customer';
  email: string;
  provider: string;
  createdAt: string;
  /** Gates this customer's logs, subscriptions and billing portal. */
  token: string;
}

const inFlight = new Map<string, Promise<CustomerRow>>();

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

function view(ctx: PaymentsContext, row: CustomerRow): CustomerView {
  return {
    id: row.id,
    object: 'customer',
    email: row.email,
    provider: row.provider,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    token: ctx.customerTokens.issue(row.app_id, row.id),
  };
}

/**
 * One provider customer per app and email, however many requests race: concurrent calls in this
 * process share one promise, other processes are stopped by the provider idempotency key derived
 * from app and email, and the local unique key keeps a single row.
 */
async function createOrGet(ctx: PaymentsContext, appId: string, email: string): Promise<CustomerRow> {
  const local = await findCustomerByEmail(ctx.db, appId, email);
  if (local) return local;
  const { provider } = await requireConfiguration(ctx, appId);
  const digest = createHash('sha256').update(`${appId}\n${email}`).digest('hex').slice(0, 32);
  const providerCustomerId =
    (await provider.findCustomerByEmail(email)) ??
    (await provider.createCustomer({ email, idempotencyKey: `paykit-customer-${digest}` })).providerCustomerId;
  return insertCustomerIfAbsent(ctx.db, {
    app_id: appId,
    id: providerCustomerId,
    email,
    provider: provider.name,
    provider_customer_id: providerCustomerId,
  });
}

export async function createCustomer(ctx: PaymentsContext, appId: string, rawEmail: string): Promise<CustomerView> {
  const email = normaliseEmail(rawEmail);
  const key = `${appId}\n${email}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = createOrGet(ctx, appId, email).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return view(ctx, await pending);
}

export async function requireCustomer(ctx: PaymentsContext, appId: string, customerId: string): Promise<CustomerRow> {
  const row = await findCustomer(ctx.db, appId, customerId);
  if (!row) throw new NotFoundError('customer', customerId);
  return row;
}
