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

/** Runs provider calls so that whatever the vendor SDK throws leaves as one of paykit's provider errors. */
export function withErrorMapping(map: (error: unknown) => ProviderError) {
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw map(error);
    }
  };
}
