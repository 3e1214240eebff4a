// paykit demo store: plain browser JavaScript on top of the SDK bundle (/sdk/paykit.js).
// Settings come from /demo/config.js (window.PAYKIT_DEMO = { appId, appKey, flitt: { appId, appKey } | null }):
// one demo app per provider, switched with the "Pay with" radio buttons.
(() => {
  const $ = (id) => document.getElementById(id);
  const els = {
    email: $('email'),
    customer: $('customer'),
    cart: $('cart'),
    products: $('products'),
    total: $('total'),
    buy: $('buy'),
    result: $('result'),
    showLogs: $('show-logs'),
    manageBilling: $('manage-billing'),
    logs: $('logs'),
    provider: $('provider'),
    providerName: $('provider-name'),
    cardPays: $('card-pays'),
    cardDeclined: $('card-declined'),
    showSubscriptions: $('show-subscriptions'),
    subscriptions: $('subscriptions'),
    subscriptionsHeading: $('subscriptions-heading'),
  };

  /** Replaces an element's children with text or nodes (never HTML strings). */
  function fill(element, ...children) {
    element.replaceChildren(...children.map((c) => (typeof c === 'string' ? document.createTextNode(c) : c)));
  }

  function node(tag, props, ...children) {
    const element = document.createElement(tag);
    Object.assign(element, props);
    fill(element, ...children);
    return element;
  }

  function showMessage(kind, ...lines) {
    fill(els.result, ...lines.map((line) => node('p', { className: kind }, line)));
  }

  const settings = window.PAYKIT_DEMO;
  if (!window.Paykit || !settings) {
    els.products.setAttribute('aria-busy', 'false');
    fill(els.products);
    showMessage(
      'error',
      !window.Paykit
        ? 'The paykit SDK did not load: run `npm run build -w @paykit/sdk` and reload.'
        : 'The demo app is not ready yet: reload in a moment.',
    );
    for (const button of [els.buy, els.showLogs, els.manageBilling, els.showSubscriptions]) button.disabled = true;
    return;
  }

  // ---- providers: each has its own demo app, test cards and way to manage billing.
  const PROVIDERS = {
    stripe: { name: 'Stripe', app: settings, cards: ['4242 4242 4242 4242', '4000 0000 0000 0002'], portal: true },
    flitt: { name: 'Flitt', app: settings.flitt, cards: ['4444 5555 1111 6666', '4444 1111 5555 6666'], portal: false },
  };
  let provider = 'stripe';
  let payments = null;

  function useProvider(name) {
    provider = name;
    const chosen = PROVIDERS[name];
    payments = window.Paykit.createPayments({ baseUrl: window.location.origin, appId: chosen.app.appId, appKey: chosen.app.appKey });
    customer = null;
    fill(els.customer);
    fill(els.providerName, chosen.name);
    fill(els.cardPays, chosen.cards[0]);
    fill(els.cardDeclined, chosen.cards[1]);
    fill(els.result);
    fill(els.logs);
    fill(els.subscriptions);
    fill(els.products, node('li', { className: 'placeholder' }, 'Loading plans…'));
    els.products.setAttribute('aria-busy', 'true');
    loadProducts();
  }

  for (const input of els.provider.querySelectorAll('input[name="provider"]')) {
    if (!PROVIDERS[input.value].app) input.disabled = true;
    input.addEventListener('change', () => input.checked && useProvider(input.value));
  }

  // ---- money: amounts are computed in minor units from the decimal text, never with float products.
  const formatters = new Map();
  function formatter(currency) {
    if (!formatters.has(currency)) {
      formatters.set(currency, new Intl.NumberFormat(undefined, { style: 'currency', currency }));
    }
    return formatters.get(currency);
  }
  const exponent = (currency) => formatter(currency).resolvedOptions().maximumFractionDigits;

  function toMinor(price, currency) {
    const text = String(price).trim();
    const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
    if (!match) return null;
    const digits = exponent(currency);
    const fraction = (match[2] || '').padEnd(digits, '0');
    if (fraction.length > digits) return null;
    return Number(match[1]) * 10 ** digits + Number(fraction || '0');
  }

  const formatMinor = (amount, currency) => formatter(currency).format(amount / 10 ** exponent(currency));
  const currencyOf = (product) => String(product.Currency || 'USD').toUpperCase();
  const intervalOf = (product) => (product.Interval ? String(product.Interval) : null);
  // Flitt products need no Price ID: the data source entry's id is the price.
  const priceOf = (product) => String(product['Price ID'] || product.id);

  // ---- customer: created (or found) for the email; the SDK remembers its token for logs and portal.
  let customer = null;

  function currentEmail() {
    const email = els.email.value.trim();
    if (!email || !els.email.checkValidity()) {
      els.email.setAttribute('aria-invalid', 'true');
      els.email.focus();
      throw new Error('Enter a valid email address first.');
    }
    els.email.removeAttribute('aria-invalid');
    return email;
  }

  async function ensureCustomer() {
    const email = currentEmail();
    if (customer && customer.email.toLowerCase() === email.toLowerCase()) return customer;
    customer = await payments.Customers.create({ email });
    fill(els.customer, `Signed in as ${customer.email} (${customer.id}).`);
    return customer;
  }

  els.email.addEventListener('change', () => {
    if (els.email.value.trim() && els.email.checkValidity()) ensureCustomer().catch(showError);
  });
  document.getElementById('account-form').addEventListener('submit', (event) => {
    event.preventDefault();
    ensureCustomer().catch(showError);
  });

  // ---- products
  let products = [];

  function renderProducts() {
    const items = products.map((product, index) => {
      const currency = currencyOf(product);
      const unit = toMinor(product.Price, currency);
      const interval = intervalOf(product);
      const inputId = `qty-${product.id}`;
      const price = unit === null ? String(product.Price) : formatMinor(unit, currency);
      const input = node('input', {
        id: inputId,
        type: 'number',
        min: '0',
        max: '99',
        step: '1',
        value: '0',
        className: 'qty',
        inputMode: 'numeric',
      });
      input.dataset.index = String(index);
      input.addEventListener('input', renderTotal);
      const li = node(
        'li',
        {},
        node('span', { className: 'name', id: `name-${product.id}` }, String(product.Name ?? `Product ${product.id}`)),
        node('span', { className: 'price' }, interval ? `${price} / ${interval}` : price),
        node('span', { className: 'quantity' }, node('label', { htmlFor: inputId }, 'Quantity'), input),
        node('span', { className: 'description' }, String(product.Description ?? '')),
      );
      li.dataset.priceId = priceOf(product);
      li.setAttribute('aria-labelledby', `name-${product.id}`);
      return li;
    });
    fill(els.products, ...items);
    els.products.setAttribute('aria-busy', 'false');
    renderTotal();
  }

  function chosenItems() {
    const chosen = [];
    for (const input of els.products.querySelectorAll('input.qty')) {
      const quantity = Number(input.value);
      if (!Number.isInteger(quantity) || quantity < 0 || quantity > 99) {
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        throw new Error('Quantities must be whole numbers from 0 to 99.');
      }
      input.removeAttribute('aria-invalid');
      if (quantity > 0) chosen.push({ product: products[Number(input.dataset.index)], quantity });
    }
    return chosen;
  }

  function renderTotal() {
    let chosen;
    try {
      chosen = chosenItems();
    } catch {
      fill(els.total);
      return;
    }
    if (chosen.length === 0) {
      fill(els.total, 'Choose a quantity for at least one plan.');
      return;
    }
    const totals = new Map();
    for (const { product, quantity } of chosen) {
      const currency = currencyOf(product);
      const key = `${currency}|${intervalOf(product) || ''}`;
      totals.set(key, (totals.get(key) || 0) + (toMinor(product.Price, currency) || 0) * quantity);
    }
    const parts = [...totals].map(([key, amount]) => {
      const [currency, interval] = key.split('|');
      return interval ? `${formatMinor(amount, currency)} / ${interval}` : formatMinor(amount, currency);
    });
    fill(els.total, `Total: ${parts.join(' + ')}`);
  }

  async function loadProducts() {
    try {
      products = await payments.Products.get();
      if (products.length === 0) {
        fill(els.products, node('li', { className: 'placeholder' }, 'No plans for sale yet.'));
        els.products.setAttribute('aria-busy', 'false');
        return;
      }
      renderProducts();
    } catch (error) {
      els.products.setAttribute('aria-busy', 'false');
      fill(els.products);
      showError(error);
    }
  }

  // ---- checkout
  const MESSAGES = {
    checkout_canceled: 'Checkout canceled: no payment was taken.',
    card_declined: 'Your card was declined: no payment was taken. Try again with the test card that pays.',
    one_plan_alone: 'On Flitt a plan is bought on its own: choose quantity 1 of the monthly plan and nothing else.',
    checkout_expired: 'The checkout expired before it was paid. Press Buy to start again.',
    checkout_timeout: 'The checkout took too long to complete. Check "My payments" before trying again.',
    unknown_price: 'One of the plans is no longer for sale. Reload the page.',
    payments_not_configured: 'This store has no payment provider configured yet.',
    provider_unavailable: 'The payment provider could not be reached. Try again in a moment.',
    network_error: 'The payments server could not be reached. Check your connection and try again.',
    rate_limited: 'Too many attempts: wait a moment and try again.',
  };

  /** A checkout that ended with a declined payment (Flitt declines the order; on Stripe the buyer gives up after a decline). */
  function declined(error) {
    const session = error && typeof error === 'object' ? error.details : null;
    return Boolean(session && (session.paymentStatus === 'failed' || session.status === 'failed'));
  }

  function showError(error) {
    if (error && (error.code === 'checkout_failed' || (error.code === 'checkout_canceled' && declined(error)))) error = { code: 'card_declined' };
    const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : null;
    const message = (code && MESSAGES[code]) || (error instanceof Error ? error.message : String(error));
    showMessage('error', code ? `${message} (${code})` : message);
  }

  function showSuccess(result) {
    const details = result.transactionDetails || {};
    const pending = details.payment_status === 'unpaid';
    const rows = [
      ['Checkout', result.id],
      ['Mode', details.mode],
      ['Status', details.payment_status],
      [
        'Total',
        typeof details.amount_total === 'number' && details.currency
          ? formatMinor(details.amount_total, String(details.currency).toUpperCase())
          : null,
      ],
      ['Payment', details.payment_intent],
      ['Subscription', details.subscription],
    ].filter(([, value]) => value !== null && value !== undefined && value !== '');
    const list = node('dl', {});
    for (const [term, value] of rows) list.append(node('dt', {}, term), node('dd', {}, String(value)));
    fill(
      els.result,
      node(
        'p',
        { className: 'success' },
        pending ? 'Order received: the payment is pending and will be confirmed shortly.' : 'Thank you! Your payment was received.',
      ),
      list,
      node('details', {}, node('summary', {}, 'Transaction details'), node('pre', {}, JSON.stringify(details, null, 2))),
    );
  }

  /**
   * One-off products check out in mode payment. A plan: on Stripe a subscription checkout (the
   * recurring price schedules it, one-off items may join it); on Flitt Subscriptions.create with
   * the plan's calendar (monthly, for a year).
   */
  function startCheckout(chosen, who) {
    const plans = chosen.filter(({ product }) => intervalOf(product));
    if (plans.length > 0 && provider === 'flitt') {
      if (chosen.length !== 1 || chosen[0].quantity !== 1) return Promise.reject({ code: 'one_plan_alone' });
      const plan = plans[0].product;
      return payments.Subscriptions.create({
        customer: who.id,
        priceId: priceOf(plan),
        recurring_data: { period: intervalOf(plan), every: 1, quantity: 12 },
      });
    }
    return payments.Checkout.create({
      mode: plans.length > 0 ? 'subscription' : 'payment',
      customer: who.id,
      line_items: chosen.map(({ product, quantity }) => ({ price: priceOf(product), quantity })),
    });
  }

  els.cart.addEventListener('submit', async (event) => {
    event.preventDefault();
    let chosen;
    try {
      chosen = chosenItems();
      if (chosen.length === 0) throw new Error('Choose a quantity for at least one plan.');
      currentEmail();
    } catch (error) {
      showError(error);
      return;
    }
    els.buy.disabled = true;
    els.buy.setAttribute('aria-busy', 'true');
    showMessage('info', 'Complete the payment in the checkout window…');
    try {
      // The popup must open within the click: reuse the known customer without waiting when possible.
      const email = els.email.value.trim().toLowerCase();
      const known = customer && customer.email.toLowerCase() === email ? customer : null;
      const result = await (known ? startCheckout(chosen, known) : ensureCustomer().then((who) => startCheckout(chosen, who)));
      showSuccess(result);
    } catch (error) {
      showError(error);
    } finally {
      els.buy.disabled = false;
      els.buy.removeAttribute('aria-busy');
    }
  });

  // ---- history and billing portal
  function describeLog(log) {
    const object = log.data?.object || {};
    const amount = object.amount_total ?? object.amount_paid ?? object.amount;
    const currency = object.currency ? String(object.currency).toUpperCase() : null;
    const when = new Date(Number(log.created) * 1000);
    const parts = [when.toLocaleString(), log.type];
    if (typeof amount === 'number' && currency) parts.push(formatMinor(amount, currency));
    if (object.status) parts.push(String(object.status));
    return parts.join(' · ');
  }

  els.showLogs.addEventListener('click', async () => {
    els.showLogs.disabled = true;
    try {
      const who = await ensureCustomer();
      const logs = await payments.Customers.getLogs({ customer: who.id, limit: 50 });
      if (logs.length === 0) fill(els.logs, node('li', {}, 'No payments yet.'));
      else fill(els.logs, ...logs.map((log) => node('li', {}, describeLog(log))));
    } catch (error) {
      showError(error);
    } finally {
      els.showLogs.disabled = false;
    }
  });

  // ---- subscriptions: listed with their status and next charge, stopped, started or canceled here.
  const ACTIONS = { active: ['stop', 'cancel'], trialing: ['stop', 'cancel'], past_due: ['cancel'], stopped: ['start', 'cancel'] };
  const LABELS = { stop: 'Stop', start: 'Start', cancel: 'Cancel' };

  function describeSubscription(sub) {
    const parts = [sub.id, sub.status];
    if (sub.nextChargeAt) parts.push(`next charge ${new Date(sub.nextChargeAt).toLocaleDateString()}`);
    if (sub.cancelAtPeriodEnd) parts.push('ends at period end');
    return parts.join(' · ');
  }

  async function showSubscriptions() {
    const who = await ensureCustomer();
    const subs = await payments.Subscriptions.list({ customer: who.id });
    if (subs.length === 0) {
      fill(els.subscriptions, node('li', {}, 'No subscriptions yet.'));
      return;
    }
    fill(
      els.subscriptions,
      ...subs.map((sub) => {
        const buttons = (ACTIONS[sub.status] || []).map((action) => {
          const button = node('button', { type: 'button', className: 'sub-action' }, LABELS[action]);
          button.setAttribute('aria-label', `${LABELS[action]} ${sub.id}`);
          button.addEventListener('click', async () => {
            button.disabled = true;
            try {
              await payments.Subscriptions[action](sub.id, { customer: who.id });
              await showSubscriptions();
            } catch (error) {
              button.disabled = false;
              showError(error);
            }
          });
          return button;
        });
        const li = node('li', {}, node('span', {}, describeSubscription(sub)), ...buttons);
        li.dataset.status = sub.status;
        return li;
      }),
    );
  }

  els.showSubscriptions.addEventListener('click', async () => {
    els.showSubscriptions.disabled = true;
    try {
      await showSubscriptions();
    } catch (error) {
      showError(error);
    } finally {
      els.showSubscriptions.disabled = false;
    }
  });

  els.manageBilling.addEventListener('click', async () => {
    els.manageBilling.disabled = true;
    try {
      const who = await ensureCustomer();
      if (PROVIDERS[provider].portal) {
        showMessage('info', 'Manage your billing in the window that opened…');
        await payments.Customers.openBillingPortal({ customer: who.id });
        showMessage('info', 'Back from the billing portal.');
      } else {
        // Flitt has no billing portal: its subscriptions are stopped, started and canceled through paykit.
        await showSubscriptions();
        showMessage('info', `${PROVIDERS[provider].name} has no billing portal: manage your subscriptions under "My subscriptions".`);
        els.subscriptionsHeading.focus();
      }
    } catch (error) {
      showError(error);
    } finally {
      els.manageBilling.disabled = false;
    }
  });

  // The chosen provider survives a redirect checkout (popup blocked), whose outcome is then reported.
  const saved = window.sessionStorage.getItem('paykit-demo-provider');
  const initial = saved && PROVIDERS[saved]?.app ? saved : 'stripe';
  for (const input of els.provider.querySelectorAll('input[name="provider"]')) {
    input.checked = input.value === initial;
    input.addEventListener('change', () => input.checked && window.sessionStorage.setItem('paykit-demo-provider', input.value));
  }
  useProvider(initial);
  payments.Checkout.resume().then((result) => result && showSuccess(result), showError);
})();
