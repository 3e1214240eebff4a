export * from './stripe/index.js';
