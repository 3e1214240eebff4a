/** Flitt answered `response_status: 'failure'` (HTTP 200, like every Flitt error). */
export class FlittError extends Error {
  override readonly name = 'FlittError';
  /** Flitt's code, e.g. 1014 invalid signature; sometimes sent as a string. */
  readonly errorCode: number | string;
  readonly errorMessage: string;
  readonly requestId: string | null;

  constructor(errorCode: number | string, errorMessage: string, requestId: string | null) {
    super(`Flitt error ${errorCode}: ${errorMessage}${requestId ? ` (request ${requestId})` : ''}`);
    this.errorCode = errorCode;
    this.errorMessage = errorMessage;
    this.requestId = requestId;
  }

  /** The code as a number when it is numeric (Flitt sends either). */
  get code(): number | null {
    const n = Number(this.errorCode);
    return Number.isInteger(n) ? n : null;
  }
}

/** Flitt could not be reached, timed out, or answered something other than HTTP 200 with JSON. */
export class FlittUnavailableError extends Error {
  override readonly name = 'FlittUnavailableError';
  readonly statusCode: number | null;

  constructor(message: string, options: { statusCode?: number | null; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.statusCode = options.statusCode ?? null;
  }
}

/** A callback or an answer whose signature does not match the merchant's secret key. */
export class FlittSignatureError extends Error {
  override readonly name = 'FlittSignatureError';
}

/** Flitt's documented error codes. */
export const FLITT_ERROR_CODES = {
  applicationError: 1002,
  parameterIncorrect: 1007,
  parameterEmpty: 1009,
  parameterMissing: 1011,
  duplicateOrder: 1013,
  invalidSignature: 1014,
  merchantNotFound: 1016,
  orderNotFound: 1018,
} as const;
