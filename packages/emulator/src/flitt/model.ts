export type Protocol = '1.0' | '2.0';
export type OrderStatus = 'created' | 'processing' | 'declined' | 'approved' | 'expired' | 'reversed';
export type Period = 'day' | 'week' | 'month';

export interface RecurringData {
  amount: number;
  period: Period;
  every: number;
  quantity: number | null;
  /** Unix seconds. */
  startTime: number | null;
  endTime: number | null;
  trialPeriod: Period | null;
  trialQuantity: number;
  state: string;
  /** As received, for echoing back. */
  raw: Record<string, unknown>;
}

export interface ScheduledCharge {
  index: number;
  /** Unix seconds. */
  time: number;
  outcome: 'charged' | 'skipped';
  orderId: string | null;
}

/** Charge n falls `lead + n * every` periods after `time`. */
export interface ScheduleAnchor {
  time: number;
  lead: number;
}

export interface SubscriptionState {
  recurring: RecurringData;
  status: 'active' | 'disabled';
  /** Set once the order is approved. */
  anchor: ScheduleAnchor | null;
  /** Index of the next charge that has not fallen due yet. */
  next: number;
  history: ScheduledCharge[];
}

export interface Card {
  number: string;
  threeDs: boolean;
  approve: boolean;
}

export interface OrderState {
  merchantId: number;
  orderId: string;
  protocol: Protocol;
  /** Parameters of the creating request as received (without signature). */
  params: Record<string, unknown>;
  amount: number;
  currency: string;
  orderDesc: string;
  status: OrderStatus;
  paymentId: number;
  token: string;
  /** Unix seconds. */
  createdAt: number;
  lifetime: number;
  card: Card | null;
  /** Card waiting for the 3-D Secure confirmation step. */
  pendingCard: Card | null;
  rrn: string;
  approvalCode: string;
  rectoken: string;
  reversalAmount: number;
  reverses: Record<string, Record<string, unknown>>;
  parentOrderId: string;
  responseCode: string;
  responseDescription: string;
  tranType: 'purchase' | 'verification';
  subscription: SubscriptionState | null;
}

export interface Merchant {
  id: number;
  secret: string;
  orders: Map<string, OrderState>;
}
