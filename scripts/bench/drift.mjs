#!/usr/bin/env node
// drift-detector benchmark (issue 6 targets: 1M rows × 20 columns in ≤ 5 s and ≤ 700 MB; 100k in ≤ 0.7 s).
//
// Generates seeded CSV pairs (16 numeric columns with 6 decimals, 4 categorical; about 160 MB per file at 1M rows) of 100k and 1M rows
// into .bench/drift/ (gitignored; reused when present), runs the built bin with the default method and
// --json, and prints wall time (median of the runs), peak RSS and MB/s (both files' bytes / wall time).
//
//   node scripts/bench/drift.mjs [--rows 100000,1000000] [--runs 5] [--big-runs 3]
//                                [--methods] [--vs OTHER_BIN] [--paired-runs 7] [--no-parquet]
// (through npm: npm run bench -- drift --rows 100000 --runs 9)
// --methods: also times every method of `drift-detector --help` on the 100k pair (`--method NAME`),
//   each against the default method in the same round, and prints the median ratio.
// --vs OTHER_BIN: paired runs of this bin and another build's drift-detector bin (e.g. a clone of an
//   earlier commit), alternating, on the largest pair; prints both medians and their ratio, the
//   figure to compare with a "no slowdown beyond 5%" rule on a shared, noisy machine.
// Parquet (issue 15 targets, on by default; --no-parquet leaves it out): the largest pair also as
//   Parquet (snappy, DuckDB's default row groups of 122,880 rows, written by DuckDB from the CSV), timed
//   in the same rounds as the CSV pair and as the yardstick, nodejs-polars reading both Parquet files
//   and sorting each numeric column (lib/polars-read-sort.mjs); prints the medians and both ratios.
//   Needs the development dependencies (@duckdb/node-api, nodejs-polars); skipped, saying so, without.
// --passes SIZE: the largest pair (and its Parquet twin, unless --no-parquet) also under
//   --max-memory SIZE (e.g. 1GB; issue 15: 10M rows within 1GB), where columns that do not fit at
//   once are read in passes: prints the passes taken (from --debug), wall time and peak RSS (target:
//   at most SIZE), and whether the report is byte-identical to the run without the flag. With --vs
//   OTHER_BIN too: --paired-runs rounds of both builds with and without the budget on the CSV pair,
//   in turn, and the medians of each round's ratios (passes / one pass, this build / the other).
// Peak RSS comes from /usr/bin/time -v when it exists; otherwise it is not measured.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = join(root, 'packages/drift-detector/bin/drift-detector.js');
const folder = join(root, '.bench/drift');

function flag(name, fallback) {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : process.argv[index + 1];
}
const sizes = flag('--rows', '100000,1000000').split(',').map(Number);
const runs = Number(flag('--runs', '5'));
const bigRuns = Number(flag('--big-runs', '3'));

/** mulberry32: a small seeded PRNG, so every machine benchmarks the same bytes. */
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORIES = [
  ['web', 'ios', 'android', 'store'],
  ['US', 'DE', 'FR', 'IN', 'BR', 'JP'],
  ['basic', 'pro', 'enterprise'],
  ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
];

