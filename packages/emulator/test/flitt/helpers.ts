import { createHash } from 'node:crypto';
import { createFlittEmulator, type FlittEmulator, type FlittEmulatorOptions } from '../../src/index.js';
import { startReceiver as startSharedReceiver } from '../helpers/receiver.js';

export const MERCHANT = 1549901;
export const SECRET = 'test';

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** Flitt protocol 1.0 signature, written here again so the tests do not trust the emulator's code. */
export function sign1(params: Record<string, unknown>, secret = SECRET): string {
  const values = Object.keys(params)
    .filter((k) => k !== 'signature' && k !== 'response_signature_string' && params[k] !== '' && params[k] != null)
    .sort()
    .map((k) => String(params[k]));
  return sha1([secret, ...values].join('|'));
}

export const sign2 = (data: string, secret = SECRET) => sha1(`${secret}|${data}`);

export const encode2 = (order: Record<string, unknown>) => Buffer.from(JSON.stringify({ order })).toString('base64');

export const decode2 = (data: string) => JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as { order: Record<string, unknown> };

export async function startFlitt(options: FlittEmulatorOptions = {}): Promise<FlittEmulator> {
  const emulator = createFlittEmulator({ port: 0, sweepIntervalMs: 0, callbackRetry: { delaysMs: [20, 40, 80], timeoutMs: 2_000 }, ...options });
  await emulator.listen();
  return emulator;
}

type Answer = Record<string, unknown>;

/** POSTs `{request:{...}}` JSON signed with protocol 1.0 (merchant_id added unless given). */
export async function call1(url: string, path: string, params: Record<string, unknown>, secret = SECRET): Promise<Answer> {
  const request = { merchant_id: MERCHANT, ...params };
  const body = JSON.stringify({ request: { ...request, signature: sign1(request, secret) } });
  const response = await fetch(`${url}/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
  return ((await response.json()) as { response: Answer }).response;
}

/** POSTs a protocol 2.0 request; returns the decoded order of a success, the flat answer of a failure. */
export async function call2(url: string, path: string, params: Record<string, unknown>, secret = SECRET): Promise<Answer> {
  const data = encode2({ merchant_id: MERCHANT, ...params });
  const body = JSON.stringify({ request: { version: '2.0', data, signature: sign2(data, secret) } });
  const response = await fetch(`${url}/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const answer = ((await response.json()) as { response: Answer }).response;
  if (answer.response_status === 'failure') return answer;
  if (answer.signature !== sign2(String(answer.data), secret)) throw new Error('bad 2.0 answer signature');
  return decode2(String(answer.data)).order;
}

export async function admin(url: string, path: string, body?: unknown): Promise<{ status: number; body: Answer }> {
  const response = await fetch(`${url}/emulator/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer };
}

export const newOrderId = (prefix = 'order') => `${prefix}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;

/** A local callback receiver; `json()` decodes every callback received so far. */
export async function startReceiver(respond?: (n: number) => number | null) {
  const receiver = await startSharedReceiver(respond);
  return { ...receiver, json: () => receiver.received.map((r) => JSON.parse(r.body) as Answer) };
}
