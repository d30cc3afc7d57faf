import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ROOT } from '../helpers/bins.js';
import {
  describeOutcome,
  FUZZ_SEED,
  fuzzRuns,
  fuzzTempDir,
  inPool,
  PARALLEL,
  Random,
  runBinAsync,
  uncleanEnd,
  unsafeOutput,
} from './harness.js';
import { hostileKey, hostileValue, mutate } from './mutate.js';

/**
 * pipeline-validator fed mutated pipeline files and config files, through the built bin. The validator
 * takes many files per run, so a batch of cases costs one process; a batch that ends badly is split to
 * name the file at fault. A readable file, however broken, must give a report (exit 0 or 1, valid JSON);
 * exit 2 is only for files that cannot be read, and none of these is unreadable.
 */

const SEEDS = [
  'fixtures/pipeline/valid.json',
  'fixtures/pipeline/invalid.json',
  'fixtures/pipeline/legacy/fraud_training_valid.json',
  'fixtures/pipeline/legacy/unknown_types_bad_cron.json',
  'fixtures/pipeline/legacy/wrong_order_and_names.json',
].map((path) => readFileSync(join(ROOT, path)));

/**
 * The same pipelines as YAML, and one that uses what YAML has beyond JSON: anchors and aliases, a tag,
 * flow and block collections, a block scalar, comments, a document marker.
 */
const YAML_SEEDS = [
  ...SEEDS.map((seed) => Buffer.from(stringify(JSON.parse(seed.toString('utf8'))))),
  Buffer.from(
    [
      '---',
      '# yaml-language-server: $schema=./pipeline.schema.json',
      'name: &name yaml_features',
      'schedule: "@daily"',
      'notifications: {on_failure: team@example.com}',
      'defaults: &inputs [rows, lookup]',
      'stages:',
      '  - {name: load, type: data, outputs: [rows, lookup]}',
      '  - name: fit',
      '    type: !!str train',
      '    inputs: *inputs',
      '    outputs: [model]',
      '    parameters:',
      '      note: |',
      '        free text',
      '        over lines',
      '  - name: eval',
      '    type: evaluate',
      '    inputs: [model]',
      '    outputs: [metrics]',
      '    gate: {metric: f1, threshold: 0.8}',
      '...',
      '',
    ].join('\n'),
  ),
];

const CONFIG_SEED = Buffer.from(
  `${JSON.stringify({ rules: { NO_TIMEOUT: 'error', MISSING_EVAL_GATE: 'off', INVALID_CRON: 'warning' } }, null, 2)}\n`,
);

/** Files per run of the validator (a run that fails is repeated file by file, to name the file at fault). */
const BATCH = 50;
let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = fuzzTempDir('mlops-fuzz-pipeline-'));
});
afterAll(() => cleanup());

