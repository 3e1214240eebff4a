/** The paykit HTTP API as the console calls it: same origin, the Studio token as bearer. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'paykit.studioToken';

/** Kept for this browser tab only: closing the tab logs out. */
export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

type Query = Record<string, string | number | undefined>;

export async function api<T>(method: string, path: string, options: { body?: unknown; query?: Query; token?: string } = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined && value !== '') params.set(key, String(value));
  const qs = params.size > 0 ? `?${params}` : '';
  const token = options.token ?? session.token();
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${path}${qs}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? `HTTP ${response.status}`, error?.details);
  }
  return json as T;
}

export const appPath = (appId: string) => `/v1/apps/${encodeURIComponent(appId)}/payments`;
export const studioPath = (appId: string) => `/v1/studio/apps/${encodeURIComponent(appId)}`;

export interface AppSummary {
  id: string;
  name: string;
  createdAt: string | null;
  provider: string | null;
}

export interface Configuration {
  provider: 'stripe' | 'flitt';
  providerPublicKey: string;
  productsDataSourceId: number;
  webhookUrl: string;
  webhookRegistered: boolean;
  signingSecretSet: boolean;
  updatedAt: string | null;
}

export interface AppDetail {
  id: string;
  name: string;
  createdAt: string | null;
  configuration: Configuration | null;
  lastEventAt: string | null;
}

export interface DataSource {
  id: number;
  name: string;
  appId: string;
}

export interface Entry {
  id: number;
  data: Record<string, unknown>;
}

export interface CustomerSummary {
  id: string;
  email: string;
  provider: string;
  createdAt: string;
}

export interface Checkout {
  id: string;
  status: string;
  paymentStatus: string;
  mode: string;
  amountTotal: number | null;
  currency: string | null;
  createdAt: string;
}

export interface Charge {
  payment: string;
  amount: number;
  currency: string;
  status: string;
  at: number;
}

export interface Subscription {
  id: string;
  provider: string;
  customer: string | null;
  status: string;
  priceId: string | null;
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  nextChargeAt: string | null;
  schedule: { past: string[]; upcoming: string[] };
  charges: Charge[];
}

export interface CustomerDetail extends CustomerSummary {
  checkouts: Checkout[];
  subscriptions: Subscription[];
}

export interface LogEntry {
  id: string;
  type: string;
  created: number;
  data: unknown;
}

export interface FeedItem {
  id: string;
  provider: string;
  eventId: string | null;
  type: string | null;
  customer: string | null;
  outcome: string;
  code: string | null;
  reason: string | null;
  receivedAt: string;
}

export interface Dashboard {
  days: string[];
  revenue: Record<string, number[]>;
  activeSubscriptions: number[];
  checkouts: { complete: number; canceled: number; expired: number; open: number };
}
