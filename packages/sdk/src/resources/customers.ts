import { type Context, request, tokenForCustomer } from '../http.js';
import { prepareOpen } from '../opener.js';
import type { BillingPortalInput, Customer, CustomerInput, LogEntry, LogsQuery, OpenUrl } from '../types.js';
import { waitForPortal } from '../wait-for-portal.js';

/** Customers, their event logs and the provider's billing portal. */
export interface CustomersApi {
	/**
	 * Creates a customer, or returns the existing one for that email. The returned `token` is
	 * remembered and used for later calls about this customer.
	 *
	 * @example
	 * const customer = await payments.Customers.create({ email: 'john@example.org' });
	 */
	create(input: CustomerInput): Promise<Customer>;
	/**
	 * Resolves the event logs of a customer (charges, subscriptions, ...).
	 *
	 * @example
	 * const logs = await payments.Customers.getLogs({
	 *   customer: 'cus_abc',
	 *   limit: 30,
	 *   where: { type: 'payment_intent.created' },
	 * });
	 */
	getLogs(query: LogsQuery): Promise<LogEntry[]>;
	/**
	 * Opens the provider's billing portal for a customer; resolves once the user is back
	 * (popup closed or returned, or the `openUrl` promise resolved). In a browser whose popup
	 * was blocked, the page navigates to the portal and the promise never settles.
	 *
	 * @example
	 * await payments.Customers.openBillingPortal({ customer: 'cus_abc' });
	 */
	openBillingPortal(input: BillingPortalInput): Promise<void>;
}

/** Builds the `Customers` resource. */
export function customers(ctx: Context, openUrl: OpenUrl | undefined): CustomersApi {
	const tokenFor = (customer: string): string => tokenForCustomer(ctx, customer);
	const path = (customer: string, rest: string): string => `customers/${encodeURIComponent(customer)}/${rest}`;

	return {
		async create({ email }) {
			const userToken = typeof ctx.userToken === 'function' ? await ctx.userToken() : ctx.userToken;
			const customer = await request<Customer>(ctx, {
				method: 'POST',
				path: 'customers',
				token: ctx.appKey,
				body: { email },
				headers: userToken ? { 'x-paykit-user-token': userToken } : undefined,
			});
			if (customer?.id && customer.token) ctx.customerTokens.set(customer.id, customer.token);
			return customer;
		},
		async getLogs({ customer, limit, offset, where }) {
			const res = await request<{ logs: LogEntry[] }>(ctx, {
				method: 'GET',
				path: path(customer, 'logs'),
				token: tokenFor(customer),
				query: { limit, offset, where: where === undefined ? undefined : JSON.stringify(where) },
			});
			return res.logs;
		},
		async openBillingPortal({ customer }) {
			const pending = prepareOpen(openUrl);
			let url: string;
			try {
				({ url } = await request<{ url: string }>(ctx, {
					method: 'POST',
					path: path(customer, 'billing-portal'),
					token: tokenFor(customer),
					body: {},
				}));
			} catch (err) {
				pending.abort();
				throw err;
			}
			return waitForPortal(pending.open(url));
		},
	};
}
