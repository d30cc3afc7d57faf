import { readFileSync } from 'node:fs';
import { configDefaults, defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default defineConfig({
  define: { __MLOPS_VERSION__: JSON.stringify(version) },
  resolve: {
    // Workspace packages resolve to their TypeScript sources in tests (see "mlops-source" in each exports map).
    conditions: ['mlops-source'],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    // The packaging tests (npm pack, npm install, npm publish --dry-run) run apart: npm run test:package.
    exclude: [...configDefaults.exclude, 'tests/package/**'],
    setupFiles: ['tests/helpers/fast-check-seed.ts', 'tests/helpers/close-matcher.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
