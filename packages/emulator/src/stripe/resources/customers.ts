import type Stripe from 'stripe';
import { paramResourceMissing, resourceMissing } from '../errors.js';
import { newId } from '../ids.js';
import { listObject, newestFirst } from '../list.js';
import type { AccountState, CustomerState } from '../model.js';
import { allowOnly, invalidParamValue, metadata, type Params, str } from '../params.js';
import type { StripeRouter } from '../router.js';

export function renderCustomer(c: CustomerState) {
  return {
    id: c.id,
    object: 'customer',
    address: null,
    balance: 0,
    created: c.created,
    currency: null,
    default_source: null,
    delinquent: false,
    description: c.description,
    discount: null,
    email: c.email,
    invoice_prefix: c.id.slice(4, 12).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: c.metadata,
    name: c.name,
    next_invoice_sequence: 1,
    phone: c.phone,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: c.testClock,
  } satisfies Partial<Stripe.Customer>;
}

export function getCustomer(account: AccountState, id: string, param?: string): CustomerState {
  const customer = account.customers[id];
  if (!customer || customer.deleted) throw param ? paramResourceMissing('customer', id, param) : resourceMissing('customer', id);
  return customer;
}

const EDITABLE = ['email', 'name', 'description', 'phone', 'metadata'] as const;

function applyEdits(customer: CustomerState, params: Params) {
  customer.email = str(params, 'email') ?? customer.email;
  customer.name = str(params, 'name') ?? customer.name;
  customer.description = str(params, 'description') ?? customer.description;
  customer.phone = str(params, 'phone') ?? customer.phone;
  const meta = metadata(params);
  if (meta) customer.metadata = { ...customer.metadata, ...meta };
}

/** `email:'x@y'` (Stripe's search query language, the field paykit uses). */
function searchMatcher(query: string): (c: CustomerState) => boolean {
  const match = /^\s*email\s*:\s*['"]([^'"]*)['"]\s*$/.exec(query);
  if (!match) throw invalidParamValue('query', `Unsupported search query: ${query}`);
  const email = match[1];
  return (c) => c.email === email;
}

export function registerCustomers(router: StripeRouter, ctx: { now(): number; emit: EmitFn }) {
  router.post('/v1/customers', ({ key, account, params, requestId, idempotencyKey }) => {
    allowOnly(params, [...EDITABLE, 'test_clock', 'expand', 'payment_method', 'address', 'shipping', 'preferred_locales']);
    const testClock = str(params, 'test_clock') ?? null;
    if (testClock && !account.testClocks[testClock]) throw paramResourceMissing('test_clock', testClock, 'test_clock');
    const customer: CustomerState = {
      id: newId('cus', 14),
      created: testClock ? (account.testClocks[testClock]?.frozenTime ?? ctx.now()) : ctx.now(),
      email: null,
      name: null,
      description: null,
      phone: null,
      metadata: {},
      testClock,
      card: null,
      deleted: false,
    };
    applyEdits(customer, params);
    account.customers[customer.id] = customer;
    const rendered = renderCustomer(customer);
    ctx.emit(key, 'customer.created', rendered, { at: customer.created, request: { requestId, idempotencyKey } });
    return rendered;
  });

  router.get('/v1/customers/search', ({ account, params }) => {
    allowOnly(params, ['query', 'limit', 'page', 'expand']);
    const query = str(params, 'query');
    if (!query) throw invalidParamValue('query', 'Missing required param: query.');
    const matches = newestFirst(Object.values(account.customers).filter((c) => !c.deleted)).filter(searchMatcher(query));
    return { object: 'search_result', data: matches.map(renderCustomer), has_more: false, next_page: null, url: '/v1/customers/search' };
  });

  router.get('/v1/customers', ({ account, params }) => {
    allowOnly(params, ['email', 'limit', 'starting_after', 'ending_before', 'created', 'test_clock', 'expand']);
    const email = str(params, 'email');
    const all = newestFirst(Object.values(account.customers).filter((c) => !c.deleted && (!email || c.email === email)));
    return listObject(all.map(renderCustomer), params, '/v1/customers');
  });

  router.get('/v1/customers/:id', ({ account, path }) => renderCustomer(getCustomer(account, path.id)));

  router.post('/v1/customers/:id', ({ key, account, params, path, requestId, idempotencyKey }) => {
    allowOnly(params, [...EDITABLE, 'expand', 'address', 'shipping', 'preferred_locales']);
    const customer = getCustomer(account, path.id);
    const before = renderCustomer(customer);
    applyEdits(customer, params);
    const after = renderCustomer(customer);
    const previous = Object.fromEntries(
      Object.entries(before).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(after[k as keyof typeof after])),
    );
    ctx.emit(key, 'customer.updated', after, { previous, request: { requestId, idempotencyKey } });
    return after;
  });

  router.delete('/v1/customers/:id', ({ key, account, path, requestId, idempotencyKey }) => {
    const customer = getCustomer(account, path.id);
    customer.deleted = true;
    ctx.emit(key, 'customer.deleted', renderCustomer(customer), { request: { requestId, idempotencyKey } });
    return { id: customer.id, object: 'customer', deleted: true } satisfies Stripe.DeletedCustomer;
  });
}

export type EmitFn = (
  key: string,
  type: string,
  object: Record<string, unknown>,
  options?: { previous?: Record<string, unknown>; at?: number; request?: { requestId: string; idempotencyKey: string | null } },
) => unknown;
