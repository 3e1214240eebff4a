import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { PaykitError } from '../../errors/index.js';
import {
  claimIdempotencyKey,
  type DeferredWrite,
  findIdempotencyKey,
  IDEMPOTENCY_KEY_LIFETIME_MS,
  releaseIdempotencyKey,
  storeIdempotentResponse,
} from '../../storage/repositories/idempotency-keys.js';
import type { Database, Dialect } from '../../storage/schema.js';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { scope: string; key: string; writes: DeferredWrite[] };
    /**
     * Set while the request holds an Idempotency-Key: the write is not run now but committed
     * together with the stored response, so a replay never answers for a row that is not there.
     */
    commitWithResponse?: (write: DeferredWrite) => void;
  }
}

function scopeOf(request: FastifyRequest): string {
  const caller = createHash('sha256').update(request.headers.authorization ?? '').digest('hex').slice(0, 16);
  return `${request.method} ${request.routeOptions.url ?? request.url} ${caller}`;
}

const requestHash = (request: FastifyRequest) =>
  createHash('sha256').update(JSON.stringify([request.params, request.body ?? null])).digest('hex');

/**
 * `Idempotency-Key` on a mutating POST: the first response is stored and replayed for the same
 * key and body; another body under the same key is refused. Keys expire after 24 hours. A handler
 * may hand its writes to `request.commitWithResponse`: they commit with the stored response, and
 * when that commit fails the client gets the error, not the response, and the key is freed.
 */
export function registerIdempotency(app: FastifyInstance, db: Kysely<Database>, dialect: Dialect) {
  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string' || key === '') return;
    if (key.length > 255) throw new PaykitError('validation_failed', 'Idempotency-Key must be at most 255 characters.');
    const id = { scope: scopeOf(request), key };
    const hash = requestHash(request);
    if (await claimIdempotencyKey(db, dialect, { ...id, request_hash: hash }, Date.now() - IDEMPOTENCY_KEY_LIFETIME_MS)) {
      const writes: DeferredWrite[] = [];
      request.idempotency = { ...id, writes };
      request.commitWithResponse = (write) => {
        writes.push(write);
      };
      return;
    }
    const stored = await findIdempotencyKey(db, id);
    if (!stored) throw new PaykitError('idempotency_key_in_progress', 'Retry: the earlier request with this Idempotency-Key just finished.');
    if (stored.request_hash !== hash) {
      throw new PaykitError('idempotency_key_reused', 'This Idempotency-Key was used with a different request: use a new key.');
    }
    if (stored.status_code === null) {
      throw new PaykitError('idempotency_key_in_progress', 'A request with this Idempotency-Key is still running.');
    }
    return reply
      .code(stored.status_code)
      .header('idempotent-replayed', 'true')
      .type('application/json')
      .send(stored.response_body ?? '');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const pending = request.idempotency;
    if (!pending) return payload;
    // Once only: a throw below makes Fastify send the error handler's answer through this hook again.
    request.idempotency = undefined;
    request.commitWithResponse = undefined;
    // A server error is not a result, nor is a stream: the key is freed so the client may retry
    // (writes deferred by a handler that then failed are dropped with it).
    if (reply.statusCode >= 500 || (typeof payload !== 'string' && pending.writes.length === 0)) {
      await releaseIdempotencyKey(db, dialect, pending);
      return payload;
    }
    try {
      if (typeof payload !== 'string') throw new Error('A response with deferred writes must be serialised to a string to be stored.');
      await storeIdempotentResponse(db, dialect, pending, { status_code: reply.statusCode, response_body: payload }, pending.writes);
    } catch (error) {
      // Nothing of it was committed: the client gets the error handler's answer instead of the
      // response (Fastify sends an error thrown in onSend there) and may retry with the same key.
      await releaseIdempotencyKey(db, dialect, pending);
      throw error;
    }
    return payload;
  });
}
