export { createPayments, type Payments } from './client.js';
export { PaymentsError } from './errors.js';
export type { CheckoutApi } from './resources/checkout.js';
export type { ConfigurationApi } from './resources/configuration.js';
export type { CustomersApi } from './resources/customers.js';
export type { ProductsApi } from './resources/products.js';
export type { RecurringData, Subscription, SubscriptionInput, SubscriptionsApi } from './resources/subscriptions.js';
export type {
	BillingPortalInput,
	CheckoutOptions,
	CheckoutResult,
	CheckoutSession,
	CheckoutStatus,
	ConfigurationInput,
	ConfigurationResult,
	Customer,
	CustomerInput,
	LogEntry,
	LogsQuery,
	OpenUrl,
	PaymentsOptions,
	Product,
} from './types.js';
