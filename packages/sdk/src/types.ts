/** Opens a URL outside the page (Node, in-app browsers). If it returns a promise, resolve it when the user is back. */
export type OpenUrl = (url: string) => unknown;

/** Options accepted by `createPayments`. */
export interface PaymentsOptions {
	/** Origin of the paykit server, e.g. `https://pay.example.com`. */
	baseUrl: string;
	/** The app whose payments are used. */
	appId: string;
	/** Public app key; authenticates app-level calls (products, customers, checkout). */
	appKey: string;
	/** Studio (admin) token; required by `Configuration.update` and `Configuration.updateSigningSecret`. */
	studioToken?: string;
	/**
	 * The signed-in user's token from your own backend (a JWT with an `email` claim), or a function
	 * returning it: sent with `Customers.create` when the app requires verified emails.
	 */
	userToken?: string | (() => string | undefined | Promise<string | undefined>);
	/** Fallback token for customer calls when no token was remembered from `Customers.create`. */
	customerToken?: string;
	/** Opens hosted pages. Required in Node; in browsers it replaces the popup when given. */
	openUrl?: OpenUrl;
	/** `fetch` implementation; defaults to the global one. */
	fetch?: typeof fetch;
	/** Delay between checkout status polls. Default 1000 ms. */
	pollIntervalMs?: number;
	/** How long `Checkout.create` waits for an outcome. Default 30 minutes. */
	checkoutTimeoutMs?: number;
}

/** Settings sent by `Configuration.update`. */
export interface ConfigurationInput {
	/** Payment provider, e.g. `'stripe'`. */
	provider: string;
	providerPublicKey: string;
	providerPrivateKey: string;
	productsDataSourceId: string | number;
	/** Ask the server to register its webhook endpoint with the provider. */
	registerWebhook?: boolean;
}

/** Result of `Configuration.update`. */
export interface ConfigurationResult {
	/** URL to configure as webhook endpoint in the provider's dashboard. */
	webhookUrl: string;
}

/** A product row from the products data source (e.g. `Name`, `Price`, `Price ID`). */
export type Product = Record<string, unknown>;

/** A customer as returned by `Customers.create`. */
export interface Customer {
	id: string;
	object: 'customer';
	email: string;
	createdAt: string;
	/** Customer-scoped token; the SDK remembers it for later customer calls. */
	token: string;
	[key: string]: unknown;
}

/** Input of `Customers.create`. */
export interface CustomerInput {
	email: string;
}

/** Input of `Customers.getLogs`. */
export interface LogsQuery {
	/** Customer id, e.g. `cus_abc`. */
	customer: string;
	/** Page size (server default 100). */
	limit?: number;
	/** Offset (server default 0). */
	offset?: number;
	/** Filter object, e.g. `{ type: 'payment_intent.created' }`; sent as JSON. */
	where?: Record<string, unknown>;
}

/** One customer event log. */
export type LogEntry = Record<string, unknown>;

/** Input of `Customers.openBillingPortal`. */
export interface BillingPortalInput {
	customer: string;
}

/** Checkout options passed verbatim to the provider (Stripe's checkout session options). */
export interface CheckoutOptions {
	mode?: 'payment' | 'subscription' | 'setup';
	payment_method_types?: string[];
	customer?: string;
	line_items?: Array<{ price: string; quantity?: number; [key: string]: unknown }>;
	[key: string]: unknown;
}

/** Status of a checkout session. */
export type CheckoutStatus = 'open' | 'complete' | 'expired' | 'canceled' | 'failed';

/** Checkout session state as returned by `GET checkout-sessions/:id`. */
export interface CheckoutSession {
	id: string;
	status: CheckoutStatus;
	paymentStatus?: string;
	transactionDetails?: unknown;
}

/** Resolved value of a completed checkout. */
export interface CheckoutResult {
	id: string;
	status: 'complete';
	transactionDetails: unknown;
}
