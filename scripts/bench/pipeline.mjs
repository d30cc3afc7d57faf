#!/usr/bin/env node
// pipeline-validator benchmark (targets: each of chain, fan and complete in ≤ 3 s and ≤ 500 MB peak RSS
// for the whole run of the bin).
//
// Generates pipeline files into .bench/pipeline/ (gitignored; reused when present) and runs the built
// bin on each (`pipeline-validator FILE --json`, stdout to a file), printing the median wall time, the
// peak RSS of all runs and the number of issues:
//   chain     100,000 stages (12.6 MB), each depends_on the one before and reads, besides its
//             predecessor's artifact, an input only the last stage makes (99,998 UNRESOLVED_INPUT
//             warnings: the shape of the issue, 11.7 MB at 100,000 stages, that took 58 s at 20,000
//             stages and over 120 s at 100,000 when each unresolved input walked its consumer's
//             ancestors)
//   fan       100,000 stages depending on the first, each reading its output and an input only the
//             last stage makes
//   complete  1,500 stages, each depends_on every stage before it (1,124,250 edges)
//   tangled   100,000 stages, a depends_on chain backwards, the first half each reading from its own
//             later stage: the worst case of resolving inputs through depends_on (no target; shown so
//             that the cost of that case is known)
//   yaml      the chain's shape at 5,000 stages, written as JSON and as YAML (block style, 0.8 MB,
//             under the 1 MB YAML bound): the whole run of each, then the parse alone in this process
//             (core's parseJsonWithPositions and parseYamlWithPositions, median of --runs) (no target;
//             not run unless asked: --cases yaml)
//
//   node scripts/bench/pipeline.mjs [--cases chain,fan,complete,tangled,yaml] [--runs 5] [--bin PATH]
// (through npm: npm run bench -- pipeline --runs 9). --bin measures another build of the bin, e.g. an
// older one copied aside. Peak RSS comes from /usr/bin/time -v when it exists; otherwise it is not measured.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stringify } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const folder = join(root, '.bench/pipeline');

/** `--name value` or `--name=value` (npm run bench passes on only the words that start with -). */
function flag(name, fallback) {
  const inline = process.argv.find((arg) => arg.startsWith(`${name}=`));
  const index = process.argv.indexOf(name);
  const value = inline ? inline.slice(name.length + 1) : index === -1 ? undefined : process.argv[index + 1];
  return value === undefined || value === '' ? fallback : value;
}
const bin = flag('--bin', join(root, 'packages/pipeline-validator/bin/pipeline-validator.js'));
const runs = Math.max(1, Number(flag('--runs', '5')) || 5);
const wanted = flag('--cases', 'chain,fan,complete,tangled').split(',');

const HEAD = { schedule: '0 2 * * *', notifications: { on_failure: 'ml-team@example.com' } };

/** The generators, by case: each returns the pipeline object. */
const CASES = {
  chain: {
    stages: 100_000,
    target: { seconds: 3, rssMb: 500 },
    build(count) {
      const stages = [];
      for (let index = 0; index < count - 1; index++)
        stages.push({
          name: `stage_${index}`,
          type: index === 0 ? 'data' : 'transform',
          inputs: index === 0 ? [] : [`artifact_${index - 1}`, 'lookup'],
          outputs: [`artifact_${index}`],
          ...(index > 0 ? { depends_on: [`stage_${index - 1}`] } : {}),
        });
      // Listed last, depending on nothing: the chain's reads of it are forward references.
      stages.push({ name: 'refresh_lookup', type: 'data', outputs: ['lookup'] });
      return { name: 'chain', ...HEAD, stages };
    },
  },
  fan: {
    stages: 100_000,
    target: { seconds: 3, rssMb: 500 },
    build(count) {
      const stages = [{ name: 'load', type: 'data', outputs: ['rows'], timeout_minutes: 30 }];
      for (let index = 1; index < count; index++)
        stages.push({
          name: `branch_${index}`,
          type: 'transform',
          inputs: ['rows', 'lookup'],
          outputs: index === count - 1 ? [`features_${index}`, 'lookup'] : [`features_${index}`],
          depends_on: ['load'],
          timeout_minutes: 30,
        });
      return { name: 'fan', ...HEAD, stages };
    },
  },
  complete: {
    stages: 1_500,
    target: { seconds: 3, rssMb: 500 },
    build(count) {
      const stages = [];
      for (let index = 0; index < count; index++)
        stages.push({
          name: `s${index}`,
          type: index === 0 ? 'data' : 'transform',
          inputs: index === 0 ? [] : [`o${index - 1}`, 'external'],
          outputs: [`o${index}`],
          depends_on: Array.from({ length: index }, (_, before) => `s${before}`),
        });
      return { name: 'complete', ...HEAD, stages };
    },
  },
  yaml: {
    stages: 5_000,
    syntaxes: ['json', 'yaml'],
    build(count) {
      return CASES.chain.build(count);
    },
  },
  tangled: {
    stages: 100_000,
    build(count) {
      const stages = [];
      for (let index = 0; index < count; index++)
        stages.push({
          name: `s${index}`,
          type: 'transform',
          ...(index < count / 2 ? { inputs: [`x${index}`] } : {}),
          outputs: [`x${count - 1 - index}`],
          ...(index + 1 < count ? { depends_on: [`s${index + 1}`] } : {}),
        });
      return { name: 'tangled', ...HEAD, stages };
    },
  },
};

