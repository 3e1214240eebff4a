/**
 * Every error code paykit answers with, its HTTP status and what it means.
 * `docs/errors.md` documents each one; a test fails when a code is missing there.
 */
export const ERROR_CODES = {
  validation_failed: { status: 400, description: 'The request body, query or parameters do not match the schema.' },
  invalid_json: { status: 400, description: 'The request body is not valid JSON.' },
  unsupported_media_type: { status: 415, description: 'The request body has a content type this route does not take.' },
  payload_too_large: { status: 413, description: 'The request body is larger than the route allows.' },
  unauthorized: { status: 401, description: 'No credentials, or credentials paykit does not know.' },
  forbidden: { status: 403, description: 'The credentials are valid but may not do this.' },
  not_found: { status: 404, description: 'The resource does not exist or belongs to another app.' },
  route_not_found: { status: 404, description: 'No route matches the method and path.' },
  unknown_price: { status: 400, description: 'A line item names a price that is not in the app catalogue.' },
  unknown_data_source: { status: 400, description: 'The products data source does not exist or belongs to another app.' },
  payments_not_configured: { status: 409, description: 'The app has no payment configuration yet: call Configuration.update first.' },
  unsupported_option: { status: 400, description: 'The provider does not support this option or capability.' },
  idempotency_key_reused: { status: 422, description: 'The Idempotency-Key was already used with a different request.' },
  idempotency_key_in_progress: { status: 409, description: 'A request with this Idempotency-Key is still running.' },
  invalid_signature: { status: 400, description: 'The webhook signature is missing, wrong or too old.' },
  provider_auth_failed: { status: 400, description: 'The provider rejected the secret key.' },
  provider_rejected: { status: 400, description: 'The provider refused the request (its message says why).' },
  provider_unavailable: { status: 502, description: 'The provider could not be reached or failed.' },
  user_token_required: { status: 401, description: "The app requires its own signed user token (X-Paykit-User-Token) for this call." },
  user_token_invalid: { status: 401, description: "The app user token is malformed, expired, or not signed by the app's key." },
  user_token_email_mismatch: { status: 403, description: 'The email is not the one in the verified app user token.' },
  origin_not_allowed: { status: 403, description: "The browser Origin is not in the app's allowedOrigins list." },
  rate_limited: { status: 429, description: 'Too many requests; retry after the time in Retry-After.' },
  not_ready: { status: 503, description: 'The server cannot serve yet: the database is unreachable or migrations are pending.' },
  internal_error: { status: 500, description: 'An unexpected error inside paykit (a bug: please report it).' },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
