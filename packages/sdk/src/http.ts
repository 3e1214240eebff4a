import { PaymentsError } from './errors.js';
import type { PaymentsOptions } from './types.js';

/** Settings shared by every resource of one `createPayments` instance. */
export interface Context {
	/** `${baseUrl}/v1/apps/${appId}/payments` */
	base: string;
	appKey: string;
	studioToken?: string;
	customerToken?: string;
	userToken?: PaymentsOptions['userToken'];
	fetch: typeof fetch;
	pollIntervalMs: number;
	checkoutTimeoutMs: number;
	/** Customer tokens remembered from `Customers.create`, by customer id. */
	customerTokens: Map<string, string>;
}

/** The token for calls about one customer: its own, else the configured customer, Studio or app token. */
export function tokenForCustomer(ctx: Context, customer: string): string {
	return ctx.customerTokens.get(customer) ?? ctx.customerToken ?? ctx.studioToken ?? ctx.appKey;
}

/** One HTTP call against the payments API. */
export interface Call {
	method: 'GET' | 'POST' | 'PUT';
	/** Path below the payments base, already encoded. */
	path: string;
	token: string;
	body?: unknown;
	query?: Record<string, string | number | undefined>;
	headers?: Record<string, string>;
}

const uuid = (): string =>
	globalThis.crypto?.randomUUID
		? globalThis.crypto.randomUUID()
		: `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`;

const queryString = (query: Call['query']): string => {
	const parts: string[] = [];
	for (const key in query) {
		const value = query[key];
		if (value !== undefined) parts.push(`${key}=${encodeURIComponent(value)}`);
	}
	return parts.length ? `?${parts.join('&')}` : '';
};

/** Sends a call and resolves its parsed JSON body (undefined when empty); rejects with `PaymentsError`. */
export async function request<T>(ctx: Context, call: Call): Promise<T> {
	const headers: Record<string, string> = { ...call.headers, authorization: `Bearer ${call.token}`, accept: 'application/json' };
	if (call.body !== undefined) headers['content-type'] = 'application/json';
	if (call.method === 'POST') headers['idempotency-key'] = uuid();
	let res: Response;
	try {
		res = await ctx.fetch(`${ctx.base}/${call.path}${queryString(call.query)}`, {
			method: call.method,
			headers,
			body: call.body === undefined ? undefined : JSON.stringify(call.body),
		});
	} catch (cause) {
		throw new PaymentsError('network_error', cause instanceof Error ? cause.message : 'Network request failed', 0, cause);
	}
	const text = await res.text().catch(() => '');
	let data: unknown;
	try {
		data = text ? JSON.parse(text) : undefined;
	} catch {
		data = undefined;
	}
	if (!res.ok) {
		const error = isObject(data) && isObject(data.error) ? data.error : undefined;
		if (error && typeof error.code === 'string') {
			throw new PaymentsError(error.code, String(error.message ?? error.code), res.status, error.details);
		}
		throw new PaymentsError(`http_${res.status}`, text || res.statusText || `HTTP ${res.status}`, res.status);
	}
	return data as T;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Rejects with `studio_token_required` when no studio token was configured. */
export function studioToken(ctx: Context): string {
	if (!ctx.studioToken) {
		throw new PaymentsError('studio_token_required', 'This call requires the studioToken option', 0);
	}
	return ctx.studioToken;
}
