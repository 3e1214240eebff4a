import type { AccountState, SessionState } from '../model.js';
import { escapeHtml, formatAmount, page } from './layout.js';

export function renderCheckoutPage(account: AccountState, session: SessionState, error: string | null): string {
  const rows = session.lineItems
    .map((item) => {
      const price = account.prices[item.price];
      const name = account.products[price?.product ?? '']?.name ?? item.price;
      const amount = (price?.unitAmount ?? 0) * item.quantity;
      const interval = price?.recurring ? ` / ${price.recurring.interval}` : '';
      return `<tr><td>${escapeHtml(name)} × ${item.quantity}</td><td class="amount">${formatAmount(amount, price?.currency ?? 'usd')}${interval}</td></tr>`;
    })
    .join('');
  const total = formatAmount(session.amountTotal ?? 0, session.currency ?? 'usd');
  if (session.status !== 'open') {
    return page('Checkout', `<h1>This checkout session is ${escapeHtml(session.status)}.</h1>`);
  }
  return page(
    'Checkout',
    `<h1>Checkout</h1>
<table aria-label="Order summary">${rows}<tr><td><strong>Total</strong></td><td class="amount"><strong id="total">${total}</strong></td></tr></table>
${error ? `<p class="error" role="alert" id="card-error">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/checkout/pay/${escapeHtml(session.id)}">
<label for="email">Email</label><input id="email" name="email" type="email" value="${escapeHtml(session.customerEmail ?? '')}" autocomplete="email">
<label for="card">Card number</label><input id="card" name="card" inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242" required>
<label for="exp">Expiry</label><input id="exp" name="exp" placeholder="12 / 34" value="12 / 34">
<label for="cvc">CVC</label><input id="cvc" name="cvc" placeholder="123" value="123">
<button type="submit" id="pay">Pay ${total}</button>
</form>
<form method="post" action="/checkout/pay/${escapeHtml(session.id)}/cancel"><button type="submit" class="secondary" id="cancel">Cancel</button></form>`,
  );
}
