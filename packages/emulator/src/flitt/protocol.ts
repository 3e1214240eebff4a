import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FlittContext } from './context.js';
import { FlittApiError, incorrect, invalidSignature, merchantNotFound, missing } from './errors.js';
import type { Merchant, Protocol } from './model.js';
import { encodeData, sameSignature, sign, signData, signed } from './signature.js';

export type Format = 'json' | 'form';

export interface FlittRequest {
  merchant: Merchant;
  protocol: Protocol;
  /** The order parameters as received (2.0: decoded from `data`), `signature` removed. */
  params: Record<string, unknown>;
  format: Format;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function formatOf(request: FastifyRequest): Format {
  return String(request.headers['content-type'] ?? '').includes('x-www-form-urlencoded') ? 'form' : 'json';
}

function findMerchant(ctx: FlittContext, id: unknown): Merchant {
  if (id === undefined || id === null || id === '') throw missing('merchant_id');
  const merchant = ctx.store.merchants.get(Number(id));
  if (!merchant) throw merchantNotFound();
  return merchant;
}

/**
 * Reads a Flitt API request in either wrapper (`{request:{...}}` JSON or flat form fields) and
 * protocol, finds the merchant and checks the signature: 1.0 over every key received, 2.0
 * over the exact `data` string.
 */
export function authenticate(ctx: FlittContext, request: FastifyRequest): FlittRequest {
  const body = isRecord(request.body) ? request.body : {};
  const raw = isRecord(body.request) ? body.request : body;
  const format = formatOf(request);
  if (raw.version === '2.0' || (typeof raw.data === 'string' && raw.merchant_id === undefined)) {
    if (typeof raw.data !== 'string' || raw.data === '') throw missing('data');
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(raw.data, 'base64').toString('utf8'));
    } catch {
      throw incorrect('data', 'base64 of a JSON object');
    }
    const params = isRecord(decoded) && isRecord(decoded.order) ? decoded.order : null;
    if (!params) throw incorrect('data', 'must decode to {"order":{...}}');
    const merchant = findMerchant(ctx, params.merchant_id);
    if (!raw.signature) throw missing('signature');
    if (!sameSignature(signData(raw.data, merchant.secret), raw.signature)) throw invalidSignature();
    return { merchant, protocol: '2.0', params, format };
  }
  const merchant = findMerchant(ctx, raw.merchant_id);
  if (!raw.signature) throw missing('signature');
  let expected: string;
  try {
    expected = sign(raw, merchant.secret);
  } catch {
    throw invalidSignature();
  }
  if (!sameSignature(expected, raw.signature)) throw invalidSignature();
  const { signature: _signature, ...params } = raw;
  return { merchant, protocol: '1.0', params, format };
}

const requestId = () => randomBytes(10).toString('base64url').replace(/[-_]/g, 'x').slice(0, 13);

function send(reply: FastifyReply, format: Format, response: Record<string, unknown>) {
  if (format === 'form') {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(response)) form.append(key, String(value ?? ''));
    return reply.code(200).type('application/x-www-form-urlencoded').send(form.toString());
  }
  return reply.code(200).type('application/json; charset=utf-8').send({ response });
}

/** Flitt's error shape: flat in both protocols, HTTP 200. */
export function sendError(reply: FastifyReply, format: Format, error: FlittApiError) {
  return send(reply, format, {
    error_code: error.code,
    error_message: error.message,
    request_id: requestId(),
    response_status: 'failure',
  });
}

/**
 * A success answer in the request's protocol: 1.0 flat (signed when `sign`), 2.0 always as
 * `{version, data, signature}`.
 */
export function sendAnswer(reply: FastifyReply, req: FlittRequest, payload: Record<string, unknown>, options: { sign: boolean }) {
  if (req.protocol === '2.0') {
    const data = encodeData(payload);
    return send(reply, req.format, { version: '2.0', data, signature: signData(data, req.merchant.secret) });
  }
  return send(reply, req.format, options.sign ? signed(payload, req.merchant.secret) : payload);
}

/** Wraps a handler: any FlittApiError becomes Flitt's error answer. */
export function flittHandler(ctx: FlittContext, handle: (req: FlittRequest, reply: FastifyReply) => unknown) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      return await handle(authenticate(ctx, request), reply);
    } catch (error) {
      if (error instanceof FlittApiError) return sendError(reply, formatOf(request), error);
      throw error;
    }
  };
}
