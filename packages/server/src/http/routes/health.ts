import type { FastifyPluginAsync } from 'fastify';
import { PaykitError } from '../../errors/index.js';
import { pendingMigrations } from '../../storage/migrate.js';

/** `/healthz`: the process answers. `/readyz`: the database answers and its schema is current. */
export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async () => {
    const pending = await pendingMigrations(app.payments.db, app.payments.dialect).catch(() => {
      throw new PaykitError('not_ready', 'The database is not reachable.');
    });
    if (pending.length > 0) {
      throw new PaykitError('not_ready', 'Database migrations are pending: run `paykit migrate`.', { pendingMigrations: pending });
    }
    return { status: 'ready' };
  });
};
