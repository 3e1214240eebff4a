import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';

export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(app.payments.db);
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ error: { code: 'provider_unavailable', message: 'The database is not reachable.' } });
    }
  });
};
