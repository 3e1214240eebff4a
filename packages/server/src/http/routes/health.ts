import type { FastifyPluginAsync } from 'fastify';
import { pendingMigrations } from '../../storage/migrate.js';

const notReady = (message: string, details?: Record<string, unknown>) => ({ error: { code: 'not_ready', message, ...(details ? { details } : {}) } });

/** `/healthz`: the process answers. `/readyz`: the database answers and its schema is current. */
export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    let pending: string[];
    try {
      pending = await pendingMigrations(app.payments.db, app.payments.dialect);
    } catch {
      return reply.code(503).send(notReady('The database is not reachable.'));
    }
    if (pending.length > 0) {
      return reply.code(503).send(notReady('Database migrations are pending: run `paykit migrate`.', { pendingMigrations: pending }));
    }
    return { status: 'ready' };
  });
};
