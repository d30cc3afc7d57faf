export * from './decimal.js';
export * from './escape.js';