/** Writes one file: 16 normal columns (the current file shifted on half of them) and 4 categorical. */
function writeCsv(path, rows, seed, shifted) {
  const random = generator(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const header = [
    ...Array.from({ length: 16 }, (_, i) => `num_${i + 1}`),
    'channel',
    'country',
    'plan',
    'segment',
  ];
  const temporary = `${path}.partial`;
  const fd = openSync(temporary, 'w');
  writeSync(fd, `${header.join(',')}\n`);
  let chunk = '';
  for (let row = 0; row < rows; row++) {
    const cells = [];
    for (let column = 0; column < 16; column++) {
      const shift = shifted && column % 2 === 0 ? 0.05 * (1 + column / 4) : 0;
      cells.push((normal() * (1 + column / 16) + shift).toFixed(6));
    }
    CATEGORIES.forEach((levels, index) => {
      const skew = shifted && index === 0 ? random() ** 1.3 : random();
      cells.push(levels[Math.floor(skew * levels.length)]);
    });
    chunk += `${cells.join(',')}\n`;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  renameSync(temporary, path);
}

function pair(rows) {
  mkdirSync(folder, { recursive: true });
  const reference = join(folder, `reference-${rows}.csv`);
  const current = join(folder, `current-${rows}.csv`);
  if (!existsSync(reference)) writeCsv(reference, rows, 1, false);
  if (!existsSync(current)) writeCsv(current, rows, 2, true);
  return { reference, current, bytes: statSync(reference).size + statSync(current).size };
}

const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function runOnce({ reference, current }, extra = [], binary = bin) {
  const args = [binary, '--reference', reference, '--current', current, '--json', ...extra];
  const command = timeBin ? timeBin : process.execPath;
  const commandArgs = timeBin ? ['-v', process.execPath, ...args] : args;
  const started = performance.now();
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - started) / 1000;
  const status = result.status;
  if (status !== 0 && status !== 1)
    throw new Error(
      `drift-detector ${extra.join(' ')} exited ${status}: ${result.stderr.trim().split('\n').at(-1)}`,
    );
  const rssMatch = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr ?? '');
  try {
    JSON.parse(result.stdout); // the report must be valid JSON
  } catch {
    throw new Error(
      `drift-detector printed no valid JSON (exit ${status}): ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`,
    );
  }
  return {
    seconds,
    rssMb: rssMatch ? Number(rssMatch[1]) / 1024 : undefined,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

if (!existsSync(bin) || !existsSync(join(root, 'packages/drift-detector/dist/cli.js'))) {
  console.error('error: build first (npm run build)');
  process.exit(2);
}
console.log(`drift-detector, default method, --json; ${cpus().length} CPUs, Node ${process.version}`);
console.log('rows × cols   | input MB | runs | wall s (median) | peak RSS MB | MB/s');
console.log('------------- | -------: | ---: | --------------: | ----------: | ---:');
/** The targets of issue 6, by row count: wall seconds and peak RSS in MB. */
const TARGETS = { 100000: { seconds: 0.7 }, 1000000: { seconds: 5, rssMb: 700 } };
const medians = new Map();
for (const rows of sizes) {
  const files = pair(rows);
  const count = rows >= 1_000_000 ? bigRuns : runs;
  runOnce(files); // warm-up: file cache
  const results = Array.from({ length: count }, () => runOnce(files));
  const seconds = median(results.map((result) => result.seconds));
  medians.set(rows, seconds);
  const peak = results.every((result) => result.rssMb !== undefined)
    ? Math.max(...results.map((result) => result.rssMb))
    : undefined;
  const megabytes = files.bytes / 1e6;
  console.log(
    `${rows.toLocaleString('en-US').padEnd(9)} × 20 | ${megabytes.toFixed(1).padStart(8)} | ${String(count).padStart(4)} | ${seconds.toFixed(2).padStart(15)} | ${String(peak === undefined ? 'n/a' : peak.toFixed(0)).padStart(11)} | ${(megabytes / seconds).toFixed(1)}`,
  );
  const target = TARGETS[rows];
  if (target) {
    const checks = [
      `wall ${seconds.toFixed(2)} s ${seconds <= target.seconds ? '<=' : '>'} ${target.seconds} s`,
    ];
    if (target.rssMb && peak !== undefined)
      checks.push(`peak RSS ${peak.toFixed(0)} MB ${peak <= target.rssMb ? '<=' : '>'} ${target.rssMb} MB`);
    console.log(`  target: ${checks.join('; ')}`);
  }
}
if (medians.has(100000) && medians.has(1000000)) {
  const ratio = medians.get(1000000) / medians.get(100000);
  console.log(`\n10x the rows costs ${ratio.toFixed(1)}x the time (target: at most 11x)`);
}

/** The methods `--method` offers, read from the bin's help (so a new method is timed without a change here). */
function methodNames() {
  const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' }).stdout;
  const choices = /--method <name>[\s\S]*?\(choices: ([^)]*)\)/.exec(help);
  if (!choices) throw new Error('could not read the methods from drift-detector --help');
  return choices[1]
    .split(',')
    .map((name) => name.trim().replace(/^"|"$/g, ''))
    .filter((name) => name !== 'auto' && name !== 'legacy');
}

if (process.argv.includes('--methods')) {
  const files = pair(100000);
  const rounds = Number(flag('--method-runs', '3'));
  console.log(
    `\nEvery method at 100,000 rows × 20 columns (median of ${rounds}; numeric-only methods on the`,
  );
  console.log('16 numeric columns, categorical-only on the 4 categorical ones), against the default method');
  console.log('timed in the same rounds:\n');
  console.log('method | wall s (median) | × default');
  console.log('------ | --------------: | --------:');
  const numeric = Array.from({ length: 16 }, (_, i) => `num_${i + 1}`);
  const categorical = ['channel', 'country', 'plan', 'segment'];
  const kinds = new Map(
    methodNames().map((name) => {
      const probe = spawnSync(
        process.execPath,
        [
          bin,
          '--reference',
          files.reference,
          '--current',
          files.current,
          '--json',
          '--method',
          name,
          '--columns',
          'num_1',
          'channel',
        ],
        { encoding: 'utf8', maxBuffer: 1 << 26 },
      );
      const wrongKind = /does not apply to (numeric|categorical) column/.exec(probe.stderr ?? '');
      return [
        name,
        wrongKind ? (wrongKind[1] === 'numeric' ? categorical : numeric) : [...numeric, ...categorical],
      ];
    }),
  );
  for (const [name, columns] of kinds) {
    const own = [];
    const base = [];
    for (let round = 0; round < rounds; round++) {
      base.push(runOnce(files, ['--columns', ...columns]).seconds);
      try {
        own.push(runOnce(files, ['--method', name, '--columns', ...columns]).seconds);
      } catch (error) {
        own.length = 0;
        console.log(`${name} | refused (${error.message.replace(/^.*? exited /, 'exit ')}) | -`);
        break;
      }
    }
    if (own.length === 0) continue;
    console.log(`${name} | ${median(own).toFixed(2)} | ${(median(own) / median(base)).toFixed(2)}`);
  }
}

const other = flag('--vs', undefined);
if (other !== undefined) {
  const rows = Math.max(...sizes);
  const files = pair(rows);
  const rounds = Number(flag('--paired-runs', '7'));
  const mine = [];
  const theirs = [];
  runOnce(files, [], other); // warm-up
  for (let round = 0; round < rounds; round++) {
    // Alternate which goes first, so that neither always runs on a warmer machine.
    if (round % 2 === 0) {
      mine.push(runOnce(files).seconds);
      theirs.push(runOnce(files, [], other).seconds);
    } else {
      theirs.push(runOnce(files, [], other).seconds);
      mine.push(runOnce(files).seconds);
    }
  }
  console.log(`\nPaired runs at ${rows.toLocaleString('en-US')} rows, default method, ${rounds} rounds:`);
  console.log(`  this build  ${median(mine).toFixed(3)} s (median)`);
  console.log(`  ${other}  ${median(theirs).toFixed(3)} s (median)`);
  console.log(`  ratio this / other: ${(median(mine) / median(theirs)).toFixed(3)}`);
}

/** The Parquet twin of a CSV pair (snappy), written by DuckDB from the CSV once and reused. */
async function parquetPair(rows, files) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const paths = {
    reference: join(folder, `reference-${rows}.snappy.parquet`),
    current: join(folder, `current-${rows}.snappy.parquet`),
  };
  const types = `{${[
    ...Array.from({ length: 16 }, (_, i) => `'num_${i + 1}': 'DOUBLE'`),
    ...['channel', 'country', 'plan', 'segment'].map((name) => `'${name}': 'VARCHAR'`),
  ].join(', ')}}`;
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const connection = await instance.connect();
  try {
    for (const side of ['reference', 'current']) {
      if (existsSync(paths[side])) continue;
      const quoted = (path) => `'${path.replaceAll("'", "''")}'`;
      await connection.run(
        `COPY (SELECT * FROM read_csv(${quoted(files[side])}, header = true, columns = ${types})) TO ${quoted(`${paths[side]}.partial`)} (FORMAT parquet, COMPRESSION snappy)`,
      );
      renameSync(`${paths[side]}.partial`, paths[side]);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return { ...paths, bytes: statSync(paths.reference).size + statSync(paths.current).size };
}

if (!process.argv.includes('--no-parquet')) {
  const rows = Math.max(...sizes);
  const files = pair(rows);
  let parquet;
  try {
    parquet = await parquetPair(rows, files);
  } catch (error) {
    console.log(`\nParquet: skipped (${error.message.split('\n')[0]}; install the development dependencies)`);
  }
  if (parquet !== undefined) {
    const yardstick = join(dirname(fileURLToPath(import.meta.url)), 'lib/polars-read-sort.mjs');
    const polars = () => {
      const started = performance.now();
      const command = timeBin ? timeBin : process.execPath;
      const args = [yardstick, parquet.reference, parquet.current];
      const result = spawnSync(command, timeBin ? ['-v', process.execPath, ...args] : args, {
        encoding: 'utf8',
      });
      const seconds = (performance.now() - started) / 1000;
      if (result.status !== 0) throw new Error(`the polars yardstick failed: ${result.stderr.trim()}`);
      const rssMatch = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr ?? '');
      return { seconds, rssMb: rssMatch ? Number(rssMatch[1]) / 1024 : undefined };
    };
    const rounds = bigRuns;
    const timings = { csv: [], parquet: [], polars: [] };
    const order = [
      ['csv', () => runOnce(files)],
      ['parquet', () => runOnce(parquet)],
      ['polars', polars],
    ];
    for (const [, run] of order) run(); // warm-up: file cache
    for (let round = 0; round < rounds; round++)
      // Rotate which goes first, so that none always runs on a warmer machine.
      for (let step = 0; step < order.length; step++) {
        const [name, run] = order[(round + step) % order.length];
        timings[name].push(run());
      }
    const summary = (name) => ({
      seconds: median(timings[name].map((result) => result.seconds)),
      rssMb: timings[name].every((result) => result.rssMb !== undefined)
        ? Math.max(...timings[name].map((result) => result.rssMb))
        : undefined,
    });
    const [csv, pq, pl] = ['csv', 'parquet', 'polars'].map(summary);
    const rss = (value) => (value === undefined ? 'n/a' : value.toFixed(0));
    console.log(
      `\nParquet at ${rows.toLocaleString('en-US')} rows × 20 (snappy, ${(parquet.bytes / 1e6).toFixed(1)} MB for both files; CSV ${(files.bytes / 1e6).toFixed(1)} MB), ${rounds} rounds, medians:\n`,
    );
    console.log('input | wall s (median) | peak RSS MB');
    console.log('----- | --------------: | ----------:');
    console.log(`drift-detector, CSV pair | ${csv.seconds.toFixed(2)} | ${rss(csv.rssMb)}`);
    console.log(`drift-detector, Parquet pair | ${pq.seconds.toFixed(2)} | ${rss(pq.rssMb)}`);
    console.log(
      `nodejs-polars: read both, sort each numeric column | ${pl.seconds.toFixed(2)} | ${rss(pl.rssMb)}`,
    );
    const versus = (a, b) => `${(a / b).toFixed(2)} ${a <= b ? '<=' : '>'} 1`;
    console.log(
      `\n  target: Parquet / CSV ${versus(pq.seconds, csv.seconds)}; Parquet / polars ${versus(pq.seconds, pl.seconds)}`,
    );
  }
}

const passesSize = flag('--passes', undefined);
if (passesSize !== undefined) {
  const rows = Math.max(...sizes);
  const files = pair(rows);
  const inputs = [['CSV', files]];
  if (!process.argv.includes('--no-parquet')) {
    try {
      inputs.push(['Parquet', await parquetPair(rows, files)]);
    } catch (error) {
      console.log(`\nPasses, Parquet: skipped (${error.message.split('\n')[0]})`);
    }
  }
  const bytes =
    Number(/^([\d.]+)/.exec(passesSize)[1]) *
    { KB: 1e3, MB: 1e6, GB: 1e9 }[passesSize.replace(/^[\d.]+/, '').toUpperCase()];
  console.log(
    `\nUnder --max-memory ${passesSize} at ${rows.toLocaleString('en-US')} rows × 20, one run each:\n`,
  );
  console.log('input | passes | wall s | peak RSS MB | RSS within the budget | same report as without');
  console.log('----- | -----: | -----: | ----------: | --- | ---');
  for (const [name, input] of inputs) {
    const unbounded = runOnce(input);
    const bounded = runOnce(input, ['--max-memory', passesSize, '--debug']);
    const passes = /read in (\d+) passes/.exec(bounded.stderr)?.[1] ?? '1';
    const within = bounded.rssMb === undefined ? 'n/a' : bounded.rssMb * 1024 * 1024 <= bytes ? 'yes' : 'no';
    console.log(
      `${name} | ${passes} | ${bounded.seconds.toFixed(1)} | ${bounded.rssMb === undefined ? 'n/a' : bounded.rssMb.toFixed(0)} | ${within} | ${bounded.stdout === unbounded.stdout ? 'yes' : 'NO'}`,
    );
  }
  if (other !== undefined) {
    // Paired rounds on the CSV pair: both builds with and without the budget, in turn (the order
    // rotated each round); the medians, and the medians of each round's ratios (a shared machine's
    // load changes between rounds more than within one).
    const rounds = Number(flag('--paired-runs', '7'));
    const kinds = [
      ['this build, passes', bin, ['--max-memory', passesSize]],
      ['other build, passes', other, ['--max-memory', passesSize]],
      ['this build, one pass', bin, []],
      ['other build, one pass', other, []],
    ];
    const times = Object.fromEntries(kinds.map(([name]) => [name, []]));
    const peaks = Object.fromEntries(kinds.map(([name]) => [name, []]));
    for (let round = 0; round < rounds; round++)
      for (let step = 0; step < kinds.length; step++) {
        const [name, binary, extra] = kinds[(round + step) % kinds.length];
        const result = runOnce(files, extra, binary);
        times[name].push(result.seconds);
        peaks[name].push(result.rssMb);
      }
    console.log(
      `\nPaired rounds at ${rows.toLocaleString('en-US')} rows, CSV, ${rounds} rounds (other: ${other}):\n`,
    );
    console.log('run | wall s (median) | peak RSS MB (most)');
    console.log('--- | --------------: | -----------------:');
    for (const [name] of kinds) {
      const peak = peaks[name].every((value) => value !== undefined)
        ? Math.max(...peaks[name]).toFixed(0)
        : 'n/a';
      console.log(`${name} | ${median(times[name]).toFixed(2)} | ${peak}`);
    }
    const ratio = (a, b) => median(times[a].map((seconds, round) => seconds / times[b][round])).toFixed(2);
    console.log(
      `\n  passes / one pass (medians of the rounds' ratios): this build ${ratio('this build, passes', 'this build, one pass')}, other ${ratio('other build, passes', 'other build, one pass')}; passes, this / other: ${ratio('this build, passes', 'other build, passes')}`,
    );
  }
}
