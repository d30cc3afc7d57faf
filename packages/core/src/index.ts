export * from './csv/index.js';
export * from './drift/index.js';
export * from './drift-charts/index.js';
export * from './errors.js';
export * from './pipeline/index.js';
export * from './registry/index.js';
export * from './stats/index.js';
