import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../errors.js';
import { assertCanWrite, assertNotAnInput, resolveOutputTarget, writeOutputFile } from './write-output.js';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'mlops-output-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const naming = { what: 'report', label: '--out' };
const ROOT = process.getuid?.() === 0;
/** nobody:nogroup on Debian. */
const NOBODY = { uid: 65534, gid: 65534 };

describe('writeOutputFile: regular files and new paths are replaced atomically', () => {
  it('creates a new file (0o666 less the umask) and leaves no temporary file', async () => {
    const file = join(folder, 'new.html');
    await writeOutputFile(file, 'hello', naming);
    expect(readFileSync(file, 'utf8')).toBe('hello');
    const umask = process.umask();
    expect(statSync(file).mode & 0o777).toBe(0o666 & ~umask);
    expect(readdirSync(folder)).toEqual(['new.html']);
  });

  it('writes text given in pieces, one after the other, as one file', async () => {
    const file = join(folder, 'pieces.json');
    await writeOutputFile(file, ['{"a": ', '"café"', '}\n'], naming);
    expect(readFileSync(file, 'utf8')).toBe('{"a": "café"}\n');
    expect(readdirSync(folder)).toEqual(['pieces.json']);
  });

  it('replaces a regular file (a new inode), keeping its mode', async () => {
    const file = join(folder, 'old.html');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    const before = statSync(file).ino;
    await writeOutputFile(file, 'new', naming);
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file).ino).not.toBe(before);
    expect(statSync(file).mode & 0o7777).toBe(0o640);
    expect(readdirSync(folder)).toEqual(['old.html']);
  });

  it.skipIf(!ROOT)('keeps owner and group when the writer may set them (root)', async () => {
    const file = join(folder, 'owned.json');
    writeFileSync(file, 'old');
    chownSync(file, NOBODY.uid, NOBODY.gid);
    chmodSync(file, 0o2640); // set-group-id too: chown would clear it, the fchmod after restores it
    await writeOutputFile(file, 'new', naming);
    const stats = statSync(file);
    expect([stats.uid, stats.gid, stats.mode & 0o7777]).toEqual([NOBODY.uid, NOBODY.gid, 0o2640]);
  });

  it('puts the temporary file in the target folder, named with the given id, and removes it when beforeReplace throws', async () => {
    const file = join(folder, 'kept.json');
    writeFileSync(file, 'old');
    let seen: string[] = [];
    const refusal = new UsageError('not now');
    await expect(
      writeOutputFile(file, 'new', {
        ...naming,
        temporaryId: 'writer-7',
        beforeReplace: () => {
          seen = readdirSync(folder).sort();
          throw refusal;
        },
      }),
    ).rejects.toBe(refusal); // as it is, not wrapped
    expect(seen).toEqual(['.kept.json.writer-7.tmp', 'kept.json']);
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(folder)).toEqual(['kept.json']);
  });

  it('reports a missing folder and a folder in the way, leaving nothing behind (exit 2)', async () => {
    const missing = join(folder, 'no', 'such.html');
    await expect(
      writeOutputFile(missing, 'x', { ...naming, display: 'no/such.html', hint: 'pick another' }),
    ).rejects.toThrow(
      new InputError('cannot write the report: no such folder', {
        file: 'no/such.html',
        hint: 'pick another',
      }),
    );
    mkdirSync(join(folder, 'dir'));
    await expect(writeOutputFile(join(folder, 'dir'), 'x', naming)).rejects.toThrow(
      'cannot write the report: it is a folder',
    );
    expect(readdirSync(folder)).toEqual(['dir']);
  });
});

describe('writeOutputFile: symbolic links', () => {
  it('writes through a link to its target; the link stays a link', async () => {
    const target = join(folder, 'target.html');
    writeFileSync(target, 'old');
    const link = join(folder, 'link.html');
    symlinkSync('target.html', link);
    await writeOutputFile(link, 'new', naming);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('new');
  });

  it('writes through a dangling link (a chain of them, relative, into another folder): the target is created', async () => {
    mkdirSync(join(folder, 'elsewhere'));
    symlinkSync('elsewhere/final.html', join(folder, 'middle.html')); // dangling
    symlinkSync('middle.html', join(folder, 'first.html'));
    let temporaries: string[] = [];
    await writeOutputFile(join(folder, 'first.html'), 'made', {
      ...naming,
      beforeReplace: () => {
        temporaries = readdirSync(join(folder, 'elsewhere'));
      },
    });
    expect(temporaries).toHaveLength(1); // the temporary file is in the target's folder
    expect(temporaries[0]).toMatch(/^\.final\.html\..*\.tmp$/);
    expect(readFileSync(join(folder, 'elsewhere', 'final.html'), 'utf8')).toBe('made');
    expect(lstatSync(join(folder, 'first.html')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(folder, 'middle.html')).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(folder, 'elsewhere'))).toEqual(['final.html']);
  });

  it('reports a loop of links (exit 2)', async () => {
    symlinkSync('b', join(folder, 'a'));
    symlinkSync('a', join(folder, 'b'));
    await expect(writeOutputFile(join(folder, 'a'), 'x', naming)).rejects.toThrow(
      'cannot write the report: too many levels of symbolic links',
    );
  });
});

