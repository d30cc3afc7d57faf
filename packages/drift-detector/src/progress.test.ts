import { BufferStream } from '@mlops/cli-kit';
import { describe, expect, it } from 'vitest';
import { progressLine } from './progress.js';

describe('progressLine', () => {
  it('rewrites one line in place: bytes per file, then columns, then clears it', () => {
    const stream = new BufferStream(true);
    const progress = progressLine(stream);
    const megabyte = 1024 * 1024;
    progress.reading('ref.csv', 16 * megabyte, 160 * megabyte);
    progress.reading('cur.csv', 32 * megabyte, 150 * megabyte);
    progress.reading('cur.csv', 32 * megabyte, 150 * megabyte); // unchanged: not written again
    progress.analysing(3, 20);
    progress.done();
    expect(stream.text.split('\r\u001b[K')).toEqual([
      '',
      'reading ref.csv 16/160 MB',
      'reading ref.csv 16/160 MB, cur.csv 32/150 MB',
      'analysing columns 3/20',
      '',
    ]);
  });

  it('writes nothing at all when nothing was shown', () => {
    const stream = new BufferStream(true);
    progressLine(stream).done();
    expect(stream.text).toBe('');
  });

  it('escapes file names: its own CR and erase-line are the only control codes', () => {
    const stream = new BufferStream(true);
    progressLine(stream).reading('a\n::error::x\u001b]0;t\u0007.csv', 0, 1024 * 1024);
    expect(stream.text).toBe('\r\u001b[Kreading a\\n::error::x\\x1b]0;t\\x07.csv 0/1 MB');
  });
});
