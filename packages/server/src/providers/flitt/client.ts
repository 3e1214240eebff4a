import { FlittError, FlittSignatureError, FlittUnavailableError } from './errors.js';
import { decodeV2, encodeV2, type FlittParams, signV1, verifyV1, verifyV2 } from './signature.js';
import type {
  FlittCheckoutParams,
  FlittCheckoutTokenAnswer,
  FlittCheckoutUrlAnswer,
  FlittOrder,
  FlittRecurringParams,
  FlittReverseAnswer,
  FlittReverseParams,
  FlittSubscriptionAnswer,
} from './types.js';

export interface FlittClientOptions {
  merchantId: number | string;
  secretKey: string;
  /** An emulator's URL in tests; only this differs from production. */
  baseUrl?: string;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

export type FlittProtocol = '1.0' | '2.0';

/** Whether Flitt signs a call's success answer: order objects always, others when present. */
type AnswerSignature = 'required' | 'if-present';

export interface FlittClient {
  readonly merchantId: number | string;
  checkoutUrl(params: FlittCheckoutParams): Promise<FlittCheckoutUrlAnswer>;
  checkoutToken(params: FlittCheckoutParams): Promise<FlittCheckoutTokenAnswer>;
  status(orderId: string): Promise<FlittOrder>;
  reverse(params: FlittReverseParams): Promise<FlittReverseAnswer>;
  recurring(params: FlittRecurringParams): Promise<FlittOrder>;
  subscription(params: { orderId: string; action: 'start' | 'stop' }): Promise<FlittSubscriptionAnswer>;
  /** Verifies and decodes a callback with this client's secret key. */
  parseCallback(body: unknown): FlittOrder;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isEnvelope = (value: Record<string, unknown>) =>
  typeof value.data === 'string' && typeof value.signature === 'string' && value.order_id === undefined;

/** The inner object of a decoded 2.0 `data`: `{order: {...}}` for orders, else the object itself. */
function unwrapOrder(decoded: Record<string, unknown>): Record<string, unknown> {
  return isRecord(decoded.order) ? decoded.order : decoded;
}

function decodeVerifiedV2(envelope: Record<string, unknown>, secret: string, what: string): Record<string, unknown> {
  if (!verifyV2({ data: envelope.data, signature: envelope.signature }, secret)) {
    throw new FlittSignatureError(`${what} has a protocol 2.0 signature that does not match the secret key; is it the merchant's payment key?`);
  }
  try {
    return unwrapOrder(decodeV2(String(envelope.data)));
  } catch (cause) {
    throw new FlittSignatureError(`${what} carries protocol 2.0 data that is not base64 JSON.`, { cause });
  }
}

/**
 * Verifies a Flitt callback and returns its order. Accepts a 1.0 flat order object (verified
 * over every key received, unknown ones included, before any filtering) or a 2.0 `{data,
 * signature}`, possibly wrapped in `response`, as an object or as the raw JSON text.
 * @example const order = parseCallback(request.body, merchant.secretKey);
 */
export function parseCallback(body: unknown, secret: string): FlittOrder {
  let value: unknown = body;
  if (typeof value === 'string' || Buffer.isBuffer(value)) {
    const text = value.toString();
    try {
      value = JSON.parse(text);
    } catch {
      value = Object.fromEntries(new URLSearchParams(text));
    }
  }
  if (!isRecord(value)) throw new FlittSignatureError('Flitt callback body is not an object; pass the parsed JSON or the raw body.');
  if (isRecord(value.response)) value = value.response;
  const received = value as Record<string, unknown>;
  if (isEnvelope(received)) return decodeVerifiedV2(received, secret, 'Flitt callback') as FlittOrder;
  if (!verifyV1(received, secret)) {
    throw new FlittSignatureError(
      'Flitt callback signature does not match: verify the parsed body as received (every key) with the merchant payment key.',
    );
  }
  return received as FlittOrder;
}

/**
 * A typed Flitt API client (protocols 1.0 and 2.0) using global fetch.
 * @example
 * const flitt = createFlittClient({ merchantId: 1549901, secretKey: 'test', baseUrl: 'http://127.0.0.1:12112' });
 * const { checkout_url } = await flitt.checkoutUrl({ order_id: 'o1', order_desc: 'Pro', currency: 'GEL', amount: 1000 });
 */
export function createFlittClient({
  merchantId,
  secretKey,
  baseUrl = 'https://pay.flitt.com',
  timeoutMs = 15_000,
  fetch: fetchImpl = globalThis.fetch,
}: FlittClientOptions): FlittClient {
  const root = baseUrl.replace(/\/+$/, '');

  async function post(path: string, params: FlittParams, protocol: FlittProtocol, answerSignature: AnswerSignature) {
    const order = { ...params, merchant_id: merchantId };
    const request = protocol === '2.0' ? encodeV2(order, secretKey) : { ...order, signature: signV1(order, secretKey) };
    const url = `${root}/api/${path}`;
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ request }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
      const reason = timedOut ? `timed out after ${timeoutMs} ms` : cause instanceof Error ? cause.message : String(cause);
      throw new FlittUnavailableError(`Flitt ${path} could not be reached: ${reason}`, { cause });
    }
    const text = await response.text().catch(() => '');
    if (response.status !== 200) {
      throw new FlittUnavailableError(`Flitt ${path} answered HTTP ${response.status}`, { statusCode: response.status });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      throw new FlittUnavailableError(`Flitt ${path} answered something other than JSON`, { statusCode: 200, cause });
    }
    const answer = isRecord(parsed) && isRecord(parsed.response) ? parsed.response : null;
    if (!answer) throw new FlittUnavailableError(`Flitt ${path} answered JSON without a "response" object`, { statusCode: 200 });
    // Errors are flat in both protocols.
    if (answer.response_status === 'failure' || answer.error_code !== undefined) {
      throw new FlittError(
        (answer.error_code as number | string | undefined) ?? 1002,
        String(answer.error_message ?? 'Unknown Flitt error'),
        answer.request_id === undefined ? null : String(answer.request_id),
      );
    }
    if (isEnvelope(answer)) return decodeVerifiedV2(answer, secretKey, `Flitt ${path} answer`);
    if (answer.signature === undefined && answerSignature === 'if-present') return answer;
    if (!verifyV1(answer, secretKey)) {
      throw new FlittSignatureError(`Flitt ${path} answer signature does not match the secret key.`);
    }
    return answer;
  }

