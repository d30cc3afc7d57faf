import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BINS,
  type BinResult,
  cleanEnv,
  hasStackTrace,
  inParallel,
  makeTempDir,
  spawnBin,
} from '../helpers/bins.js';
import { seededRandom } from '../helpers/random.js';

/**
 * A CSV check in passes parses each file once: the first pass spills the later passes' columns to a
 * file in TMPDIR, and the later passes load them from there. What it prints is byte for byte what
 * one pass prints, whichever reader parses the file (quoted cells: the general reader; plain ones:
 * the byte-level reader), in this thread or in a worker; nothing is left in TMPDIR, whatever ends the
 * check; a TMPDIR that cannot take the spill is exit 2 with one line.
 */

const ROWS = 20_000;
const temp = makeTempDir('mlops-spill-e2e-');
const at = (name: string) => join(temp.dir, name);
/** A TMPDIR of its own per run, to see what is left in it. */
let tmpdirs = 0;
function freshTmpdir(name = `tmp-${tmpdirs++}`): string {
  const path = at(name);
  mkdirSync(path);
  return path;
}

// Numbers (with -0, NaN and inf, which are missing), integers with blanks, categories (quoted, with
// the delimiter inside, in the quoted files), a categorical column holding numbers (read again with
// its text), and a column the current file lacks.
function csvText(seed: number, shift: number, withLegacy: boolean, quoted: boolean): string {
  const next = seededRandom(seed);
  const names = ['amount', 'count', 'segment', 'code', ...(withLegacy ? ['legacy_flag'] : [])];
  const lines = [names.join(',')];
  for (let row = 0; row < ROWS; row += 1) {
    const u = next();
    const segment = ['retail', 'smb', 'enterprise, large', 'gov'][Math.floor(next() * (shift > 0 ? 4 : 3))]!;
    const amount =
      u < 0.01 ? 'nan' : u < 0.02 ? '-0' : u < 0.03 ? 'inf' : (next() * 100 + shift * 10).toFixed(4);
    const cells = [
      amount,
      next() < 0.05 ? '' : String(Math.floor(next() * 20 + shift * 3)),
      quoted ? `"${segment}"` : segment.replace(', ', ' '),
      u < 0.6 ? String(Math.floor(next() * 5)) : u < 0.9 ? 'x' : '',
      ...(withLegacy ? [String(Math.floor(next() * 2))] : []),
    ];
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(() => {
  for (const quoted of [false, true]) {
    const suffix = quoted ? '-quoted' : '';
    writeFileSync(at(`ref${suffix}.csv`), csvText(1, 0, true, quoted));
    writeFileSync(at(`cur${suffix}.csv`), csvText(2, 0.4, false, quoted));
  }
});
afterAll(() => temp.cleanup());

interface Run {
  files: '' | '-quoted';
  budget?: string;
  threads: 'on' | 'off';
}

const label = (run: Run) => `spill${run.files}-${run.budget ?? 'default'}-${run.threads}`;
const checkArgs = (files: string, extra: readonly string[] = []) => [
  '--reference',
  `ref${files}.csv`,
  '--current',
  `cur${files}.csv`,
  '--json',
  ...extra,
];

function drift(run: Run, tmpdir: string): Promise<BinResult> {
  return spawnBin(
    'drift-detector',
    checkArgs(run.files, [
      '--debug',
      '--html',
      `${label(run)}.html`,
      ...(run.budget === undefined ? [] : ['--max-memory', run.budget]),
    ]),
    {
      cwd: temp.dir,
      env: { SOURCE_DATE_EPOCH: '1764547200', TMPDIR: tmpdir, MLOPS_DRIFT_THREADS: run.threads },
    },
  );
}

describe('a check in passes over CSV files parses each file once, and prints what one pass prints', () => {
  it.each(['', '-quoted'] as const)(
    'files%s: byte-identical JSON and HTML with the spill (20 MB) and without (one pass), in a worker or not',
    async (files) => {
      const runs: Run[] = [
        { files, threads: 'off' },
        { files, budget: '20MB', threads: 'off' },
        { files, budget: '20MB', threads: 'on' },
      ];
      const tmpdirs = runs.map(() => freshTmpdir());
      const results = await inParallel(runs, 2, (run, index) => drift(run, tmpdirs[index]!));
      for (const result of results) expect(result.code).toBe(1);
      const [one, ...spilled] = results;
      expect(one!.stderr).not.toContain('spilled');
      for (const [index, result] of spilled.entries()) {
        expect(result.stdout).toBe(one!.stdout);
        expect(readFileSync(at(`${label(runs[index + 1]!)}.html`), 'utf8')).toBe(
          readFileSync(at(`${label(runs[0]!)}.html`), 'utf8'),
        );
        expect(result.stderr).toContain('debug: the columns were read in 5 passes');
        // Each file's columns of passes 2 to 5 (the current file lacks legacy_flag).
        const folder = `${tmpdirs[index + 1]}/mlops-spill-`;
        expect(result.stderr).toMatch(
          new RegExp(
            `debug: ref${files}\\.csv was parsed once: 4 columns of the later passes \\([\\d.]+ KB\\) spilled to ${folder}\\w{6} \\(an unlinked file, freed when the check ends\\) and loaded from there\\n`,
          ),
        );
        expect(result.stderr).toContain(
          `debug: cur${files}.csv was parsed once: 3 columns of the later passes`,
        );
      }
      for (const tmpdir of tmpdirs) expect(readdirSync(tmpdir)).toEqual([]);
    },
  );

  it('the folder is named escaped in --debug', async () => {
    const tmpdir = freshTmpdir('tmp-\u001b[31mred');
    const result = await spawnBin('drift-detector', checkArgs('', ['--max-memory', '20MB', '--debug']), {
      cwd: temp.dir,
      env: { TMPDIR: tmpdir },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('spilled to ');
    expect(result.stderr).not.toContain('\u001b');
    expect(result.stderr).toContain('tmp-\\x1b[31mred/mlops-spill-');
  });
});

describe('a TMPDIR that cannot take the spill: exit 2, one line, no report', () => {
  it('a TMPDIR that does not exist', async () => {
    const missing = at('no-such-folder');
    const result = await spawnBin('drift-detector', checkArgs('', ['--max-memory', '20MB']), {
      cwd: temp.dir,
      env: { TMPDIR: missing },
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([
      `error: ${missing}: cannot make a file there to spill columns to (ENOENT: no such file or directory) (point TMPDIR at a writable folder with free space; or raise --max-memory, so that every column fits in one pass)`,
      '',
    ]);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('a spill file that cannot grow (ulimit -f: EFBIG, as a full disk is ENOSPC)', async () => {
    const tmpdir = freshTmpdir();
    // 64 blocks (32 KB in sh's 512-byte blocks): far less than the spill; nothing else writes a file.
    const child = spawn(
      'sh',
      [
        '-c',
        'ulimit -f 64 && exec "$0" "$@"',
        process.execPath,
        BINS['drift-detector'],
        ...checkArgs('', ['--max-memory', '20MB']),
      ],
      { cwd: temp.dir, env: cleanEnv({ TMPDIR: tmpdir }) },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const errors = stderr.split('\n');
    expect(errors).toHaveLength(2);
    expect(errors[1]).toBe('');
    expect(errors[0]).toMatch(
      new RegExp(
        `^error: ${tmpdir}/mlops-spill-\\w{6}: the spill file reached the size limit of a file \\(ulimit -f\\) while spilling columns of (ref|cur)\\.csv there \\(raise the file size limit; or raise --max-memory, so that fewer columns are spilled\\)$`,
      ),
    );
    expect(hasStackTrace(stderr)).toBe(false);
    expect(readdirSync(tmpdir)).toEqual([]);
  });

  it('a check killed mid-way (SIGKILL: no handler runs) leaves nothing in TMPDIR', async () => {
    const tmpdir = freshTmpdir();
    const child = spawn(
      process.execPath,
      [BINS['drift-detector'], ...checkArgs('', ['--max-memory', '20MB', '--debug'])],
      {
        cwd: temp.dir,
        env: cleanEnv({ TMPDIR: tmpdir, MLOPS_DRIFT_THREADS: 'on' }),
      },
    );
    // Killed as soon as the first pass has started reading (and spilling).
    child.stderr.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('debug: reading')) child.kill('SIGKILL');
    });
    const signal = await new Promise((resolve) => child.on('close', (_code, signal) => resolve(signal)));
    expect(signal).toBe('SIGKILL');
    expect(readdirSync(tmpdir)).toEqual([]);
  });
});
