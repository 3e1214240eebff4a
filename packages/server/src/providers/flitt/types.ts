/** Flitt's wire objects, as sent and received (amounts in minor units). */

export type FlittOrderStatus = 'created' | 'processing' | 'declined' | 'approved' | 'expired' | 'reversed';
export type FlittPeriod = 'day' | 'week' | 'month';
export type FlittRecurringState = 'y' | 'Y' | 'n' | 'N' | 'hidden' | 'shown_readonly';
/** Flitt sends some numbers as strings and some as numbers, depending on endpoint and protocol. */
export type FlittNumeric = number | string;

export interface FlittRecurringData {
  /** Amount of each scheduled charge, integer minor units (at most 12 digits). */
  amount: number;
  period: FlittPeriod;
  /** Number of periods between charges. */
  every: number;
  /** Number of charges; this or `end_time` is required. */
  quantity?: number;
  /** `YYYY-MM-DD` or `YYYY-MM-DD HH24:MI:SS`. */
  start_time?: string;
  end_time?: string;
  trial_period?: FlittPeriod;
  trial_quantity?: number;
  state?: FlittRecurringState;
  readonly?: 'y' | 'Y' | 'n' | 'N';
}

/** Parameters of `checkout/url`, `checkout/token` and `checkout/redirect` (merchant_id and signature are added). */
export interface FlittCheckoutParams {
  order_id: string;
  order_desc: string;
  currency: string;
  amount: number;
  response_url?: string;
  server_callback_url?: string;
  subscription_callback_url?: string;
  lifetime?: number;
  merchant_data?: string;
  sender_email?: string;
  lang?: string;
  preauth?: 'Y' | 'N';
  required_rectoken?: 'Y' | 'N';
  delayed?: 'Y' | 'N';
  product_id?: string;
  /** 'Y' with `recurring_data` starts a subscription once the order is approved. */
  subscription?: 'Y' | 'N';
  /** Forces protocol 2.0 (nested objects cannot be signed in 1.0). */
  recurring_data?: FlittRecurringData;
  [key: string]: unknown;
}

/** The order object of callbacks, `status/order_id` and `recurring`. */
export interface FlittOrder {
  order_id: string;
  merchant_id: FlittNumeric;
  amount: FlittNumeric;
  currency: string;
  order_status: FlittOrderStatus;
  response_status: 'success' | 'failure';
  actual_amount?: FlittNumeric;
  actual_currency?: string;
  tran_type?: string;
  payment_id?: FlittNumeric;
  masked_card?: string;
  card_bin?: FlittNumeric;
  card_type?: string;
  rrn?: string;
  approval_code?: string;
  eci?: FlittNumeric;
  rectoken?: string;
  rectoken_lifetime?: string;
  parent_order_id?: string;
  merchant_data?: string;
  response_code?: FlittNumeric;
  response_description?: string;
  reversal_amount?: FlittNumeric;
  /** `DD.MM.YYYY hh:mm:ss`. */
  order_time?: string;
  /** A JSON string. */
  additional_info?: string;
  signature?: string;
  response_signature_string?: string;
  [key: string]: unknown;
}

export interface FlittCheckoutUrlAnswer {
  response_status: 'success';
  checkout_url: string;
  payment_id?: FlittNumeric;
  [key: string]: unknown;
}

export interface FlittCheckoutTokenAnswer {
  response_status: 'success';
  token: string;
  [key: string]: unknown;
}

export interface FlittReverseAnswer {
  response_status: 'success';
  reverse_status: string;
  order_id: string;
  reversal_amount: FlittNumeric;
  currency?: string;
  transaction_id?: FlittNumeric;
  [key: string]: unknown;
}

export interface FlittSubscriptionAnswer {
  response_status: 'success';
  order_id: string;
  merchant_id: FlittNumeric;
  status: 'active' | 'disabled';
  signature?: string;
  [key: string]: unknown;
}

export interface FlittRecurringParams {
  orderId: string;
  amount: number;
  currency: string;
  rectoken: string;
  orderDesc?: string;
  serverCallbackUrl?: string;
  /** Any other Flitt parameter, sent as is. */
  extra?: Record<string, unknown>;
}

export interface FlittReverseParams {
  orderId: string;
  amount: number;
  currency: string;
  /** Idempotency key: the same reverse_id is applied once. */
  reverseId?: string;
  comment?: string;
}
