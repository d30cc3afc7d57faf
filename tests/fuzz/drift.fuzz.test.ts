import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { hostileValue, mutate } from './mutate.js';

/**
 * drift-detector fed pairs of CSV files, through the built bin: generated files (random quoting, CRLF,
 * BOM, empty cells, unicode, odd numbers) mutated at the byte level, one file of the pair or both, with
 * a random method and format; and Parquet, Arrow IPC and JSON Lines files (gzipped or not) mutated
 * likewise. Every run must end 0/1 with a report or 2 with one clean line.
 */

/** The methods that apply to both kinds of column (ks, wasserstein, chisquare, ztest would refuse half the columns). */
const METHODS = ['legacy', 'psi', 'kl_div', 'jensenshannon', 'hellinger', 'auto'];
const CELLS = [
  '',
  ' ',
  'NaN',
  'nan',
  '-inf',
  'Infinity',
  '1e400',
  '1_000',
  '١٢',
  '.5',
  '5.',
  '+1',
  '0x10',
  '1,5',
  'é',
  '日本',
  '"',
  'a"b',
  '\t',
];

function quote(cell: string, random: Random): string {
  return random.chance(0.2) || /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** A valid CSV: a header, numeric, categorical and messy columns, random quoting, LF or CRLF, maybe a BOM. */
function generatedCsv(random: Random, header: readonly string[], shift: number): Buffer {
  const rows = 1 + random.int(random.chance(0.2) ? 3000 : 80);
  const eol = random.chance(0.3) ? '\r\n' : '\n';
  const lines = [header.map((name) => quote(name, random)).join(',')];
  for (let row = 0; row < rows; row++) {
    const cells = header.map((_, index) => {
      if (random.chance(0.05)) return random.pick(CELLS);
      switch (index % 3) {
        case 0:
          return String(Math.round((random.next() * 100 + shift) * 1000) / 1000);
        case 1:
          return random.pick(['red', 'green', 'blue', 'a,b', 'multi\nline', 'ünïcode']);
        default:
          return String(random.int(3));
      }
    });
    lines.push(cells.map((cell) => quote(cell, random)).join(','));
  }
  return Buffer.from(
    `${random.chance(0.2) ? '\ufeff' : ''}${lines.join(eol)}${random.chance(0.8) ? eol : ''}`,
  );
}

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = fuzzTempDir('mlops-fuzz-drift-'));
});
afterAll(() => cleanup());

