import { createHmac } from 'node:crypto';

/** `Stripe-Signature: t=...,v1=...`: HMAC-SHA256 of `${t}.${body}` keyed with the whole `whsec_...` secret. */
export function signPayload(body: string, secret: string, timestamp: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1}`;
}
