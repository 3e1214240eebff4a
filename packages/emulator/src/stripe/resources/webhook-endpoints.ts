import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';
import { invalidParam, resourceMissing } from '../errors.js';
import { newId } from '../ids.js';
import { listObject, newestFirst } from '../list.js';
import type { AccountState, WebhookEndpointState } from '../model.js';
import { allowOnly, bool, list, metadata, requireStr, str } from '../params.js';
import type { StripeRouter } from '../router.js';

export function renderEndpoint(e: WebhookEndpointState, withSecret = false) {
  const endpoint = {
    id: e.id,
    object: 'webhook_endpoint',
    api_version: e.apiVersion,
    application: null,
    created: e.created,
    description: e.description,
    enabled_events: e.enabledEvents,
    livemode: false,
    metadata: e.metadata,
    status: e.status,
    url: e.url,
  } satisfies Partial<Stripe.WebhookEndpoint>;
  // Stripe shows the signing secret only in the answer to the create call.
  return withSecret ? { ...endpoint, secret: e.secret } : endpoint;
}

function getEndpoint(account: AccountState, id: string) {
  const endpoint = account.webhookEndpoints[id];
  if (!endpoint) throw resourceMissing('webhook_endpoint', id);
  return endpoint;
}

function readEvents(value: unknown[] | undefined): string[] {
  const events = (value ?? []).map(String);
  if (events.length === 0) throw invalidParam('enabled_events', 'Missing required param: enabled_events.');
  return events;
}

function readUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    return value;
  } catch {
    throw invalidParam('url', `Invalid URL: ${value}`);
  }
}

export function registerWebhookEndpoints(router: StripeRouter, ctx: { now(): number }) {
  router.post('/v1/webhook_endpoints', ({ account, params }) => {
    allowOnly(params, ['url', 'enabled_events', 'description', 'metadata', 'api_version', 'connect', 'expand']);
    const endpoint: WebhookEndpointState = {
      id: newId('we', 24),
      created: ctx.now(),
      url: readUrl(requireStr(params, 'url')),
      enabledEvents: readEvents(list(params, 'enabled_events')),
      secret: `whsec_${randomBytes(24).toString('base64url')}`,
      status: 'enabled',
      description: str(params, 'description') ?? null,
      metadata: metadata(params) ?? {},
      apiVersion: str(params, 'api_version') ?? null,
    };
    account.webhookEndpoints[endpoint.id] = endpoint;
    return renderEndpoint(endpoint, true);
  });

  router.get('/v1/webhook_endpoints', ({ account, params }) => {
    allowOnly(params, ['limit', 'starting_after', 'ending_before', 'expand']);
    const all = newestFirst(Object.values(account.webhookEndpoints));
    return listObject(all.map((e) => renderEndpoint(e)), params, '/v1/webhook_endpoints');
  });

  router.get('/v1/webhook_endpoints/:id', ({ account, path }) => renderEndpoint(getEndpoint(account, path.id)));

  router.post('/v1/webhook_endpoints/:id', ({ account, params, path }) => {
    allowOnly(params, ['url', 'enabled_events', 'description', 'metadata', 'disabled', 'expand']);
    const endpoint = getEndpoint(account, path.id);
    const url = str(params, 'url');
    if (url) endpoint.url = readUrl(url);
    const events = list(params, 'enabled_events');
    if (events) endpoint.enabledEvents = readEvents(events);
    endpoint.description = str(params, 'description') ?? endpoint.description;
    const disabled = bool(params, 'disabled');
    if (disabled !== undefined) endpoint.status = disabled ? 'disabled' : 'enabled';
    const meta = metadata(params);
    if (meta) endpoint.metadata = { ...endpoint.metadata, ...meta };
    return renderEndpoint(endpoint);
  });

  router.delete('/v1/webhook_endpoints/:id', ({ account, path }) => {
    const endpoint = getEndpoint(account, path.id);
    delete account.webhookEndpoints[endpoint.id];
    return { id: endpoint.id, object: 'webhook_endpoint', deleted: true } satisfies Stripe.DeletedWebhookEndpoint;
  });
}
