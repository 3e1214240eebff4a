import type { OrderState } from '../model.js';
import { escapeHtml, formatAmount, page } from './layout.js';

export function renderCheckoutPage(order: OrderState, error: string | null): string {
  const total = formatAmount(order.amount, order.currency);
  if (order.status !== 'created') {
    return page('Flitt checkout', `<h1>This order is ${escapeHtml(order.status)}.</h1>`);
  }
  const sub = order.subscription;
  const recurring = sub
    ? `<p id="subscription">Then ${formatAmount(sub.recurring.amount, order.currency)} every ${sub.recurring.every} ${sub.recurring.period}(s)</p>`
    : '';
  return page(
    'Flitt checkout',
    `<h1>${escapeHtml(order.orderDesc)}</h1>
<p>Order ${escapeHtml(order.orderId)}: <strong id="total">${total}</strong></p>${recurring}
${error ? `<p class="error" role="alert" id="card-error">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/checkout/${escapeHtml(order.token)}/pay">
<label for="card">Card number</label><input id="card" name="card" inputmode="numeric" autocomplete="cc-number" placeholder="4444 5555 6666 1111" required>
<label for="expiry">Expiry date</label><input id="expiry" name="expiry" placeholder="MM/YY" value="12/30">
<label for="cvv">CVV</label><input id="cvv" name="cvv" inputmode="numeric" placeholder="123" value="123">
<button type="submit" id="pay">Pay ${total}</button>
</form>`,
  );
}

export function renderThreeDsPage(order: OrderState): string {
  return page(
    '3-D Secure',
    `<h1>3-D Secure</h1>
<p>Your bank asks you to confirm the payment of <strong>${formatAmount(order.amount, order.currency)}</strong> to merchant ${order.merchantId}.</p>
<form method="post" action="/checkout/${escapeHtml(order.token)}/3ds"><button type="submit" id="confirm">Confirm</button></form>`,
  );
}

export function renderResultPage(order: OrderState): string {
  const approved = order.status === 'approved';
  return page(
    'Flitt checkout',
    `<h1 id="result">${approved ? 'Payment approved' : `Payment ${escapeHtml(order.status)}`}</h1><p>Order ${escapeHtml(order.orderId)}</p>`,
  );
}