describe('writeOutputFile: streams are written to, never replaced', () => {
  it('writes to /dev/null, which stays a character device', async () => {
    await writeOutputFile('/dev/null', 'nothing', naming);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('sends - and /dev/stdout to the stdout given', async () => {
    const written: string[] = [];
    for (const path of ['-', '/dev/stdout', '/proc/self/fd/1'])
      await writeOutputFile(path, `to ${path}`, { ...naming, stdout: (text) => written.push(text) });
    expect(written).toEqual(['to -', 'to /dev/stdout', 'to /proc/self/fd/1']);
  });

  it('sends pieces and bytes to the stdout given as text', async () => {
    const written: string[] = [];
    await writeOutputFile('-', ['a', 'b'], { ...naming, stdout: (text) => written.push(text) });
    await writeOutputFile('-', new TextEncoder().encode('café'), {
      ...naming,
      stdout: (text) => written.push(text),
    });
    expect(written).toEqual(['a', 'b', 'café']);
  });

  it('writes /dev/fd/N to that descriptor (a redirected file keeps its inode and gets appended to)', async () => {
    const file = join(folder, 'redirected.txt');
    writeFileSync(file, 'before\n');
    const fd = openSync(file, 'a');
    const inode = statSync(file).ino;
    try {
      await writeOutputFile(`/dev/fd/${fd}`, 'after\n', naming);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, 'utf8')).toBe('before\nafter\n');
    expect(statSync(file).ino).toBe(inode);
  });

  it('writes into a FIFO for its reader; the FIFO stays a FIFO', async () => {
    const fifo = join(folder, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    let received = '';
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      received += chunk;
    });
    const closed = new Promise((resolve) => reader.on('close', resolve));
    await writeOutputFile(fifo, 'through the pipe', naming);
    await closed;
    expect(received).toBe('through the pipe');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('refuses a FIFO or a device when only a regular file will do (the registry)', async () => {
    const fifo = join(folder, 'pipe');
    spawnSync('mkfifo', [fifo]);
    for (const path of [fifo, '/dev/null', '-'])
      await expect(writeOutputFile(path, 'x', { ...naming, nonRegular: 'refuse' })).rejects.toThrow(
        'cannot write the report: it is not a regular file',
      );
  });
});

describe('assertNotAnInput', () => {
  it('refuses an output that is an input: same path, a link to it, a hard link, or a relative spelling', () => {
    const input = join(folder, 'ref.csv');
    writeFileSync(input, 'a\n1\n');
    symlinkSync('ref.csv', join(folder, 'alias.csv'));
    linkSync(input, join(folder, 'hard.csv'));
    const inputs = [{ path: input, label: '--reference ref.csv' }];
    for (const output of [
      input,
      join(folder, 'alias.csv'),
      join(folder, 'hard.csv'),
      'ref.csv',
      './x/../ref.csv',
    ]) {
      expect(() => assertNotAnInput(output, inputs, { ...naming, display: output, cwd: folder })).toThrow(
        new UsageError(
          `--out: ${output} is the same file as --reference ref.csv: writing the report would overwrite an input`,
          { hint: 'name another file for the output' },
        ),
      );
    }
    expect(readFileSync(input, 'utf8')).toBe('a\n1\n');
  });

  it('refuses a new path that an input names too (through a dangling link)', () => {
    symlinkSync('later.csv', join(folder, 'link.csv'));
    expect(() =>
      assertNotAnInput(
        join(folder, 'later.csv'),
        [{ path: join(folder, 'link.csv'), label: '--current' }],
        naming,
      ),
    ).toThrow(UsageError);
  });

  it('allows other files, and a character device that is also an input (writing to it destroys nothing)', () => {
    writeFileSync(join(folder, 'ref.csv'), 'a\n');
    const inputs = [
      { path: join(folder, 'ref.csv'), label: '--reference' },
      { path: '/dev/null', label: '--current' },
    ];
    expect(() => assertNotAnInput(join(folder, 'report.html'), inputs, naming)).not.toThrow();
    expect(() => assertNotAnInput('/dev/null', inputs, naming)).not.toThrow();
    expect(resolveOutputTarget('/dev/null', naming).kind).toBe('stream');
  });

  it('is checked by writeOutputFile before writing anything', async () => {
    const input = join(folder, 'ref.csv');
    writeFileSync(input, 'keep');
    await expect(
      writeOutputFile(input, 'overwritten', { ...naming, inputs: [{ path: input, label: '--reference' }] }),
    ).rejects.toThrow(UsageError);
    expect(readFileSync(input, 'utf8')).toBe('keep');
    expect(readdirSync(folder)).toEqual(['ref.csv']);
  });
});

describe('assertCanWrite', () => {
  const canWrite = (path: string) => () =>
    assertCanWrite(resolveOutputTarget(path, naming), { ...naming, display: 'shown' }, 'the hint');

  it('accepts a new file or a file in a folder that exists, a device, a descriptor', () => {
    writeFileSync(join(folder, 'old.json'), 'old');
    for (const path of [join(folder, 'new.json'), join(folder, 'old.json'), '/dev/null', '-', '/dev/stdout'])
      expect(canWrite(path), path).not.toThrow();
    expect(readdirSync(folder)).toEqual(['old.json']);
  });

  it('refuses a file in a missing folder, in the words the write fails with', async () => {
    const path = join(folder, 'no', 'such.json');
    expect(canWrite(path)).toThrow(
      new InputError('cannot write the report: no such folder', { file: 'shown', hint: 'the hint' }),
    );
    await expect(
      writeOutputFile(path, 'x', { ...naming, display: 'shown', hint: 'the hint' }),
    ).rejects.toThrow(
      new InputError('cannot write the report: no such folder', { file: 'shown', hint: 'the hint' }),
    );
  });

  it.skipIf(ROOT)('refuses a file in a folder this process may not write to (not as root)', () => {
    const locked = join(folder, 'locked');
    mkdirSync(locked, 0o555);
    expect(canWrite(join(locked, 'r.json'))).toThrow('cannot write the report: permission denied');
    chmodSync(locked, 0o755);
  });
});
