import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PaykitError } from '../../errors/index.js';
import type { Db } from '../../storage/schema.js';

const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { scope: string; key: string };
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
 * key and body; another body under the same key is refused. Keys expire after 24 hours.
 */
export function registerIdempotency(app: FastifyInstance, db: Db) {
  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string' || key === '') return;
    if (key.length > 255) throw new PaykitError('validation_failed', 'Idempotency-Key must be at most 255 characters.');
    const scope = scopeOf(request);
    const hash = requestHash(request);
    const now = Date.now();
    // One statement claims the key: a new key is inserted, an expired one is taken over.
    const inserted = await db
      .insertInto('idempotency_key')
      .values({ scope, key, request_hash: hash, status_code: null, response_body: null, created_at: now })
      .onConflict((oc) =>
        oc
          .columns(['scope', 'key'])
          .doUpdateSet({ request_hash: hash, status_code: null, response_body: null, created_at: now })
          .where('idempotency_key.created_at', '<', now - KEY_LIFETIME_MS),
      )
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
      request.idempotency = { scope, key };
      return;
    }
    const stored = await db.selectFrom('idempotency_key').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
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
    const where = db.deleteFrom('idempotency_key').where('scope', '=', pending.scope).where('key', '=', pending.key);
    // A server error is not a result: the key is freed so the client may retry.
    if (reply.statusCode >= 500 || typeof payload !== 'string') await where.execute();
    else {
      await db
        .updateTable('idempotency_key')
        .set({ status_code: reply.statusCode, response_body: payload })
        .where('scope', '=', pending.scope)
        .where('key', '=', pending.key)
        .execute();
    }
    return payload;
  });
}
