import { randomBytes } from 'node:crypto';
import type { Merchant, OrderState } from './model.js';

/** Flitt's public test merchant, known out of the box. */
export const TEST_MERCHANT = { merchantId: 1549901, secretKey: 'test' } as const;

export class FlittStore {
  readonly merchants = new Map<number, Merchant>();
  private paymentSeq = 800_000_000;

  constructor() {
    this.addMerchant(TEST_MERCHANT.merchantId, TEST_MERCHANT.secretKey);
  }

  addMerchant(id: number, secret: string): Merchant {
    const existing = this.merchants.get(id);
    if (existing) {
      existing.secret = secret;
      return existing;
    }
    const merchant: Merchant = { id, secret, orders: new Map() };
    this.merchants.set(id, merchant);
    return merchant;
  }

  nextPaymentId(): number {
    this.paymentSeq += 1;
    return this.paymentSeq;
  }

  newToken(): string {
    return randomBytes(20).toString('hex');
  }

  /** Finds an order by id across merchants (or in one merchant when given). */
  findOrder(orderId: string, merchantId?: number): { merchant: Merchant; order: OrderState } | null {
    for (const merchant of this.merchants.values()) {
      if (merchantId !== undefined && merchant.id !== merchantId) continue;
      const order = merchant.orders.get(orderId);
      if (order) return { merchant, order };
    }
    return null;
  }

  findByToken(token: string): { merchant: Merchant; order: OrderState } | null {
    for (const merchant of this.merchants.values()) {
      for (const order of merchant.orders.values()) if (order.token === token) return { merchant, order };
    }
    return null;
  }

  *allOrders(): Generator<{ merchant: Merchant; order: OrderState }> {
    for (const merchant of this.merchants.values()) {
      for (const order of merchant.orders.values()) yield { merchant, order };
    }
  }
}
