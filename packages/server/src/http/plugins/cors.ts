import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { PaykitError } from '../../errors/index.js';
import { allowedOriginsFor } from '../../payments/configuration/app-security.js';

const APP_PATH = /^\/v1\/apps\/([^/?#]{1,200})\//;

/** Headers the SDK sends from a browser. */
export const CORS_ALLOWED_HEADERS = ['authorization', 'content-type', 'idempotency-key', 'x-paykit-user-token'];

/**
 * CORS. Browsers call with bearer tokens, never cookies, so by default any origin may call (the
 * token is what authorises). An app with `allowedOrigins` set gets a 403 `origin_not_allowed`,
 * without any CORS header, for a preflight or a request whose Origin is not listed. Calls without
 * an Origin header (servers, curl) are not browser calls and are not affected: this is no
 * substitute for the token.
 */
export async function registerCors(app: FastifyInstance) {
  // Registered before @fastify/cors so a refused preflight never gets its allow headers.
  app.addHook('onRequest', async (request) => {
    const origin = request.headers.origin;
    // @fastify/cors answers an incomplete preflight in plain text: give it the usual error body.
    if (request.method === 'OPTIONS' && (!origin || !request.headers['access-control-request-method'])) {
      throw new PaykitError('validation_failed', 'A CORS preflight needs the Origin and Access-Control-Request-Method headers.');
    }
    if (!origin) return;
    const match = APP_PATH.exec(request.url);
    if (!match?.[1]) return;
    let appId: string;
    try {
      appId = decodeURIComponent(match[1]);
    } catch {
      return;
    }
    const allowed = await allowedOriginsFor(request.server.payments.db, appId);
    if (allowed && !allowed.includes(origin.toLowerCase())) {
      throw new PaykitError('origin_not_allowed', `The origin ${JSON.stringify(origin.slice(0, 200))} may not call this app: add it to allowedOrigins.`);
    }
  });
  await app.register(cors, { origin: true, credentials: false, allowedHeaders: CORS_ALLOWED_HEADERS });
}
