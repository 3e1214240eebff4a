/** Where the adapter reaches Stripe: `PAYKIT_STRIPE_API_URL` (an emulator) or Stripe itself. */
export const STRIPE_API_URL_ENV = 'PAYKIT_STRIPE_API_URL';

/** The API version pinned by the `stripe` SDK major paykit is tested with. */
export const STRIPE_API_VERSION = '2026-10-28.endive';

/** Stripe's own tolerance for a webhook's timestamp, in seconds (past only). */
export const STRIPE_WEBHOOK_TOLERANCE_SECONDS = 300;

/** The events paykit needs when it registers its own webhook endpoint. */
export const STRIPE_WEBHOOK_EVENTS = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.paused',
  'customer.subscription.resumed',
  'invoice.created',
  'invoice.finalized',
  'invoice.paid',
  'invoice.payment_succeeded',
  'invoice.payment_failed',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'charge.succeeded',
  'charge.failed',
] as const;

export interface StripeEndpoint {
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

/** Splits an API base URL into what the SDK's constructor takes; undefined means Stripe itself. */
export function stripeEndpoint(apiUrl: string | undefined): StripeEndpoint | undefined {
  if (!apiUrl) return undefined;
  const url = new URL(apiUrl);
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  const port = url.port ? Number(url.port) : protocol === 'https' ? 443 : 80;
  return { host: url.hostname, port, protocol };
}
