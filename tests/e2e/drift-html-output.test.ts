import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BINS, cleanEnv, makeTempDir, ROOT, spawnBin } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

// Where drift-detector --html writes its page (the page itself: drift-html.test.ts). Devices, pipes
// and the process's own stdout are the process's, so those runs spawn the bin; the others run the
// program in this process.
const REFERENCE = 'fixtures/drift/reference.csv';
const CURRENT = 'fixtures/drift/current.csv';
const EXAMPLE = ['--reference', REFERENCE, '--current', CURRENT];

describe('drift-detector --html: where the page goes (one rule for every output file)', () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => {
    ({ dir, cleanup } = makeTempDir('mlops-drift-output-'));
  });
  afterAll(() => cleanup());
  const plain = () => runInProcess('drift-detector', [...EXAMPLE, '--json']);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('/dev/null is written to, not replaced: it stays a character device', async () => {
    const result = await runInProcess('drift-detector', [...EXAMPLE, '--json', '--html', '/dev/null']);
    expect(result).toEqual(await plain());
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('- and /dev/stdout print the page on stdout, before the report', async () => {
    // - is the program's stdout; /dev/stdout is the process's, so that one runs as the bin.
    const [expected, dash, devStdout] = await Promise.all([
      plain(),
      runInProcess('drift-detector', [...EXAMPLE, '--json', '--html', '-']),
      spawnBin('drift-detector', [...EXAMPLE, '--json', '--html', '/dev/stdout']),
    ]);
    for (const [target, result] of [
      ['-', dash],
      ['/dev/stdout', devStdout],
    ] as const) {
      expect(result.code, target).toBe(1);
      expect(result.stderr, target).toBe('');
      const end = result.stdout.indexOf('</html>\n') + '</html>\n'.length;
      expect(result.stdout.startsWith('<!DOCTYPE html>'), target).toBe(true);
      expect(JSON.parse(result.stdout.slice(end))).toEqual(JSON.parse(expected.stdout));
    }
  });

  it('/dev/stdout redirected to a file appends to that file (same inode), never replaces it', () => {
    const file = join(dir, 'redirected.txt');
    writeFileSync(file, 'before\n');
    const inode = statSync(file).ino;
    const fd = openSync(file, 'a');
    try {
      const result = spawnSync(
        process.execPath,
        [BINS['drift-detector'], ...EXAMPLE, '--json', '--html', '/dev/stdout'],
        {
          cwd: ROOT,
          env: cleanEnv(),
          stdio: ['ignore', fd, 'pipe'],
          encoding: 'utf8',
        },
      );
      expect(result.status).toBe(1);
    } finally {
      closeSync(fd);
    }
    const text = readFileSync(file, 'utf8');
    expect(statSync(file).ino).toBe(inode);
    expect(text.startsWith('before\n<!DOCTYPE html>')).toBe(true);
    expect(text.trimEnd().endsWith('}')).toBe(true); // the JSON report after the page
  });

  it('a FIFO is written to for its reader, and stays a FIFO', async () => {
    const fifo = join(dir, 'page.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    let received = '';
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      received += chunk;
    });
    const read = new Promise((resolve) => reader.on('close', resolve));
    const drift = spawn(process.execPath, [BINS['drift-detector'], ...EXAMPLE, '--html', fifo], {
      cwd: ROOT,
      env: cleanEnv(),
      stdio: 'ignore',
    });
    const code = await new Promise((resolve) => drift.on('close', resolve));
    await read;
    expect(code).toBe(1);
    expect(received.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(received.endsWith('</html>\n')).toBe(true);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('a symbolic link is followed: its target is replaced (or created, when the link dangles); the link stays', async () => {
    mkdirSync(join(dir, 'pages'));
    writeFileSync(join(dir, 'pages', 'old.html'), 'old');
    symlinkSync('pages/old.html', join(dir, 'existing.html'));
    symlinkSync('pages/new.html', join(dir, 'dangling.html'));
    for (const link of ['existing.html', 'dangling.html']) {
      const result = await runInProcess('drift-detector', [...EXAMPLE, '--html', join(dir, link)]);
      expect(result.code, link).toBe(1);
      expect(lstatSync(join(dir, link)).isSymbolicLink(), link).toBe(true);
      expect(readFileSync(join(dir, link), 'utf8').startsWith('<!DOCTYPE html>'), link).toBe(true);
    }
    expect(readlinkSync(join(dir, 'dangling.html'))).toBe('pages/new.html');
    expect(readdirSync(join(dir, 'pages')).sort()).toEqual(['new.html', 'old.html']); // no temporary file
  });

  it('--html naming an input is exit 2 before anything is read, the input untouched', async () => {
    const reference = join(dir, 'ref.csv');
    copyFileSync(join(ROOT, REFERENCE), reference);
    const before = statSync(reference);
    const bytes = readFileSync(reference);
    linkSync(reference, join(dir, 'hard-link.csv'));
    symlinkSync('ref.csv', join(dir, 'soft-link.csv'));
    // The current file is a FIFO nobody writes to yet: a run that opened it would wait for a writer,
    // and the writer below, waiting for a reader, would be released.
    const fifo = join(dir, 'current.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const writer = spawn('sh', ['-c', `printf 'a\\n1\\n' > '${fifo}'`]);
    let writerEnded = false;
    writer.on('close', () => {
      writerEnded = true;
    });
    const cases = [
      ['ref.csv', '--reference ref.csv'],
      ['./ref.csv', '--reference ref.csv'],
      ['hard-link.csv', '--reference ref.csv'],
      ['soft-link.csv', '--reference ref.csv'],
      ['current.fifo', '--current current.fifo'],
    ];
    const runs = cases.flatMap(([html, input]) =>
      (['drift-detector', 'mlops'] as const).map(async (bin) => {
        const args = ['--reference', 'ref.csv', '--current', 'current.fifo', '--html', html!];
        // MLOPS_DRIFT_THREADS=on: the bin would start reading the current file from its first lines.
        const result = await spawnBin(bin, bin === 'mlops' ? ['drift', ...args] : args, {
          cwd: dir,
          env: { MLOPS_DRIFT_THREADS: 'on' },
          timeoutMs: 15_000,
        });
        return { bin, html, input, result };
      }),
    );
    for (const { bin, html, input, result } of await Promise.all(runs)) {
      expect(result, `${bin} --html ${html}`).toEqual({
        code: 2,
        stdout: '',
        stderr: `error: --html: ${html} is the same file as ${input}: writing the HTML report would overwrite an input (name another file for the output)\n`,
      });
    }
    await sleep(300);
    expect(writerEnded).toBe(false); // nobody opened the FIFO to read it
    writer.kill();
    expect(readFileSync(reference).equals(bytes)).toBe(true);
    const after = statSync(reference);
    expect([after.ino, after.mtimeMs, after.size]).toEqual([before.ino, before.mtimeMs, before.size]);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});
