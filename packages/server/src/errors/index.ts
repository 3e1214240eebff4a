import { PaykitError } from './paykit-error.js';

export { ERROR_CODES, type ErrorCode } from './codes.js';
export { PaykitError } from './paykit-error.js';

type Details = Record<string, unknown>;

export class ValidationError extends PaykitError {
  constructor(message: string, details?: Details) {
    super('validation_failed', message, details);
  }
}

export class UnauthorizedError extends PaykitError {
  constructor(message = 'Send Authorization: Bearer <studio token | app key | customer token>.') {
    super('unauthorized', message);
  }
}

export class ForbiddenError extends PaykitError {
  constructor(message: string) {
    super('forbidden', message);
  }
}

export class NotFoundError extends PaykitError {
  constructor(what: string, id: string | number) {
    super('not_found', `No ${what} ${JSON.stringify(String(id))} here.`, { resource: what });
  }
}

export class UnknownPriceError extends PaykitError {
  constructor(message: string, details?: Details) {
    super('unknown_price', message, details);
  }
}

export class UnknownDataSourceError extends PaykitError {
  constructor(id: number) {
    super('unknown_data_source', `Data source ${id} does not exist in this app's organisation.`, { productsDataSourceId: id });
  }
}

export class NotConfiguredError extends PaykitError {
  constructor() {
    super('payments_not_configured', 'Payments are not configured for this app: call Configuration.update first.');
  }
}

export class UnsupportedOptionError extends PaykitError {
  constructor(message: string, details?: Details) {
    super('unsupported_option', message, details);
  }
}