describe(`drift-detector under fuzzing (seed ${FUZZ_SEED})`, () => {
  it('every CSV pair ends with a report (exit 0/1, valid JSON) or one clean error (exit 2)', async () => {
    const runs = fuzzRuns(10);
    const random = new Random(FUZZ_SEED + 2);
    const fixtures = [
      readFileSync(join(ROOT, 'fixtures/drift/reference.csv')),
      readFileSync(join(ROOT, 'fixtures/drift/current.csv')),
    ];
    const failures: string[] = [];
    const counts = { 0: 0, 1: 0, 2: 0 } as Record<number, number>;
    // Every case is drawn and written before any runs, so that a seed gives the same cases whatever the timing.
    const cases = Array.from({ length: runs }, (_, index) => {
      const fromFixtures = random.chance(0.3);
      const header = Array.from(
        { length: 1 + random.int(4) },
        (_, column) => `col_${column}${random.chance(0.1) ? ' ü' : ''}`,
      );
      let reference = fromFixtures ? fixtures[0]! : generatedCsv(random, header, 0);
      let current = fromFixtures ? fixtures[1]! : generatedCsv(random, header, random.next() * 50);
      const applied: string[] = [];
      const which = random.int(4); // 0: none (valid pair), 1: reference, 2: current, 3: both
      if (which === 1 || which === 3) {
        const mutated = mutate(reference, random);
        reference = mutated.bytes;
        applied.push(`reference:${mutated.applied.join('+')}`);
      }
      if (which === 2 || which === 3) {
        const mutated = mutate(current, random);
        current = mutated.bytes;
        applied.push(`current:${mutated.applied.join('+')}`);
      }
      const referencePath = join(dir, `case-${index}.reference.csv`);
      const currentPath = join(dir, `case-${index}.current.csv`);
      writeFileSync(referencePath, reference);
      writeFileSync(currentPath, current);
      const args = ['--reference', referencePath, '--current', currentPath, '--json'];
      if (random.chance(0.7)) args.push('--method', random.pick(METHODS));
      if (random.chance(0.1)) args.push('--correction', random.pick(['bonferroni', 'fdr']));
      return { args, applied };
    });
    await inPool(cases, PARALLEL, async ({ args, applied }) => {
      const outcome = await runBinAsync('drift-detector', args, { cwd: dir });
      const problem = uncleanEnd(outcome, true);
      if (problem)
        failures.push(
          `${problem}: drift-detector ${args.join(' ')} (${applied.join(', ') || 'valid'}): ${describeOutcome(outcome)}`,
        );
      else counts[outcome.code!]! += 1;
    });
    expect(
      failures,
      `seed ${FUZZ_SEED}; replay with MLOPS_FUZZ_SEED=${FUZZ_SEED} MLOPS_FUZZ_RUNS=${runs}`,
    ).toEqual([]);
    console.log(
      `drift fuzz: ${runs} pairs, seed ${FUZZ_SEED}, exit 0/1/2: ${counts[0]}/${counts[1]}/${counts[2]}`,
    );
  }, 180_000);

  it('hostile column names, categories and file names: every format keeps the output safe', async () => {
    const runs = Math.ceil(fuzzRuns(20) / 4);
    const random = new Random(FUZZ_SEED + 7);
    const formats = ['text', 'markdown', 'json', 'junit'] as const;
    const cases = Array.from({ length: runs }, (_, index) => {
      // Columns alternate numeric and categorical; the categories of the current file differ.
      const header = Array.from({ length: 1 + random.int(3) }, () => hostileValue(random));
      const categories = Array.from({ length: 3 }, () => hostileValue(random));
      const rows = (shift: number, offset: number) =>
        Array.from({ length: 30 }, (_, row) =>
          header
            .map((_, column) =>
              column % 2 === 0 ? String(row + shift) : quote(categories[(row + offset) % 3]!, random),
            )
            .join(','),
        );
      const head = header.map((name) => quote(name, random)).join(',');
      // A file name holds no slash and no NUL, and stays under the 255-byte limit.
      const fileName = (prefix: string) =>
        `${prefix}-${index}-${hostileValue(random)
          .replaceAll('/', '')
          .replaceAll('\u0000', '')
          .slice(0, 60)}.csv`;
      const reference = fileName('reference');
      const current = fileName('current');
      writeFileSync(join(dir, reference), [head, ...rows(0, 0)].join('\n'));
      writeFileSync(join(dir, current), [head, ...rows(random.int(40), 1)].join('\n'));
      const format = random.pick(formats);
      const color = format === 'text' && random.chance(0.5);
      return { args: ['--reference', reference, '--current', current, '--format', format], format, color };
    });
    const failures: string[] = [];
    const codes = [0, 0, 0];
    await inPool(cases, PARALLEL, async ({ args, format, color }) => {
      const outcome = await runBinAsync('drift-detector', args, {
        cwd: dir,
        env: color ? { FORCE_COLOR: '1' } : {},
      });
      const problem = uncleanEnd(outcome, format === 'json') ?? unsafeOutput(outcome, format, color);
      if (problem)
        failures.push(
          `${problem}: drift-detector ${JSON.stringify(args).slice(0, 300)}${color ? ' (colour)' : ''}: ${describeOutcome(outcome)}`,
        );
      else codes[outcome.code!]! += 1;
    });
    expect(
      failures,
      `seed ${FUZZ_SEED}; replay with MLOPS_FUZZ_SEED=${FUZZ_SEED} MLOPS_FUZZ_RUNS=${runs * 4}`,
    ).toEqual([]);
    console.log(`drift hostile-value fuzz: ${runs} pairs, exit 0/1/2 ${codes.join('/')}`);
  }, 120_000);

  it('every mutated Parquet, Arrow or JSON Lines file ends with a report or one clean error', async () => {
    const runs = Math.ceil(fuzzRuns(10) / 2);
    const random = new Random(FUZZ_SEED + 11);
    const jsonLines = (seed: number) => {
      const lines = readFileSync(join(ROOT, 'fixtures/drift/reference.csv'), 'utf8').trim().split('\n');
      const header = lines[0]!.split(',');
      return Buffer.from(
        lines
          .slice(1, 1 + 200 + seed)
          .map((line) =>
            JSON.stringify(Object.fromEntries(line.split(',').map((cell, i) => [header[i], cell]))),
          )
          .join('\n'),
      );
    };
    // Each format's intact file; the other side of the pair is the same file, intact.
    const sources: [string, Buffer][] = [
      ['parquet', readFileSync(join(ROOT, 'fixtures/drift/reference.parquet'))],
      ['arrow', readFileSync(join(ROOT, 'fixtures/arrow/polars-types.arrow'))],
      ['arrows', readFileSync(join(ROOT, 'fixtures/arrow/polars-types.arrows'))],
      ['arrow', readFileSync(join(ROOT, 'fixtures/arrow/polars-lz4.arrow'))],
      ['arrow', readFileSync(join(ROOT, 'fixtures/arrow/polars-zstd.arrow'))],
      ['jsonl', jsonLines(0)],
      ['jsonl.gz', gzipSync(jsonLines(7))],
    ];
    const cases = Array.from({ length: runs }, (_, index) => {
      const [extension, intact] = random.pick(sources);
      const { bytes, applied } = mutate(intact, random);
      const mutated = join(dir, `typed-${index}.mutated.${extension}`);
      const original = join(dir, `typed-${index}.intact.${extension}`);
      writeFileSync(mutated, bytes);
      writeFileSync(original, intact);
      const args = random.chance(0.5)
        ? ['--reference', mutated, '--current', original]
        : ['--reference', original, '--current', mutated];
      if (random.chance(0.3)) args.push('--method', random.pick(METHODS));
      return { args: [...args, '--json'], applied };
    });
    const failures: string[] = [];
    const codes = [0, 0, 0];
    await inPool(cases, PARALLEL, async ({ args, applied }) => {
      const outcome = await runBinAsync('drift-detector', args, { cwd: dir });
      const problem = uncleanEnd(outcome, true);
      if (problem)
        failures.push(
          `${problem}: drift-detector ${args.join(' ')} (${applied.join('+')}; seed ${FUZZ_SEED}): ${describeOutcome(outcome)}`,
        );
      else codes[outcome.code!]! += 1;
    });
    expect(
      failures,
      `seed ${FUZZ_SEED}; replay with MLOPS_FUZZ_SEED=${FUZZ_SEED} MLOPS_FUZZ_RUNS=${runs * 2}`,
    ).toEqual([]);
    console.log(`drift typed-format fuzz: ${runs} files, exit 0/1/2 ${codes.join('/')}`);
  }, 180_000);

  it('a mutated --config file ends with a report or one clean error', async () => {
    const runs = Math.ceil(fuzzRuns(25) / 5);
    const random = new Random(FUZZ_SEED + 5);
    const reference = join(ROOT, 'fixtures/drift/reference.csv');
    const current = join(ROOT, 'fixtures/drift/current.csv');
    const config = Buffer.from(
      `${JSON.stringify(
        {
          method: 'psi',
          threshold: 0.2,
          correction: 'none',
          drift_share: 0.3,
          ignore: ['country'],
          columns: { monthly_spend: { method: 'ks', threshold: 0.01 }, plan: { kind: 'categorical' } },
        },
        null,
        2,
      )}\n`,
    );
    const cases = Array.from({ length: runs }, (_, index) => {
      const { bytes, applied } = mutate(config, random);
      const path = join(dir, `config-${index}.json`);
      writeFileSync(path, bytes);
      return { path, applied };
    });
    const failures: string[] = [];
    await inPool(cases, PARALLEL, async ({ path, applied }) => {
      const outcome = await runBinAsync(
        'drift-detector',
        ['--reference', reference, '--current', current, '--config', path, '--json'],
        { cwd: dir },
      );
      const problem = uncleanEnd(outcome, true);
      if (problem)
        failures.push(
          `${problem}: --config ${path} (${applied.join('+')}; seed ${FUZZ_SEED}): ${describeOutcome(outcome)}`,
        );
    });
    expect(failures).toEqual([]);
  }, 120_000);
});
