import { type Context, request, tokenForCustomer } from '../http.js';
import type { CheckoutResult, OpenUrl } from '../types.js';
import { runHostedCheckout } from './checkout.js';

/** Flitt's recurring schedule (see its subscription reference); amounts in minor units. */
export interface RecurringData {
	amount?: number;
	period: 'day' | 'week' | 'month';
	every: number;
	quantity?: number;
	start_time?: string;
	end_time?: string;
	trial_period?: 'day' | 'week' | 'month';
	trial_quantity?: number;
	state?: 'y' | 'Y' | 'n' | 'N' | 'hidden' | 'shown_readonly';
	readonly?: 'y' | 'Y' | 'n' | 'N';
}

export interface SubscriptionInput {
	customer: string;
	/** The product's `Price ID` (Stripe: a recurring price) or, for Flitt, the product's id. */
	priceId: string;
	/** Flitt only: the charge calendar. */
	recurring_data?: RecurringData;
	/** Stripe only: free days before the first charge. */
	trial_period_days?: number;
}

export interface Subscription {
	id: string;
	object: 'subscription';
	provider: string;
	customer: string | null;
	status: 'incomplete' | 'trialing' | 'active' | 'past_due' | 'stopped' | 'canceled' | 'ended';
	priceId: string | null;
	currentPeriodStart: string | null;
	currentPeriodEnd: string | null;
	cancelAtPeriodEnd: boolean;
	nextChargeAt: string | null;
	schedule: { past: string[]; upcoming: string[] };
	charges: Array<{ payment: string; amount: number; currency: string; status: string; at: number }>;
}

/** Recurring subscriptions, one API for Stripe and Flitt. */
export interface SubscriptionsApi {
	/**
	 * Starts a subscription through the provider's hosted checkout; resolves like `Checkout.create`.
	 *
	 * @example
	 * const { transactionDetails } = await payments.Subscriptions.create({
	 *   customer: customer.id,
	 *   priceId: plan['Price ID'],
	 * });
	 */
	create(input: SubscriptionInput): Promise<CheckoutResult>;
	/**
	 * @example
	 * const active = await payments.Subscriptions.list({ customer: customer.id, status: 'active' });
	 */
	list(query: { customer: string; status?: Subscription['status'] }): Promise<Subscription[]>;
	/**
	 * @example
	 * const { status, schedule, charges } = await payments.Subscriptions.get(id, { customer: customer.id });
	 */
	get(id: string, options: { customer: string }): Promise<Subscription>;
	/** Pauses collection (Stripe) or stops the charge calendar (Flitt). */
	stop(id: string, options: { customer: string }): Promise<Subscription>;
	/** Resumes a stopped subscription. */
	start(id: string, options: { customer: string }): Promise<Subscription>;
	/**
	 * @example
	 * await payments.Subscriptions.cancel(id, { customer: customer.id, atPeriodEnd: true });
	 */
	cancel(id: string, options: { customer: string; atPeriodEnd?: boolean }): Promise<Subscription>;
}

/** Builds the `Subscriptions` resource. */
export function subscriptions(ctx: Context, openUrl: OpenUrl | undefined): SubscriptionsApi {
	const path = (id: string, action?: string) => `subscriptions/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
	const act = (id: string, customer: string, action: string, body: object = {}) =>
		request<Subscription>(ctx, { method: 'POST', path: path(id, action), token: tokenForCustomer(ctx, customer), body });
	return {
		create: (input) => runHostedCheckout(ctx, openUrl, 'subscriptions', input, ctx.appKey),
		async list({ customer, status }) {
			const res = await request<{ subscriptions: Subscription[] }>(ctx, {
				method: 'GET',
				path: 'subscriptions',
				token: tokenForCustomer(ctx, customer),
				query: { customer, status },
			});
			return res.subscriptions;
		},
		get: (id, { customer }) => request<Subscription>(ctx, { method: 'GET', path: path(id), token: tokenForCustomer(ctx, customer) }),
		stop: (id, { customer }) => act(id, customer, 'stop'),
		start: (id, { customer }) => act(id, customer, 'start'),
		cancel: (id, { customer, atPeriodEnd }) => act(id, customer, 'cancel', atPeriodEnd === undefined ? {} : { atPeriodEnd }),
	};
}