describe(`pipeline-validator under fuzzing (seed ${FUZZ_SEED})`, () => {
  it.each([
    ['JSON', SEEDS, 'json', 150, 0],
    ['YAML', YAML_SEEDS, 'yaml', 60, 9],
  ] as const)(
    'every mutated %s pipeline file gets a report: exit 0 or 1, valid JSON, no stack trace, no hang',
    async (_syntax, seeds, ending, count, seedOffset) => {
      const runs = fuzzRuns(count);
      const random = new Random(FUZZ_SEED + seedOffset);
      const cases = Array.from({ length: runs }, (_, index) => {
        const { bytes, applied } = mutate(random.pick(seeds), random);
        const file = join(dir, `case-${index}.${ending}`);
        writeFileSync(file, bytes);
        return { file, applied, strict: random.chance(0.5) };
      });
      const batches = Array.from({ length: Math.ceil(runs / BATCH) }, (_, index) =>
        cases.slice(index * BATCH, (index + 1) * BATCH),
      );
      const failures: string[] = [];
      await inPool(batches, PARALLEL, async (batch) => {
        const args = (files: typeof batch) => [
          '--json',
          ...(files[0]?.strict ? ['--strict'] : []),
          ...files.map((one) => one.file),
        ];
        const outcome = await runBinAsync('pipeline-validator', args(batch), { cwd: dir });
        const problem =
          uncleanEnd(outcome, true) ?? (outcome.code === 2 ? 'exit 2 on readable files' : undefined);
        if (problem === undefined) {
          const report = JSON.parse(outcome.stdout) as unknown[];
          if (!Array.isArray(report) && typeof report !== 'object')
            failures.push(`batch: not a report: ${outcome.stdout.slice(0, 200)}`);
          return;
        }
        // Find the file(s) at fault, one process each.
        for (const one of batch) {
          const single = await runBinAsync('pipeline-validator', args([one]), { cwd: dir });
          const singleProblem =
            uncleanEnd(single, true) ?? (single.code === 2 ? 'exit 2 on a readable file' : undefined);
          if (singleProblem)
            failures.push(
              `${singleProblem}: ${one.file} (${one.applied.join('+')}; seed ${FUZZ_SEED}): ${describeOutcome(single)}`,
            );
        }
        if (failures.length === 0) failures.push(`batch only: ${problem}: ${describeOutcome(outcome)}`);
      });
      expect(
        failures,
        `seed ${FUZZ_SEED}; replay with MLOPS_FUZZ_SEED=${FUZZ_SEED} MLOPS_FUZZ_RUNS=${runs}`,
      ).toEqual([]);
      console.log(`pipeline fuzz (${ending}): ${runs} files in ${batches.length} runs, seed ${FUZZ_SEED}`);
    },
    120_000,
  );

  it('hostile names in pipeline files and file names: every format keeps the output safe', async () => {
    const runs = Math.ceil(fuzzRuns(150) / 6);
    const random = new Random(FUZZ_SEED + 8);
    const TYPES = ['data', 'transform', 'train', 'evaluate', 'deploy', 'monitor'];
    const value = () => (random.chance(0.7) ? hostileValue(random) : random.pick(TYPES));
    const files = Array.from({ length: runs }, (_, index) => {
      const names = Array.from({ length: 1 + random.int(5) }, value);
      const stages = names.map((name, position) => ({
        name,
        type: random.chance(0.5) ? random.pick(TYPES) : value(),
        inputs: Array.from({ length: random.int(3) }, value),
        outputs: Array.from({ length: random.int(3) }, value),
        ...(random.chance(0.3) ? { depends_on: [random.pick(names), value()] } : {}),
        ...(random.chance(0.2) ? { gate: { [hostileKey(random)]: value() } } : {}),
        ...(random.chance(0.1) ? { parameters: { [hostileKey(random)]: value() } } : {}),
        ...(position === 0 && random.chance(0.2) ? { [hostileKey(random)]: value() } : {}),
      }));
      const pipeline = {
        name: value(),
        schedule: value(),
        stages,
        notifications: { [hostileKey(random)]: value() },
      };
      // A file name holds no slash and no NUL, and stays under the 255-byte limit.
      const file = `hostile-${index}-${hostileValue(random).replaceAll('/', '').replaceAll('\u0000', '').slice(0, 60)}.json`;
      writeFileSync(join(dir, file), JSON.stringify(pipeline, null, 2));
      return file;
    });
    // Every batch of files in every format, and text with colour on.
    const formats = (['text', 'markdown', 'github', 'json', 'junit'] as const).flatMap((format) =>
      [false, ...(format === 'text' ? [true] : [])].map((color) => ({ format, color })),
    );
    const batches = Array.from({ length: Math.ceil(files.length / BATCH) }, (_, index) =>
      files.slice(index * BATCH, (index + 1) * BATCH),
    );
    const runsOf = batches.flatMap((batch) => formats.map((format) => ({ ...format, batch })));
    const failures: string[] = [];
    await inPool(runsOf, PARALLEL, async ({ format, color, batch }) => {
      const outcome = await runBinAsync('pipeline-validator', ['--format', format, ...batch], {
        cwd: dir,
        env: color ? { FORCE_COLOR: '1' } : {},
      });
      const problem =
        uncleanEnd(outcome, format === 'json') ??
        (outcome.code === 2 ? 'exit 2 on readable files' : unsafeOutput(outcome, format, color));
      if (problem)
        failures.push(
          `${problem}: --format ${format}${color ? ' (colour)' : ''}: ${describeOutcome(outcome)}`,
        );
    });
    expect(
      failures,
      `seed ${FUZZ_SEED}; replay with MLOPS_FUZZ_SEED=${FUZZ_SEED} MLOPS_FUZZ_RUNS=${runs * 6}`,
    ).toEqual([]);
  }, 120_000);

  it('a mutated config file gives a report or one clean usage error (exit 2)', async () => {
    const runs = Math.ceil(fuzzRuns(150) / 15);
    const random = new Random(FUZZ_SEED + 1);
    const pipeline = join(dir, 'pipeline.json');
    writeFileSync(pipeline, SEEDS[0]!);
    const failures: string[] = [];
    const cases = Array.from({ length: runs }, (_, index) => {
      const { bytes, applied } = mutate(CONFIG_SEED, random);
      const config = join(dir, `config-${index}.json`);
      writeFileSync(config, bytes);
      return { config, applied };
    });
    await inPool(cases, PARALLEL, async ({ config, applied }) => {
      const outcome = await runBinAsync('pipeline-validator', ['--json', '--config', config, pipeline], {
        cwd: dir,
      });
      const problem = uncleanEnd(outcome, true);
      if (problem)
        failures.push(
          `${problem}: ${config} (${applied.join('+')}; seed ${FUZZ_SEED}): ${describeOutcome(outcome)}`,
        );
    });
    expect(failures).toEqual([]);
  }, 120_000);

  it('a 20,000-stage dependency chain closed into a cycle, and nesting 100,000 deep: a report, no stack overflow', async () => {
    const count = 20_000;
    const stages = Array.from({ length: count }, (_, index) => ({
      name: `s${index}`,
      type: 'transform',
      inputs: index === 0 ? [] : [`a${index - 1}`],
      outputs: [`a${index}`],
      depends_on: [`s${(index + count - 1) % count}`],
    }));
    const chain = join(dir, 'chain.json');
    writeFileSync(chain, JSON.stringify({ name: 'long', schedule: '0 * * * *', stages }));
    const deep = join(dir, 'deep.json');
    writeFileSync(
      deep,
      `{"name": "deep", "stages": [], "parameters": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    );
    // About 1 s alone; a CI run of the whole suite on a loaded 2-core machine once took past the
    // harness's default 10 s (killed while printing its report), so this heavy case gets a minute: a
    // hang still never ends.
    const outcome = await runBinAsync('pipeline-validator', ['--json', chain, deep], {
      cwd: dir,
      timeoutMs: 60_000,
    });
    expect(uncleanEnd(outcome, true), describeOutcome(outcome)).toBeUndefined();
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toContain('DEPENDENCY_CYCLE');
  }, 90_000);
});
