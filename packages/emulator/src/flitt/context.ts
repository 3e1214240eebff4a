import { CallbackDelivery, type CallbackRetry, FLITT_CALLBACK_RETRY } from './callbacks.js';
import { FlittClock } from './clock.js';
import type { Merchant, OrderState } from './model.js';
import { orderObject } from './order-object.js';
import { encodeData, signData, signed } from './signature.js';
import { FlittStore } from './store.js';

/** What every route file is handed: state, time, callbacks and the base URL. */
export class FlittContext {
  readonly store = new FlittStore();
  readonly clock: FlittClock;
  readonly callbacks: CallbackDelivery;
  baseUrl = '';

  constructor(options: { now?: () => number; callbackRetry?: Partial<CallbackRetry> }) {
    this.clock = new FlittClock(options.now);
    this.callbacks = new CallbackDelivery({ ...FLITT_CALLBACK_RETRY, ...options.callbackRetry });
  }

  now(): number {
    return this.clock.now();
  }

  /** Hosted page of an order, shaped like Flitt's. */
  checkoutUrl(order: OrderState): string {
    return `${this.baseUrl}/merchants/${order.merchantId}/default/index.html?token=${order.token}`;
  }

  /**
   * Sends the order's signed callback in the protocol of the request that created it:
   * 1.0 a flat signed order object, 2.0 `{version, data, signature}`.
   */
  sendCallback(merchant: Merchant, order: OrderState, url = stringParam(order.params.server_callback_url)): void {
    if (!url) return;
    const object = orderObject(order);
    let body: Record<string, unknown>;
    if (order.protocol === '2.0') {
      const data = encodeData(object);
      body = { version: '2.0', data, signature: signData(data, merchant.secret) };
    } else {
      body = signed(object, merchant.secret);
    }
    this.callbacks.enqueue({ orderId: order.orderId, url, body: JSON.stringify(body) });
  }
}

export function stringParam(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
