#!/usr/bin/env node
// Long runs of the abuse suites (tests/fuzz, tests/property, tests/fault, tests/load) and of the unit
// tests' fast-check properties at their full counts (tests/helpers/runs.ts; packages/*/src).
//   npm run fuzz                              1000 cases per fuzz suite, a random seed, 100 SIGKILL rounds
//   npm run fuzz -- --runs 5000 --seed 42     more cases, a given seed (to replay a failure)
//   npm run fuzz -- --runs 500 tests/fuzz/registry    only some suites (vitest path filters)
//   npm run fuzz -- --keep                    keep the generated files (their folder is printed)
// The default `npm test` runs the same suites and properties with a fixed seed and a few hundred cases.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const filters = [];
let runs = 1000;
let seed = Math.floor(Math.random() * 2 ** 31);
let keep = false;
for (let index = 0; index < args.length; index++) {
  const arg = args[index];
  const value = () => {
    const next = args[++index];
    if (next === undefined || !/^\d+$/.test(next)) {
      console.error(`error: ${arg} takes a whole number (npm run fuzz -- --runs 2000 --seed 7)`);
      process.exit(2);
    }
    return Number(next);
  };
  if (arg === '--runs') runs = value();
  else if (arg === '--seed') seed = value();
  else if (arg === '--keep') keep = true;
  else if (arg.startsWith('-')) {
    console.error(
      `error: unknown option ${arg} (options: --runs N, --seed S, --keep, then vitest path filters)`,
    );
    process.exit(2);
  } else filters.push(arg);
}

const build = spawnSync(process.execPath, ['scripts/build.mjs', '--js-only'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

console.log(
  `fuzz: ${runs} runs per suite, seed ${seed} (replay: npm run fuzz -- --runs ${runs} --seed ${seed})`,
);
const vitest = spawnSync(
  process.execPath,
  [
    resolve(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    ...(filters.length > 0
      ? filters
      : ['tests/fuzz', 'tests/property', 'tests/fault', 'tests/load', 'packages']),
    '--testTimeout',
    '3600000',
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      MLOPS_FUZZ_RUNS: String(runs),
      MLOPS_FUZZ_SEED: String(seed),
      MLOPS_FUZZ_LONG: '1',
      ...(keep ? { MLOPS_FUZZ_KEEP: '1' } : {}),
    },
  },
);
if (vitest.status !== 0)
  console.error(`fuzz: failed with seed ${seed} (replay: npm run fuzz -- --runs ${runs} --seed ${seed})`);
process.exit(vitest.status ?? 1);
