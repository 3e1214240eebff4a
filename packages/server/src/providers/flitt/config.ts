import { createHash } from 'node:crypto';

/** Where the adapter reaches Flitt: `PAYKIT_FLITT_API_URL` (an emulator) or Flitt itself. */
export const FLITT_API_URL_ENV = 'PAYKIT_FLITT_API_URL';

/** Flitt's own API host, used when no emulator URL is configured. */
export const FLITT_API_URL = 'https://pay.flitt.com';

/** Prefix of the customer ids paykit derives for Flitt, which keeps no customer objects. */
export const FLITT_CUSTOMER_PREFIX = 'flc_';

/** Flitt's limits on `order_desc` and `merchant_data` (characters). */
export const FLITT_ORDER_DESC_MAX = 1024;
export const FLITT_MERCHANT_DATA_MAX = 2048;

/**
 * What paykit writes into an order's `merchant_data` and reads back from its callbacks: Flitt
 * echoes it on the order and copies it onto each scheduled charge of a subscription.
 */
export interface FlittMerchantData {
  /** paykit's checkout id (also the order id). */
  paykit: string;
  customer?: string;
  /** Catalogue price of a subscription order (its single line item). */
  price?: string;
  subscription?: boolean;
  metadata?: Record<string, unknown>;
}

/** Flitt wants a number; a key typed as digits is sent as one, anything else as given (Flitt answers 1016). */
export function flittMerchantId(publicKey: string): number | string {
  const trimmed = publicKey.trim();
  return /^\d{1,15}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * A stable paykit-side customer id for an email, so `Customers.create` behaves as with Stripe:
 * the same merchant and (normalised) email always give the same id.
 */
export function flittCustomerId(merchantId: number | string, email: string): string {
  const digest = createHash('sha256').update(`${merchantId}|${email.trim().toLowerCase()}`).digest('hex');
  return `${FLITT_CUSTOMER_PREFIX}${digest.slice(0, 24)}`;
}
