export { TEST_CARDS } from './cards.js';
export { createStripeEmulator, type StripeEmulator, type StripeEmulatorOptions } from './server.js';
export { signPayload } from './signature.js';
