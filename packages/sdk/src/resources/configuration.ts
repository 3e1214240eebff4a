import { type Context, request, studioToken } from '../http.js';
import type { ConfigurationInput, ConfigurationResult } from '../types.js';

/** App payment settings. */
export interface ConfigurationApi {
	/**
	 * Sets or updates the app's payment settings (requires `studioToken`).
	 * Resolves the webhook URL to configure in the provider's dashboard.
	 *
	 * @example
	 * const { webhookUrl } = await payments.Configuration.update({
	 *   provider: 'stripe',
	 *   providerPublicKey: 'pk_test_123',
	 *   providerPrivateKey: 'sk_test_123',
	 *   productsDataSourceId: 123,
	 * });
	 */
	update(settings: ConfigurationInput): Promise<ConfigurationResult>;
	/**
	 * Resolves whether payments are configured for the app.
	 *
	 * @example
	 * if (!(await payments.Configuration.exists())) showSetupHint();
	 */
	exists(): Promise<boolean>;
	/**
	 * Stores the provider's webhook signing secret (requires `studioToken`).
	 *
	 * @example
	 * await payments.Configuration.updateSigningSecret('whsec_123abc');
	 */
	updateSigningSecret(signingSecret: string): Promise<void>;
}

/** Builds the `Configuration` resource. */
export function configuration(ctx: Context): ConfigurationApi {
	return {
		async update(settings) {
			const { webhookUrl } = await request<ConfigurationResult>(ctx, {
				method: 'PUT',
				path: 'configuration',
				token: studioToken(ctx),
				body: settings,
			});
			return { webhookUrl };
		},
		async exists() {
			const res = await request<{ configured: boolean }>(ctx, {
				method: 'GET',
				path: 'configuration/exists',
				token: ctx.appKey,
			});
			return res.configured === true;
		},
		async updateSigningSecret(signingSecret) {
			await request<unknown>(ctx, {
				method: 'PUT',
				path: 'configuration/signing-secret',
				token: studioToken(ctx),
				body: { signingSecret },
			});
		},
	};
}
