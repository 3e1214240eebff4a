export * from './flitt/index.js';
export * from './stripe/index.js';
