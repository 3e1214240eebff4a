export * from './stripe/index.js';
export * from './flitt/index.js';
