import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { formatByteSize, readInputBytes, readInputText, readInputTextIfPresent } from './read-input.js';

const folder = mkdtempSync(join(tmpdir(), 'mlops-read-input-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function thrown(action: () => unknown): InputError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('readInputBytes', () => {
  it('reads a regular file whole', () => {
    const path = join(folder, 'a.json');
    writeFileSync(path, '{"a": 1}');
    expect(readInputText(path, { what: 'config file', maxBytes: 100 })).toBe('{"a": 1}');
    expect(readInputBytes(path, { what: 'config file', maxBytes: 8 }).length).toBe(8);
  });

  it('refuses a regular file over the cap before reading it', () => {
    const path = join(folder, 'big.json');
    writeFileSync(path, 'x'.repeat(2048));
    const error = thrown(() =>
      readInputBytes(path, { what: 'pipeline file', maxBytes: 1024, display: 'big.json' }),
    );
    expect(error.toLine()).toBe('big.json: pipeline file is larger than the 1 KB this tool reads');
  });

  it('stops reading a device at the cap: /dev/zero never ends', () => {
    const error = thrown(() => readInputBytes('/dev/zero', { what: 'registry', maxBytes: 1 << 20 }));
    expect(error.message).toBe('registry is larger than the 1 MB this tool reads');
  });

  it('refuses a non-regular file when asked to', () => {
    const error = thrown(() =>
      readInputBytes('/dev/null', { what: 'registry', maxBytes: 100, allowNonRegular: false }),
    );
    expect(error.toLine()).toBe(
      '/dev/null: registry is not a regular file (name a regular file, not a pipe or a device)',
    );
  });

  it('reads a FIFO up to its end', () => {
    const fifo = join(folder, 'fifo');
    execFileSync('mkfifo', [fifo]);
    spawn('sh', ['-c', `printf 'hello' > '${fifo}'`], { stdio: 'ignore' });
    expect(readInputText(fifo, { what: 'file', maxBytes: 100 })).toBe('hello');
  });

  it.each([
    ['missing', join(folder, 'nope.json'), 'file not found (check the path)'],
    ['a folder', folder, 'file is a folder, not a file (name a file)'],
    [
      'under a file',
      join(folder, 'a.json', 'x'),
      'file not found: a part of the path is not a folder (check the path)',
    ],
  ])('names the problem for %s', (_, path, message) => {
    expect(thrown(() => readInputBytes(path, { what: 'file', maxBytes: 10, display: 'P' })).toLine()).toBe(
      `P: ${message}`,
    );
  });
});

describe('readInputTextIfPresent', () => {
  it('reads a file, and returns undefined when there is none', () => {
    const path = join(folder, 'present.json');
    writeFileSync(path, '[]');
    expect(readInputTextIfPresent(path, { what: 'registry', maxBytes: 10 })).toBe('[]');
    expect(readInputTextIfPresent(join(folder, 'absent.json'), { what: 'registry', maxBytes: 10 })).toBe(
      undefined,
    );
  });

  it('still refuses a folder, a path through a file, and a file over the cap', () => {
    const options = { what: 'registry', maxBytes: 1, display: 'P' };
    expect(thrown(() => readInputTextIfPresent(folder, options)).message).toBe(
      'registry is a folder, not a file',
    );
    expect(thrown(() => readInputTextIfPresent(join(folder, 'present.json', 'x'), options)).message).toBe(
      'registry not found: a part of the path is not a folder',
    );
    expect(thrown(() => readInputTextIfPresent(join(folder, 'present.json'), options)).message).toBe(
      'registry is larger than the 1 bytes this tool reads',
    );
  });

  it('refuses a FIFO without opening it when non-regular files are not allowed (no writer: no hang)', () => {
    const fifo = join(folder, 'lonely-fifo');
    execFileSync('mkfifo', [fifo]);
    const error = thrown(() =>
      readInputTextIfPresent(fifo, { what: 'registry', maxBytes: 10, allowNonRegular: false }),
    );
    expect(error.message).toBe('registry is not a regular file');
  });
});

describe('formatByteSize', () => {
  it.each([
    [0, '0 bytes'],
    [1023, '1023 bytes'],
    [1024, '1 KB'],
    [256 * 1024 * 1024, '256 MB'],
    [1.5 * 1024 ** 3, '1.5 GB'],
  ])('%d → %s', (bytes, text) => expect(formatByteSize(bytes)).toBe(text));
});
