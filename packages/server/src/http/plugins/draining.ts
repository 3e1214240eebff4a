import type { FastifyInstance } from 'fastify';

/**
 * Once the app is closing, every response also closes its connection: a keep-alive client (a
 * provider delivering webhooks, a browser) would otherwise hold `close()` open after its
 * in-flight request finished, until the keep-alive timeout (72 s in Fastify).
 */
export function registerConnectionDraining(app: FastifyInstance) {
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (draining) void reply.header('connection', 'close');
  });
}
