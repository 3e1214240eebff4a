import { maskCard } from './cards.js';
import type { OrderState } from './model.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** `DD.MM.YYYY hh:mm:ss` in UTC. */
export function flittTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** The order object of callbacks, `status/order_id` and `recurring`, before signing. */
export function orderObject(order: OrderState): Record<string, unknown> {
  const card = order.card;
  const paid = order.status === 'approved' || order.status === 'reversed';
  const amount = String(order.amount);
  return {
    order_id: order.orderId,
    merchant_id: order.merchantId,
    amount,
    currency: order.currency,
    actual_amount: paid ? amount : '0',
    actual_currency: order.currency,
    order_status: order.status,
    response_status: 'success',
    tran_type: order.tranType,
    payment_id: order.paymentId,
    masked_card: card ? maskCard(card.number) : '',
    card_bin: card ? Number(card.number.slice(0, 6)) : '',
    card_type: card ? 'VISA' : '',
    payment_system: card ? 'card' : '',
    rrn: order.rrn,
    approval_code: order.approvalCode,
    eci: card ? (card.threeDs ? '5' : '7') : '',
    rectoken: order.rectoken,
    rectoken_lifetime: order.rectoken ? flittTime(order.createdAt + 3 * 365 * 86_400) : '',
    parent_order_id: order.parentOrderId,
    merchant_data: text(order.params.merchant_data),
    product_id: text(order.params.product_id),
    sender_email: text(order.params.sender_email),
    sender_cell_phone: '',
    sender_account: '',
    response_code: order.responseCode,
    response_description: order.responseDescription,
    reversal_amount: String(order.reversalAmount),
    settlement_amount: '0',
    settlement_currency: '',
    settlement_date: '',
    verification_status: '',
    fee: '',
    order_time: flittTime(order.createdAt),
    additional_info: JSON.stringify({
      capture_status: null,
      capture_amount: null,
      reservation_data: null,
      transaction_id: order.paymentId,
      bank_response_code: order.responseCode || null,
      bank_response_description: order.responseDescription || null,
      card_type: card ? 'VISA' : null,
      payment_method: card ? 'card' : null,
    }),
  };
}
