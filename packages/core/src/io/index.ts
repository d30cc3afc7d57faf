export * from './find-config.js';
export * from './find-files.js';
export * from './json-depth.js';
export * from './json-numbers.js';
export * from './read-input.js';
export * from './write-output.js';
