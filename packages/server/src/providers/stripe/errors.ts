import Stripe from 'stripe';
import {
  ProviderAuthError,
  type ProviderError,
  ProviderRejectedError,
  ProviderUnavailableError,
} from '../errors.js';

/** Stripe's error classes by cause, mapped onto paykit's provider errors (4xx stays the caller's, 5xx is ours). */
export function mapStripeError(error: unknown): ProviderError {
  const details = (e: InstanceType<typeof Stripe.errors.StripeError>) => ({
    provider: 'stripe',
    type: e.type,
    providerCode: e.code,
    declineCode: e.decline_code,
    param: e.param,
    requestId: e.requestId,
    statusCode: e.statusCode,
  });
  if (error instanceof Stripe.errors.StripeAuthenticationError || error instanceof Stripe.errors.StripePermissionError) {
    return new ProviderAuthError(`Stripe rejected the secret key: ${error.message}`, details(error));
  }
  if (error instanceof Stripe.errors.StripeCardError || error instanceof Stripe.errors.StripeInvalidRequestError) {
    return new ProviderRejectedError(`Stripe: ${error.message}`, details(error));
  }
  if (error instanceof Stripe.errors.StripeIdempotencyError) {
    return new ProviderRejectedError(`Stripe: ${error.message}`, details(error));
  }
  if (error instanceof Stripe.errors.StripeError) {
    return new ProviderUnavailableError(`Stripe could not be reached or failed: ${error.message}`, details(error));
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderUnavailableError(`Stripe call failed: ${message}`, { provider: 'stripe' });
}
