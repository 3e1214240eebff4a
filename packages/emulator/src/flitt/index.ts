export type { CallbackAttempt, CallbackRetry } from './callbacks.js';
export { FLITT_CALLBACK_RETRY } from './callbacks.js';
export { FLITT_TEST_CARDS } from './cards.js';
export { FLITT_ERRORS } from './errors.js';
export { createFlittEmulator, type FlittEmulator, type FlittEmulatorOptions } from './server.js';
export { TEST_MERCHANT as FLITT_TEST_MERCHANT } from './store.js';
