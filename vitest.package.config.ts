import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// npm run test:package: the tests of tests/package (the packages packed, installed into an empty
// project and run; the release dry run), which the default run leaves out since each npm command
// costs seconds. .ci/run runs both.
export default defineConfig({
  ...base,
  test: { ...base.test, include: ['tests/package/**/*.test.ts'], exclude: [] },
});
