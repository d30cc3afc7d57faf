import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinName, type BinResult, hasStackTrace, makeTempDir, ROOT, runBin } from '../helpers/bins.js';

/**
 * How every bin reads its command line (packages/cli-kit/src/numbers.ts), on the built bins: numeric
 * flags take decimal numbers only. Each case runs through the standalone bin and through `mlops`.
 */

const REFERENCE = join(ROOT, 'fixtures/drift/reference.csv');
const CURRENT = join(ROOT, 'fixtures/drift/current.csv');
const PIPELINE = join(ROOT, 'fixtures/pipeline/valid.json');

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = makeTempDir('mlops-cli-parsing-'));
  copyFileSync(join(ROOT, 'fixtures/registry/model_registry.json'), join(dir, 'model_registry.json'));
});
afterAll(() => cleanup());

function run(bin: BinName, args: readonly string[], env: Record<string, string> = {}): BinResult {
  const result = runBin(bin, args, { cwd: dir, env: { MLOPS_ACTOR: 'tester', ...env } });
  expect(hasStackTrace(result.stderr)).toBe(false);
  return result;
}

/** A usage error: exit 2, nothing on stdout, exactly this one line on stderr. */
function expectUsageError(result: BinResult, line: string): void {
  expect(result).toEqual({ code: 2, stdout: '', stderr: `error: ${line}\n` });
}

/** A tool's own bin and its place in `mlops`: the bin, the words before the tool's arguments, its name. */
const ROUTES = {
  registry: [
    ['model-registry', [], 'model-registry'],
    ['mlops', ['registry'], 'mlops registry'],
  ],
  drift: [
    ['drift-detector', [], 'drift-detector'],
    ['mlops', ['drift'], 'mlops drift'],
  ],
  pipeline: [
    ['pipeline-validator', [], 'pipeline-validator'],
    ['mlops', ['pipeline'], 'mlops pipeline'],
  ],
} as const satisfies Record<string, readonly (readonly [BinName, readonly string[], string])[]>;

/**
 * Values every numeric flag refuses, whatever its range: all of them through the tool's own bin, a few
 * through `mlops` (the same code; each run is a process).
 */
const NOT_DECIMAL = [
  '',
  ' 5',
  '5 ',
  '0x10',
  '0o17',
  '0b101',
  'Infinity',
  'NaN',
  '1_000',
  '5s',
  '5.',
  '1e999',
  '١',
];

