/** A Stripe event envelope around `object`, as Stripe posts it to a webhook endpoint. */
export function stripeEvent(id: string, type: string, created: number, object: Record<string, unknown>) {
  return { id, object: 'event', api_version: '2026-10-28.endive', created, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type, data: { object } };
}

/** A `customer.subscription.*` event whose one item's period starts at `created`. */
export function stripeSubscriptionEvent(e: { id: string; type?: string; created: number; status: string; subscription: string; customer: string }) {
  return stripeEvent(e.id, e.type ?? 'customer.subscription.updated', e.created, {
    id: e.subscription,
    object: 'subscription',
    customer: e.customer,
    status: e.status,
    cancel_at_period_end: false,
    pause_collection: null,
    items: { object: 'list', data: [{ id: 'si_1', price: { id: 'price_1' }, current_period_start: e.created, current_period_end: e.created + 2592000 }] },
  });
}
