export * from './decimal.js';
export * from './escape.js';
export * from './markdown.js';
export * from './python-repr.js';
