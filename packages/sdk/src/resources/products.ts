import { type Context, request } from '../http.js';
import type { Product } from '../types.js';

/** Products listed in the app's products data source. */
export interface ProductsApi {
	/**
	 * Resolves the list of products.
	 *
	 * @example
	 * const products = await payments.Products.get();
	 * const priceId = products[0]['Price ID'];
	 */
	get(): Promise<Product[]>;
}

/** Builds the `Products` resource. */
export function products(ctx: Context): ProductsApi {
	return {
		async get() {
			const res = await request<{ products: Product[] }>(ctx, { method: 'GET', path: 'products', token: ctx.appKey });
			return res.products;
		},
	};
}
