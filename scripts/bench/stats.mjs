#!/usr/bin/env node
// Statistics benchmark: the exact mode of the Cramér–von Mises test at its limit (both samples of at
// most 20 values), and the five p-value tests of the Evidently methods on large sorted samples.
// Prints the median wall time of --runs runs (default 7) per case. Uses the built @mlops/core
// (packages/core/dist; `npm run build` or `node scripts/build.mjs --js-only` first).
//
//   node scripts/bench/stats.mjs [--runs 7] [--size 100000]
// (through npm: npm run bench -- stats --runs 9)
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const core = await import(pathToFileURL(join(root, 'packages/core/dist/index.js')).href);

function flag(name, fallback) {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : process.argv[index + 1];
}
const runs = Number(flag('--runs', '7'));
const size = Number(flag('--size', '100000'));

/** The seeded LCG of scripts/fixtures/stats_common.py: uniforms in [0, 1), then offset. */
function uniforms(seed, count, offset = 0) {
  const values = new Float64Array(count);
  let state = seed >>> 0;
  for (let index = 0; index < count; index++) {
    state = (Math.imul(1664525, state) + 1013904223) >>> 0;
    values[index] = offset + state / 4294967296;
  }
  return core.sortAscending(values);
}
const range = (count, start) => Float64Array.from({ length: count }, (_, index) => start + index);

function median(call) {
  const times = [];
  let result;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    result = call();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], result };
}

const cases = [
  [
    'cramerVonMisesTwoSample exact, 20 x 20, current 0.2 higher',
    () => core.cramerVonMisesTwoSample(uniforms(11, 20), uniforms(12, 20, 0.2)),
  ],
  [
    'cramerVonMisesTwoSample exact, 20 x 19, current 0.2 higher',
    () => core.cramerVonMisesTwoSample(uniforms(11, 20), uniforms(12, 19, 0.2)),
  ],
  [
    'cramerVonMisesTwoSample exact, 20 x 19 fully apart (slowest)',
    () => core.cramerVonMisesTwoSample(range(20, 0), range(19, 100)),
  ],
];
const reference = uniforms(21, size);
const current = uniforms(22, size, 0.01);
for (const name of [
  'andersonKSample',
  'cramerVonMisesTwoSample',
  'eppsSingletonTwoSample',
  'mannWhitneyU',
  'studentTTest',
])
  cases.push([`${name}, ${size} x ${size}`, () => core[name](reference, current)]);

console.log(`median of ${runs} runs, node ${process.version}\n`);
for (const [name, call] of cases) {
  const { ms, result } = median(call);
  console.log(`${name.padEnd(64)} ${ms.toFixed(1).padStart(8)} ms   p = ${result.pValue}`);
}
