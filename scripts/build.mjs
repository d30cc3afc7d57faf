#!/usr/bin/env node
// Builds every workspace package.
//   node scripts/build.mjs            JavaScript bundles and .d.ts declarations
//   node scripts/build.mjs --js-only  JavaScript bundles only (what `npm test` needs)
//
// JavaScript: esbuild. Each package gets dist/index.js (its library entry, dependencies left external).
// Each bin gets dist/cli.js, one self-contained ES module with its dependencies bundled, so that start-up
// reads one file instead of resolving hundreds; modules a command loads lazily (dynamic import) become
// separate chunks next to it.
// Declarations: tsc with tsconfig.build.json, one package at a time, in dependency order.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const jsOnly = process.argv.includes('--js-only');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/**
 * Packages in dependency order; `entries` are the library entries besides src/index.ts that the
 * package exports; `bin` marks those with a command-line entry (src/cli.ts), `csvWorker`
 * those whose bin reads CSV files in worker threads: they get dist/csv-worker.js, a bundle of its own
 * next to dist/cli.js (whose src/cli.ts finds it with `new URL('./csv-worker.js', import.meta.url)`
 * and hands it down: code in chunks has another import.meta.url), and dist/score-worker.js, the
 * scoring thread of a drift check, found next to it.
 */
const packages = [
  { dir: 'core', entries: ['index', 'csv/worker-read', 'io/write-output'] },
  { dir: 'cli-kit', entries: ['index', 'version'] },
  { dir: 'model-registry', bin: true },
  { dir: 'drift-detector', bin: true, csvWorker: true, entries: ['index', 'early-read'] },
  { dir: 'pipeline-validator', bin: true },
  { dir: 'mlops', bin: true, csvWorker: true },
];

const common = {
  platform: 'node',
  format: 'esm',
  target: 'node20',
  bundle: true,
  sourcemap: true,
  conditions: ['mlops-source'],
  logLevel: 'warning',
  legalComments: 'none',
  define: { __MLOPS_VERSION__: JSON.stringify(version) },
  // An optional peer dependency with a native binary, loaded on demand (drift-detector --engine duckdb).
  external: ['@duckdb/node-api'],
};

// Bundled CommonJS dependencies (commander, cron-parser, …) may call require(); give the ESM bundle one.
const requireShim =
  "import { createRequire as __mlopsCreateRequire } from 'node:module'; const require = __mlopsCreateRequire(import.meta.url);";

async function buildPackage(pkg) {
  const packageDir = join(root, 'packages', pkg.dir);
  const outdir = join(packageDir, 'dist');
  rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    ...common,
    entryPoints: (pkg.entries ?? ['index']).map((entry) => join(packageDir, `src/${entry}.ts`)),
    outdir,
    packages: 'external',
  });
  if (pkg.bin) {
    const entryPoints = {
      cli: join(packageDir, 'src/cli.ts'),
      // The scoring thread of a drift check: an entry of this build, so that it shares the chunks
      // of the statistics with the bin instead of carrying its own copy.
      ...(pkg.csvWorker ? { 'score-worker': join(root, 'packages/core/src/drift/score-worker.ts') } : {}),
    };
    const { metafile } = await esbuild.build({
      ...common,
      entryPoints,
      outdir,
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      banner: { js: requireShim },
      // The bins bundle their dependencies (Arrow, Parquet, zod, commander…): minified with names kept
      // (errors are told apart by name; --debug's stack traces keep function names), the tarballs stay
      // small (tests/package bounds each).
      minify: true,
      keepNames: true,
      metafile: true,
    });
    pruneUnreachableChunks(
      metafile,
      Object.keys(entryPoints).map((name) => join(outdir, `${name}.js`)),
    );
  }
  if (pkg.csvWorker) {
    await esbuild.build({
      ...common,
      entryPoints: { 'csv-worker': join(root, 'packages/core/src/csv/worker.ts') },
      outdir,
      banner: { js: requireShim },
      // The worker carries every table reader (Arrow's included): minified, names kept (errors are
      // told apart by name), it is about half the package's tarball instead of most of it.
      minify: true,
      keepNames: true,
    });
  }
}

/**
 * Deletes the chunks that no import from the bin's entries (`entries`: cli.js, score-worker.js)
 * reaches. esbuild makes a chunk of every module loaded by dynamic import anywhere in the module
 * graph, also where tree shaking has dropped the import itself: core loads the Parquet and Arrow readers on demand, and model-registry, which never
 * reads a table, would otherwise ship them unused.
 */
function pruneUnreachableChunks(metafile, entries) {
  const outputs = new Map(
    Object.entries(metafile.outputs).map(([path, output]) => [resolve(root, path), output]),
  );
  const reached = new Set();
  const pending = entries.map((entry) => resolve(entry));
  while (pending.length > 0) {
    const path = pending.pop();
    if (reached.has(path)) continue;
    reached.add(path);
    for (const imported of outputs.get(path)?.imports ?? [])
      if (!imported.external) pending.push(resolve(root, imported.path));
  }
  for (const path of outputs.keys())
    if (path.endsWith('.js') && !reached.has(path)) {
      rmSync(path, { force: true });
      rmSync(`${path}.map`, { force: true });
    }
}

function buildDeclarations(pkg) {
  const packageDir = join(root, 'packages', pkg.dir);
  // Inside the repository, so that tsc finds node_modules/@types from the config's folder.
  const configDir = join(root, 'node_modules/.cache/mlops-build');
  mkdirSync(configDir, { recursive: true });
  const config = join(configDir, `${pkg.dir}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      extends: join(root, 'tsconfig.build.json'),
      compilerOptions: { rootDir: join(packageDir, 'src'), outDir: join(packageDir, 'dist') },
      include: [join(packageDir, 'src/**/*.ts')],
      exclude: [join(packageDir, 'src/**/*.test.ts'), join(packageDir, 'src/**/testing/**')],
    }),
  );
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', config], {
      stdio: 'inherit',
      cwd: root,
    });
  } catch {
    throw new Error(`declarations of packages/${pkg.dir} failed (tsc's messages are above)`);
  } finally {
    rmSync(config, { force: true });
  }
}

const started = performance.now();
try {
  await Promise.all(packages.map(buildPackage));
  if (!jsOnly) for (const pkg of packages) buildDeclarations(pkg);
} catch (error) {
  // esbuild and tsc have printed the details.
  console.error(`build failed: ${error.message.split('\n')[0]}`);
  process.exit(1);
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`built ${packages.length} packages${jsOnly ? ' (JavaScript only)' : ''} in ${seconds} s`);
