export type StripeErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'card_error'
  | 'idempotency_error'
  | 'rate_limit_error'
  | 'api_error';

const STATUS: Record<StripeErrorType, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  card_error: 402,
  idempotency_error: 400,
  rate_limit_error: 429,
  api_error: 500,
};

/** An error answered in Stripe's shape: `{error:{type,code,message,param,decline_code}}`. */
export class StripeApiError extends Error {
  readonly statusCode: number;

  constructor(
    readonly type: StripeErrorType,
    readonly code: string | undefined,
    message: string,
    readonly param?: string,
    readonly declineCode?: string,
    statusCode?: number,
  ) {
    super(message);
    this.statusCode = statusCode ?? STATUS[type];
  }

  toJSON() {
    return {
      error: {
        type: this.type,
        ...(this.code ? { code: this.code } : {}),
        ...(this.declineCode ? { decline_code: this.declineCode } : {}),
        message: this.message,
        ...(this.param ? { param: this.param } : {}),
      },
    };
  }
}

export const missingParam = (param: string) =>
  new StripeApiError('invalid_request_error', 'parameter_missing', `Missing required param: ${param}.`, param);

export const unknownParam = (param: string) =>
  new StripeApiError('invalid_request_error', 'parameter_unknown', `Received unknown parameter: ${param}`, param);

export const invalidParam = (param: string, message: string) =>
  new StripeApiError('invalid_request_error', 'parameter_invalid', message, param);

export const resourceMissing = (kind: string, id: string, param?: string) =>
  new StripeApiError('invalid_request_error', 'resource_missing', `No such ${kind}: '${id}'`, param, undefined, 404);

/** A missing object named in a parameter is a 400 naming that parameter, as Stripe answers. */
export const paramResourceMissing = (kind: string, id: string, param: string) =>
  new StripeApiError('invalid_request_error', 'resource_missing', `No such ${kind}: '${id}'`, param, undefined, 400);

export const cardDeclined = (declineCode: string, message: string, code = 'card_declined') =>
  new StripeApiError('card_error', code, message, undefined, declineCode);
