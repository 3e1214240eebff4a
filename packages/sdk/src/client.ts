import type { Context } from './http.js';
import { type CheckoutApi, checkout } from './resources/checkout.js';
import { type ConfigurationApi, configuration } from './resources/configuration.js';
import { type CustomersApi, customers } from './resources/customers.js';
import { type ProductsApi, products } from './resources/products.js';
import { type SubscriptionsApi, subscriptions } from './resources/subscriptions.js';
import type { PaymentsOptions } from './types.js';

/** The SDK instance returned by `createPayments`. */
export interface Payments {
	Configuration: ConfigurationApi;
	Products: ProductsApi;
	Customers: CustomersApi;
	Checkout: CheckoutApi;
	Subscriptions: SubscriptionsApi;
}

/**
 * Creates a payments client bound to one app of a paykit server.
 *
 * @example
 * import { createPayments } from '@paykit/sdk';
 *
 * const payments = createPayments({ baseUrl: 'https://pay.example.com', appId: 'app_1', appKey: 'pk_app_1' });
 * const products = await payments.Products.get();
 * const customer = await payments.Customers.create({ email: 'john@example.org' });
 * const { transactionDetails } = await payments.Checkout.create({
 *   mode: 'payment',
 *   customer: customer.id,
 *   line_items: [{ price: products[0]['Price ID'] as string, quantity: 1 }],
 * });
 */
export function createPayments(options: PaymentsOptions): Payments {
	const ctx: Context = {
		base: `${options.baseUrl.replace(/\/+$/, '')}/v1/apps/${encodeURIComponent(options.appId)}/payments`,
		appKey: options.appKey,
		studioToken: options.studioToken,
		customerToken: options.customerToken,
		userToken: options.userToken,
		// Resolved per call (late polyfills) and called unbound (no "Illegal invocation" on window.fetch).
		fetch: (input, init) => (options.fetch ?? fetch)(input, init),
		pollIntervalMs: options.pollIntervalMs ?? 1000,
		checkoutTimeoutMs: options.checkoutTimeoutMs ?? 30 * 60 * 1000,
		customerTokens: new Map(),
	};
	return {
		Configuration: configuration(ctx),
		Products: products(ctx),
		Customers: customers(ctx, options.openUrl),
		Checkout: checkout(ctx, options.openUrl),
		Subscriptions: subscriptions(ctx, options.openUrl),
	};
}
