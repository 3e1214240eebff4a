import { DEFAULT_RETRY, type RetryPolicy, WebhookDelivery } from './delivery.js';
import { newId } from './ids.js';
import type { AccountState, EventState } from './model.js';
import { StripeStore } from './store.js';

export const API_VERSION = '2026-10-28.endive';

export interface RequestInfo {
  requestId: string;
  idempotencyKey: string | null;
}

/** One API request as the emulator received it (tests check what a client sent, e.g. its idempotency keys). */
export interface LoggedRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
}

/** The request log keeps the latest entries only, so a long-running emulator does not grow. */
const REQUEST_LOG_LIMIT = 2_000;

/** What every resource file is handed: state, time, the base URL and event emission. */
export class StripeContext {
  readonly store: StripeStore;
  readonly delivery: WebhookDelivery;
  baseUrl = '';

  constructor(options: { persistFile?: string; retry?: Partial<RetryPolicy>; now?: () => number }) {
    this.store = new StripeStore(options.persistFile);
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
    this.delivery = new WebhookDelivery({ ...DEFAULT_RETRY, ...options.retry }, () => this.now());
  }

  readonly now: () => number;

  /** The latest API requests, oldest first (at most REQUEST_LOG_LIMIT). */
  readonly requests: LoggedRequest[] = [];

  logRequest(request: LoggedRequest): void {
    this.requests.push(request);
    if (this.requests.length > REQUEST_LOG_LIMIT) this.requests.splice(0, this.requests.length - REQUEST_LOG_LIMIT);
  }

  /** Time as seen by a customer: its test clock's frozen time, else the real clock. */
  timeFor(account: AccountState, customerId: string | null | undefined): number {
    const clockId = customerId ? account.customers[customerId]?.testClock : null;
    const clock = clockId ? account.testClocks[clockId] : undefined;
    return clock ? clock.frozenTime : this.now();
  }

  /** Records an event and delivers it to every endpoint of the account that listens for its type. */
  emit(
    key: string,
    type: string,
    object: Record<string, unknown>,
    options: { previous?: Record<string, unknown>; at?: number; request?: RequestInfo } = {},
  ): EventState {
    const account = this.store.account(key);
    const event: EventState = {
      id: newId('evt'),
      created: options.at ?? this.now(),
      type,
      object: structuredClone(object),
      previousAttributes: options.previous ?? null,
      requestId: options.request?.requestId ?? null,
      idempotencyKey: options.request?.idempotencyKey ?? null,
    };
    account.events.push(event);
    const body = JSON.stringify(renderEvent(event, this.endpointsFor(account, type).length), null, 2);
    for (const endpoint of this.endpointsFor(account, type)) {
      this.delivery.enqueue({ eventId: event.id, endpointId: endpoint.id, url: endpoint.url, secret: endpoint.secret, body });
    }
    return event;
  }

  private endpointsFor(account: AccountState, type: string) {
    return Object.values(account.webhookEndpoints).filter(
      (e) => e.status === 'enabled' && (e.enabledEvents.includes('*') || e.enabledEvents.includes(type)),
    );
  }
}

export function renderEvent(event: EventState, pendingWebhooks = 0) {
  return {
    id: event.id,
    object: 'event' as const,
    api_version: API_VERSION,
    context: null,
    created: event.created,
    data: {
      object: event.object,
      ...(event.previousAttributes ? { previous_attributes: event.previousAttributes } : {}),
    },
    livemode: false,
    pending_webhooks: pendingWebhooks,
    request: { id: event.requestId, idempotency_key: event.idempotencyKey },
    type: event.type,
  };
}
