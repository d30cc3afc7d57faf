export * from './decimal.js';
export * from './escape.js';
export * from './markdown.js';
