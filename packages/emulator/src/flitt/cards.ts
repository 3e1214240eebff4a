import type { Card } from './model.js';

/** Flitt's test cards (any expiry and CVV2). */
export const FLITT_TEST_CARDS = {
  approve3ds: '4444555566661111',
  decline3ds: '4444111166665555',
  approve: '4444555511116666',
  decline: '4444111155556666',
} as const;

const KNOWN: Record<string, Omit<Card, 'number'>> = {
  [FLITT_TEST_CARDS.approve3ds]: { threeDs: true, approve: true },
  [FLITT_TEST_CARDS.decline3ds]: { threeDs: true, approve: false },
  [FLITT_TEST_CARDS.approve]: { threeDs: false, approve: true },
  [FLITT_TEST_CARDS.decline]: { threeDs: false, approve: false },
};

/** The test card behind a typed number (spaces and dashes ignored), or null if it is not one. */
export function testCard(input: string): Card | null {
  const number = input.replace(/[\s-]/g, '');
  const known = KNOWN[number];
  return known ? { number, ...known } : null;
}

export const maskCard = (number: string) => `${number.slice(0, 6)}XXXXXX${number.slice(-4)}`;
