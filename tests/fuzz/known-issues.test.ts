import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/bins.js';
import { runBinAsync, uncleanEnd } from './harness.js';

/**
 * Defects found by the fuzz suites in code this suite does not own, each as a minimal reproducer.
 * `it.fails` marks a reproducer that fails today and costs little (it will start "failing" once the
 * defect is fixed: then turn it into a plain `it`); `it.skip` one that would hang the run for seconds.
 * The fuzz suites avoid these inputs until they are fixed (see LONG_LINE_UNITS in mutate.ts).
 */

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = makeTempDir('mlops-known-issues-'));
});
afterAll(() => cleanup());

/** drift-detector --json on two files with these texts, named after `name` (the cases run at once). */
function driftJson(name: string, referenceText: string, currentText: string) {
  const reference = join(dir, `${name}-reference.csv`);
  const current = join(dir, `${name}-current.csv`);
  writeFileSync(reference, referenceText);
  writeFileSync(current, currentText);
  return runBinAsync('drift-detector', ['--reference', reference, '--current', current, '--json']);
}

// Concurrent: each case spawns its bin on its own files, side by side with the others.
describe.concurrent('known issues (reproducers)', () => {
  // packages/core/src/errors.ts formatErrorLine: message.replace(/\s*\n\s*/g, ' ') backtracks over every
  // run of white space that is not followed by a line break: O(n²). 60,000 spaces take 4 s, 135,000 22 s.
  // Any error message that quotes user input can carry such a run (a name, a column, a timestamp in a
  // registry file). Fix: e.g. message.split('\n').map((part) => part.trim()).join(' ').
  it('an error message quoting 100,000 spaces ends within 10 s (was a hang)', async () => {
    // An existing empty registry: a missing file would add a `note:` line before the error.
    writeFileSync(join(dir, 'empty.json'), '[]\n');
    const outcome = await runBinAsync('model-registry', [
      '--registry',
      join(dir, 'empty.json'),
      'show',
      '--name',
      `${' '.repeat(100_000)}x`,
      '--version',
      '1',
    ]);
    expect(uncleanEnd(outcome, false)).toBeUndefined();
    expect(outcome.code).toBe(2);
  });

  // packages/core/src/csv/python-float.ts FLOAT_STRIP / PYTHON_STRIP: /^[space]+|[space]+$/g on a cell
  // with a long run of spaces inside it (not at its end) is O(n²): `1<80,000 spaces>x` takes 22 s.
  it('a CSV cell with 100,000 spaces inside it ends within 10 s (was a hang)', async () => {
    const outcome = await driftJson('spaces', `a\n1${' '.repeat(100_000)}x\n1\n2\n`, 'a\n1\n2\n');
    expect(uncleanEnd(outcome, true)).toBeUndefined();
  });

  // A lone CR inside a row (a classic Mac line end, or a mutated file) gave a message that contradicted
  // itself ("row has 2 fields but the header has 2"), found by the drift fuzz suite: csv-parse took the
  // first line end it met for the whole file. Fixed: \n, \r\n and \r in any mix, as Python's csv reads.
  it("a lone CR ends a line, as in Python's csv module (was a contradictory error)", async () => {
    const outcome = await driftJson('lone-cr', 'a,b\r1,2\r3,4\n5,6\n', 'a,b\n1,2\n3,4\n');
    expect(uncleanEnd(outcome, true)).toBeUndefined();
    const report = JSON.parse(outcome.stdout);
    expect(report.features.map((feature: { ref_count: number }) => feature.ref_count)).toEqual([3, 3]);
  });

  // packages/cli-kit/src/run.ts outputError: commander's suggestion comes on a second line,
  // "error: unknown option '--versions'\n(Did you mean --version?) (see 'model-registry --help')".
  // Found by tests/fuzz/argv.fuzz.test.ts. Fix: replace the newline by a space before writing.
  it('an unknown option with a suggestion: one line on stderr', async () => {
    const outcome = await runBinAsync('model-registry', ['--versions', 'list']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/^error: [^\n]*\n$/);
  });
});
