import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** The console's Vite build (`npm run build`), found from this source file. */
export const CONSOLE_DIST = fileURLToPath(new URL('../../../../console/dist/', import.meta.url));

/**
 * The console calls only its own origin and loads only its own files; uPlot positions its
 * elements with inline styles. No one may frame it (the Studio token is typed into it).
 */
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>paykit console is not built</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;line-height:1.5">
<h1>The paykit console is not built</h1>
<p>Run <code>npm run build</code> in the paykit checkout (it writes <code>packages/console/dist</code>), then restart the server.</p>
</body></html>
`;

function consoleHeaders(reply: FastifyReply, path: string) {
  reply.header('content-security-policy', CONSOLE_CSP);
  // Vite names assets by content hash: they never change. The page itself is checked on every load.
  reply.header('cache-control', /[/\\]assets[/\\]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * Serves the built console at `/console/` (a single page; its routes live in the URL hash).
 * Without a build, `/console` answers 503 with a page saying how to build it.
 */
export async function registerConsole(app: FastifyInstance, dir: string = CONSOLE_DIST) {
  const built = existsSync(join(dir, 'index.html'));
  app.get('/console', { schema: { hide: true } }, async (_request, reply) => {
    if (!built) return reply.code(503).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT);
    return reply.redirect('/console/');
  });
  if (!built) {
    app.get('/console/*', { schema: { hide: true } }, async (_request, reply) =>
      reply.code(503).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/console/',
    decorateReply: false,
    dotfiles: 'ignore',
    index: 'index.html',
    cacheControl: false,
    setHeaders: consoleHeaders,
  });
}
