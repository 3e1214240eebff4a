import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, type ErrorCode, PaykitError } from '../../errors/index.js';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
};

function describe(error: FastifyError): { code: ErrorCode; message: string; details?: Record<string, unknown> } {
  if (error instanceof PaykitError) return { code: error.code, message: error.message, details: error.details };
  if (error.validation) {
    const first = error.validation[0];
    const field = `${error.validationContext ?? 'body'}${first?.instancePath?.replace(/\//g, '.') ?? ''}`;
    const extra = first?.params && 'additionalProperty' in first.params ? ` (${String(first.params.additionalProperty)})` : '';
    return { code: 'validation_failed', message: `${field} ${first?.message ?? 'is invalid'}${extra}`, details: { field } };
  }
  // PostgreSQL refuses input that SQLite stores: NUL characters in text (22021, 22P05), and numbers the
  // schema validator let through (ajv coerces "1e309" to Infinity) or out of range (22P02, 22003).
  if (error.code === '22021' || error.code === '22P05') {
    return { code: 'validation_failed', message: 'Text may not contain NUL (\\u0000) characters.' };
  }
  if (error.code === '22P02' || error.code === '22003') {
    return { code: 'validation_failed', message: 'A number in the request is out of range or not a finite integer.' };
  }
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped) return { code: mapped, message: error.message };
  if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
    return { code: 'invalid_json', message: `The body is not valid JSON: ${error.message}` };
  }
  if (error.statusCode === 429) return { code: 'rate_limited', message: error.message };
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { code: 'validation_failed', message: error.message };
  }
  return { code: 'internal_error', message: 'Something went wrong inside paykit; the error was logged.' };
}

/** Every error leaves as `{error:{code,message,details?}}` with the status its code registers. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { code, message, details } = describe(error);
    const status = code === 'validation_failed' && error.statusCode && error.statusCode < 500 ? error.statusCode : ERROR_CODES[code].status;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code, status }, 'request refused');
    void reply.code(status).send({ error: { code, message, ...(details ? { details } : {}) } });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply
      .code(404)
      .send({ error: { code: 'route_not_found', message: `No route ${request.method} ${request.url.split('?')[0]}.` } });
  });
}

/**
 * The router's own refusals (a path segment that is not valid URL encoding, a parameter over
 * `maxParamLength`) answer before any hook: Fastify's `frameworkErrors` option gives them the usual body.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  void reply.code(status).send({ error: { code: 'validation_failed', message: error.message.slice(0, 300) } });
}