  const protocolFor = (params: FlittCheckoutParams): FlittProtocol => (params.recurring_data ? '2.0' : '1.0');

  return {
    merchantId,
    async checkoutUrl(params) {
      return (await post('checkout/url', params, protocolFor(params), 'if-present')) as FlittCheckoutUrlAnswer;
    },
    async checkoutToken(params) {
      return (await post('checkout/token', params, protocolFor(params), 'if-present')) as FlittCheckoutTokenAnswer;
    },
    async status(orderId) {
      return (await post('status/order_id', { order_id: orderId }, '1.0', 'required')) as FlittOrder;
    },
    async reverse({ orderId, amount, currency, reverseId, comment }) {
      const params = { order_id: orderId, amount, currency, reverse_id: reverseId, comment };
      return (await post('reverse/order_id', params, '1.0', 'if-present')) as FlittReverseAnswer;
    },
    async recurring({ orderId, amount, currency, rectoken, orderDesc, serverCallbackUrl, extra }) {
      const params = {
        ...extra,
        order_id: orderId,
        amount,
        currency,
        rectoken,
        order_desc: orderDesc,
        server_callback_url: serverCallbackUrl,
      };
      return (await post('recurring', params, '1.0', 'required')) as FlittOrder;
    },
    async subscription({ orderId, action }) {
      return (await post('subscription', { order_id: orderId, action }, '1.0', 'required')) as FlittSubscriptionAnswer;
    },
    parseCallback: (body) => parseCallback(body, secretKey),
  };
}
