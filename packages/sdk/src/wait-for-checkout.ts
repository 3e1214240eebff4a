import { onPaykitMessage } from './browser.js';
import { PaymentsError } from './errors.js';
import { type Context, request } from './http.js';
import type { CheckoutResult, CheckoutSession } from './types.js';

/** After the checkout popup is closed while the session is still open, keep polling this long. */
const CLOSED_GRACE_MS = 5000;

/** Reads the current state of a checkout session (authenticated with the app key). */
export const getCheckoutSession = (ctx: Context, id: string): Promise<CheckoutSession> =>
	request<CheckoutSession>(ctx, { method: 'GET', path: `checkout-sessions/${encodeURIComponent(id)}`, token: ctx.appKey });

/** Network errors and 5xx are retried on the next poll; anything else ends the wait. */
const isTransient = (err: unknown): boolean => err instanceof PaymentsError && (err.status === 0 || err.status >= 500);

/**
 * Polls `GET checkout-sessions/:id` every `pollIntervalMs` (and immediately on a matching
 * `{source:'paykit', type:'checkout', id}` message) until the session is complete, canceled,
 * failed (declined) or expired, or `checkoutTimeoutMs` elapses. When `popup` is given and the user closes it while the
 * session is still open, the wait ends with `checkout_canceled` after a short grace period.
 */
export function waitForCheckout(ctx: Context, id: string, popup?: Window): Promise<CheckoutResult> {
	return new Promise<CheckoutResult>((resolve, reject) => {
		let done = false;
		let inFlight = false;
		let again = false;
		let closedAt = 0;
		let timer: ReturnType<typeof setTimeout> | undefined;

		const finish = (error: PaymentsError | undefined, result?: CheckoutResult): void => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			clearTimeout(deadline);
			unsubscribe();
			if (popup && !popup.closed) popup.close();
			if (error) reject(error);
			else if (result) resolve(result);
		};

		const settle = (session: CheckoutSession): void => {
			if (session.status === 'complete') {
				finish(undefined, { transactionDetails: session.transactionDetails, id: session.id ?? id, status: 'complete' });
			} else if (session.status === 'canceled') {
				finish(new PaymentsError('checkout_canceled', 'The checkout was canceled', 0, session));
			} else if (session.status === 'failed') {
				finish(new PaymentsError('checkout_failed', 'The payment was declined', 0, session));
			} else if (session.status === 'expired') {
				finish(new PaymentsError('checkout_expired', 'The checkout session expired', 0, session));
			} else if (popup?.closed) {
				closedAt ||= Date.now();
				if (Date.now() - closedAt >= CLOSED_GRACE_MS) {
					finish(new PaymentsError('checkout_canceled', 'The checkout window was closed', 0, session));
				}
			}
		};

		const poll = async (): Promise<void> => {
			if (done) return;
			if (inFlight) {
				again = true;
				return;
			}
			inFlight = true;
			clearTimeout(timer);
			try {
				settle(await getCheckoutSession(ctx, id));
			} catch (err) {
				if (!isTransient(err)) {
					finish(err instanceof PaymentsError ? err : new PaymentsError('checkout_failed', String(err), 0, err));
				}
			}
			inFlight = false;
			if (done) return;
			if (again) {
				again = false;
				void poll();
			} else {
				timer = setTimeout(poll, ctx.pollIntervalMs);
			}
		};

		const deadline = setTimeout(
			() => finish(new PaymentsError('checkout_timeout', 'Timed out waiting for the checkout to finish', 0, { id })),
			ctx.checkoutTimeoutMs,
		);
		const unsubscribe = onPaykitMessage((message) => {
			if (message.type === 'checkout' && message.id === id) void poll();
		});
		timer = setTimeout(poll, ctx.pollIntervalMs);
	});
}
