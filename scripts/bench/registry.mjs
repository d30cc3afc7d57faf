#!/usr/bin/env node
// Benchmark of model-registry on a 10,000-entry registry (issue 4's speed targets):
//   baseline   node -e: start Node, read the file, JSON.parse it
//   list       model-registry list --json (read, check with the schema, sort, print)
//   register   model-registry register (lock, read, check, append, write atomically with fsync)
// Prints the median of several runs of each (wall time of the whole process, stdout to a file) and the
// ratios to the baseline. Targets: list ≤ 2×, register ≤ 2.5×. Run after a build: `npm run bench -- registry`.
// Options: --runs N (default 9), --entries N (default 10000), --write-registry PATH (write it and stop),
// --bin PATH (the bin to measure).
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
/** `--name value` or `--name=value` (npm run bench passes on only the words that start with -). */
const argument = (name, fallback) => {
  const inline = process.argv.find((arg) => arg.startsWith(`${name}=`));
  const index = process.argv.indexOf(name);
  const value = inline ? inline.slice(name.length + 1) : index === -1 ? undefined : process.argv[index + 1];
  return value === undefined || value === '' ? fallback : value;
};
// --bin PATH: measure another copy of the bin (e.g. one copied aside while the tree is being rebuilt).
const bin = argument('--bin', join(root, 'packages/model-registry/bin/model-registry.js'));
const runs = Math.max(1, Number(argument('--runs', 9)) || 9);
const entryCount = Math.max(1, Number(argument('--entries', 10_000)) || 10_000);

/** A registry like a busy one: 500 models × 20 versions, 4 metrics, 3 parameters, tags, a history. */
function buildRegistry(count) {
  const stages = ['development', 'staging', 'production', 'archived', 'retired'];
  const entries = [];
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let index = 0; index < count; index++) {
    const model = `model-${String(index % 500).padStart(3, '0')}`;
    const version = `1.${Math.floor(index / 500)}.0`;
    const time = new Date(start + index * 60_000).toISOString();
    const legacy = index % 4 === 0; // a quarter written by the legacy tool: local time, no history
    const entry = {
      name: model,
      version,
      stage: stages[index % stages.length],
      registered_at: legacy ? time.slice(0, 19) : time,
      updated_at: legacy ? time.slice(0, 19) : time,
      metrics: {
        accuracy: 0.8 + (index % 97) / 1000,
        f1: 0.7 + (index % 89) / 1000,
        val_loss: 0.2 + (index % 83) / 1000,
        p95_latency_ms: 40 + (index % 61),
      },
      parameters: { learning_rate: 0.001 * (1 + (index % 5)), max_depth: 4 + (index % 6), optimizer: 'adam' },
      tags: index % 3 === 0 ? ['nightly', 'gpu'] : ['nightly'],
      description: index % 10 === 0 ? `retrained on the ${time.slice(0, 10)} snapshot` : '',
      artifact_path: `s3://models/${model}/${version}/model.pkl`,
    };
    if (!legacy) {
      entry.history = [
        { time, action: 'register', from_stage: null, to_stage: 'development', actor: 'ci', reason: '' },
      ];
    }
    entries.push(entry);
  }
  return `${JSON.stringify(entries, null, 2)}\n`;
}

/**
 * Wall time of one process. Its stdout goes to a file, as in `model-registry list --json > out.json`, so
 * that the figure is the tool's time, not the time this script takes to read 7 MB from a pipe.
 */
function time(args, output) {
  const fd = openSync(output, 'w');
  try {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
    const elapsed = performance.now() - started;
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed (${result.status}): ${result.stderr}`);
    return elapsed;
  } finally {
    closeSync(fd);
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const writeOnly = argument('--write-registry', undefined);
if (writeOnly !== undefined) {
  // Only write the registry (for profiling): --write-registry PATH
  writeFileSync(writeOnly, buildRegistry(entryCount));
  process.exit(0);
}

const folder = mkdtempSync(join(tmpdir(), 'mlops-bench-registry-'));
try {
  const file = join(folder, 'model_registry.json');
  writeFileSync(file, buildRegistry(entryCount));
  const output = join(folder, 'out.json');
  const baselineScript = `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`;
  // Warm the file cache and Node's own start-up files once, and check what list prints.
  time(['-e', baselineScript], output);
  time([bin, '--registry', file, 'list', '--json'], output);
  if (JSON.parse(readFileSync(output, 'utf8')).length !== entryCount)
    throw new Error('list --json printed too little');
  const baseline = [];
  const list = [];
  const register = [];
  for (let run = 0; run < runs; run++) {
    // Interleaved, so that a slow moment of the machine hits all three alike.
    baseline.push(time(['-e', baselineScript], output));
    list.push(time([bin, '--registry', file, 'list', '--json'], output));
    register.push(
      time(
        [
          bin,
          '--registry',
          file,
          'register',
          '--name',
          'bench',
          '--version',
          `run-${run}`,
          '--metrics',
          '{"f1": 0.9}',
        ],
        output,
      ),
    );
  }
  const b = median(baseline);
  const l = median(list);
  const r = median(register);
  const megabytes = (statSync(file).size / 1024 / 1024).toFixed(1);
  console.log(`registry of ${entryCount} entries (${megabytes} MB), median of ${runs} runs each:`);
  console.log(`  baseline  node -e (start + readFile + JSON.parse)  ${b.toFixed(1)} ms`);
  console.log(
    `  model-registry list --json                         ${l.toFixed(1)} ms  ${(l / b).toFixed(2)}× baseline (target ≤ 2×)`,
  );
  console.log(
    `  model-registry register                            ${r.toFixed(1)} ms  ${(r / b).toFixed(2)}× baseline (target ≤ 2.5×)`,
  );
} finally {
  rmSync(folder, { recursive: true, force: true });
}
