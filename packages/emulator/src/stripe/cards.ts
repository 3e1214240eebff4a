import { cardDeclined, type StripeApiError } from './errors.js';

/** Stripe's test cards and what each does. */
export const TEST_CARDS = {
  success: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  /** Attaches to the customer, but every later charge fails. */
  attachThenFail: '4000000000000341',
} as const;

export function normaliseCard(card: string): string {
  return card.replace(/[\s-]/g, '');
}

/**
 * Outcome of charging a card now. `firstCharge` is a charge made while the customer is at the
 * checkout page; 4000000000000341 fails every charge but a zero-amount one (it still attaches).
 */
export function chargeOutcome(card: string, amount: number): StripeApiError | null {
  const number = normaliseCard(card);
  if (amount === 0 && (number === TEST_CARDS.success || number === TEST_CARDS.attachThenFail)) return null;
  switch (number) {
    case TEST_CARDS.success:
      return null;
    case TEST_CARDS.declined:
    case TEST_CARDS.attachThenFail:
      return cardDeclined('generic_decline', 'Your card was declined.');
    case TEST_CARDS.insufficientFunds:
      return cardDeclined('insufficient_funds', 'Your card has insufficient funds.');
    default:
      return cardDeclined('invalid_number', 'Your card number is incorrect.', 'incorrect_number');
  }
}
