import type Stripe from 'stripe';
import { resourceMissing } from '../errors.js';
import { newId } from '../ids.js';
import { listObject, newestFirst } from '../list.js';
import type { AccountState, InvoiceState } from '../model.js';
import { allowOnly, str } from '../params.js';
import type { StripeRouter } from '../router.js';

function renderLines(inv: InvoiceState) {
  return {
    object: 'list' as const,
    has_more: false,
    url: `/v1/invoices/${inv.id}/lines`,
    data: inv.lines.map((line) => ({
      id: line.id,
      object: 'line_item' as const,
      amount: line.amount,
      currency: inv.currency,
      description: null,
      discount_amounts: [],
      discountable: true,
      discounts: [],
      invoice: inv.id,
      livemode: false,
      metadata: {},
      parent: inv.subscription
        ? {
            type: 'subscription_item_details' as const,
            invoice_item_details: null,
            subscription_item_details: { invoice_item: null, proration: false, proration_details: null, subscription: inv.subscription, subscription_item: null },
          }
        : null,
      period: { start: line.periodStart, end: line.periodEnd },
      pretax_credit_amounts: [],
      pricing: { type: 'price_details' as const, price_details: { price: line.price, product: '' }, unit_amount_decimal: null },
      quantity: line.quantity,
      subscription: inv.subscription,
      subtotal: line.amount,
      taxes: [],
    })),
  };
}

export function renderInvoice(inv: InvoiceState) {
  const paid = inv.status === 'paid';
  const invoice = {
    id: inv.id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'paykit emulator',
    account_tax_ids: null,
    amount_due: inv.amountDue,
    amount_overpaid: 0,
    amount_paid: inv.amountPaid,
    amount_remaining: inv.amountDue - inv.amountPaid,
    amount_shipping: 0,
    application: null,
    attempt_count: inv.attemptCount,
    attempted: inv.attemptCount > 0,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    auto_advance: !paid,
    automatically_finalizes_at: null,
    billing_reason: inv.billingReason,
    collection_method: 'charge_automatically',
    created: inv.created,
    currency: inv.currency,
    custom_fields: null,
    customer: inv.customer,
    customer_account: null,
    customer_address: null,
    customer_email: null,
    customer_name: null,
    customer_phone: null,
    customer_shipping: null,
    customer_tax_exempt: 'none',
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: inv.created,
    ending_balance: 0,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    livemode: false,
    metadata: {},
    next_payment_attempt: inv.status === 'open' ? inv.created + 3 * 86_400 : null,
    number: `${inv.id.slice(3, 11).toUpperCase()}-0001`,
    on_behalf_of: null,
    parent: inv.subscription
      ? {
          type: 'subscription_details' as const,
          quote_details: null,
          subscription_details: { metadata: {}, subscription: inv.subscription },
        }
      : null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: inv.periodEnd,
    period_start: inv.periodStart,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: inv.status,
    status_transitions: {
      finalized_at: inv.created,
      marked_uncollectible_at: null,
      paid_at: paid ? inv.created : null,
      voided_at: null,
    },
    subtotal: inv.amountDue,
    subtotal_excluding_tax: inv.amountDue,
    test_clock: inv.testClock,
    total: inv.amountDue,
    total_discount_amounts: [],
    total_excluding_tax: inv.amountDue,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: inv.created,
  } satisfies Partial<Stripe.Invoice>;
  // `lines` and the pre-2025 top-level `subscription` are rendered outside the type check:
  // the SDK's line-item type has fields the emulator does not model.
  return { ...invoice, lines: renderLines(inv), subscription: inv.subscription };
}

export function createInvoiceState(account: AccountState, input: Omit<InvoiceState, 'id'>): InvoiceState {
  const invoice: InvoiceState = { id: newId('in', 24), ...input };
  account.invoices[invoice.id] = invoice;
  return invoice;
}

export function registerInvoices(router: StripeRouter) {
  router.get('/v1/invoices/:id', ({ account, path }) => {
    const invoice = account.invoices[path.id];
    if (!invoice) throw resourceMissing('invoice', path.id);
    return renderInvoice(invoice);
  });
  router.get('/v1/invoices', ({ account, params }) => {
    allowOnly(params, ['customer', 'subscription', 'status', 'limit', 'starting_after', 'ending_before', 'created', 'expand', 'collection_method']);
    const customer = str(params, 'customer');
    const subscription = str(params, 'subscription');
    const status = str(params, 'status');
    const all = newestFirst(Object.values(account.invoices)).filter(
      (i) => (!customer || i.customer === customer) && (!subscription || i.subscription === subscription) && (!status || i.status === status),
    );
    return listObject(all.map(renderInvoice), params, '/v1/invoices');
  });
}
