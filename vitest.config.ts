import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

const root = import.meta.dirname;
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Every test file under `folder`, as a path from the repository root. */
function testFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.test.ts') && !path.includes('node_modules'))
    .map((path) => relative(root, join(root, folder, path)));
}

/**
 * Test files that replace a module for themselves (vi.mock and the like): in a shared module graph the
 * replacement would reach the files that run after them in the same worker, so these run isolated.
 * Found by their content, so a new such file needs no entry here.
 */
const replacesModules = (path: string) =>
  /\bvi\.(mock|doMock|unmock|stubGlobal|stubEnv|resetModules)\(/.test(readFileSync(join(root, path), 'utf8'));
const isolatedFiles = [
  ...readdirSync(join(root, 'packages')).flatMap((name) => {
    try {
      return testFiles(join('packages', name, 'src'));
    } catch {
      return [];
    }
  }),
  ...testFiles('tests'),
].filter(replacesModules);

const UNIT = ['packages/*/src/**/*.test.ts'];
const PROCESS = ['tests/**/*.test.ts'];

export default defineConfig({
  define: { __MLOPS_VERSION__: JSON.stringify(version) },
  // Tests import the other workspace packages as built (dist/, each exports map's "default"), which
  // `npm test` builds first; a test's relative imports are its own package's TypeScript sources. (The
  // "mlops-source" condition, which tsc and esbuild use to reach the sources, never reached vitest's
  // server-side resolution: `resolve.conditions` set here had no effect, checked 2026-12-02.)
  test: {
    // The packaging tests (npm pack, npm install, npm publish --dry-run) run apart: npm run test:package.
    exclude: [...configDefaults.exclude, 'tests/package/**'],
    setupFiles: ['tests/helpers/fast-check-seed.ts', 'tests/helpers/close-matcher.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The suites in tests/ spend much of their time waiting: for the processes they start, for a lock
    // to go stale. Two workers more than the cores keep the cores busy meanwhile (vitest's default is
    // one fewer, a single worker on a 2-core machine). Measured 2026-12-02 on 2 cores, 26 files mixing
    // lock waits, spawned writers and CPU-bound unit files: 78 s with 3 workers, 61 s with 4, 60 s with 5.
    maxWorkers: Math.max(4, availableParallelism() + 2),
    projects: [
      {
        // Every test file but those below, in one project whose files share one module graph per
        // worker (isolate: false), which saves loading vitest, the sources, the built packages and
        // the helpers again for every file: about half a CPU-second a file (measured 2026-12-02: 18
        // files of tests/ took 23 CPU-s isolated, 13 not). Nothing a file does to the process outlives
        // it: runInProcess puts back and reports what a program changed, vitest resets vi.setConfig
        // after each file, and the processes a file starts are its own.
        //   - unit: packages/*/src/**/*.test.ts, next to the code: pure functions and in-memory objects;
        //   - end-to-end, fault, load, fuzz and property suites in tests/.
        // One project, not two: vitest runs projects one after the other and reuses a worker only within
        // a project, so two would leave the cores idle while the last suites of tests/ wait on their
        // locks and processes; in one, the files run longest first (by their last duration), the unit
        // files among them.
        extends: true,
        test: { name: 'shared', include: [...UNIT, ...PROCESS], exclude: isolatedFiles, isolate: false },
      },
      ...(isolatedFiles.length > 0
        ? [{ extends: true as const, test: { name: 'isolated', include: isolatedFiles } }]
        : []),
    ],
  },
});
