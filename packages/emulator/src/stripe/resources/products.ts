import type Stripe from 'stripe';
import { resourceMissing } from '../errors.js';
import { newId } from '../ids.js';
import { listObject, newestFirst } from '../list.js';
import type { AccountState, ProductState } from '../model.js';
import { allowOnly, bool, metadata, requireStr, str } from '../params.js';
import type { StripeRouter } from '../router.js';

export function renderProduct(p: ProductState) {
  return {
    id: p.id,
    object: 'product',
    active: p.active,
    created: p.created,
    default_price: p.defaultPrice,
    description: p.description,
    images: [],
    livemode: false,
    marketing_features: [],
    metadata: p.metadata,
    name: p.name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    type: 'service',
    unit_label: null,
    updated: p.updated,
    url: null,
  } satisfies Partial<Stripe.Product>;
}

export function getProduct(account: AccountState, id: string): ProductState {
  const product = account.products[id];
  if (!product) throw resourceMissing('product', id);
  return product;
}

export function createProductState(account: AccountState, now: number, name: string, description: string | null) {
  const product: ProductState = {
    id: newId('prod', 14),
    created: now,
    updated: now,
    name,
    description,
    active: true,
    metadata: {},
    defaultPrice: null,
  };
  account.products[product.id] = product;
  return product;
}

export function registerProducts(router: StripeRouter, ctx: { now(): number }) {
  router.post('/v1/products', ({ account, params }) => {
    allowOnly(params, ['name', 'description', 'active', 'metadata', 'id', 'expand', 'images', 'url']);
    const product = createProductState(account, ctx.now(), requireStr(params, 'name'), str(params, 'description') ?? null);
    product.active = bool(params, 'active') ?? true;
    product.metadata = metadata(params) ?? {};
    return renderProduct(product);
  });

  router.get('/v1/products', ({ account, params }) => {
    allowOnly(params, ['active', 'limit', 'starting_after', 'ending_before', 'expand', 'created', 'ids']);
    const active = bool(params, 'active');
    const all = newestFirst(Object.values(account.products).filter((p) => active === undefined || p.active === active));
    return listObject(all.map(renderProduct), params, '/v1/products');
  });

  router.get('/v1/products/:id', ({ account, path }) => renderProduct(getProduct(account, path.id)));

  router.post('/v1/products/:id', ({ account, params, path }) => {
    allowOnly(params, ['name', 'description', 'active', 'metadata', 'default_price', 'expand']);
    const product = getProduct(account, path.id);
    product.name = str(params, 'name') ?? product.name;
    product.description = str(params, 'description') ?? product.description;
    product.active = bool(params, 'active') ?? product.active;
    product.defaultPrice = str(params, 'default_price') ?? product.defaultPrice;
    const meta = metadata(params);
    if (meta) product.metadata = { ...product.metadata, ...meta };
    product.updated = ctx.now();
    return renderProduct(product);
  });
}
