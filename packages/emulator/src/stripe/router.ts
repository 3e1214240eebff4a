import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StripeContext } from './context.js';
import { StripeApiError } from './errors.js';
import type { AccountState } from './model.js';
import type { Params } from './params.js';

export interface StripeRequest {
  key: string;
  account: AccountState;
  params: Params;
  path: Record<string, string>;
  requestId: string;
  idempotencyKey: string | null;
}

export type Handler = (req: StripeRequest) => unknown | Promise<unknown>;

const KEY = /^sk_test_[A-Za-z0-9_]+$/;

function apiKey(request: FastifyRequest): string {
  const header = request.headers.authorization ?? '';
  let key = '';
  if (header.startsWith('Bearer ')) key = header.slice(7).trim();
  else if (header.startsWith('Basic ')) key = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')[0] ?? '';
  if (!key) {
    throw new StripeApiError(
      'authentication_error',
      undefined,
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  if (!KEY.test(key)) {
    throw new StripeApiError('authentication_error', 'api_key_invalid', `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(8)}`);
  }
  return key;
}

function requestParams(request: FastifyRequest): Params {
  const body = request.body && typeof request.body === 'object' ? (request.body as Params) : {};
  const query = request.query && typeof request.query === 'object' ? (request.query as Params) : {};
  return request.method === 'GET' || request.method === 'DELETE' ? { ...query, ...body } : { ...query, ...body };
}

/**
 * The Stripe API surface: key check, `Request-Id`, Stripe's error shape and `Idempotency-Key`
 * (same key + same parameters replays the stored answer; other parameters are an idempotency_error).
 */
export class StripeRouter {
  constructor(
    private readonly app: FastifyInstance,
    private readonly ctx: StripeContext,
  ) {}

  get(path: string, handler: Handler) {
    this.route('GET', path, handler);
  }

  post(path: string, handler: Handler) {
    this.route('POST', path, handler);
  }

  delete(path: string, handler: Handler) {
    this.route('DELETE', path, handler);
  }

  private route(method: 'GET' | 'POST' | 'DELETE', path: string, handler: Handler) {
    this.app.route({
      method,
      url: path,
      handler: async (request, reply) => this.handle(request, reply, handler),
    });
  }

  private async handle(request: FastifyRequest, reply: FastifyReply, handler: Handler) {
    const requestId = `req_${randomBytes(7).toString('hex')}`;
    reply.header('request-id', requestId);
    reply.header('stripe-version', request.headers['stripe-version'] ?? '2026-10-28.endive');
    const idempotencyKey = request.method === 'POST' ? ((request.headers['idempotency-key'] as string) ?? null) : null;
    if (idempotencyKey) reply.header('idempotency-key', idempotencyKey);
    this.ctx.logRequest({ method: request.method, path: request.url.split('?')[0] ?? '', idempotencyKey });
    let key: string | undefined;
    try {
      key = apiKey(request);
      const account = this.ctx.store.account(key);
      const params = requestParams(request);
      const fingerprint = createHash('sha256').update(`${request.url}\n${JSON.stringify(params)}`).digest('hex');
      if (idempotencyKey) {
        const stored = account.idempotency[idempotencyKey];
        if (stored && stored.fingerprint !== fingerprint) {
          throw new StripeApiError(
            'idempotency_error',
            'idempotency_key_in_use',
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          );
        }
        if (stored) {
          reply.header('idempotent-replayed', 'true');
          return reply.code(stored.statusCode).send(stored.body);
        }
      }
      try {
        const path = (request.params ?? {}) as Record<string, string>;
        const body = await handler({ key, account, params, path, requestId, idempotencyKey });
        if (idempotencyKey) account.idempotency[idempotencyKey] = { fingerprint, statusCode: 200, body };
        return reply.code(200).send(body);
      } catch (error) {
        // Stripe stores the answer to an idempotent request whatever it was, errors included.
        if (idempotencyKey && error instanceof StripeApiError && error.statusCode < 500) {
          account.idempotency[idempotencyKey] = { fingerprint, statusCode: error.statusCode, body: error.toJSON() };
        }
        throw error;
      } finally {
        if (request.method !== 'GET') this.ctx.store.save();
      }
    } catch (error) {
      if (error instanceof StripeApiError) return reply.code(error.statusCode).send(error.toJSON());
      throw error;
    }
  }
}