describe('numeric flags take decimal numbers only', () => {
  /** [bin, prefix, value]: every value through the tool's own bin, a few through `mlops`. */
  const refused = (routes: readonly (readonly [BinName, readonly string[], string])[], more: string[] = []) =>
    routes.flatMap(([bin, prefix]) =>
      (bin === 'mlops' ? ['0x10', '', 'Infinity'] : [...NOT_DECIMAL, ...more]).map(
        (value) => [bin, prefix, value] as const,
      ),
    );
  const driftArgs = ['--reference', REFERENCE, '--current', CURRENT, '--json'];

  it.each(refused(ROUTES.drift, ['-1']))('%s %j --threshold %j is exit 2', (bin, prefix, value) => {
    expectUsageError(
      run(bin, [...prefix, ...driftArgs, '--threshold', value]),
      `--threshold: expected a decimal number ≥ 0, got ${JSON.stringify(value)}`,
    );
  });

  it.each(ROUTES.drift)('%s %j --drift-share keeps its range, decimal only', (bin, prefix) => {
    for (const value of ['0x1', '', '1.5', '-0.1'])
      expectUsageError(
        run(bin, [...prefix, ...driftArgs, '--drift-share', value]),
        `--drift-share: expected a decimal number between 0 and 1, got ${JSON.stringify(value)}`,
      );
  });

  it.each([
    ['drift-detector', [], '0.05', 0.05],
    ['drift-detector', [], '5', 5],
    ['drift-detector', [], '0', 0],
    ['drift-detector', [], '1e-3', 0.001],
    ['mlops', ['drift'], '.5', 0.5],
  ] as const)('%s %j --threshold %j is %d', (bin, prefix, value, threshold) => {
    const result = run(bin, [...prefix, ...driftArgs, '--threshold', value, '--drift-share', '1']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).threshold).toBe(threshold);
  });

  it.each(refused(ROUTES.registry, ['-1']))('%s %j --lock-timeout %j is exit 2', (bin, prefix, value) => {
    expectUsageError(
      run(bin, [...prefix, 'list', '--lock-timeout', value]),
      `--lock-timeout: expected a decimal number of seconds, 0 or more, got ${JSON.stringify(value)}`,
    );
  });

  it.each(ROUTES.registry)('%s %j: MLOPS_LOCK_TIMEOUT is read the same way', (bin, prefix) => {
    for (const value of ['0x10', ' 5', 'Infinity']) {
      expectUsageError(
        run(bin, [...prefix, 'list'], { MLOPS_LOCK_TIMEOUT: value }),
        `MLOPS_LOCK_TIMEOUT: expected a decimal number of seconds, 0 or more, got ${JSON.stringify(value)}`,
      );
    }
  });

  it.each([
    ['model-registry', [], '0'],
    ['model-registry', [], '0.5'],
    ['model-registry', [], '30'],
    ['mlops', ['registry'], '1e1'],
    ['mlops', ['registry'], '.25'],
  ] as const)('%s %j --lock-timeout %j is accepted', (bin, prefix, value) => {
    const result = run(bin, [...prefix, '--registry', 'empty.json', 'list', '--lock-timeout', value]);
    expect(result).toEqual({ code: 0, stdout: 'Registry is empty.\n', stderr: '' });
  });

  it.each(refused(ROUTES.pipeline, ['-1', '+1', '1.0', '1e3', '9007199254740992']))(
    '%s %j --max-warnings %j is exit 2',
    (bin, prefix, value) => {
      expectUsageError(
        run(bin, [...prefix, PIPELINE, '--max-warnings', value]),
        `--max-warnings: expected a whole number of warnings (0 or more, decimal digits only), got ${JSON.stringify(value)}`,
      );
    },
  );

  it.each([
    ['pipeline-validator', [], '0'],
    ['pipeline-validator', [], '007'],
    ['mlops', ['pipeline'], '5'],
  ] as const)('%s %j --max-warnings %j is accepted', (bin, prefix, value) => {
    const result = run(bin, [...prefix, PIPELINE, '--max-warnings', value, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).valid).toBe(true);
  });

  it.each(ROUTES.registry)('%s %j promote --require reads its number the same way', (bin, prefix) => {
    for (const condition of ['f1>=0x10', 'f1>=Infinity', 'f1>=1_000', 'f1>=0.'])
      expectUsageError(
        run(bin, [
          ...prefix,
          'promote',
          '--name',
          'm',
          '--version',
          '1',
          '--stage',
          'staging',
          '--require',
          condition,
        ]),
        `--require: expected METRIC>=NUMBER (or >, <=, <), e.g. "f1>=0.85", got ${JSON.stringify(condition)}`,
      );
  });
});

describe('each tool page states the command-line rules', () => {
  it.each([
    ['drift-detector', ['--threshold', '--drift-share']],
    ['model-registry', ['--lock-timeout', 'MLOPS_LOCK_TIMEOUT', '--require']],
    ['pipeline-validator', ['--max-warnings']],
  ])('docs/%s.md, "Command line": decimal numbers and %j', (tool, numeric) => {
    const page = readFileSync(join(ROOT, `docs/${tool}.md`), 'utf8');
    const start = page.indexOf('\n## Command line\n');
    expect(start, 'a "## Command line" section').toBeGreaterThan(0);
    const section = page.slice(start, page.indexOf('\n## ', start + 1));
    for (const needle of ['decimal', '0x10', ...numeric]) expect(section, needle).toContain(needle);
  });
});
