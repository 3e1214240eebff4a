import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/** The demo store's files (packages/console/demo) and the SDK bundle, found from this source file. */
export const DEMO_DIR = fileURLToPath(new URL('../../../console/demo/', import.meta.url));
export const SDK_BUNDLE = fileURLToPath(new URL('../../../sdk/dist/paykit.iife.js', import.meta.url));

const DEMO_FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'demo.js': 'text/javascript; charset=utf-8',
  'demo.css': 'text/css; charset=utf-8',
};

/** What the page needs for `createPayments` (it talks to its own origin, the paykit server). */
export interface DemoConfig {
  /** The Stripe demo app. */
  appId: string;
  appKey: string;
  /** The Flitt demo app, when the Flitt emulator runs. */
  flitt: { appId: string; appKey: string } | null;
}

/**
 * Serves the demo store at `/demo`, its settings at `/demo/config.js` and the SDK at
 * `/sdk/paykit.js`. Files are read per request, so a rebuilt SDK or an edited page shows on reload.
 * `config` is read per request too: the demo app is set up after the server listens.
 */
export function registerDemoRoutes(app: FastifyInstance, config: () => DemoConfig | null): void {
  const page = async (name: string) => {
    const body = await readFile(`${DEMO_DIR}${name}`);
    return { body, type: DEMO_FILES[name]! };
  };
  // The store opens hosted checkouts in popups and needs `popup.closed`/`postMessage` across origins.
  const openerPolicy = 'same-origin-allow-popups';

  for (const path of ['/demo', '/demo/']) {
    app.get(path, { schema: { hide: true } }, async (_request, reply) => {
      const { body, type } = await page('index.html');
      return reply.type(type).header('cross-origin-opener-policy', openerPolicy).header('cache-control', 'no-cache').send(body);
    });
  }
  for (const name of ['demo.js', 'demo.css']) {
    app.get(`/demo/${name}`, { schema: { hide: true } }, async (_request, reply) => {
      const { body, type } = await page(name);
      return reply.type(type).header('cache-control', 'no-cache').send(body);
    });
  }
  app.get('/demo/config.js', { schema: { hide: true } }, async (_request, reply) => {
    const settings = config();
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-store');
    if (!settings) return reply.code(503).send('window.PAYKIT_DEMO = null; // the demo app is still being set up\n');
    return reply.send(`window.PAYKIT_DEMO = ${JSON.stringify(settings)};\n`);
  });
  app.get('/sdk/paykit.js', { schema: { hide: true } }, async (_request, reply) => {
    try {
      const body = await readFile(SDK_BUNDLE);
      return reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(body);
    } catch {
      return reply
        .code(503)
        .type('text/javascript; charset=utf-8')
        .send('throw new Error("The paykit SDK bundle is not built: run npm run build -w @paykit/sdk");\n');
    }
  });
}
