import { inBrowser } from '../browser.js';
import { type Context, request } from '../http.js';
import { prepareOpen } from '../opener.js';
import type { CheckoutOptions, CheckoutResult, OpenUrl } from '../types.js';
import { waitForCheckout } from '../wait-for-checkout.js';

/** Query parameter the server appends to `paykit_return_url` after a redirect checkout. */
const RETURN_PARAM = 'paykit_checkout';

/** Hosted checkout sessions. */
export interface CheckoutApi {
	/**
	 * Starts a hosted checkout with the provider's own session options, shows it to the user and
	 * resolves `{ transactionDetails, id, status: 'complete' }` once paid. Rejects with
	 * `PaymentsError` code `checkout_canceled`, `checkout_failed` (declined), `checkout_expired` or `checkout_timeout`.
	 *
	 * In a browser, call it from a click handler: a popup is opened synchronously. When the popup is
	 * blocked, the page itself navigates to the checkout and this promise never settles; call
	 * `Checkout.resume()` on page load to get the outcome after the user returns.
	 * In Node, the `openUrl` option is required (`open_url_required` otherwise).
	 *
	 * @example
	 * const { transactionDetails } = await payments.Checkout.create({
	 *   mode: 'payment',
	 *   payment_method_types: ['card'],
	 *   customer: customer.id,
	 *   line_items: [{ price: products[0]['Price ID'], quantity: 1 }],
	 * });
	 */
	create(options: CheckoutOptions): Promise<CheckoutResult>;
	/**
	 * After a redirect checkout (popup blocked), waits for the checkout named by the
	 * `paykit_checkout` query parameter of the current page. Resolves `null` when there is none.
	 *
	 * @example
	 * const result = await payments.Checkout.resume();
	 * if (result) showThankYou(result.transactionDetails);
	 */
	resume(): Promise<CheckoutResult | null>;
}

/**
 * Creates a hosted checkout at `path` (checkout-sessions or subscriptions), shows it and waits for
 * its outcome: shared by `Checkout.create` and `Subscriptions.create`.
 */
export async function runHostedCheckout(
	ctx: Context,
	openUrl: OpenUrl | undefined,
	path: string,
	options: object,
	token: string,
): Promise<CheckoutResult> {
	const pending = prepareOpen(openUrl);
	const body = inBrowser() ? { ...options, paykit_return_url: window.location.href } : options;
	let session: { id: string; url: string };
	try {
		session = await request<{ id: string; url: string }>(ctx, { method: 'POST', path, token, body });
	} catch (err) {
		pending.abort();
		throw err;
	}
	const opened = pending.open(session.url);
	if (opened.kind === 'redirect') return new Promise<CheckoutResult>(() => {});
	if (opened.kind === 'external') opened.back.catch(() => {});
	return waitForCheckout(ctx, session.id, opened.kind === 'popup' ? opened.popup : undefined);
}

/** Builds the `Checkout` resource. */
export function checkout(ctx: Context, openUrl: OpenUrl | undefined): CheckoutApi {
	return {
		create: (options: CheckoutOptions) => runHostedCheckout(ctx, openUrl, 'checkout-sessions', options, ctx.appKey),
		async resume() {
			if (typeof window === 'undefined' || !window.location) return null;
			const id = new URLSearchParams(window.location.search).get(RETURN_PARAM);
			return id ? waitForCheckout(ctx, id) : null;
		},
	};
}
