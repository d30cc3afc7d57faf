export * from './escape.js';
export * from './markdown.js';
