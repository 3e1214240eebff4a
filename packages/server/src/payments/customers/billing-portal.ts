import { UnsupportedOptionError } from '../../errors/index.js';
import { requireConfiguration } from '../configuration/app-provider.js';
import type { PaymentsContext } from '../context.js';
import { requireCustomer } from './customers.js';

export const portalReturnUrl = (publicUrl: string, appId: string) =>
  `${publicUrl}/v1/billing-portal/return?app=${encodeURIComponent(appId)}`;

export async function openBillingPortal(ctx: PaymentsContext, appId: string, customerId: string) {
  const customer = await requireCustomer(ctx, appId, customerId);
  const { provider } = await requireConfiguration(ctx, appId);
  if (!provider.capabilities.billingPortal) throw new UnsupportedOptionError(`${provider.name} has no hosted billing portal.`);
  return provider.createBillingPortal({
    providerCustomerId: customer.provider_customer_id,
    returnUrl: portalReturnUrl(ctx.publicUrl, appId),
  });
}
