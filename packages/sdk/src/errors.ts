/**
 * Error thrown (as a promise rejection) by every SDK call.
 *
 * - `code`: machine-readable code from the server (`{error:{code}}`), or a client-side code such as
 *   `network_error`, `studio_token_required`, `open_url_required`, `checkout_canceled`,
 *   `checkout_expired`, `checkout_timeout`, or `http_<status>` for a non-JSON error body.
 * - `status`: the HTTP status, or `0` when the error happened on the client.
 * - `details`: optional extra data sent by the server (or the underlying cause).
 *
 * @example
 * try {
 *   await payments.Configuration.update(settings);
 * } catch (err) {
 *   if (err instanceof PaymentsError && err.code === 'studio_token_required') login();
 * }
 */
export class PaymentsError extends Error {
	readonly code: string;
	readonly status: number;
	readonly details?: unknown;

	constructor(code: string, message: string, status = 0, details?: unknown) {
		super(message);
		this.name = 'PaymentsError';
		this.code = code;
		this.status = status;
		if (details !== undefined) this.details = details;
	}
}
