import type Stripe from 'stripe';
import { invalidParam, paramResourceMissing, resourceMissing } from '../errors.js';
import { newId } from '../ids.js';
import { listObject, newestFirst } from '../list.js';
import type { AccountState, PriceState, Recurring } from '../model.js';
import { allowOnly, asParams, bool, int, list, metadata, type Params, requireParam, requireStr, str } from '../params.js';
import type { StripeRouter } from '../router.js';
import { createProductState } from './products.js';

export function renderPrice(p: PriceState) {
  const price = {
    id: p.id,
    object: 'price',
    active: p.active,
    billing_scheme: 'per_unit',
    created: p.created,
    currency: p.currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: p.lookupKey,
    metadata: p.metadata,
    nickname: p.nickname,
    product: p.product,
    recurring: p.recurring
      ? {
          interval: p.recurring.interval,
          interval_count: p.recurring.intervalCount,
          meter: null,
          trial_period_days: null,
          usage_type: 'licensed' as const,
        }
      : null,
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: p.recurring ? 'recurring' : 'one_time',
    unit_amount: p.unitAmount,
  } satisfies Partial<Stripe.Price>;
  // The SDK types this as its Decimal class; on the wire it is decimal text.
  return { ...price, unit_amount_decimal: String(p.unitAmount) };
}

export function getPrice(account: AccountState, id: string, param?: string): PriceState {
  const price = account.prices[id];
  if (!price) throw param ? paramResourceMissing('price', id, param) : resourceMissing('price', id);
  return price;
}

const INTERVALS = ['day', 'week', 'month', 'year'] as const;

function readRecurring(value: unknown): Recurring | null {
  if (value === undefined) return null;
  const params = asParams(value, 'recurring');
  allowOnly(params, ['interval', 'interval_count', 'usage_type']);
  const interval = requireStr(params, 'interval');
  if (!INTERVALS.includes(interval as Recurring['interval'])) {
    throw invalidParam('recurring[interval]', `Invalid recurring[interval]: must be one of ${INTERVALS.join(', ')}`);
  }
  const intervalCount = int(params, 'interval_count') ?? 1;
  if (intervalCount < 1) throw invalidParam('recurring[interval_count]', 'interval_count must be at least 1.');
  return { interval: interval as Recurring['interval'], intervalCount };
}

function productFor(account: AccountState, params: Params, now: number): string {
  const productId = str(params, 'product');
  if (productId) {
    if (!account.products[productId]) throw paramResourceMissing('product', productId, 'product');
    return productId;
  }
  if (params.product_data === undefined) throw requireParam(params, 'product') as never;
  const data = asParams(params.product_data, 'product_data');
  return createProductState(account, now, requireStr(data, 'name'), null).id;
}

export function registerPrices(router: StripeRouter, ctx: { now(): number }) {
  router.post('/v1/prices', ({ account, params }) => {
    allowOnly(params, [
      'currency', 'unit_amount', 'unit_amount_decimal', 'product', 'product_data', 'recurring', 'active',
      'nickname', 'lookup_key', 'metadata', 'expand', 'tax_behavior', 'billing_scheme',
    ]);
    const currency = requireStr(params, 'currency').toLowerCase();
    const unitAmount = int(params, 'unit_amount') ?? (params.unit_amount_decimal ? Number(params.unit_amount_decimal) : undefined);
    if (unitAmount === undefined) requireParam(params, 'unit_amount');
    if ((unitAmount ?? 0) < 0) throw invalidParam('unit_amount', 'This value must be greater than or equal to 0.');
    const lookupKey = str(params, 'lookup_key') ?? null;
    const price: PriceState = {
      id: newId('price', 24),
      created: ctx.now(),
      product: productFor(account, params, ctx.now()),
      currency,
      unitAmount: unitAmount ?? 0,
      recurring: readRecurring(params.recurring),
      active: bool(params, 'active') ?? true,
      nickname: str(params, 'nickname') ?? null,
      lookupKey,
      metadata: metadata(params) ?? {},
    };
    account.prices[price.id] = price;
    return renderPrice(price);
  });

  router.get('/v1/prices', ({ account, params }) => {
    allowOnly(params, ['active', 'product', 'type', 'currency', 'lookup_keys', 'limit', 'starting_after', 'ending_before', 'expand', 'recurring', 'created']);
    const product = str(params, 'product');
    const type = str(params, 'type');
    const active = bool(params, 'active');
    const lookupKeys = list(params, 'lookup_keys')?.map(String) ?? null;
    const all = newestFirst(Object.values(account.prices)).filter(
      (p) =>
        (!product || p.product === product) &&
        (!type || (type === 'recurring') === Boolean(p.recurring)) &&
        (active === undefined || p.active === active) &&
        (!lookupKeys || (p.lookupKey !== null && lookupKeys.includes(p.lookupKey))),
    );
    return listObject(all.map(renderPrice), params, '/v1/prices');
  });

  router.get('/v1/prices/:id', ({ account, path }) => renderPrice(getPrice(account, path.id)));

  router.post('/v1/prices/:id', ({ account, params, path }) => {
    allowOnly(params, ['active', 'nickname', 'lookup_key', 'metadata', 'expand']);
    const price = getPrice(account, path.id);
    price.active = bool(params, 'active') ?? price.active;
    price.nickname = str(params, 'nickname') ?? price.nickname;
    price.lookupKey = str(params, 'lookup_key') ?? price.lookupKey;
    const meta = metadata(params);
    if (meta) price.metadata = { ...price.metadata, ...meta };
    return renderPrice(price);
  });
}