function fileFor(name, syntax) {
  mkdirSync(folder, { recursive: true });
  const spec = CASES[name];
  const path = join(folder, `${name}-${spec.stages}.${syntax}`);
  if (!existsSync(path)) {
    const value = spec.build(spec.stages);
    writeFileSync(`${path}.partial`, syntax === 'yaml' ? stringify(value) : JSON.stringify(value));
    renameSync(`${path}.partial`, path);
  }
  return path;
}

const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const output = join(folder, 'out.json');

function runOnce(file) {
  const args = [bin, file, '--json'];
  const command = timeBin ?? process.execPath;
  const commandArgs = timeBin ? ['-v', process.execPath, ...args] : args;
  const fd = openSync(output, 'w');
  let result;
  const started = performance.now();
  try {
    result = spawnSync(command, commandArgs, { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  } finally {
    closeSync(fd);
  }
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`pipeline-validator exited ${result.status}: ${result.stderr.trim().split('\n').at(-1)}`);
  const rssMatch = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr ?? '');
  const report = JSON.parse(readFileSync(output, 'utf8')); // the report must be valid JSON
  return { seconds, rssMb: rssMatch ? Number(rssMatch[1]) / 1024 : undefined, issues: report.total_issues };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

if (!existsSync(bin)) {
  console.error('error: build first (npm run build), or give --bin PATH');
  process.exit(2);
}
console.log(`pipeline-validator FILE --json; ${cpus().length} CPUs, Node ${process.version}; ${bin}`);
console.log('case      | stages  | file MB | runs | wall s (median) | peak RSS MB | issues');
console.log('--------- | ------: | ------: | ---: | --------------: | ----------: | -----:');
let missed = false;
for (const name of wanted) {
  const spec = CASES[name];
  if (!spec) {
    console.error(`error: unknown case ${JSON.stringify(name)} (cases: ${Object.keys(CASES).join(', ')})`);
    process.exit(2);
  }
  let seconds;
  let peak;
  for (const syntax of spec.syntaxes ?? ['json']) {
    const file = fileFor(name, syntax);
    runOnce(file); // warm-up: file cache
    const results = Array.from({ length: runs }, () => runOnce(file));
    seconds = median(results.map((result) => result.seconds));
    peak = results.every((result) => result.rssMb !== undefined)
      ? Math.max(...results.map((result) => result.rssMb))
      : undefined;
    const label = spec.syntaxes ? `${name} ${syntax}` : name;
    console.log(
      `${label.padEnd(9)} | ${spec.stages.toLocaleString('en-US').padStart(7)} | ${(statSync(file).size / 1e6).toFixed(1).padStart(7)} | ${String(runs).padStart(4)} | ${seconds.toFixed(2).padStart(15)} | ${(peak === undefined ? 'n/a' : peak.toFixed(0)).padStart(11)} | ${results[0].issues}`,
    );
  }
  if (spec.syntaxes) {
    // The parse alone, in this process, with the built core (JSON.parse or the yaml package, bounded).
    const core = await import(pathToFileURL(join(root, 'packages/core/dist/index.js')).href);
    const parse = {
      json: (text) => core.parseJsonWithPositions(text, { maxDepth: core.MAX_JSON_DEPTH }),
      yaml: (text) => core.parseYamlWithPositions(text),
    };
    const times = {};
    for (const syntax of spec.syntaxes) {
      const text = readFileSync(fileFor(name, syntax), 'utf8');
      parse[syntax](text); // warm-up
      times[syntax] = median(
        Array.from({ length: runs }, () => {
          const started = performance.now();
          if (!parse[syntax](text).ok) throw new Error(`${syntax}: the file does not parse`);
          return performance.now() - started;
        }),
      );
    }
    console.log(
      `  parse alone: ${spec.syntaxes.map((syntax) => `${syntax} ${times[syntax].toFixed(0)} ms`).join(', ')}` +
        ` (YAML ${(times.yaml / times.json).toFixed(0)} times JSON)`,
    );
  }
  const { target } = spec;
  if (target) {
    const checks = [
      `wall ${seconds.toFixed(2)} s ${seconds <= target.seconds ? '<=' : '>'} ${target.seconds} s`,
    ];
    if (seconds > target.seconds) missed = true;
    if (peak !== undefined) {
      checks.push(`peak RSS ${peak.toFixed(0)} MB ${peak <= target.rssMb ? '<=' : '>'} ${target.rssMb} MB`);
      if (peak > target.rssMb) missed = true;
    }
    console.log(`  target: ${checks.join('; ')}`);
  }
}
if (missed) console.log('\nA target was missed (on a loaded machine, run again with more --runs).');
