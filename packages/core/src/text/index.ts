export * from './decimal.js';
export * from './escape.js';
export * from './junit.js';
export * from './markdown.js';
export * from './python-repr.js';
