import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// npm run test:package: the tests of tests/package (the packages packed, installed into an empty
// project and run; the release dry run), which the default run leaves out since each npm command
// costs seconds. .ci/run runs both.
export default defineConfig({
  ...base,
  // One project of these files alone: the default config's projects would bring the whole suite back.
  test: { ...base.test, projects: undefined, include: ['tests/package/**/*.test.ts'], exclude: [] },
});
