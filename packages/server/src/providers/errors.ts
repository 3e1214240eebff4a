import { PaykitError } from '../errors/index.js';

type Details = Record<string, unknown>;

/** Errors raised by provider adapters, by cause (as stripe-node does), each with its stable code. */
export class ProviderError extends PaykitError {}

export class ProviderAuthError extends ProviderError {
  constructor(message: string, details?: Details) {
    super('provider_auth_failed', message, details);
  }
}

export class ProviderRejectedError extends ProviderError {
  constructor(message: string, details?: Details) {
    super('provider_rejected', message, details);
  }
}

export class ProviderUnavailableError extends ProviderError {
  constructor(message: string, details?: Details) {
    super('provider_unavailable', message, details);
  }
}

export class InvalidSignatureError extends ProviderError {
  constructor(message: string, details?: Details) {
    super('invalid_signature', message, details);
  }
}
