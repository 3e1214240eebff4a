import {
  InvalidSignatureError,
  ProviderAuthError,
  type ProviderError,
  ProviderRejectedError,
  ProviderUnavailableError,
} from '../errors.js';
import { FLITT_ERROR_CODES, FlittError, FlittSignatureError, FlittUnavailableError } from './errors.js';

/**
 * Flitt's errors by cause, mapped onto paykit's provider errors: a wrong key or merchant is an
 * auth problem, a rejected request is the caller's, an unreachable Flitt is ours.
 */
export function mapFlittError(error: unknown): ProviderError {
  if (error instanceof FlittError) {
    const details = { provider: 'flitt', providerCode: error.errorCode, requestId: error.requestId };
    if (error.code === FLITT_ERROR_CODES.invalidSignature || error.code === FLITT_ERROR_CODES.merchantNotFound) {
      return new ProviderAuthError(`Flitt rejected the merchant id or secret key: ${error.errorMessage}`, details);
    }
    if (error.code === FLITT_ERROR_CODES.applicationError) {
      return new ProviderUnavailableError(`Flitt failed: ${error.errorMessage}`, details);
    }
    return new ProviderRejectedError(`Flitt: ${error.errorMessage}`, details);
  }
  if (error instanceof FlittSignatureError) return new InvalidSignatureError(error.message, { provider: 'flitt' });
  if (error instanceof FlittUnavailableError) {
    return new ProviderUnavailableError(error.message, { provider: 'flitt', statusCode: error.statusCode });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderUnavailableError(`Flitt call failed: ${message}`, { provider: 'flitt' });
}
